"""`sleepdata diff`: what changed between two releases, record by record and claim by claim.

Claims are matched by claim id, so a claim inserted, removed or moved within a list is reported as that, never as
a changed list. A record's own fields are compared with its claims left out (each claim is compared on its own).
The version bump: an id (record or claim) gone without a retirement entry, or a field no record uses any more
(a schema break), is major; a new id is minor; changed
fields only are a patch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .claim_data import is_raw_claim as _is_claim
from .claim_data import raw_claims as _claims
from .dataset import Dataset

JUDGEMENT = ("reading", "verdict")


def open_release(path: Path) -> Dataset:
    """A dataset directory (validated) or a built JSON bundle."""
    return Dataset.from_bundle(path) if path.is_file() else Dataset.from_path(path)


def _own(value: Any) -> Any:
    """What belongs to this object alone: nested claims left out (each is compared on its own, and their order
    in a list is no change)."""
    if isinstance(value, dict):
        return {key: _own(item) for key, item in value.items()
                if not _is_claim(item) and not (isinstance(item, list) and item and all(map(_is_claim, item)))}
    if isinstance(value, list):
        return [_own(item) for item in value if not _is_claim(item)]
    return value


def _field_changes(old: Any, new: Any, path: str = "") -> list[dict[str, Any]]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in [*old, *(k for k in new if k not in old)]:
            sub = f"{path}.{key}" if path else key
            out += _field_changes(old.get(key), new.get(key), sub)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [c for i, (a, b) in enumerate(zip(old, new, strict=True)) for c in _field_changes(a, b, f"{path}[{i}]")]
    return [] if old == new else [{"path": path, "old": old, "new": new}]


def _shape(records: dict[str, dict[str, Any]]) -> set[str]:
    """Every field path the records use (`treatment.strengths.marketed`): the shape of the data."""
    out: set[str] = set()

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                out.add(f"{path}.{key}")
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, path)

    for ref, raw in records.items():
        walk(raw, ref.split(":", 1)[0])
    return out


Claims = dict[str, tuple[str, str, dict[str, Any]]]  # claim id -> (record reference, path, claim)


def records_of(data: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    """(reference, plain record data) of every record."""
    for kind, collection in data.collections.items():
        for rid in collection:
            yield f"{kind}:{rid}", collection.raw(rid)


def index(records: Iterable[tuple[str, dict[str, Any]]]) -> tuple[dict[str, dict[str, Any]], Claims]:
    """Records by reference, and every claim by its id, of plain record data (a dataset's or a kept bundle's)."""
    by_ref: dict[str, dict[str, Any]] = {}
    claims: Claims = {}
    for ref, raw in records:
        by_ref[ref] = raw
        for cid, path, claim in _claims(raw):
            claims[cid] = (ref, path, claim)
    return by_ref, claims


def compare_claims(old: Claims, new: Claims, retired: dict[str, str]) -> dict[str, Any]:
    """Claims added, removed (with their replacement if retired), changed (field by field) and re-judged."""
    added = [{"id": cid, "record": new[cid][0], "path": new[cid][1]} for cid in sorted(set(new) - set(old))]
    removed = [{"id": cid, "record": old[cid][0], "replaced_by": retired.get(f"claim:{cid}")}
               for cid in sorted(set(old) - set(new))]
    changed, rejudged = {}, []
    for cid in sorted(set(old) & set(new)):
        before, after = old[cid], new[cid]
        fields = _field_changes(_own(before[2]), _own(after[2]))
        if before[0] != after[0]:
            fields.insert(0, {"path": "(record)", "old": before[0], "new": after[0]})
        if fields:
            changed[cid] = fields
        if any(before[2].get(k) != after[2].get(k) for k in JUDGEMENT):
            rejudged.append({"id": cid, "record": after[0],
                             **{k: [before[2].get(k), after[2].get(k)] for k in JUDGEMENT}})
    return {"added": added, "removed": removed, "changed": changed, "rejudged": rejudged}


def compare(old: Dataset, new: Dataset) -> dict[str, Any]:
    """Added, removed (with their replacement if retired) and changed records and claims, and the bump implied."""
    old_records, old_claims = index(records_of(old))
    new_records, new_claims = index(records_of(new))
    added = sorted(set(new_records) - set(old_records))
    removed = [{"id": ref, "replaced_by": new.retired.get(ref)} for ref in sorted(set(old_records) - set(new_records))]
    changed = {}
    for ref in sorted(set(old_records) & set(new_records)):
        fields = _field_changes(_own(old_records[ref]), _own(new_records[ref]))
        if fields:
            changed[ref] = fields
    claims = compare_claims(old_claims, new_claims, new.retired)
    claims_added, claims_removed = claims["added"], claims["removed"]
    lost = [r for r in (*removed, *claims_removed) if r["replaced_by"] is None]
    dropped = sorted(_shape(old_records) - _shape(new_records))
    bump = ("major" if lost or dropped else "minor" if added or removed or claims_added or claims_removed
            else "patch" if changed or claims["changed"] else "none")
    return {"old_version": old.version, "new_version": new.version, "bump": bump,
            "fields_dropped": dropped, "added": added, "removed": removed, "changed": changed,
            "claims": claims}


def render_text(report: dict[str, Any]) -> str:
    lines = [f"sleepdata {report['old_version']} -> {report['new_version']}"]
    claims = report["claims"]
    lines += [f"+ {ref}" for ref in report["added"]]
    lines += [_removed(item["id"], item) for item in report["removed"]]
    lines += [line for ref, fields in report["changed"].items() for line in _changed(ref, fields)]
    lines += [f"+ claim:{c['id']} ({c['record']} {c['path']})" for c in claims["added"]]
    lines += [_removed(f"claim:{item['id']} ({item['record']})", item) for item in claims["removed"]]
    lines += [line for cid, fields in claims["changed"].items() for line in _changed(f"claim:{cid}", fields)]
    if report["fields_dropped"]:
        lines.append(f"fields no record uses any more (a schema break): {', '.join(report['fields_dropped'][:12])}"
                     f"{' …' if len(report['fields_dropped']) > 12 else ''}")
    lines.append(f"{len(report['added'])} added, {len(report['removed'])} removed, {len(report['changed'])} changed "
                 f"records; {len(claims['added'])} added, {len(claims['removed'])} removed, {len(claims['changed'])} "
                 f"changed claims ({len(claims['rejudged'])} re-judged); version bump: {report['bump']}")
    return "\n".join(lines) + "\n"


def release_ids(data: Dataset) -> list[str]:
    """Every id a release makes referenceable: records, strengths and claims, as references."""
    records, claims = index(records_of(data))
    strengths = {f"strength:{sid}" for sid in data.ids().get("strength", ())}
    return sorted({*records, *strengths, *(f"claim:{cid}" for cid in claims)})


def _removed(label: str, item: dict[str, Any]) -> str:
    return f"- {label}" + (f" (retired; use {item['replaced_by']})" if item["replaced_by"] else "")


def _changed(label: str, fields: list[dict[str, Any]]) -> list[str]:
    return [f"~ {label}", *(f"    {f['path']}: {_short(f['old'])} -> {_short(f['new'])}" for f in fields)]


def write_release_ids(data: Dataset, directory: Path) -> Path:
    """Write `<version>.ids`, one reference a line, into `directory` (via a temporary file)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{data.version}.ids"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text("\n".join(release_ids(data)) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path


def _short(value: Any) -> str:
    text = "absent" if value is None else repr(value)
    return text if len(text) <= 80 else text[:77] + "…"
