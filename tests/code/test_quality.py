"""The package's own code: typed (mypy --strict) and lint-clean (ruff), as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import ROOT


def test_mypy_strict_passes_on_the_package() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_ruff_finds_nothing() -> None:
    paths = [name for name in ("src", "tests", "bench") if (ROOT / name).is_dir()]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_readme_commands_are_the_ones_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = 'python3 -m pip install -e ".[test]" && python3 -m pytest'
    assert f"    {test_command}\n" in readme
    assert f"\n{test_command}\n" in ci
    assert '    python3 -m pip install -e ".[all]" && sleepdata build\n' in readme
    assert '    python3 -m pytest -m "not slow"\n' in readme
    assert "apt-get install chromium" in readme and "apt-get install" in ci
