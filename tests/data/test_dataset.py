"""Integrity of the curated dataset itself: each failure names the record and field that broke."""

from __future__ import annotations

import difflib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import simple_icd_10_cm as icd

from sleepdata import bundle
from sleepdata.claims import claims_in, walk
from sleepdata.coverage import cited_spans, uncovered
from sleepdata.models import Code, CodeSystem, Judged, Marketed, Origin, Source, Strength, Use, Verdict
from sleepdata.validation import Report, validate
from sleepdata.yaml_format import canonical_file

from ..conftest import DATASET, ROOT

SPAM_PHRASES = ("fast uk meds", "uk top meds", "buy modafinil", "buy valium")


@pytest.fixture(scope="module")
def report() -> Report:
    result = validate([DATASET])
    assert result.valid, "\n".join(p.format() for p in result.errors)
    return result


@pytest.fixture(scope="module")
def records(report: Report) -> list[Any]:
    return [f.record for f in report.records]


def _refs(records: list[Any]) -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
    kinds = {"Source": "source", "Condition": "condition", "Cause": "cause", "Treatment": "treatment",
             "Warning": "warning"}
    for record in records:
        ref = f"{kinds[type(record).__name__]}:{record.id}"
        for path, value in walk(record):
            yield ref, path, value


def test_dataset_validates_against_the_sources(sources_dir: Path) -> None:
    result = validate([DATASET], sources_dir)
    assert result.problems == [], "\n".join(p.format() for p in result.problems)


def test_every_source_sentence_is_cited_or_excluded(records: list[Any], sources_dir: Path) -> None:
    spans = cited_spans(records)
    missing = []
    for source in (r for r in records if isinstance(r, Source)):
        text = (sources_dir / source.file_name).read_text(encoding="utf-8")
        missing += [f"source:{source.id} [{s.start}, {s.end})" for s in uncovered(text, spans.get(source.id, []))]
    assert not missing, f"{len(missing)} sentences neither cited nor excluded: {missing[:20]}"


def test_there_are_five_sources_and_every_kind_has_records(records: list[Any]) -> None:
    counts: dict[str, int] = {}
    for record in records:
        counts[type(record).__name__] = counts.get(type(record).__name__, 0) + 1
    assert counts["Source"] == 5
    assert min(counts[k] for k in ("Condition", "Cause", "Treatment", "Warning")) >= 20, counts


def test_icd_10_cm_codes_exist_and_carry_the_official_label(records: list[Any]) -> None:
    wrong = []
    for ref, path, value in _refs(records):
        if isinstance(value, Code) and value.system is CodeSystem.ICD_10_CM:
            if not icd.is_valid_item(value.code):
                wrong.append(f"{ref} {path}: {value.code} is not an ICD-10-CM code")
            elif value.billable is not icd.is_leaf(value.code):
                wrong.append(f"{ref} {path}: {value.code} billable is {value.billable}; the code "
                             f"{'is' if icd.is_leaf(value.code) else 'is not'} a billable leaf")
            elif icd.get_description(value.code) != value.label:
                wrong.append(f"{ref} {path}: {value.code} is '{icd.get_description(value.code)}', "
                             f"labelled '{value.label}'")
    assert not wrong, "\n".join(wrong)


# Concepts whose ICD-10-CM code is known: the record must carry exactly this code.
EXPECTED_CODES = {
    "condition:insomnia": "G47.00",
    "condition:restless-legs-syndrome": "G25.81",
    "condition:myoclonus": "G25.3",
    "condition:periodic-limb-movement-disorder": "G47.61",
    "condition:sleep-paralysis": "G47.53",
    "condition:fibromyalgia": "M79.7",
    "condition:generalized-anxiety-disorder": "F41.1",
    "condition:panic-disorder": "F41.0",
    "condition:hiccups": "R06.6",
    "cause:iron-deficiency-anaemia": "D50.9",
    "cause:creutzfeldt-jakob-disease": "A81.00",
    "cause:subacute-sclerosing-panencephalitis": "A81.1",
}


@pytest.mark.parametrize("ref", sorted(EXPECTED_CODES))
def test_key_concepts_carry_the_right_code(ref: str, records: list[Any]) -> None:
    kind, rid = ref.split(":")
    record = next(r for r in records if r.id == rid and type(r).__name__.lower() == kind)
    codes = [c.code for c in record.codes if c.system is CodeSystem.ICD_10_CM]
    assert codes == [EXPECTED_CODES[ref]]


def test_atc_codes_of_named_drugs(records: list[Any]) -> None:
    expected = {"zopiclone": "N05CF01", "pregabalin": "N03AX16", "clonazepam": "N03AE01",
                "valproic-acid": "N03AG01", "carbamazepine": "N03AF01", "lamotrigine": "N03AX09",
                "haloperidol": "N05AD01", "sulpiride": "N05AL01", "piracetam": "N06BX03"}
    atc = {r.id: [c.code for c in r.codes if c.system is CodeSystem.ATC] for r in records if r.id in expected
           and type(r).__name__ == "Treatment"}
    assert atc == {k: [v] for k, v in expected.items()}


def test_judged_facts_carry_a_note_and_a_basis(records: list[Any]) -> None:
    flagged = [(ref, path) for ref, path, v in _refs(records)
               if isinstance(v, Judged) and (v.verdict is not Verdict.SUPPORTED or v.reading.value == "corrected")]
    assert len(flagged) >= 50
    assert all(v.note and v.basis for _, _, v in _refs(records)
               if isinstance(v, Judged) and (v.verdict is not Verdict.SUPPORTED or v.reading.value == "corrected"))


def test_every_fact_has_a_unique_claim_id(records: list[Any]) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for record in records:
        for path, claim in claims_in(record):
            if claim.id in seen:
                clashes.append(f"{claim.id}: {seen[claim.id]} and {record.id} {path}")
            seen[claim.id] = f"{record.id} {path}"
    assert not clashes, clashes[:10]
    facts = [v for _, _, v in _refs(records) if hasattr(v, "statement") or isinstance(v, Strength)]
    assert facts and all(getattr(v, "id", None) for v in facts)
    assert len(seen) >= 1000


def test_no_claim_is_both_supported_and_disputed(records: list[Any]) -> None:
    """A use or a cause link for the same pair is not supported in one place and disputed in another
    unless the two facts cite different places (the source says different things there)."""
    verdicts: dict[tuple[str, str, str], set[tuple[Verdict, tuple[tuple[int, int], ...]]]] = {}
    for record in records:
        for field in ("uses", "links"):
            for fact in getattr(record, field, ()):
                key = (record.id, fact.condition, getattr(fact, "relation", getattr(fact, "standing", "")))
                spans = tuple(sorted((s.start, s.end) for s in fact.provenance))
                verdicts.setdefault(key, set()).add((fact.verdict, spans))
    clashes = []
    for key, seen in verdicts.items():
        by_span: dict[tuple[tuple[int, int], ...], set[Verdict]] = {}
        for verdict, spans in seen:
            by_span.setdefault(spans, set()).add(verdict)
        clashes += [f"{key} at {spans}: {found}" for spans, found in by_span.items() if len(found) > 1]
    assert not clashes, "\n".join(clashes)


def test_contested_uses_are_never_supported(records: list[Any]) -> None:
    supported_contested = [f"treatment:{r.id} -> {u.condition}" for r in records for u in getattr(r, "uses", ())
                           if isinstance(u, Use) and u.standing.value == "contested"
                           and u.verdict is Verdict.SUPPORTED]
    assert not supported_contested, supported_contested


def test_antipsychotics_are_never_a_supported_treatment_for_epilepsy(records: list[Any]) -> None:
    antipsychotics = next(r for r in records if r.id == "antipsychotics" and type(r).__name__ == "Treatment")
    epileptic = [u for u in antipsychotics.uses if "epilep" in u.condition]
    assert epileptic, "the sources' antipsychotics-for-epilepsy claims must be recorded (and disputed)"
    assert all(u.verdict is Verdict.DISPUTED and u.standing.value == "contested" for u in epileptic)


def test_strengths_that_are_not_marketed_never_read_as_marketed(records: list[Any]) -> None:
    zopiclone = next(r for r in records if r.id == "zopiclone" and type(r).__name__ == "Treatment")
    strengths = {s.id: s for s in zopiclone.strengths}
    assert strengths["zopiclone-20-mg"].marketed is Marketed.NOT_MARKETED
    assert strengths["zopiclone-20-mg"].note
    assert {strengths["zopiclone-7-5-mg"].marketed, strengths["zopiclone-3-75-mg"].marketed} == {Marketed.MARKETED}
    warned = {t for r in records if type(r).__name__ == "Warning" and r.kind.value == "non-standard-strength"
              for t in r.applies_to}
    not_marketed = {f"strength:{v.id}" for _, _, v in _refs(records)
                    if isinstance(v, Strength) and v.marketed is Marketed.NOT_MARKETED}
    assert not_marketed <= warned


def test_curator_knowledge_always_names_its_basis(records: list[Any]) -> None:
    unbased = [f"{ref} {path}" for ref, path, v in _refs(records)
               if getattr(v, "origin", None) is Origin.CURATOR and hasattr(v, "basis") and v.basis is None]
    assert not unbased, unbased[:10]


def test_spam_phrases_appear_only_in_exclusion_notes() -> None:
    hits = []
    for path in sorted(DATASET.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(phrase in line.lower() for phrase in SPAM_PHRASES):
                hits.append(f"{path.relative_to(ROOT)}:{number}")
    allowed = [h for h in hits if "/sources/" in h]
    assert hits == allowed, f"spam phrases outside source exclusions: {sorted(set(hits) - set(allowed))}"


def test_record_files_are_canonical(report: Report) -> None:
    stale = [str(f.path) for f in report.records
             if f.path and f.path.read_text(encoding="utf-8") != canonical_file(f.path, f.record, f.document)]
    assert not stale, f"not in canonical form: {stale[:10]}; run `sleepdata format`"


def test_committed_bundle_matches_the_dataset(report: Report) -> None:
    fresh = bundle.render([f.record for f in report.records], report.retired)
    committed = (ROOT / "src/sleepdata/data/dataset.json").read_text(encoding="utf-8")
    if fresh != committed:
        diff = difflib.unified_diff(committed.replace(",", ",\n").splitlines(), fresh.replace(",", ",\n").splitlines(),
                                    "committed", "fresh", lineterm="", n=1)
        pytest.fail("the committed bundle differs from dataset/; run `sleepdata build` and commit:\n"
                    + "\n".join(list(diff)[:40]))


def test_no_source_sentence_is_copied(sources_dir: Path) -> None:
    tool = sources_dir.parent / "tools" / "verbatim_check.py"
    if not tool.is_file():
        pytest.skip(f"the verbatim checker is not beside the source documents ({tool})")
    result = subprocess.run([sys.executable, str(tool), "--sources", str(sources_dir), str(ROOT)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[:3000]


def test_ids_of_earlier_releases_are_kept_or_retired(report: Report) -> None:
    live = {f.ref for f in report.records} | {f"strength:{s.id}" for f in report.records
                                              for s in getattr(f.record, "strengths", ())}
    live |= {f"claim:{claim.id}" for f in report.records for _, claim in claims_in(f.record)}
    lists = sorted((ROOT / "releases").glob("*.ids"))
    assert lists, "releases/<version>.ids lists the ids of each release"
    for listing in lists:
        released = set(listing.read_text(encoding="utf-8").split())
        lost = sorted(released - live - set(report.retired))
        assert not lost, f"{listing.name}: ids gone without a retirement entry in dataset/retired.yaml: {lost}"
    reused = sorted(set(report.retired) & live)
    assert not reused, f"retired ids used again: {reused}"
