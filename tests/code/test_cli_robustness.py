"""No command ends in a traceback: bad arguments exit 2, bad data or damaged files exit 1, each with one clear line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sleepdata.cli import main

from ..conftest import ROOT


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sleepdata.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def _bad_arguments(tmp: Path) -> list[list[str]]:
    a_file = tmp / "a-file"
    a_file.write_text("x")
    missing = str(tmp / "missing")
    return [
        ["--bogus"], [],
        ["validate", "--format", "xml"], ["validate", "--bogus"],
        ["coverage", "--sources", missing], ["coverage", "--range", "1"],
        ["locate"], ["locate", "source:x", "phrase", "--sources", missing],
        ["show"], ["show", "a", "b"],
        ["search"],
        ["schema", "--write", "--out", str(a_file)], ["schema", "--check", "--out", str(a_file)], ["schema", "--x"],
        ["format", "--bogus"],
        ["diff", missing, missing], ["diff", "only-one"], ["diff", "a", "b", "--format", "xml"],
        ["verify", "extra"],
        ["export"], ["export", "--format", "xml", "--out", str(tmp)], ["export", "--format", "json"],
        ["export", "--format", "json", "--out", str(a_file)],
        ["build", "--sources", missing], ["build", "--bogus"],
    ]


def test_every_command_with_bad_arguments_exits_2_without_traceback(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    env_sources = os.environ.pop("SLEEPDATA_SOURCES", None)
    try:
        for argv in _bad_arguments(tmp_path):
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse's own usage errors
                code = int(exit_.code or 0)
            captured = capsys.readouterr()
            assert code == 2, (argv, captured.err)
            assert "Traceback" not in captured.err and captured.err.strip(), argv
    finally:
        if env_sources is not None:
            os.environ["SLEEPDATA_SOURCES"] = env_sources


def test_bad_arguments_in_a_real_process(tmp_path: Path) -> None:
    for argv in (["export", "--format", "json", "--out", str(tmp_path / "f")], ["schema", "--write", "--out",
                                                                                 str(tmp_path / "f")]):
        (tmp_path / "f").write_text("keep")
        result = run(*argv)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith("Error: --out") and (tmp_path / "f").read_text() == "keep"


def test_diff_on_garbage_is_a_clear_error(tmp_path: Path) -> None:
    for content in (b"\x00\xff garbage", b"{}", b'{"records": {"condition": [1]}, "version": "1"}', b"[]"):
        (tmp_path / "old.json").write_bytes(content)
        result = run("diff", str(tmp_path / "old.json"), str(tmp_path / "old.json"))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "old.json" in result.stderr


def _package_copy(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the package on PYTHONPATH, so that its installed data can be damaged."""
    shutil.copytree(ROOT / "src" / "sleepdata", tmp_path / "pkg" / "sleepdata",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg")}
    return tmp_path / "pkg" / "sleepdata" / "data", env


@pytest.mark.parametrize("damage", ["missing", "truncated", "not-a-bundle"])
def test_show_and_validate_with_a_damaged_bundle(tmp_path: Path, damage: str) -> None:
    data, env = _package_copy(tmp_path)
    bundle = data / "dataset.json"
    if damage == "missing":
        bundle.unlink()
    elif damage == "truncated":
        bundle.write_bytes(bundle.read_bytes()[:1000])
    else:
        bundle.write_text('{"name": "x"}')
    for argv in (["show", "condition:insomnia"], ["validate"], ["search", "insomnia"]):
        result = run(*argv, cwd=tmp_path, env=env)
        assert result.returncode == 1, (argv, result.stderr)
        assert "Traceback" not in result.stderr
        assert "dataset.json" in result.stderr and result.stderr.splitlines()[-1].startswith("Error: ")


def test_a_tampered_bundle_is_noticed_by_load(tmp_path: Path) -> None:
    data, env = _package_copy(tmp_path)
    bundle = data / "dataset.json"
    bundle.write_text(bundle.read_text(encoding="utf-8").replace("Insomnia", "Insomnja", 1), encoding="utf-8")
    script = "import sleepdata; print(len(sleepdata.load().conditions))"
    result = subprocess.run([sys.executable, "-W", "always", "-c", script], capture_output=True, text=True, env=env,
                            cwd=tmp_path)
    assert result.returncode == 0
    assert "does not match its manifest" in result.stderr and "sleepdata verify" in result.stderr
    clean = subprocess.run([sys.executable, "-W", "always", "-c", script], capture_output=True, text=True,
                           cwd=tmp_path)
    assert "does not match" not in clean.stderr


@pytest.mark.parametrize("manifest", ["", '{"version": "0.1.0", "algo', '{"version": "0.1.0"}', "[1]",
                                      '{"version": "0.1.0", "algorithm": "sha256", "files": {"a": 1}}'])
def test_verify_on_a_truncated_or_partial_manifest(tmp_path: Path, manifest: str) -> None:
    (tmp_path / "dataset.json").write_text("{}")
    (tmp_path / "MANIFEST.json").write_text(manifest)
    result = run("verify", "--data-dir", str(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "MANIFEST.json" in result.stdout and "does not match" in result.stdout


def test_verify_names_every_difference_and_follows_no_dotdot(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "dataset.json").write_text("{}")
    from sleepdata import manifest

    manifest.write(data)
    listed = json.loads((data / "MANIFEST.json").read_text())
    listed["files"]["../outside.txt"] = "0" * 64
    (tmp_path / "outside.txt").write_text("secret")
    (data / "MANIFEST.json").write_text(json.dumps(listed))
    (data / ".hidden").write_text("x")
    (data / "sub").mkdir()
    (data / "sub" / "extra.json").write_text("{}")
    (data / "dataset.json").write_text("{ }")
    result = run("verify", "--data-dir", str(data))
    assert result.returncode == 1
    out = result.stdout
    assert "refused entry '../outside.txt'" in out
    assert f"{data / '.hidden'}: not in the manifest" in out
    assert f"{data / 'sub' / 'extra.json'}: not in the manifest" in out
    assert f"{data / 'dataset.json'}: sha256 differs" in out


def test_locate_and_coverage_with_missing_or_non_utf8_sources(tmp_path: Path, demo_dir: Path) -> None:
    (tmp_path / "texts").mkdir()
    result = run("locate", "source:demo-notes", "examplon", "--sources", str(tmp_path / "texts"), "--dataset",
                 str(demo_dir))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "demo" in result.stderr
    (tmp_path / "texts" / "demo.txt").write_bytes(b"caf\xe9\n")
    for argv in (["locate", "source:demo-notes", "caf"], ["coverage"]):
        result = run(*argv, "--sources", str(tmp_path / "texts"), "--dataset", str(demo_dir))
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr
    validate = run("validate", str(demo_dir), "--sources", str(tmp_path / "texts"))
    assert validate.returncode == 1 and "Traceback" not in validate.stderr
    assert "not UTF-8" in validate.stdout


def test_unreadable_kind_folder_is_reported(tmp_path: Path, demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sleepdata.validation import validate

    shutil.copytree(demo_dir, tmp_path / "dataset")
    blocked = tmp_path / "dataset" / "causes"
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == blocked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = validate([tmp_path / "dataset"])
    (problem,) = [p for p in report.problems if p.code == "unreadable"]
    assert problem.file == str(blocked) and "Permission denied" in problem.message


def test_api_misuse_gives_clear_errors() -> None:
    import sleepdata
    from sleepdata.dataset import BundleError, Dataset

    data = sleepdata.load()
    assert data.conditions.get(None) is None  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes a name as text"):
        data.find(None)  # type: ignore[arg-type]
    with pytest.raises(BundleError, match="no 'records' mapping"):
        Dataset.from_bundle(b"{}")
    good = ROOT / "tests" / "fixtures" / "extension" / "good"
    one, many = sleepdata.load(extra=str(good)), sleepdata.load(extra=[good])
    assert len(one.conditions) == len(many.conditions) > len(data.conditions)
