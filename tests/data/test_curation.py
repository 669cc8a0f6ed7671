"""Curation decisions that must hold: code corrections with their mapping, names a reader would type, the
articles of the compilation, and the drugs that excluded shop keywords advertise."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import simple_icd_10_cm as icd

from sleepdata.claims import claims_in, raw_claims, walk
from sleepdata.dataset import Dataset
from sleepdata.exports.common import alternate_names
from sleepdata.lookup import normalize
from sleepdata.models import Code, CodeSystem, Span
from sleepdata.models.source import ExclusionReason, Source

ROOT = Path(__file__).resolve().parents[2]
DATASET = ROOT / "dataset"
COMPILATION = "myoclonus-health-portal-compilation"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.from_path(DATASET).validated()  # the walks below read the pydantic models


def _records(dataset: Dataset) -> list[tuple[str, Any]]:
    return [(f"{kind}:{rid}", collection[rid]) for kind, collection in dataset.collections.items()
            for rid in collection]


# -- codes ------------------------------------------------------------------------------------------

# Each corrected code: the record, then (code, billable, mapping) for every ICD-10-CM code it must carry, in order.
CODE_CORRECTIONS: dict[str, tuple[str, list[tuple[str, bool, str]]]] = {
    # the diabetic hyperosmolar state is E11.0 (a category: its leaves add coma or its absence); E87.0 is
    # hyperosmolality outside diabetes. Both are narrower than a hyperosmolar state of any cause.
    "hyperosmolar-state": ("cause:hyperosmolar-state", [("E11.0", False, "narrower"), ("E87.0", True, "narrower")]),
    # Z33.1 is a pregnancy incidental to care, which a pregnancy named as a cause is not.
    "pregnancy-as-a-cause": ("cause:pregnancy", [("Z33.1", True, "related")]),
    # misuse spans abuse and dependence (alcoholism); F10.10/F10.20 would add "uncomplicated".
    "alcohol-misuse": ("cause:alcohol-misuse", [("F10.1", False, "narrower"), ("F10.2", False, "narrower")]),
    # N19 is kept exact by renal failure; uraemia, which ICD-10-CM indexes to N19, maps to it as broader.
    "renal-failure-keeps-n19": ("cause:renal-failure", [("N19", True, "exact")]),
    "uraemia-n19-broader": ("cause:uraemia", [("N19", True, "broader")]),
    # G40.909 asserted "not intractable, without status epilepticus", which no source says.
    "epilepsy-condition": ("condition:epilepsy", [("G40.9", False, "exact")]),
    "epilepsy-cause": ("cause:epilepsy", [("G40.9", False, "exact")]),
    # G47.53 is only recurrent isolated sleep paralysis.
    "sleep-paralysis": ("condition:sleep-paralysis", [("G47.53", True, "narrower")]),
    # K72.90 asserted "without coma", which no source says.
    "liver-failure": ("cause:liver-failure", [("K72.9", False, "exact")]),
}


@pytest.mark.parametrize("case", sorted(CODE_CORRECTIONS))
def test_corrected_icd_10_cm_codes(case: str, dataset: Dataset) -> None:
    ref, expected = CODE_CORRECTIONS[case]
    record: Any = dataset[ref]
    found = [(c.code, c.billable, c.mapping.value) for c in record.codes if c.system is CodeSystem.ICD_10_CM]
    assert found == expected, f"{ref}: expected {expected}, found {found}"


def test_renal_failure_and_uraemia_do_not_both_claim_n19_exactly(dataset: Dataset) -> None:
    exact = [ref for ref, record in _records(dataset) for c in getattr(record, "codes", ())
             if c.system is CodeSystem.ICD_10_CM and c.code == "N19" and c.mapping.value == "exact"]
    assert exact == ["cause:renal-failure"]


@pytest.mark.parametrize("ref", ["condition:brainstem-myoclonus", "condition:cortical-myoclonus",
                                 "condition:essential-myoclonus", "condition:peripheral-myoclonus",
                                 "condition:spinal-myoclonus", "condition:symptomatic-myoclonus",
                                 "condition:palatal-myoclonus", "condition:action-myoclonus"])
def test_kinds_of_myoclonus_map_to_the_general_myoclonus_code_as_broader(ref: str, dataset: Dataset) -> None:
    record: Any = dataset[ref]
    assert [(c.code, c.mapping.value) for c in record.codes] == [("G25.3", "broader")]


def _codes(dataset: Dataset) -> list[tuple[str, tuple[str | int, ...], Code]]:
    return [(ref, path, value) for ref, record in _records(dataset) for path, value in walk(record)
            if isinstance(value, Code)]


def test_every_icd_10_cm_code_is_valid_with_its_official_label_and_billable_flag(dataset: Dataset) -> None:
    icd_codes = [(ref, path, c) for ref, path, c in _codes(dataset) if c.system is CodeSystem.ICD_10_CM]
    assert len(icd_codes) >= 60, "expected the dataset's ICD-10-CM codes; the walk found too few"
    wrong = []
    for ref, path, code in icd_codes:
        where = f"{ref} {'.'.join(map(str, path))}"
        if not icd.is_valid_item(code.code):
            wrong.append(f"{where}: {code.code} is not an ICD-10-CM code")
            continue
        if code.billable is not icd.is_leaf(code.code):
            wrong.append(f"{where}: {code.code} has billable {code.billable}; is_leaf is {icd.is_leaf(code.code)}")
        if code.label != icd.get_description(code.code):
            wrong.append(f"{where}: {code.code} is labelled '{code.label}', officially "
                         f"'{icd.get_description(code.code)}'")
    assert not wrong, "\n".join(wrong)


def test_no_icd_10_cm_leaf_asserts_qualifiers_the_corrections_removed(dataset: Dataset) -> None:
    banned = {"G40.909", "F10.10", "F10.20", "K72.90", "E11.00"}
    found = [f"{ref}: {c.code}" for ref, _, c in _codes(dataset)
             if c.system is CodeSystem.ICD_10_CM and c.code in banned]
    assert not found, found


def test_atc_groups_carry_the_upper_case_label_of_the_index(dataset: Dataset) -> None:
    """Levels 1 to 3 of the ATC index (up to four characters) are written in capitals, e.g. N05A ANTIPSYCHOTICS."""
    groups = [(ref, c) for ref, _, c in _codes(dataset) if c.system is CodeSystem.ATC and len(c.code) <= 4]
    assert groups, "expected ATC group codes such as N05A"
    wrong = [f"{ref}: {c.code} '{c.label}'" for ref, c in groups if c.label != c.label.upper()]
    assert not wrong, wrong


# -- names a reader would type ------------------------------------------------------------------------

LOOKUPS = {
    "palatal myoclonus": "condition:palatal-myoclonus",
    "Palatal Myoclonus": "condition:palatal-myoclonus",
    "photosensitive epilepsy": "condition:photosensitive-epilepsy",
    "photosensitivity epilepsy": "condition:photosensitive-epilepsy",
    "myoclonic absence seizures": "condition:myoclonic-absence-seizures",
    "Simmonds' myoclonus": "condition:periodic-limb-movement-disorder",
    "Simmonds nocturnal myoclonus": "condition:periodic-limb-movement-disorder",
    "Symonds' myoclonus": "condition:periodic-limb-movement-disorder",
    "Symonds\u2019 nocturnal myoclonus": "condition:periodic-limb-movement-disorder",  # typographic apostrophe
    "actional myoclonus": "condition:action-myoclonus",
    "idiopathic stimulus-sensitive myoclonus": "condition:reflex-myoclonus",
    "tonic attacks": "condition:tonic-seizures",
    "focal attacks": "condition:focal-seizures",
    "hyperkinesis": "condition:hyperkinesis",
    "sleep-walking": "condition:sleepwalking",
    "rebound insomnia": "condition:rebound-insomnia",
    "gastrocnemius myoclonus": "condition:myoclonus",
    "heatstroke": "cause:heat-stroke",
    "alcohol abuse": "cause:alcohol-misuse",
    "hypothermia": "cause:cold-exposure",
    "type 2 diabetes mellitus": "cause:diabetes-mellitus",
    "Konvulex": "treatment:valproic-acid",
    "Depakin": "treatment:valproic-acid",
    "Z-drug": "treatment:z-drugs",
    "cyclopyrrolone": "treatment:cyclopyrrolones",
}


@pytest.mark.parametrize("name", sorted(LOOKUPS))
def test_named_things_resolve_through_find(name: str, dataset: Dataset) -> None:
    found = [f"{type(r).__name__.lower()}:{r.id}" for r in dataset.find(name)]  # type: ignore[attr-defined]
    assert LOOKUPS[name] in found, f"find({name!r}) gave {found}"


def test_simmonds_is_a_noted_misspelling_pointing_at_periodic_limb_movements(dataset: Dataset) -> None:
    record: Any = dataset["condition:periodic-limb-movement-disorder"]
    entries = [s for s in record.synonyms if normalize(s.name).startswith("simmonds")]
    assert {normalize(s.name) for s in entries} == {"simmonds' myoclonus", "simmonds nocturnal myoclonus"}, (
        "the source's two misspelt terms, and not the bare surname (Simmonds' disease is another condition)")
    for entry in entries:
        assert entry.kind.value == "misspelling"
        assert entry.note is not None and "Symonds" in entry.note
        assert entry.provenance, "the source uses the misspelling; its spans are cited"
    for other in dataset.conditions["epileptic-myoclonus"].synonyms:
        if normalize(other.name).startswith("simmonds"):
            assert other.note is not None and "periodic-limb-movement-disorder" in other.note


def test_a_narrower_term_finds_its_record_but_is_no_alias(dataset: Dataset) -> None:
    record: Any = dataset["cause:diabetes-mellitus"]
    [entry] = [s for s in record.synonyms if normalize(s.name) == "type 2 diabetes mellitus"]
    assert entry.kind.value == "narrower-term"
    assert "cause:diabetes-mellitus" in [f"cause:{r.id}" for r in dataset.find("type 2 diabetes mellitus")]
    assert entry.name not in alternate_names(record) and record.name not in alternate_names(record)
    assert alternate_names(record) == [s.name for s in record.synonyms if s is not entry]


# -- readings -------------------------------------------------------------------------------------------

# Words the compilation's machine translation uses for something else (jerks, getting chilled, "not understood").
MISTRANSLATED = re.compile(r"\b(shudder\w*|flinch\w*|vibrat\w*|convuls\w*|spasm\w*|seizures?|tremors?|"
                           r"hypothermia|studied)\b", re.IGNORECASE)


@pytest.mark.sources
def test_claims_citing_one_mistranslated_word_read_it_alike(dataset: Dataset, sources_dir: Path) -> None:
    text = (sources_dir / _compilation(dataset).file_name).read_text(encoding="utf-8")
    readings: dict[int, dict[str, str]] = defaultdict(dict)
    for _, record in _records(dataset):
        for path, claim in claims_in(record):
            if path[:1] == ("synonyms",):
                continue  # a name records the source's own term, as written
            for span in getattr(claim, "provenance", None) or []:
                if span.source == f"source:{COMPILATION}":
                    for match in MISTRANSLATED.finditer(text, span.start, span.end):
                        readings[match.start()][claim.id] = claim.reading.value
    assert len(readings) > 50, "expected many cited mistranslated words"
    mixed = {f"{at} {text[at:at + 20]!r}": claims for at, claims in readings.items() if len(set(claims.values())) > 1}
    assert not mixed, mixed


# -- the compilation's articles -------------------------------------------------------------------------

def _compilation(dataset: Dataset) -> Source:
    return dataset.sources[COMPILATION]


def test_every_span_citing_the_compilation_lies_in_one_article(dataset: Dataset) -> None:
    articles = _compilation(dataset).articles
    assert len(articles) >= 5
    outside, spans = [], 0
    for ref, record in _records(dataset):
        for path, value in walk(record):
            if isinstance(value, Span) and value.source == f"source:{COMPILATION}":
                spans += 1
                holders = [a.id for a in articles if a.start <= value.start and value.end <= a.end]
                if len(holders) != 1:
                    outside.append(f"{ref} {'.'.join(map(str, path))} [{value.start}, {value.end}) in {holders}")
    assert spans > 500, "expected the compilation's many citations"
    assert not outside, "\n".join(outside[:20])


@pytest.mark.sources
def test_articles_are_in_order_and_leave_only_blank_lines_between_them(dataset: Dataset, sources_dir: Path) -> None:
    source = _compilation(dataset)
    text = (sources_dir / source.file_name).read_text(encoding="utf-8")
    edges = [0, *(x for a in source.articles for x in (a.start, a.end)), len(text)]
    for i, article in enumerate(source.articles):
        assert text[article.start:article.end] == text[article.start:article.end].strip(), article.id
        assert not article.start < (source.articles[i - 1].end if i else 0), f"{article.id} overlaps the one before"
    gaps = [text[edges[i]:edges[i + 1]] for i in range(0, len(edges), 2)]
    assert all(not gap.strip() for gap in gaps), [gap[:60] for gap in gaps if gap.strip()]
    assert {a.kind.value for a in source.articles} >= {"forum-thread", "health-article", "off-topic"}


# -- spam keywords and the drugs they advertise ---------------------------------------------------------

SHOP_KEYWORD = re.compile(r"\bbuy\s+(?P<drug>[a-z]+)|\b(?P<before>[a-z]+)\s+(?:fast\s+)?uk\s+(?:top\s+)?meds\b",
                          re.IGNORECASE)
ADVERTISED = {  # the drug each source's spam advertises, by the name a reader would look up
    "pregabalin-sleep-disorders-article": {"modafinil"},
    "clonazepam-insomnia-article": {"diazepam", "valium"},
    "zopiclone-sleep-paralysis-article": {"zopiclone"},
    "zopiclone-20-mg-product-page": set(),
    COMPILATION: set(),
}


@pytest.mark.sources
@pytest.mark.parametrize("source_id", sorted(ADVERTISED))
def test_spam_exclusions_name_the_drug_they_advertise(source_id: str, dataset: Dataset, sources_dir: Path) -> None:
    source = dataset.sources[source_id]
    text = (sources_dir / source.file_name).read_text(encoding="utf-8")
    spam = [e for e in source.exclusions if e.reason is ExclusionReason.SPAM]
    named = {n.casefold() for e in spam for n in e.names}
    assert named == ADVERTISED[source_id], f"{source_id}: spam exclusions name {sorted(named)}"
    assert all(e.names for e in spam), f"{source_id}: a spam exclusion names no product"
    for match in SHOP_KEYWORD.finditer(text):
        # "buy X" is the keyword itself; in "X uk meds" the drug name before the keyword stays cited text
        start = match.start() if match.group("drug") else match.end("before") + 1
        holder = [e for e in spam if e.start <= start and match.end() <= e.end]
        assert holder, f"{source_id}: shop keyword {text[start:match.end()]!r} at {start} is not excluded as spam"
        drug = (match.group("drug") or match.group("before")).casefold()
        assert drug in {n.casefold() for e in holder for n in e.names}, f"{source_id}: {drug} is not named"


# -- same claims ------------------------------------------------------------------------------------------

def test_same_claim_groups_are_closed(dataset: Dataset) -> None:
    """`same_claim` says "this claim is also stated there": every member of a group names every other."""
    claims = [(rid, raw) if kind == "warning" else (cid, claim)  # a warning is itself a claim
              for kind, collection in dataset.collections.items() for rid in collection
              for raw in [collection.raw(rid)]
              for cid, claim in [(rid, raw), *((c, d) for c, _, d in raw_claims(raw))]]
    links = {cid: {ref.split(":", 1)[1] for ref in claim.get("same_claim", [])} for cid, claim in claims}
    open_groups = []
    for cid, partners in links.items():
        group = {cid} | partners
        for other in partners:
            if ({other} | links.get(other, set())) != group:
                open_groups.append((cid, other, sorted(group ^ ({other} | links.get(other, set())))))
    assert not open_groups, f"same_claim groups that are not closed (claim, partner, differing members): {open_groups}"


# -- uses: standing and general advice --------------------------------------------------------------------

def test_first_line_non_drug_care_is_established(dataset: Dataset) -> None:
    """CBT-I is the guidelines' first-line treatment of insomnia: a filter on accepted care must find it."""
    uses = [u for u in dataset.treatments["cognitive-behavioural-therapy-for-insomnia"].uses
            if u.condition == "condition:insomnia"]
    assert uses and all(u.standing.value == "established" and u.verdict.value == "supported" for u in uses)


GENERAL_ADVICE = ("balanced-diet", "drinking-water", "early-last-meal", "warm-bath", "warm-socks", "light-blanket",
                  "comfortable-bedroom-temperature", "quiet-ventilated-bedroom", "soft-night-light", "massage",
                  "quiet-activities-before-bed", "avoiding-screens-before-bed", "avoiding-overeating-before-bed")
AGAINST_AGGRAVATORS = ("avoiding-caffeine", "stress-reduction", "sleep-schedule-regulation")
JERKS = ("condition:hypnic-jerks", "condition:nocturnal-myoclonus", "condition:pathological-myoclonus",
         "condition:myoclonus")


def test_general_advice_is_no_supported_remedy_for_jerks(dataset: Dataset) -> None:
    """Harmless advice not shown to affect the jerks is never a supported use for them; advice against a
    recognised aggravating factor of sleep starts is."""
    wrong = [u.id for t in GENERAL_ADVICE for u in dataset.treatments[t].uses
             if u.condition in JERKS and u.verdict.value == "supported"]
    assert not wrong, wrong
    for t in AGAINST_AGGRAVATORS:
        uses = [u for u in dataset.treatments[t].uses if u.condition == "condition:hypnic-jerks"]
        assert uses and all(u.verdict.value == "supported" for u in uses), t
