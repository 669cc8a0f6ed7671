"""`load()`: the installed dataset, read once from its pre-built JSON bundle and cached.

`load(extra=[DIR, ...])` adds a user's own records (validated, references into ours resolved) and refuses
an id that both define.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import warnings
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .dataset import BundleError, Dataset
from .errors import DatasetError, Problem
from .manifest import MANIFEST

BUNDLE = "dataset.json"


def data_dir() -> Path:
    """Where the installed package keeps its data files."""
    return Path(str(resources.files("sleepdata") / "data"))


def bundle_path() -> Path:
    """The installed pre-built bundle."""
    return data_dir() / BUNDLE


@functools.cache
def _installed() -> Dataset:
    path = bundle_path()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"{path}: cannot read the installed dataset ({exc.strerror or exc}); reinstall "
                          "sleepdata") from None
    _check_manifest(path, raw)
    data = Dataset.from_bundle(raw, str(path))
    gc.freeze()  # the loaded data lives as long as the process: keep it out of the collector's passes
    return data


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
    problems = [Problem(**{**p.to_dict(), "severity": "error"}) if p.code == "id-collision" else p
                for p in report.problems]
    if any(p.severity == "error" for p in problems):
        raise DatasetError(problems)
    return base.extended([f.record for f in report.records], report.retired)


__all__ = ["IntegrityWarning", "bundle_path", "data_dir", "load"]
