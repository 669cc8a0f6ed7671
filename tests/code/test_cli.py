"""The command line: exact error lines, reports, exit codes, and no traceback for bad data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sleepdata
from sleepdata.cli import main

from ..conftest import FIXTURES, ROOT


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


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "absent"))
    assert result.returncode == 2 and "no such file or directory" in result.stderr


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


def test_show_prints_json_by_reference_or_name() -> None:
    by_ref = run("show", "treatment:zopiclone", "--format", "json")
    assert by_ref.returncode == 0
    record = json.loads(by_ref.stdout)
    assert record["id"] == "zopiclone"
    assert {s["id"]: s["marketed"] for s in record["strengths"]}["zopiclone-20-mg"] == "not-marketed"
    by_synonym = run("show", "Ekbom syndrome", "--format", "json")
    assert json.loads(by_synonym.stdout)["id"] == "restless-legs-syndrome"
    missing = run("show", "condition:insomina")
    assert missing.returncode == 1 and "did you mean condition:insomnia" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_show_summarises_a_record_for_people() -> None:
    result = run("show", "treatment:zopiclone")
    assert result.returncode == 0
    out = result.stdout
    assert out.splitlines()[0].startswith("zopiclone") and "treatment:zopiclone" in out.splitlines()[0]
    for part in ("atc N05CF01", "Strengths", "not-marketed", "above-usual-maximum", "Warnings (", "Treats (",
                 "verdicts", "supported"):
        assert part in out, part
    assert "\x1b[" not in out  # not a terminal: no colour
    assert len(out.splitlines()) < 120


def test_show_takes_bare_ids_codes_and_strengths() -> None:
    assert "condition:restless-legs-syndrome" in run("show", "restless-legs-syndrome").stdout.splitlines()[0]
    assert "condition:restless-legs-syndrome" in run("show", "G25.81").stdout.splitlines()[0]
    assert "strength:zopiclone-20-mg" in run("show", "zopiclone-20-mg").stdout.splitlines()[0]


def test_show_lists_the_candidates_of_an_ambiguous_name_and_exits_2() -> None:
    result = run("show", "zopiclone")
    assert result.returncode == 2
    assert "sleepdata show cause:zopiclone" in result.stderr
    assert "sleepdata show treatment:zopiclone" in result.stderr
    assert result.stdout == ""


def test_show_says_when_the_name_is_also_another_records_synonym() -> None:
    result = run("show", "nocturnal myoclonus")
    assert result.returncode == 0
    assert "condition:nocturnal-myoclonus" in result.stdout.splitlines()[0]
    data = sleepdata.load()
    others = sorted(f"condition:{c.id}" for c in data.conditions.values()
                    if c.id != "nocturnal-myoclonus" and any(s.name.casefold() == "nocturnal myoclonus"
                                                             for s in c.synonyms))
    assert others and all(f"also a synonym of {ref}" in result.stderr for ref in others)


def test_show_colours_only_a_terminal_and_honours_no_color() -> None:
    from sleepdata import load, show

    record = load().treatments["zopiclone"]

    def rendered(env: dict[str, str]) -> str:
        import io
        import os

        from rich.console import Console

        saved = dict(os.environ)
        os.environ.update(env)
        try:
            buffer = io.StringIO()
            console = Console(file=buffer, force_terminal=True, markup=False, highlight=False)
            for part in show.render(load(), record):
                console.print(part)
            return buffer.getvalue()
        finally:
            os.environ.clear()
            os.environ.update(saved)

    assert "\x1b[" in rendered({})
    assert "\x1b[31" not in rendered({"NO_COLOR": "1"}) and "\x1b[1;31" not in rendered({"NO_COLOR": "1"})


def test_show_never_passes_data_text_to_the_terminal_as_markup_or_escapes() -> None:
    from sleepdata.show import clean

    assert clean("a\x1b[31mred\u202e") == "a\\u001b[31mred\\u202e"
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, markup=False, width=80)
    console.print(Text(clean("[bold]not bold[/bold]")))
    assert "[bold]not bold[/bold]" in console.export_text()


@pytest.mark.parametrize(("query", "expected"), [
    ("zopiklone", "treatment:zopiclone"), ("insomina", "condition:insomnia"),
    ("restles legs", "condition:restless-legs-syndrome"),
    ("Willis Ekbom disease", "condition:restless-legs-syndrome"),
    ("G25.81", "condition:restless-legs-syndrome"), ("N05CF01", "treatment:zopiclone"),
    ("depak", "treatment:valproic-acid"),
])
def test_search_is_ranked_and_typo_tolerant(query: str, expected: str) -> None:
    result = run("search", query, "--limit", "3", "--format", "json")
    assert result.returncode == 0
    hits = json.loads(result.stdout)
    assert expected in [h["ref"] for h in hits[:2]], hits
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert run("search", "qqqqxxxzzz").returncode == 1


def test_every_command_has_an_example_and_every_option_help() -> None:
    from sleepdata.cli import parser

    sub = next(a for a in parser()._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        assert command.epilog and f"sleepdata {name}" in command.epilog, name
        for action in command._actions:
            assert action.help, f"{name} {action.dest} has no help text"


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run([sys.executable, "-m", "sleepdata", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("sleepdata ")


def test_validate_ends_with_counts_on_success(demo_dir: Path) -> None:
    result = run("validate", str(demo_dir))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("7 records in 7 files: no errors")


def _curated_copy(demo_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(demo_dir, target)
    return target


def test_format_keeps_comments_and_restores_key_order(demo_dir: Path, tmp_path: Path) -> None:
    target = _curated_copy(demo_dir, tmp_path)
    path = target / "conditions" / "insomnia.yaml"
    canonical = path.read_text()
    lines = canonical.splitlines()
    edited = ["# reviewed against ICSD-3", lines[1], lines[0] + "  # the file name", *lines[2:], "# end"]
    path.write_text("\n".join(edited) + "\n")
    assert main(["format", str(target)]) == 0
    text = path.read_text()
    assert text.splitlines()[0] == "# reviewed against ICSD-3"
    assert text.splitlines()[1] == lines[0] + "  # the file name"
    assert text.splitlines()[-1] == "# end"
    assert [line.split("  #")[0] for line in text.splitlines() if not line.lstrip().startswith("#")] == (
        canonical.splitlines())
    assert main(["format", "--check", str(target)]) == 0  # stable: a second run changes nothing
    assert not list(target.rglob("*.tmp"))


def test_format_refuses_when_any_file_is_invalid_and_touches_none(demo_dir: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = _curated_copy(demo_dir, tmp_path)
    unordered = target / "conditions" / "insomnia.yaml"
    lines = unordered.read_text().splitlines()
    unordered.write_text("\n".join([lines[1], lines[0], *lines[2:]]) + "\n")
    before = unordered.read_text()
    (target / "causes" / "stress.yaml").write_text("id: stress\nname: 7\n")
    (target / "conditions" / "hypnic-jerks.yaml").write_text("id: hypnic-jerks\nbogus: 1\n")
    assert main(["format", str(target)]) == 1
    out = capsys.readouterr().out
    assert "causes/stress.yaml" in out and "conditions/hypnic-jerks.yaml" in out
    assert unordered.read_text() == before


def test_locate_ignores_case_when_asked(demo_dir: Path, demo_texts: Path) -> None:
    text = next(demo_texts.glob("*.txt")).read_text()
    word = next(w for w in text.split() if w.isalpha() and len(w) > 4 and w.lower() != w.upper())
    shouted = word.upper() if word.upper() not in text else word.lower()
    args = ["locate", "demo-notes", shouted, "--dataset", str(demo_dir), "--sources", str(demo_texts)]
    assert run(*args).returncode == 1
    found = run(*args, "-i")
    assert found.returncode == 0 and found.stdout.startswith(f"phrase [{text.lower().index(shouted.lower())}, ")


def test_sentences_are_not_split_at_abbreviations() -> None:
    from sleepdata.coverage import sentences

    text = "Dr. Smith saw it, e.g. on p. 4 of the notes. Clonazepam, Kalma, etc. are prescribed.\nNext line"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Dr. Smith saw it, e.g. on p. 4 of the notes.", "Clonazepam, Kalma, etc. are prescribed.", "Next line"]


def test_a_syntax_error_in_a_copy_of_the_dataset_is_reported_alone(tmp_path: Path) -> None:
    """One unreadable file leaves references into it dangling; that must not make the whole copy an extension
    whose every record collides with the installed dataset."""
    dataset = tmp_path / "dataset"
    shutil.copytree(ROOT / "dataset", dataset)
    broken = dataset / "causes" / "stress.yaml"  # other files name its claims as same_claim partners
    broken.write_text(broken.read_text(encoding="utf-8").replace("\nname: ", "\nname: a: b\nx: ", 1), encoding="utf-8")
    result = run("validate", str(dataset))
    assert result.returncode == 1
    assert f"{broken}:" in result.stdout and "[syntax]" in result.stdout
    assert "[id-collision]" not in result.stdout
    errors = int(result.stdout.splitlines()[-1].split()[0])
    assert errors < 20, result.stdout[-2000:]
    assert "Traceback" not in result.stderr
