"""Hostile input: what the reader refuses, what the integrity checks catch, what text output never prints.

Each test is a regression test for a defect found by feeding the tools adversarial files.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sleepdata import strict_yaml
from sleepdata.errors import MAX_PER_FILE
from sleepdata.reports import render
from sleepdata.validation import validate


def _copy(demo_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(demo_dir, target)
    return target


def _codes(report_problems: list[object]) -> set[str]:
    return {p.code for p in report_problems}  # type: ignore[attr-defined]


# -- the reader: escapes decoded, then the same character policy ------------------------------------------

@pytest.mark.parametrize("escape", ["\\0", "\\e", "\\a", "\\u202E", "\\u200B", "\\uFEFF", "\\x7f", "\\L", "\\P",
                                    "\\N", "\\r", "\\x1b[31m"])
def test_escaped_control_and_format_characters_are_refused(escape: str) -> None:
    with pytest.raises(strict_yaml.YamlError) as caught:
        strict_yaml.parse(f'id: x\nname: "a{escape}b"\n', "f.yaml")
    assert (caught.value.line, caught.value.code) == (2, "character")
    assert "written as an escape" in caught.value.message


def test_ordinary_escapes_still_read() -> None:
    assert strict_yaml.parse('a: "tab\\there \\u00e9 \\"q\\""\n').data == {"a": 'tab\there é "q"'}


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_separators_in_comments_are_refused(separator: str) -> None:
    text = f"kind: drug  # reviewed{separator}inn: hidden-inn\n"
    with pytest.raises(strict_yaml.YamlError) as caught:
        strict_yaml.parse(text, "f.yaml")
    assert caught.value.code == "character" and caught.value.line == 1


def test_huge_integer_is_a_placed_error_not_a_traceback() -> None:
    with pytest.raises(strict_yaml.YamlError) as caught:
        strict_yaml.parse("id: x\namount: " + "9" * 5000 + "\n", "f.yaml")
    assert (caught.value.line, caught.value.code) == (2, "number-too-long")


def test_overflowing_float_is_refused() -> None:
    with pytest.raises(strict_yaml.YamlError) as caught:
        strict_yaml.parse("amount: 1e999\n")
    assert caught.value.code == "non-finite"


# -- resources ---------------------------------------------------------------------------------------------

def test_symlink_to_a_big_file_is_refused_from_stat_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:  # sparse: 8 GiB that take no disk space
        handle.truncate(8 * 1024**3)
    data = tmp_path / "dataset" / "conditions"
    data.mkdir(parents=True)
    (data / "big.yaml").symlink_to(big)
    os.symlink(big, tmp_path / "inside.yaml")
    started = time.perf_counter()
    with pytest.raises(strict_yaml.YamlError) as caught:
        strict_yaml.read(tmp_path / "inside.yaml")
    assert caught.value.code == "too-large"
    report = validate([tmp_path / "dataset"])
    assert time.perf_counter() - started < 2
    assert "symlink-outside" in _codes(report.problems)


def test_problems_per_file_are_capped(tmp_path: Path) -> None:
    folder = tmp_path / "conditions"
    folder.mkdir()
    (folder / "x.yaml").write_text("id: x\nname: X\nsynonyms: [" + ", ".join(["1"] * 50_000) + "]\n")
    started = time.perf_counter()
    report = validate([folder / "x.yaml"])
    elapsed = time.perf_counter() - started
    assert len(report.problems) <= MAX_PER_FILE + 2
    assert any(p.code == "more-problems" and "more problems" in p.message for p in report.problems)
    assert elapsed < 10


@pytest.mark.slow
def test_condition_chain_of_20000_takes_linear_time(tmp_path: Path, demo_dir: Path) -> None:
    root = tmp_path / "dataset"
    shutil.copytree(demo_dir / "sources", root / "sources")
    (root / "conditions").mkdir()
    for i in range(20_000):
        parent = f"parent: condition:c{i - 1}\n" if i else ""
        (root / "conditions" / f"c{i}.yaml").write_text(
            f"id: c{i}\nname: C {i}\ndefinition: d.\ncategory: physiological-phenomenon\n{parent}mentions:\n"
            "- {source: 'source:demo-notes', start: 198, end: 223}\n")
    from sleepdata import integrity
    from sleepdata.validation import validate as run

    report = run([root])
    assert report.valid
    gc.disable()  # as during validation
    try:
        started = time.perf_counter()
        assert integrity.check(report.records) == []
        elapsed = time.perf_counter() - started
    finally:
        gc.enable()
    assert elapsed < 2  # 0.2 s measured; the quadratic walk it replaces took over a minute


# -- integrity gaps ----------------------------------------------------------------------------------------

_MEMBERSHIP = ("classes:\n- id: in-class-{target}\n  statement: In its own class.\n  stance: asserted\n"
               "  drug_class: treatment:{target}\n"
               "  provenance:\n  - {{source: 'source:demo-notes', start: 28, end: 100}}\nstrengths:")


def test_drug_class_self_membership_is_refused(demo_dir: Path, tmp_path: Path) -> None:
    root = _copy(demo_dir, tmp_path)
    path = root / "treatments/examplon.yaml"
    path.write_text(path.read_text().replace("strengths:", _MEMBERSHIP.format(target="examplon"), 1))
    problems = [p for p in validate([root]).problems if p.code == "class-cycle"]
    assert [(p.record, p.field) for p in problems] == [("treatment:examplon", "classes[0].drug_class")]
    assert "member of itself" in problems[0].message


def test_drug_class_cycle_is_refused(demo_dir: Path, tmp_path: Path) -> None:
    root = _copy(demo_dir, tmp_path)
    path = root / "treatments/examplon.yaml"
    path.write_text(path.read_text().replace("strengths:", _MEMBERSHIP.format(target="other"), 1))
    other = root / "treatments/other.yaml"
    other.write_text("id: other\nname: other\nkind: drug-class\n" + _MEMBERSHIP.format(target="examplon")
                     .removesuffix("strengths:"))
    problems = [p for p in validate([root]).problems if p.code == "class-cycle"]
    assert {p.record for p in problems} == {"treatment:examplon", "treatment:other"}
    assert all("loops back" in p.message for p in problems)


def test_dotfile_records_are_reported(demo_dir: Path, tmp_path: Path) -> None:
    root = _copy(demo_dir, tmp_path)
    shutil.copy(root / "conditions/insomnia.yaml", root / "conditions/.hidden.yaml")
    (root / ".cache").mkdir()
    found = {Path(p.file).name: p for p in validate([root]).problems if p.code == "hidden-file"}
    assert set(found) == {".hidden.yaml", ".cache"}


def test_symlink_out_of_the_dataset_is_refused(demo_dir: Path, tmp_path: Path) -> None:
    root = _copy(demo_dir, tmp_path)
    (root / "conditions/passwd.yaml").symlink_to("/etc/passwd")
    (root / "conditions/alias.yaml").symlink_to(root / "conditions/insomnia.yaml")
    report = validate([root])
    outside = [p for p in report.problems if p.code == "symlink-outside"]
    assert [Path(p.file).name for p in outside] == ["passwd.yaml"]
    assert "root:" not in "".join(p.format() for p in report.problems)


def test_retired_problems_are_placed_at_their_line(demo_dir: Path, tmp_path: Path) -> None:
    root = _copy(demo_dir, tmp_path)
    (root / "retired.yaml").write_text("condition:old-a: condition:insomnia\ncondition:old-b: condition:nowhere\n")
    (problem,) = [p for p in validate([root]).problems if p.code == "dangling-reference"]
    assert (Path(problem.file).name, problem.line, problem.record) == ("retired.yaml", 2, "condition:old-b")


# -- terminal and log injection ----------------------------------------------------------------------------

def _hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "conditions"
    folder.mkdir()
    (folder / "x.yaml").write_text('id: x\n"name\\n::error file=forged.py,line=1::forged": 1\n')
    (folder / "bad\n::error file=evil::\x1b]0;title\x07.yaml").write_text("id: [\n")
    return tmp_path


def _lines_are_safe(out: str) -> None:
    assert "\x1b" not in out and "\x07" not in out
    for line in out.splitlines():
        assert not line.startswith("::error file=forged") and not line.startswith("::error file=evil"), line


def test_text_report_keeps_each_problem_on_one_line(tmp_path: Path) -> None:
    report = validate([_hostile(tmp_path)])
    out = render(report.problems, "text", {})
    _lines_are_safe(out)
    assert len(out.splitlines()) == len(report.problems) + 1
    assert "\\n::error" in out and "\\x1b" in out


def test_github_annotations_escape_every_reserved_character(tmp_path: Path) -> None:
    report = validate([_hostile(tmp_path)])
    out = render(report.problems, "github", {})
    _lines_are_safe(out)
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == len(report.problems)
    for line in annotations:
        properties, _, message = line[2:].partition("::")
        file = properties.split(" ", 1)[1].split(",")[0]
        assert ":" not in file.removeprefix("file=") and "\n" not in message
    assert "%0A" in out or "\\n" in out


def test_cli_text_output_has_no_escape_sequences(tmp_path: Path) -> None:
    target = _hostile(tmp_path)
    for fmt in ("text", "github"):
        result = subprocess.run([sys.executable, "-m", "sleepdata.cli", "validate", str(target), "--format", fmt],
                                capture_output=True, text=True)
        assert result.returncode == 1
        _lines_are_safe(result.stdout + result.stderr)
        assert "Traceback" not in result.stderr


# -- spreadsheet formulas ----------------------------------------------------------------------------------

def test_csv_cells_that_look_like_formulas_are_neutralised(demo_dir: Path, tmp_path: Path) -> None:
    import csv

    from sleepdata.dataset import Dataset
    from sleepdata.exports import export

    root = _copy(demo_dir, tmp_path)
    path = root / "conditions" / "insomnia.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("definition: ", "definition: =HYPERLINK(\"http://127.0.0.1/\") ", 1)
    text = text.replace("- name: ", "- name: '@SUM(A1)'\n- name: '+1+1'\n- name: '-2+3'\n- name: ", 1)
    path.write_text(text, encoding="utf-8")
    written = export(Dataset.from_path(root), "csv", tmp_path / "csv")
    cells = [cell for file in written if file.suffix == ".csv"
             for row in csv.reader(file.read_text(encoding="utf-8").splitlines()) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    for payload in ('=HYPERLINK("http://127.0.0.1/")', "@SUM(A1)", "+1+1", "-2+3"):  # (the models refuse a leading tab)
        assert any(c.startswith("'" + payload) for c in cells), payload
