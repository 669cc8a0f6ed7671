"""`load()`: the installed dataset, read once from its pre-built JSON bundle and cached."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .dataset import Dataset

BUNDLE = "dataset.json"


def bundle_path() -> Path:
    """Where the installed package keeps its pre-built bundle."""
    return Path(str(resources.files("sleepdata") / "data" / BUNDLE))


@functools.cache
def _installed() -> Dataset:
    return Dataset.from_bundle(bundle_path())


def load() -> Dataset:
    """The installed dataset: typed, immutable records, built on first call and cached."""
    return _installed()
