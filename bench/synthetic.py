"""Synthetic datasets shaped like ours: copies of the real records with renamed ids, references and names.

Copy `i` of every record gets the id suffix `-s<i>` (references follow, so the copy is valid on its own) and
the name suffix ` n<i>` (so each name or synonym stays unique and a lookup returns one record). The YAML
files are written as `sleepdata format` writes them; the bundle as `sleepdata build` writes it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sleepdata import strict_yaml
from sleepdata.models import FOLDERS
from sleepdata.validation import validate

_ID_MARK = "-zzsfx"
_NAME_MARK = " zzname"
_REF = re.compile(r"^(source|condition|cause|treatment|strength|warning|claim):[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Template:
    """The real records, marked where copies differ: (kind, id, YAML text, bundle JSON text)."""

    version: str
    records: list[tuple[str, str, str, str]]


@dataclass(frozen=True)
class Synthetic:
    root: Path
    dataset_dir: Path
    bundle: Path
    records: int
    yaml_bytes: int
    bundle_bytes: int
    ids: dict[str, list[str]]
    names: dict[str, list[str]]


def _mark(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                out[key] = item + _ID_MARK
            elif key in ("name", "inn") and isinstance(item, str):
                out[key] = item + _NAME_MARK
            else:
                out[key] = _mark(item)
        return out
    if isinstance(value, list):
        return [_mark(item) for item in value]
    if isinstance(value, str) and _REF.match(value):
        return value + _ID_MARK
    return value


def template(dataset_dir: Path) -> Template:
    """Read and validate our dataset once; keep each record's marked YAML and JSON text."""
    from sleepdata import __version__

    report = validate([dataset_dir])
    if not report.valid:
        raise SystemExit(f"the template dataset {dataset_dir} is not valid; fix it or run `sleepdata validate`")
    records = []
    for found in report.records:
        rid = found.record.id  # type: ignore[attr-defined]
        yaml_text = strict_yaml.dump(_mark(found.document.data))
        json_text = json.dumps(_mark(found.record.model_dump(mode="json")), ensure_ascii=False, separators=(",", ":"))
        records.append((found.kind, rid, yaml_text, json_text))
    return Template(__version__, records)


def _copy(text: str, i: int) -> str:
    return text.replace(_ID_MARK, f"-s{i}").replace(_NAME_MARK, f" n{i}")


def make(tpl: Template, target_records: int, root: Path) -> Synthetic:
    """Write `round(target / template size)` copies as a YAML dataset and a JSON bundle under `root`."""
    copies = max(1, round(target_records / len(tpl.records)))
    dataset_dir = root / "dataset"
    for folder in FOLDERS.values():
        (dataset_dir / folder).mkdir(parents=True, exist_ok=True)
    by_kind: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
    ids: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
    yaml_bytes = 0
    for i in range(copies):
        for kind, rid, yaml_text, json_text in tpl.records:
            text = _copy(yaml_text, i).encode("utf-8")
            (dataset_dir / FOLDERS[kind] / f"{rid}-s{i}.yaml").write_bytes(text)
            yaml_bytes += len(text)
            by_kind[kind].append(_copy(json_text, i))
            ids[kind].append(f"{rid}-s{i}")
    body = ",".join(f'"{kind}":[{",".join(items)}]' for kind, items in by_kind.items())
    bundle_text = f'{{"name":"sleepdata","version":"{tpl.version}","records":{{{body}}}}}\n'.encode()
    bundle = root / "dataset.json"
    bundle.write_bytes(bundle_text)
    names = {kind: [json.loads(_copy(t, i)).get("name", "") for i in range(copies) for k, _, _, t in tpl.records
                    if k == kind and k != "source"][:2000] for kind in ("condition", "treatment")}
    return Synthetic(root, dataset_dir, bundle, copies * len(tpl.records), yaml_bytes, len(bundle_text), ids, names)
