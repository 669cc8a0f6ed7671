"""Validating files in the context of their dataset, and extensions of the installed dataset.

One rule for `sleepdata validate`, `Dataset.from_path` and `load(extra=...)`: a file is checked together with
the dataset it belongs to (the folder above its kind folder), so references to its neighbours resolve; a
dataset whose references do not all resolve among its own records extends the installed dataset, its
references resolve into ours, and defining one of our ids again is an error (`id-collision`). A dataset that
defines most of our ids again is a copy of ours with a broken reference, not an extension.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .errors import Problem
from .records import KIND_OF_FOLDER, discover
from .validation import Report, validate


def dataset_root(path: Path) -> Path | None:
    """The dataset folder a record file belongs to (the parent of its kind folder), if it is in one."""
    return path.parent.parent if path.is_file() and path.parent.name in KIND_OF_FOLDER else None


def validate_in_context(paths: list[Path], sources_dir: Path | None = None,
                        installed: Mapping[str, set[str]] | None = None, records: bool = True,
                        cache: bool | None = None) -> Report:
    """Validate files and folders, each file with the rest of its dataset; report the problems of what was named.

    `installed` holds the ids of the installed dataset (read when needed if None); `records` and `cache` are
    `validate`'s.
    """
    roots: dict[Path, set[Path] | None] = {}  # dataset folder -> the files named in it (None: the whole folder)
    loose: list[Path] = []
    for path in paths:
        root = dataset_root(path)
        if path.is_dir():
            roots[path] = None
        elif root is None:
            loose.append(path)
        elif roots.get(root, set()) is not None:
            roots.setdefault(root, set()).add(path)  # type: ignore[union-attr]
    merged = Report()
    if loose:
        _merge(merged, validate(loose, sources_dir, cache=cache, records=records))
    for root, named in roots.items():
        report = validate([root], sources_dir, cache=cache, records=records)
        if any(p.code == "dangling-reference" for p in report.problems):
            ids = installed if installed is not None else installed_ids()
            if not _redefines_most_of(root, ids):
                report = validate([root], sources_dir, ids, cache=cache, records=records)
        if named is not None:
            shown = {str(p) for p in named}
            report.problems = [p for p in report.problems if p.file in shown]
            report.files = {k: v for k, v in report.files.items() if k in shown}
            report.records = [f for f in report.records if f.document.file in shown]
            report.checked = [name for name in report.checked if name in shown]
        _merge(merged, report)
    return merged


def _merge(into: Report, report: Report) -> None:
    into.files.update(report.files)
    into.records += report.records
    into.checked += report.checked
    into.problems += report.problems
    into.retired.update(report.retired)
    into.extends = into.extends or report.extends


def _redefines_most_of(root: Path, installed: Mapping[str, set[str]]) -> bool:
    """Whether a dataset folder holds most installed records again (a record's id is its file's stem): then it is a
    copy of the installed dataset whose references are broken (say, by a file that cannot be read), not an
    extension, and its own problems are the ones to show."""
    found, _ = discover(root)
    again = sum(1 for _, kind, display in found if Path(display).stem in installed.get(kind, ()))
    return again * 2 > sum(len(ids) for ids in installed.values())


def installed_ids() -> dict[str, set[str]]:
    """Ids of the installed dataset, strengths included."""
    from .loading import load

    return load().ids()


__all__ = ["Problem", "dataset_root", "installed_ids", "validate_in_context"]
