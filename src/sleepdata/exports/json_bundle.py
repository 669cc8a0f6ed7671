"""JSON exports: one bundle of every record (`json`), or one JSON Lines file per kind (`jsonl`).

Records appear exactly as the models dump them (every field, curation included), sorted by id. The bundle
carries the dataset's name, version and notice; the JSON Lines files are accompanied by `manifest.json`,
which carries the same and names each file with its record count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..models import FOLDERS
from .common import NAME, NOTICE, dump, records_of, to_json, write_text


def _by_kind(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in dataset.collections}
    for kind, _, record in records_of(dataset):
        out[kind].append(dump(record))
    return out


def export_json(dataset: Dataset, out: Path) -> list[Path]:
    data = {"name": NAME, "version": dataset.version, "notice": NOTICE, "records": _by_kind(dataset)}
    return [write_text(out / f"{NAME}.json", to_json(data) + "\n")]


def export_jsonl(dataset: Dataset, out: Path) -> list[Path]:
    written = []
    files: dict[str, dict[str, Any]] = {}
    for kind, records in _by_kind(dataset).items():
        name = f"{FOLDERS[kind]}.jsonl"
        written.append(write_text(out / name, "".join(to_json(r) + "\n" for r in records)))
        files[kind] = {"path": name, "records": len(records)}
    manifest = {"name": NAME, "version": dataset.version, "notice": NOTICE, "files": files}
    written.append(write_text(out / "manifest.json", to_json(manifest, indent=2) + "\n"))
    return written
