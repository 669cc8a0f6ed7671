"""Licences and citation: the code's LICENSE, the data licence every export states, and CITATION.cff checked
by `cffconvert --validate` (installed from the `citation` dependency group into an environment of its own:
cffconvert pins jsonschema<4, which the package cannot share an environment with)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
import yaml

from sleepdata._version import __version__
from sleepdata.exports.common import LICENCE

from ..conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_code_and_data_licences_are_stated() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert LICENCE["name"] in readme and LICENCE["path"] in readme
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == __version__, "CITATION.cff names another version than the package"
    assert citation["license"] == LICENCE["name"]
    # No invented addresses: project URLs, where given, are ones the project really has.
    assert "github.com/sleepdata" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_citation_file_passes_cffconvert(tmp_path: Path) -> None:
    environment = tmp_path / "cffconvert"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = environment / "bin" / "python"
    pins = PYPROJECT["dependency-groups"]["citation"]
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([str(python), "-m", "pip", "install", "-q", *pins], check=True, timeout=300, env=env)
    command = [str(environment / "bin" / "cffconvert"), "--validate", "-i"]
    result = subprocess.run([*command, str(ROOT / "CITATION.cff")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0\n", ""))
    result = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0, "cffconvert accepted a file without cff-version"
    assert sys.executable != str(python)
