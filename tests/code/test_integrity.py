"""Cross-record checks, each shown failing on a copy of the demo dataset with one thing broken."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sleepdata.validation import validate


def _copy(demo_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(demo_dir, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_demo_dataset_is_valid_with_its_sources(demo_dir: Path, demo_texts: Path) -> None:
    report = validate([demo_dir], demo_texts)
    assert report.problems == []
    assert len(report.records) == 7


BREAKS: dict[str, tuple[Callable[[Path], None], str, str, str]] = {
    "dangling reference with a hint": (
        lambda d: _edit(d / "causes/stress.yaml", "condition:hypnic-jerks", "condition:hypnic-jerk"),
        "dangling-reference", "links[0].condition", "did you mean 'hypnic-jerks'?"),
    "id differs from file name": (
        lambda d: _edit(d / "conditions/insomnia.yaml", "id: insomnia", "id: insomnia-disorder"),
        "id-file-name", "id", "file name 'insomnia'"),
    "duplicate strength id": (
        lambda d: _edit(d / "treatments/examplon.yaml", "id: examplon-10-mg", "id: examplon-5-mg"),
        "duplicate-id", "strengths[1].id", "duplicate strength id"),
    "non-standard strength without a warning": (
        lambda d: (d / "warnings/examplon-40-mg-non-standard.yaml").unlink(),
        "unwarned-strength", "strengths[2].marketed", "needs a warning"),
    "parent cycle": (
        lambda d: (_edit(d / "conditions/insomnia.yaml", "category:", "parent: condition:hypnic-jerks\ncategory:"),
                   _edit(d / "conditions/hypnic-jerks.yaml", "category:", "parent: condition:insomnia\ncategory:")),
        "cycle", "parent", "loops back"),
    "span end before start": (
        lambda d: _edit(d / "causes/stress.yaml", "start: 178, end: 224", "start: 178, end: 170"),
        "span-order", "links[0].provenance[0].end", "greater than start"),
    "span beyond the source": (
        lambda d: _edit(d / "causes/stress.yaml", "start: 178, end: 224", "start: 178, end: 9999"),
        "span-bounds", "links[0].provenance[0].end", "source's length"),
    "span starting inside a word": (
        lambda d: _edit(d / "causes/stress.yaml", "start: 178, end: 224", "start: 179, end: 224"),
        "span-edge", "links[0].provenance[0]", "starts inside a word"),
    "span across lines": (
        lambda d: _edit(d / "causes/stress.yaml", "start: 178, end: 224", "start: 178, end: 240"),
        "span-lines", "links[0].provenance[0]", "line break"),
    "source hash changed": (
        lambda d: _edit(d / "sources/demo-notes.yaml", "sha256: a3948bf8", "sha256: f3948bf8"),
        "source-hash", "sha256", "sha256"),
    "quantity range upside down": (
        lambda d: _edit(d / "conditions/insomnia.yaml", "mentions:", "features:\n- id: insomnia-onset\n"
                        "  statement: Starts in adults.\n"
                        "  stance: asserted\n  kind: epidemiology\n  quantities:\n  - {measure: age, low: 30, high: 20,"
                        " unit: a}\n  provenance:\n  - {source: 'source:demo-notes', start: 28, end: 100}\nmentions:"),
        "range-order", "features[0].quantities[0].high", "at least low"),
    "claim id used twice": (
        lambda d: _edit(d / "treatments/examplon.yaml", "id: examplon-use-insomnia-used-briefly-adult",
                        "id: stress-link-hypnic-jerks-stress-said-possibly"),
        "duplicate-claim-id", "uses[0].id", "already used by cause:stress"),
    "same claim with another verdict": (
        lambda d: _edit(d / "causes/stress.yaml", "  provenance:", "  same_claim: ['claim:examplon-use-insomnia-used-"
                        "briefly-adult']\n  verdict: unsupported\n  note: No good trial.\n  basis: reference-text\n"
                        "  provenance:"),
        "same-claim-verdict", "links[0].same_claim[0]", "one claim has one verdict"),
    "same claim that does not exist": (
        lambda d: _edit(d / "causes/stress.yaml", "  provenance:", "  same_claim: ['claim:no-such-claim']\n"
                        "  provenance:"),
        "dangling-reference", "links[0].same_claim[0]", "does not resolve"),
    "supported verdict whose note says there is no evidence": (
        lambda d: _edit(d / "causes/stress.yaml", "  provenance:", "  note: There is no evidence for this link.\n"
                        "  basis: reference-text\n  provenance:"),
        "verdict-note", "links[0].verdict", "'no evidence'"),
    "supported verdict whose note says the advice is not specific to the condition": (
        lambda d: _edit(d / "causes/stress.yaml", "  provenance:", "  note: Sound advice, but general rather than a "
                        "specific remedy for sleep starts.\n  basis: reference-text\n  provenance:"),
        "verdict-note", "links[0].verdict", "'rather than a specific remedy'"),
    "drug in a class that is not a class": (
        lambda d: _edit(d / "treatments/examplon.yaml", "codes:", "classes:\n- id: examplon-class-self\n"
                        "  statement: A member of itself.\n  origin: curator\n  drug_class: treatment:examplon\n"
                        "  basis: curator-judgement\ncodes:"),
        "class-cycle", "classes[0].drug_class", "member of itself"),
    "class cycle": (
        lambda d: (
            (d / "treatments/hypnotics.yaml").write_text(
                "id: hypnotics\nname: hypnotics\nkind: drug-class\nclasses:\n- id: hypnotics-class-sedatives\n"
                "  statement: Hypnotics are sedatives.\n  origin: curator\n  drug_class: treatment:sedatives\n"
                "  basis: reference-text\n", encoding="utf-8"),
            (d / "treatments/sedatives.yaml").write_text(
                "id: sedatives\nname: sedatives\nkind: drug-class\nclasses:\n- id: sedatives-class-hypnotics\n"
                "  statement: Sedatives are hypnotics.\n  origin: curator\n  drug_class: treatment:hypnotics\n"
                "  basis: reference-text\n", encoding="utf-8")),
        "class-cycle", "classes[0].drug_class", "loops back"),
    "warning on a class without members": (
        lambda d: (
            (d / "treatments/hypnotics.yaml").write_text("id: hypnotics\nname: hypnotics\nkind: drug-class\n",
                                                        encoding="utf-8"),
            _edit(d / "warnings/examplon-adverse-effects.yaml", "- treatment:examplon", "- treatment:hypnotics")),
        "class-members", "applies_to", "members"),
    "interaction partner that is a measure": (
        lambda d: (
            (d / "treatments/warm-bath.yaml").write_text("id: warm-bath\nname: warm bath\nkind: non-drug\n",
                                                        encoding="utf-8"),
            _edit(d / "warnings/examplon-adverse-effects.yaml", "provenance:",
                  "interactions:\n- id: examplon-with-bath\n  partner: treatment:warm-bath\nprovenance:")),
        "partner-kind", "interactions[0].partner", "drug, class or substance"),
    "span over an exclusion": (
        lambda d: _edit(d / "sources/demo-notes.yaml", "- start: 284", "- start: 180\n  end: 200\n  reason: heading\n"
                        "  note: Excluded in error.\n- start: 284"),
        "span-excluded", "links[0].provenance[0]", "overlaps the excluded text [180, 200)"),
    "span outside every article": (
        lambda d: _edit(d / "sources/demo-notes.yaml", "exclusions:", "articles:\n- id: first\n  start: 0\n  end: 120"
                        "\n  title: First part\n  kind: health-article\n  assessment:\n    reliability: low\n"
                        "    reasons:\n    - Made up.\nexclusions:"),
        "span-article", "links[0].provenance[0]", "no article"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_cross_record_rule_is_enforced(name: str, demo_dir: Path, demo_texts: Path, tmp_path: Path) -> None:
    breaker, code, field, words = BREAKS[name]
    target = _copy(demo_dir, tmp_path)
    breaker(target)
    report = validate([target], demo_texts)
    matching = [p for p in report.errors if p.code == code]
    assert matching, f"the rule '{name}' is not enforced: {[p.format() for p in report.problems]}"
    problem = matching[0]
    assert problem.field == field
    assert words in problem.message
    assert problem.line >= 1 and problem.record is not None


def test_stray_files_and_misnamed_folders_are_reported(demo_dir: Path, tmp_path: Path) -> None:
    target = _copy(demo_dir, tmp_path)
    (target / "condtions").mkdir()
    (target / "conditions" / "notes.txt").write_text("x")
    codes = {(p.file.split("/")[-1], p.code, p.message) for p in validate([target]).problems}
    assert any(f == "condtions" and "did you mean 'conditions'" in m for f, _, m in codes)
    assert any(f == "notes.txt" and c == "stray-file" for f, c, _ in codes)


def test_exclusion_search_finds_what_a_scan_finds() -> None:
    from sleepdata.integrity import SourceContext

    ranges = ((0, 10), (2, 50), (20, 30), (60, 61), (70, 90))
    context = SourceContext(excluded={"s": ranges})
    for start in range(0, 100):
        for end in range(start + 1, min(start + 40, 101)):
            found = context.exclusion_over("s", start, end)
            assert (found is not None) == any(start < b and a < end for a, b in ranges), (start, end)
            assert found is None or (start < found[1] and found[0] < end)
