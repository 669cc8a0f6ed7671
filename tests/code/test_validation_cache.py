"""The validation cache: reused only for the same bytes, package version, rules and sources; never trusted when
corrupt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sleepdata import strict_yaml, validation, validation_cache
from sleepdata.validation import validate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the dataset, and a cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SLEEPDATA_NO_CACHE", raising=False)
    shutil.copytree(ROOT / "dataset", tmp_path / "dataset")
    return tmp_path / "dataset"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display names of the record files the strict reader parses (a cache hit parses nothing)."""
    seen: list[str] = []
    real = strict_yaml.parse_json

    def spy(text: str | bytes, file: str = "<string>") -> tuple[strict_yaml.Document, bytes | None]:
        if not file.endswith("retired.yaml"):
            seen.append(file)
        return real(text, file)

    monkeypatch.setattr(strict_yaml, "parse_json", spy)
    return seen


def _run(copy: Path, **options: object) -> validation.Report:
    return validate([copy], records=False, **options)  # type: ignore[arg-type]


def _outcome(report: validation.Report) -> tuple[object, ...]:
    return report.files, report.checked, [p.to_dict() for p in report.problems], report.retired


def _rerun_parses(copy: Path, parsed: list[str]) -> int:
    parsed.clear()
    _run(copy)
    return len(parsed)


def test_same_results_with_and_without_the_cache(copy: Path, parsed: list[str]) -> None:
    without = _run(copy, cache=False)
    filled = _run(copy)
    assert len(parsed) == 2 * len(without.files)
    parsed.clear()
    warm = _run(copy)
    assert parsed == [], "an unchanged file was parsed again"
    assert _outcome(without) == _outcome(filled) == _outcome(warm)
    assert len(without.checked) == len(validate([copy], cache=False).records)
    assert validation_cache.cache_dir().is_relative_to(copy.parent / "cache")


def test_problems_come_back_from_the_cache_as_they_were_found(copy: Path, parsed: list[str]) -> None:
    target = copy / "treatments" / "zopiclone.yaml"
    target.write_text(target.read_text().replace("inn: zopiclone", "inn: 7", 1))
    (copy / "conditions" / "insomnia.yaml").unlink()
    fresh = _run(copy)
    assert {p.code for p in fresh.errors} >= {"type", "dangling-reference"}
    parsed.clear()
    assert _outcome(_run(copy)) == _outcome(fresh)
    assert parsed == []


def test_one_changed_file_is_parsed_again_and_alone(copy: Path, parsed: list[str]) -> None:
    _run(copy)
    target = copy / "treatments" / "zopiclone.yaml"
    target.write_text(target.read_text().replace("inn: zopiclone", "inn: zopiclone # changed", 1))
    parsed.clear()
    report = _run(copy)
    assert parsed == [str(target)]
    assert report.valid
    target.write_text(target.read_text().replace("inn: zopiclone # changed", "inn: 7", 1))
    parsed.clear()
    report = _run(copy)
    assert parsed == [str(target)]
    assert [(p.file, p.field, p.code) for p in report.errors] == [(str(target), "inn", "type")]


def test_cross_record_checks_run_over_cached_files(copy: Path, parsed: list[str]) -> None:
    _run(copy)
    (copy / "conditions" / "insomnia.yaml").unlink()  # every other file is a cache hit; references now dangle
    parsed.clear()
    report = _run(copy)
    dangling = [p for p in report.errors if p.code == "dangling-reference" and "condition:insomnia" in p.message]
    assert dangling and all(p.line > 1 and p.record and p.field for p in dangling)
    assert set(parsed) == {p.file for p in dangling}, "only the files with a problem to place are read again"


def test_a_changed_schema_forces_revalidation(copy: Path, parsed: list[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    files = len(_run(copy).files)
    assert _rerun_parses(copy, parsed) == 0
    monkeypatch.setattr(validation_cache, "rules_digest", lambda: "another schema")
    assert _rerun_parses(copy, parsed) == files


def test_the_rules_digest_follows_the_model_and_check_sources(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(ROOT / "src" / "sleepdata", package, ignore=shutil.ignore_patterns("data", "site", "exports"))
    before = validation_cache.rules_digest.__wrapped__(package)
    for changed in (package / "models" / "treatment.py", package / "integrity.py"):
        changed.write_text(changed.read_text() + "\n# a changed rule\n")
        assert validation_cache.rules_digest.__wrapped__(package) != before
        before = validation_cache.rules_digest.__wrapped__(package)
    assert validation_cache.rules_digest(ROOT / "src" / "sleepdata") == validation_cache.rules_digest()


def test_another_package_version_forces_revalidation(copy: Path, parsed: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    files = len(_run(copy).files)
    monkeypatch.setattr(validation_cache, "__version__", "99.0.0")
    assert _rerun_parses(copy, parsed) == files
    assert _rerun_parses(copy, parsed) == 0


def test_changed_source_texts_force_the_span_checks_again(copy: Path, tmp_path: Path, parsed: list[str]) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "other.txt").write_text("a text no source names\n")
    first = _run(copy, sources_dir=texts)
    parsed.clear()
    assert _outcome(_run(copy, sources_dir=texts)) == _outcome(first)
    assert parsed == []
    (texts / "other.txt").write_text("changed\n")
    parsed.clear()
    _run(copy, sources_dir=texts)
    assert parsed, "a run whose source texts changed was taken from the cache"


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 3}\n{}', b"\x80\x81", b"\n[]"])
def test_a_corrupt_entry_is_ignored_and_replaced(copy: Path, parsed: list[str], damage: bytes) -> None:
    expected = _outcome(_run(copy, cache=False))
    _run(copy)
    entries = sorted(validation_cache.cache_dir().rglob("*.json"))
    assert len(entries) == 2  # the run, and its files
    for entry in entries:
        entry.write_bytes(damage)
    parsed.clear()
    assert _outcome(_run(copy)) == expected
    assert len(parsed) == len(expected[0])
    assert _rerun_parses(copy, parsed) == 0  # rewritten


def test_an_entry_changed_after_it_was_written_is_not_trusted(copy: Path, parsed: list[str]) -> None:
    """A body that no longer matches its header's sha256 (a flipped bit, an edit) is refused."""
    _run(copy)
    for entry in validation_cache.cache_dir().rglob("*.json"):
        header, _, body = entry.read_bytes().partition(b"\n")
        changed = body.replace(b'"supported"', b'"disputed"', 1).replace(b"treatment", b"treatmenu", 1)
        assert changed != body
        entry.write_bytes(header + b"\n" + changed)
    parsed.clear()
    assert _run(copy).valid
    assert len(parsed) > 0


def test_an_entry_for_another_run_is_not_trusted(copy: Path, parsed: list[str], tmp_path: Path) -> None:
    """A run entry copied over another run's still names its own key: it is refused."""
    other = tmp_path / "other" / "dataset"
    shutil.copytree(copy, other)
    (other / "conditions" / "insomnia.yaml").unlink()
    assert not _run(other).valid
    _run(copy)
    entries = sorted(validation_cache.cache_dir().rglob("*.run.json"))
    assert len(entries) == 2
    first, second = entries[0].read_bytes(), entries[1].read_bytes()
    entries[0].write_bytes(second)
    entries[1].write_bytes(first)
    parsed.clear()
    assert _run(copy).valid
    assert not _run(other).valid


def test_disabled_by_the_environment_and_the_flag(copy: Path, parsed: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from sleepdata.cli import main

    monkeypatch.setenv("SLEEPDATA_NO_CACHE", "1")
    _run(copy)
    assert not validation_cache.cache_dir().exists()
    monkeypatch.delenv("SLEEPDATA_NO_CACHE")
    assert main(["validate", "--no-cache", str(copy)]) == 0
    assert not validation_cache.cache_dir().exists()
    assert main(["validate", str(copy)]) == 0
    assert validation_cache.cache_dir().exists()


def test_runs_that_keep_the_records_do_not_use_it(copy: Path) -> None:
    assert validate([copy]).records
    assert not validation_cache.cache_dir().exists()


def test_cache_location_follows_the_platform_convention(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(validation_cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert validation_cache.cache_dir() == tmp_path / "sleepdata"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert validation_cache.cache_dir() == Path.home() / ".cache" / "sleepdata"
    monkeypatch.setattr(validation_cache.sys, "platform", "darwin")
    assert validation_cache.cache_dir() == Path.home() / "Library" / "Caches" / "sleepdata"
    monkeypatch.setattr(validation_cache.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert validation_cache.cache_dir() == tmp_path / "sleepdata" / "Cache"
