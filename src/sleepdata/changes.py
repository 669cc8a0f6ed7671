"""`sleepdata diff`: what changed between two releases, down to the field, and the version bump it calls for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .dataset import Dataset


def open_release(path: Path) -> Dataset:
    """A dataset directory (validated) or a built JSON bundle."""
    return Dataset.from_bundle(path) if path.is_file() else Dataset.from_path(path)


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


def compare(old: Dataset, new: Dataset) -> dict[str, Any]:
    """Added, removed (with their replacement if retired) and changed records, and the SemVer bump implied."""
    added, removed, changed = [], [], {}
    for kind, collection in new.collections.items():
        before = old.collections[kind]
        for rid in sorted(set(collection) - set(before)):
            added.append(f"{kind}:{rid}")
        for rid in sorted(set(before) - set(collection)):
            removed.append({"id": f"{kind}:{rid}", "replaced_by": new.retired.get(f"{kind}:{rid}")})
        for rid in sorted(set(collection) & set(before)):
            fields = _field_changes(before.raw(rid), collection.raw(rid))
            if fields:
                changed[f"{kind}:{rid}"] = fields
    unretired = [r for r in removed if r["replaced_by"] is None]
    bump = "major" if unretired else "minor" if added or removed else "patch" if changed else "none"
    return {"old_version": old.version, "new_version": new.version, "bump": bump,
            "added": added, "removed": removed, "changed": changed}


def render_text(report: dict[str, Any]) -> str:
    lines = [f"sleepdata {report['old_version']} -> {report['new_version']}"]
    lines += [f"+ {ref}" for ref in report["added"]]
    for item in report["removed"]:
        tail = f" (retired; use {item['replaced_by']})" if item["replaced_by"] else ""
        lines.append(f"- {item['id']}{tail}")
    for ref, fields in report["changed"].items():
        lines.append(f"~ {ref}")
        lines += [f"    {f['path']}: {_short(f['old'])} -> {_short(f['new'])}" for f in fields]
    lines.append(f"{len(report['added'])} added, {len(report['removed'])} removed, {len(report['changed'])} changed; "
                 f"version bump: {report['bump']}")
    return "\n".join(lines) + "\n"


def _short(value: Any) -> str:
    text = "absent" if value is None else repr(value)
    return text if len(text) <= 80 else text[:77] + "…"
