"""`load()`: the installed dataset, read once from its pre-built JSON bundle and cached.

`load(extra=[DIR, ...])` adds a user's own records (validated, references into ours resolved) and refuses
an id that both define.
"""

from __future__ import annotations

import _thread
import gc
import warnings
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .dataset import Dataset
from .errors import DatasetError

BUNDLE = "dataset.json"


def data_dir() -> Path:
    """Where the installed package keeps its data files."""
    return Path(str(resources.files("sleepdata") / "data"))


def bundle_path() -> Path:
    """The installed pre-built bundle."""
    return data_dir() / BUNDLE


class StaleBundleWarning(UserWarning):
    """In a checkout, record files changed after the bundle was built: `load()` does not see the change."""


_lock = _thread.allocate_lock()  # the low-level lock: importing `threading` would slow `import sleepdata`
_cache: list[Dataset] = []


def _installed() -> Dataset:
    """The installed dataset, built once however many threads ask at the same time."""
    if _cache:
        return _cache[0]
    with _lock:
        if not _cache:
            path = bundle_path()
            _warn_if_stale(path)
            _cache.append(Dataset.from_bundle(path))
            gc.freeze()  # the loaded data lives as long as the process: keep it out of the collector's passes
    return _cache[0]


def _warn_if_stale(bundle: Path) -> None:
    """Warn when the package runs from a checkout whose YAML records are newer than its bundle."""
    dataset = bundle.parent.parent.parent.parent / "dataset"  # <checkout>/src/sleepdata/data/dataset.json
    if not dataset.is_dir() or not bundle.is_file():
        return
    built = bundle.stat().st_mtime
    newer = [p for p in dataset.glob("*/*.yaml") if p.stat().st_mtime > built]
    if newer:
        shown = ", ".join(str(p.relative_to(dataset.parent)) for p in newer[:3]) + (" …" if len(newer) > 3 else "")
        warnings.warn(f"{len(newer)} record file{'s' * (len(newer) != 1)} changed since the bundle was built "
                      f"({shown}); run `sleepdata build --no-site` to see the change", StaleBundleWarning,
                      stacklevel=3)


def load(extra: Iterable[Path | str] = ()) -> Dataset:
    """The installed dataset (cached), or with `extra` the installed dataset merged with the user's records.

    Raises DatasetError when the extra records have errors or reuse one of our ids.
    """
    base = _installed()
    extra_paths = [Path(p) for p in extra]
    if not extra_paths:
        return base
    from .validation import validate

    report = validate(extra_paths, None, base.ids())
    if not report.valid:
        raise DatasetError(report.problems)
    return base.extended([f.record for f in report.records], report.retired)


__all__ = ["StaleBundleWarning", "bundle_path", "data_dir", "load"]
