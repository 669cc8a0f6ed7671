"""The validation cache: reused only for the same bytes, package version and rules; never trusted when corrupt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sleepdata import records, validation, validation_cache
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
    """The display names of the files the strict reader parses (a cache hit parses nothing)."""
    seen: list[str] = []
    real = records.strict_yaml.parse

    def spy(text: str | bytes, file: str = "<string>") -> records.strict_yaml.Document:
        if not file.endswith("retired.yaml"):
            seen.append(file)
        return real(text, file)

    monkeypatch.setattr(records.strict_yaml, "parse", spy)
    return seen


def _outcome(report: validation.Report) -> tuple[object, ...]:
    return (report.files, [(f.kind, f.record.model_dump(mode="json"), f.document.positions,
                            f.document.key_positions, f.document.file) for f in report.records],
            [p.to_dict() for p in report.problems], report.retired)


def test_same_results_with_and_without_the_cache(copy: Path, parsed: list[str]) -> None:
    without = validate([copy], cache=False)
    filled = validate([copy])
    assert len(parsed) == 2 * len(without.files)
    parsed.clear()
    warm = validate([copy])
    assert parsed == [], "an unchanged file was parsed again"
    assert _outcome(without) == _outcome(filled) == _outcome(warm)
    assert validation_cache.cache_dir().is_relative_to(copy.parent / "cache")


def test_one_changed_file_is_parsed_again_and_alone(copy: Path, parsed: list[str]) -> None:
    validate([copy])
    target = copy / "treatments" / "zopiclone.yaml"
    target.write_text(target.read_text().replace("name: zopiclone", "name: zopiclone\n", 1).replace(
        "inn: zopiclone", "inn: zopiclone # changed", 1))
    parsed.clear()
    report = validate([copy])
    assert parsed == [str(target)]
    assert report.valid
    target.write_text(target.read_text().replace("inn: zopiclone # changed", "inn: 7", 1))
    report = validate([copy])
    assert [(p.file, p.field, p.code) for p in report.errors] == [(str(target), "inn", "type")]


def test_cross_record_checks_run_over_cached_records(copy: Path) -> None:
    validate([copy])
    (copy / "conditions" / "insomnia.yaml").unlink()  # every other file is a cache hit; references now dangle
    report = validate([copy])
    assert any(p.code == "dangling-reference" and "condition:insomnia" in p.message for p in report.errors)


def _rerun_parses(copy: Path, parsed: list[str]) -> int:
    parsed.clear()
    validate([copy])
    return len(parsed)


def test_a_changed_schema_forces_revalidation(copy: Path, parsed: list[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    files = len(validate([copy]).files)
    assert _rerun_parses(copy, parsed) == 0
    monkeypatch.setattr(validation_cache, "rules_digest", lambda: "another schema")
    assert _rerun_parses(copy, parsed) == files


def test_the_rules_digest_follows_the_model_sources(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(ROOT / "src" / "sleepdata", package, ignore=shutil.ignore_patterns("data", "site", "exports"))
    before = validation_cache.rules_digest.__wrapped__(package)
    model = package / "models" / "treatment.py"
    model.write_text(model.read_text() + "\n# a changed constraint\n")
    assert validation_cache.rules_digest.__wrapped__(package) != before
    assert validation_cache.rules_digest(ROOT / "src" / "sleepdata") == validation_cache.rules_digest()


def test_another_package_version_forces_revalidation(copy: Path, parsed: list[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    files = len(validate([copy]).files)
    monkeypatch.setattr(validation_cache, "__version__", "99.0.0")
    assert _rerun_parses(copy, parsed) == files
    assert _rerun_parses(copy, parsed) == 0


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": 1}', b"\x80\x81", b'{"key": {}, "json": "{}"}'])
def test_a_corrupt_entry_is_ignored_and_replaced(copy: Path, parsed: list[str], damage: bytes) -> None:
    expected = _outcome(validate([copy], cache=False))
    validate([copy])
    entries = sorted((validation_cache.cache_dir()).rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(damage)
    parsed.clear()
    assert _outcome(validate([copy])) == expected
    assert len(parsed) == len(entries)
    assert _rerun_parses(copy, parsed) == 0  # rewritten


def test_an_entry_for_other_bytes_is_not_trusted(copy: Path, parsed: list[str]) -> None:
    """An entry moved under another file's name still names its own key: it is refused."""
    validate([copy])
    entries = sorted(validation_cache.cache_dir().rglob("*.json"))
    first, second = entries[0].read_bytes(), entries[1].read_bytes()
    entries[0].write_bytes(second)
    entries[1].write_bytes(first)
    parsed.clear()
    assert validate([copy]).valid
    assert len(parsed) == 2


def test_an_entry_whose_record_no_longer_passes_is_not_trusted(copy: Path, parsed: list[str]) -> None:
    import orjson

    validate([copy])
    target = copy / "treatments" / "zopiclone.yaml"
    for entry in validation_cache.cache_dir().rglob("*.json"):
        data = orjson.loads(entry.read_bytes())
        if orjson.loads(data["json"]).get("id") == "zopiclone" and data["key"]["kind"] == "treatment":
            data["json"] = data["json"].replace('"inn":"zopiclone"', '"inn":7')
            entry.write_bytes(orjson.dumps(data))
    parsed.clear()
    assert validate([copy]).valid
    assert parsed == [str(target)]


def test_disabled_by_the_environment_and_the_flag(copy: Path, parsed: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from sleepdata.cli import main

    monkeypatch.setenv("SLEEPDATA_NO_CACHE", "1")
    validate([copy])
    assert not validation_cache.cache_dir().exists()
    monkeypatch.delenv("SLEEPDATA_NO_CACHE")
    assert main(["validate", "--no-cache", str(copy)]) == 0
    assert not validation_cache.cache_dir().exists()


def test_cache_location_follows_the_platform_convention(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(validation_cache.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert validation_cache.cache_dir() == tmp_path / "sleepdata"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert validation_cache.cache_dir() == Path.home() / ".cache" / "sleepdata"
