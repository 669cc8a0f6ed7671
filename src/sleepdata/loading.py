"""`load()`: the installed dataset, read once from its pre-built JSON bundle and cached.

`load(extra=[DIR, ...])` adds a user's own records (validated, references into ours resolved) and refuses
an id that both define.
"""

from __future__ import annotations

import _thread
import gc
import hashlib
import json
import warnings
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .dataset import BundleError, Dataset
from .errors import DatasetError
from .manifest import MANIFEST

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
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise BundleError(f"{path}: cannot read the installed dataset ({exc.strerror or exc}); reinstall "
                                  "sleepdata") from None
            _check_manifest(path, raw)
            _cache.append(Dataset.from_bundle(raw, str(path)))
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


def _check_manifest(path: Path, raw: bytes) -> None:
    """Warn when the bundle is not the one its manifest names (`sleepdata verify` says more)."""
    try:
        listed = json.loads((path.parent / MANIFEST).read_bytes())["files"][path.name]
    except (OSError, ValueError, KeyError, TypeError):
        listed = None
    if listed != hashlib.sha256(raw).hexdigest():
        warnings.warn(f"{path} does not match its manifest (changed after installation?); run `sleepdata verify`",
                      IntegrityWarning, stacklevel=3)


class IntegrityWarning(UserWarning):
    """The installed data differs from what the package shipped."""


def load(extra: Iterable[Path | str] | Path | str = ()) -> Dataset:
    """The installed dataset (cached), or with `extra` the installed dataset merged with the user's records.

    Raises DatasetError when the extra records have errors or reuse one of our ids.
    """
    base = _installed()
    extra_paths = [Path(extra)] if isinstance(extra, (str, Path)) else [Path(p) for p in extra]
    if not extra_paths:
        return base
    from .validation import validate

    report = validate(extra_paths, None, base.ids())
    if not report.valid:
        raise DatasetError(report.problems)
    return base.extended([f.record for f in report.records], report.retired)


__all__ = ["IntegrityWarning", "StaleBundleWarning", "bundle_path", "data_dir", "load"]
