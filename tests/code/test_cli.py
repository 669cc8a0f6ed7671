"""The command line: exact error lines, reports, exit codes, and no traceback for bad data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sleepdata.cli import main

from ..conftest import FIXTURES


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sleepdata.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_golden_error_line_for_a_wrong_unit(tmp_path: Path) -> None:
    folder = tmp_path / "treatments"
    folder.mkdir()
    shutil.copy(FIXTURES / "invalid/records/treatments/unit-not-ucum.yaml", folder)
    result = run("validate", str(folder / "unit-not-ucum.yaml"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{folder / 'unit-not-ucum.yaml'}:8:9: treatment:unit-not-ucum strengths[0].unit: expected one of 'mg', "
        "'ug', 'g' or 'mg/mL'; got 'mgs' [enum]"
    )
    assert lines[-1].endswith("nothing loaded.")
    assert "Traceback" not in result.stderr


def test_every_error_is_listed_then_a_summary(tmp_path: Path) -> None:
    paths = ("treatments/amount-as-text.yaml", "treatments/unit-not-ucum.yaml", "causes/disputed-without-note.yaml")
    for path in paths:
        (tmp_path / path).parent.mkdir(exist_ok=True)
        shutil.copy(FIXTURES / "invalid/records" / path, tmp_path / path)
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert "[type]" in result.stdout and "[enum]" in result.stdout and "[value]" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("3 errors in 3 files")


def test_json_report(demo_dir: Path, demo_texts: Path) -> None:
    result = run("validate", str(demo_dir), "--sources", str(demo_texts), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert report["valid"] is True
    assert {k: report["counts"][k] for k in ("files", "records", "errors")} == {"files": 7, "records": 7, "errors": 0}
    # Demo ids that the installed dataset also defines are flagged for anyone loading it as an extension.
    assert {p["code"] for p in report["problems"]} <= {"id-collision"}
    assert all(len(f["sha256"]) == 64 for f in report["files"])


def test_json_report_of_bad_data(tmp_path: Path) -> None:
    (tmp_path / "conditions").mkdir()
    (tmp_path / "conditions" / "x.yaml").write_text("id: x\nid: y\n")
    report = json.loads(run("validate", str(tmp_path), "--format", "json").stdout)
    assert report["valid"] is False
    problem = report["problems"][0]
    assert {k: problem[k] for k in ("line", "col", "code", "severity")} == {
        "line": 2, "col": 1, "code": "duplicate-key", "severity": "error"}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"id: x\nname: a\nname: b\n", "duplicate-key"),
        (b"\xff\xfe", "encoding"),
        (b"", "empty"),
        (b"- a\n", "not-a-mapping"),
        (b"id: [unclosed\n", "syntax"),
        (b"a: &x 1\nb: *x\n", "anchor"),
    ],
)
def test_bad_files_exit_1_without_traceback(tmp_path: Path, content: bytes, code: str) -> None:
    (tmp_path / "conditions").mkdir()
    (tmp_path / "conditions" / "bad.yaml").write_bytes(content)
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert f"[{code}]" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("validate", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("validate", "--sources", str(tmp_path / "nowhere")).returncode == 2


def test_missing_path_is_a_data_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "absent"))
    assert result.returncode == 1 and "[not-found]" in result.stdout


def test_format_check_reports_then_restores_canonical_form(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    shutil.copytree(demo_dir, target)
    path = target / "conditions" / "insomnia.yaml"
    original = path.read_text()
    lines = original.splitlines()
    path.write_text("\n".join([lines[1], lines[0], *lines[2:]]) + "\n")
    assert main(["format", "--check", str(target)]) == 1
    assert main(["format", str(target)]) == 0
    assert path.read_text() == original


def test_coverage_lists_uncited_sentences(demo_dir: Path, demo_texts: Path, tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    shutil.copytree(demo_dir, target)
    (target / "causes" / "stress.yaml").unlink()
    (target / "conditions" / "hypnic-jerks.yaml").unlink()
    result = run("coverage", "--dataset", str(target), "--sources", str(demo_texts))
    assert result.returncode == 1
    assert "demo.txt:5: source:demo-notes [178, 224) 0% covered" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 sentence neither cited nor excluded."
    assert run("coverage", "--dataset", str(demo_dir), "--sources", str(demo_texts)).returncode == 0


def test_show_prints_a_record_by_reference_or_name() -> None:
    by_ref = run("show", "treatment:zopiclone")
    assert by_ref.returncode == 0
    record = json.loads(by_ref.stdout)
    assert record["id"] == "zopiclone"
    assert {s["id"]: s["marketed"] for s in record["strengths"]}["zopiclone-20-mg"] == "not-marketed"
    by_synonym = run("show", "Ekbom syndrome")
    assert json.loads(by_synonym.stdout)["id"] == "restless-legs-syndrome"
    missing = run("show", "condition:insomina")
    assert missing.returncode == 1 and "did you mean 'insomnia'" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_search_finds_names_synonyms_and_brands() -> None:
    result = run("search", "depak")
    assert result.returncode == 0
    assert "treatment:valproic-acid" in result.stdout
    assert run("search", "no-such-thing-anywhere").returncode == 1
