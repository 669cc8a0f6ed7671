"""Shared test fixtures. Tests that need the source documents skip, with a reason, when they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATASET = ROOT / "dataset"
_SOURCES = Path(os.environ.get("SLEEPDATA_SOURCES", ROOT.parent / "shared" / "seeds"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The validation cache of the whole run lives in a temporary folder, never in the user's."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("SLEEPDATA_NO_CACHE", None)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The source documents (SLEEPDATA_SOURCES, else ../shared/seeds beside the checkout)."""
    if not any(_SOURCES.glob("*.txt")):
        pytest.skip(f"source documents not found in {_SOURCES} (set SLEEPDATA_SOURCES to run this test)")
    return _SOURCES


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return FIXTURES / "valid" / "dataset"


@pytest.fixture(scope="session")
def demo_texts() -> Path:
    return FIXTURES / "valid" / "texts"
