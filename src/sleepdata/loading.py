"""`load()`: the installed dataset, read once from its pre-built JSON bundle and cached.

`load(extra=[DIR, ...])` adds a user's own records (validated, references into ours resolved) and refuses
an id that both define.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from .dataset import Dataset
from .errors import DatasetError, Problem

BUNDLE = "dataset.json"


def data_dir() -> Path:
    """Where the installed package keeps its data files."""
    return Path(str(resources.files("sleepdata") / "data"))


def bundle_path() -> Path:
    """The installed pre-built bundle."""
    return data_dir() / BUNDLE


@functools.cache
def _installed() -> Dataset:
    data = Dataset.from_bundle(bundle_path())
    gc.freeze()  # the loaded data lives as long as the process: keep it out of the collector's passes
    return data


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
    problems = [Problem(**{**p.to_dict(), "severity": "error"}) if p.code == "id-collision" else p
                for p in report.problems]
    if any(p.severity == "error" for p in problems):
        raise DatasetError(problems)
    return base.extended([f.record for f in report.records], report.retired)


__all__ = ["bundle_path", "data_dir", "load"]
