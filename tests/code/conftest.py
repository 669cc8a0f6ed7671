"""Fixtures the export tests share: the real dataset (with the claims they ask about checked) and its exports,
each format written once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sleepdata import Dataset
from sleepdata.exports import export

from . import export_cases


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return export_cases.dataset()


@pytest.fixture(scope="session")
def exported(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The folder holding one format's export; written on first use, checked to be whole."""
    root = tmp_path_factory.mktemp("exports")
    done: dict[str, Path] = {}

    def folder(fmt: str) -> Path:
        if fmt not in done:
            written = export(dataset, fmt, root / fmt)
            assert written and all(p.is_file() and p.parent == root / fmt for p in written)
            assert not [p.name for p in (root / fmt).iterdir() if p.name.startswith(".")], f"{fmt}: temporary files"
            done[fmt] = root / fmt
        return done[fmt]

    return folder
