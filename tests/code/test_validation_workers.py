"""A run checks files in worker processes as it does in one, and keeps outlines rather than records."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import pytest

from sleepdata import file_checks
from sleepdata.validation import validate

from ..conftest import DATASET


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The dataset with problems of one file (a type, a span order) and across files (dangling references)."""
    root = tmp_path / "dataset"
    shutil.copytree(DATASET, root)
    zopiclone = root / "treatments" / "zopiclone.yaml"
    zopiclone.write_text(zopiclone.read_text().replace("inn: zopiclone", "inn: 7", 1))
    (root / "conditions" / "insomnia.yaml").unlink()
    return root


def _outcome(broken: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    monkeypatch.setenv("SLEEPDATA_JOBS", jobs)
    report = validate([broken], records=False, cache=False)
    return report.files, report.checked, [p.to_dict() for p in report.problems]


def test_worker_processes_find_what_one_process_finds(broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forked: list[str] = []
    real = multiprocessing.get_context

    def spy(method: str | None = None) -> Any:
        forked.append(str(method))
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    one = _outcome(broken, "1", monkeypatch)
    assert forked == []
    two = _outcome(broken, "2", monkeypatch)
    assert forked == ["fork"]
    assert one == two
    codes = {p["code"] for p in one[2]}
    assert {"type", "dangling-reference"} <= codes


def test_problems_across_records_name_file_line_record_field_and_claim(broken: Path) -> None:
    report = validate([broken], records=False, cache=False)
    assert report.records == [] and len(report.checked) == len(report.files) - 1  # zopiclone fails its model
    dangling = [p for p in report.errors if p.code == "dangling-reference"]
    assert dangling
    for problem in dangling:
        assert Path(problem.file).is_file() and problem.line > 1 and problem.col >= 1
        assert problem.record and problem.field and problem.found == "condition:insomnia"
    assert any(p.claim for p in dangling), "a reference inside a claim names the claim"
    located = [p for p in report.errors if p.code == "type"]
    assert [(Path(p.file).name, p.record, p.field) for p in located] == [("zopiclone.yaml", "treatment:zopiclone",
                                                                          "inn")]


def test_a_run_keeps_records_only_when_asked(broken: Path) -> None:
    kept = validate([broken], cache=False)
    assert len(kept.records) == len(kept.checked) > 0
    assert [p.to_dict() for p in kept.problems] == [p.to_dict() for p in validate([broken], records=False,
                                                                                  cache=False).problems]


def test_worker_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLEEPDATA_JOBS", "3")
    assert file_checks.jobs(10) == 3
    monkeypatch.delenv("SLEEPDATA_JOBS")
    monkeypatch.setattr(file_checks.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(file_checks.sys, "platform", "linux")
    assert file_checks.jobs(file_checks.FILES_PER_JOB - 1) == 1
    assert file_checks.jobs(100 * file_checks.FILES_PER_JOB) == 2
    monkeypatch.setattr(file_checks.sys, "platform", "darwin")
    assert file_checks.jobs(100 * file_checks.FILES_PER_JOB) == 1
