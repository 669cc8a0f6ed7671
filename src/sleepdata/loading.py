"""`load()`: the installed dataset, read once from its pre-built JSON bundle and cached.

`load(extra=[DIR, ...])` adds a user's own records (validated, references into ours resolved) and refuses
an id that both define.
"""

from __future__ import annotations

import _thread
import json
import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .dataset import LARGE_BUNDLE, BundleError, Dataset

BUNDLE = "dataset.json"
MANIFEST = "MANIFEST.json"


def _sha256(data: bytes) -> str:
    """SHA-256; of a small bundle by the interpreter's own module: `hashlib` loads OpenSSL (5 ms and 3.7 MB),
    which pays only on a large one (it hashes about three times as fast)."""
    from importlib import import_module

    for name in ("_sha2", "_sha256") if len(data) < LARGE_BUNDLE else ():  # Python 3.12+, 3.11
        try:
            return str(import_module(name).sha256(data).hexdigest())
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


def data_dir() -> Path:
    """Where the installed package keeps its data files (always a folder: the wheel is never run zipped)."""
    return Path(__file__).parent / "data"


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
            _cache.append(Dataset.from_bundle(raw, str(path)))  # frozen out of the collector's passes
    return _cache[0]


def _warn_if_stale(bundle: Path) -> None:
    """Warn when the package runs from a checkout whose YAML records are newer than its bundle."""
    dataset = bundle.parent.parent.parent.parent / "dataset"  # <checkout>/src/sleepdata/data/dataset.json
    if not dataset.is_dir() or not bundle.is_file():
        return
    built = bundle.stat().st_mtime
    newer = [f"dataset/{kind.name}/{entry.name}" for kind in _folders(dataset)
             for entry in _folders(Path(kind.path), files=True)
             if entry.name.endswith(".yaml") and entry.stat().st_mtime > built]
    if newer:
        newer.sort()
        shown = ", ".join(newer[:3]) + (" …" if len(newer) > 3 else "")
        warnings.warn(f"{len(newer)} record file{'s' * (len(newer) != 1)} changed since the bundle was built "
                      f"({shown}); run `sleepdata build --no-site` to see the change", StaleBundleWarning,
                      stacklevel=3)


def _folders(path: Path, files: bool = False) -> list[os.DirEntry[str]]:
    """The sub-folders (or files) of a folder, hidden ones left out, without a `Path` per file (a checkout has
    hundreds of records)."""
    with os.scandir(path) as entries:
        return [e for e in entries if not e.name.startswith(".") and (e.is_file() if files else e.is_dir())]


def _check_manifest(path: Path, raw: bytes) -> None:
    """Warn when the bundle is not the one its manifest names (`sleepdata verify` says more)."""
    listed: Any
    try:
        listed = json.loads((path.parent / MANIFEST).read_bytes())["files"][path.name]
    except (OSError, ValueError, KeyError, TypeError):
        listed = None
    if listed != _sha256(raw):
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
    from .errors import DatasetError
    from .validation import validate

    report = validate(extra_paths, None, base.ids())
    if not report.valid:
        raise DatasetError(report.problems)
    return base.extended([f.record for f in report.records], report.retired)


__all__ = ["IntegrityWarning", "StaleBundleWarning", "bundle_path", "data_dir", "load"]
