"""Canonical record files: model field order, block style, defaults left out. One command restores it."""

from __future__ import annotations

from pathlib import Path

from . import strict_yaml
from .errors import Problem
from .validation import validate


def canonical_text(record: object) -> str:
    """The canonical YAML text of a validated record."""
    data = record.model_dump(mode="json", exclude_defaults=True)  # type: ignore[attr-defined]
    return strict_yaml.dump(data)


def format_paths(paths: list[Path], check: bool = False) -> tuple[list[str], list[Problem]]:
    """Rewrite (or with `check`, only list) files whose text is not canonical. Invalid data is not touched."""
    report = validate(paths)
    if report.errors and not report.records:
        return [], report.errors
    changed = []
    for f in report.records:
        path = f.path or Path(f.document.file)
        text = canonical_text(f.record)
        if path.read_text(encoding="utf-8") != text:
            changed.append(str(path))
            if not check:
                path.write_text(text, encoding="utf-8")
    return changed, []
