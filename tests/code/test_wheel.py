"""The built wheel works on its own: installed into a fresh virtual environment, it loads the dataset."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (found,) = out.glob("sleepdata-*.whl")
    return found


def test_wheel_carries_the_bundle_and_type_marker(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "sleepdata/data/dataset.json" in names
    assert "sleepdata/py.typed" in names
    assert not [n for n in names if n.startswith(("dataset/", "tests/"))]


def _fresh_venv(venv: Path, *requirements: str) -> Path:
    """A new virtual environment with `requirements` installed by uv (several times faster than pip here)."""
    from uv import find_uv_bin

    uv = find_uv_bin()
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run([uv, "pip", "install", "-q", "--python", str(python), *requirements], check=True,
                   capture_output=True)
    return python


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_loads(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = _fresh_venv(venv, str(wheel))
    script = (
        "import json, sleepdata; d = sleepdata.load(); "
        "print(json.dumps({'file': sleepdata.__file__, 'version': sleepdata.__version__, "
        "'counts': {k: len(c) for k, c in d.collections.items()}}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(python), "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env,
                            check=True)
    info = json.loads(result.stdout)
    assert info["file"].startswith(str(venv))
    bundle = json.loads((ROOT / "src/sleepdata/data/dataset.json").read_text(encoding="utf-8"))
    assert info["version"] == bundle["version"]
    assert info["counts"] == {kind: len(items) for kind, items in bundle["records"].items()}
    assert info["counts"]["source"] == 5
    cli = subprocess.run([str(venv / "bin" / "sleepdata"), "validate"], cwd=tmp_path, capture_output=True,
                         text=True, env=env)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    # The core install is light: no site engine, no Parquet; what needs them says which extra to install.
    site_packages = [str(p) for p in venv.glob("lib/python*/site-packages")]
    names = {d.metadata["Name"].lower() for d in metadata.distributions(path=site_packages)}
    assert not names & {"mkdocs", "mkdocs-material", "pyarrow"}, names
    assert {"pydantic", "rapidfuzz", "rich"} <= names, names
    show = subprocess.run([str(venv / "bin" / "sleepdata"), "show", "restless-legs-syndrome"], cwd=tmp_path,
                          capture_output=True, text=True, env=env)
    assert show.returncode == 0 and "G25.81" in show.stdout
    parquet = subprocess.run([str(venv / "bin" / "sleepdata"), "export", "--format", "parquet", "--out", "x"],
                             cwd=tmp_path, capture_output=True, text=True, env=env)
    assert parquet.returncode == 2 and 'sleepdata[parquet]' in parquet.stderr and "Traceback" not in parquet.stderr
    project = tmp_path / "project"
    shutil.copytree(ROOT / "dataset", project / "dataset")
    build = subprocess.run([str(venv / "bin" / "sleepdata"), "build"], cwd=project, capture_output=True, text=True,
                           env=env)
    assert build.returncode == 2 and 'pip install "sleepdata[all]"' in build.stderr, build.stderr


@pytest.mark.slow
def test_verify_checks_the_installed_tree_against_record_and_manifest(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / "sleepdata"), "verify"], cwd=tmp_path, capture_output=True,
                              text=True, env=env)

    clean = verify()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "checked against the wheel's RECORD" in clean.stdout
    (package,) = (venv / "lib").glob("python3*/site-packages/sleepdata")
    data = package / "data"
    with (package / "cli.py").open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    (data / "sub").mkdir()
    (data / "sub" / "extra.json").write_text("{}")
    (data / ".hidden").write_text("x")
    bundle = data / "dataset.json"
    bundle.write_text(bundle.read_text(encoding="utf-8").replace("Insomnia", "Insomnja", 1), encoding="utf-8")
    listed = json.loads((data / "MANIFEST.json").read_text(encoding="utf-8"))
    listed["files"]["dataset.json"] = hashlib.sha256(bundle.read_bytes()).hexdigest()  # rewritten to match
    (data / "MANIFEST.json").write_text(json.dumps(listed), encoding="utf-8")
    tampered = verify()
    assert tampered.returncode == 1
    out = tampered.stdout
    for expected in (f"{package / 'cli.py'}: differs from the wheel's RECORD",
                     f"{bundle}: differs from the wheel's RECORD",
                     f"{data / 'MANIFEST.json'}: differs from the wheel's RECORD",
                     f"{data / 'sub' / 'extra.json'}: not in the manifest",
                     f"{data / '.hidden'}: not in the manifest",
                     f"{data / 'sub' / 'extra.json'}: not in the wheel's RECORD"):
        assert expected in out, (expected, out)
    assert "Traceback" not in tampered.stderr
