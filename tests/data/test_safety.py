"""Safety facts the dataset must carry: each test names one fact and reads it from the YAML records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sleepdata.dataset import Dataset
from sleepdata.models import Interaction, Source, Strength, Treatment, Warning

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return Dataset.from_path(ROOT / "dataset")


def _warnings(ds: Dataset, treatment: str) -> list[Warning]:
    return ds.warnings_for(f"treatment:{treatment}")


def _interactions(ds: Dataset, treatment: str, partner: str) -> list[Interaction]:
    return [i for w in _warnings(ds, treatment) for i in w.interactions if i.partner == f"treatment:{partner}"]


def _texts(warning: Warning) -> Iterator[str]:
    yield warning.statement
    for item in (warning, *warning.effects, *warning.interactions):
        if item.note:
            yield item.note
    for effect in warning.effects:
        yield effect.name
    for interaction in warning.interactions:
        if interaction.effect:
            yield interaction.effect


# -- valproate ------------------------------------------------------------------------------------------

def test_valproate_is_contraindicated_in_polg_mitochondrial_disease(ds: Dataset) -> None:
    hits = [w for w in _warnings(ds, "valproic-acid")
            if w.kind == "contraindication" and "cause:alpers-disease" in w.conditions]
    assert hits, "no valproate contraindication names cause:alpers-disease"
    assert ds.causes["alpers-disease"].kind == "disease"


def test_valproate_warns_of_teratogenicity_with_pregnancy_prevention(ds: Dataset) -> None:
    hits = [w for w in _warnings(ds, "valproic-acid")
            if "cause:pregnancy" in w.conditions and any(p.group == "pregnancy" for p in w.populations)
            and any("malformation" in e.name for e in w.effects)]
    assert hits, "no valproate warning on pregnancy with congenital malformations as an effect"
    assert any("pregnancy prevention" in w.statement for w in hits)


@pytest.mark.parametrize(("word", "severity"), [("liver", "life-threatening"), ("pancreatitis", "life-threatening")])
def test_valproate_warns_of_hepatotoxicity_and_pancreatitis(ds: Dataset, word: str, severity: str) -> None:
    effects = [e for w in _warnings(ds, "valproic-acid") for e in w.effects if word in e.name]
    assert effects, f"no valproate effect mentions {word}"
    assert all(e.severity == severity for e in effects), [(e.id, e.severity) for e in effects]


# -- opioids and other depressants ----------------------------------------------------------------------

@pytest.mark.parametrize("drug", ["clonazepam", "pregabalin"])
def test_drug_with_opioids_is_a_life_threatening_interaction(ds: Dataset, drug: str) -> None:
    hits = _interactions(ds, drug, "opioids")
    assert hits, f"{drug} has no interaction with treatment:opioids"
    assert any(i.severity == "life-threatening" and i.advice == "avoid-or-adjust" for i in hits), \
        [(i.id, i.severity, i.advice) for i in hits]
    assert ds.treatments["opioids"].kind == "drug-class"


@pytest.mark.parametrize("drug", ["zopiclone", "clonazepam", "pregabalin"])
def test_drug_with_alcohol_is_an_interaction_to_avoid(ds: Dataset, drug: str) -> None:
    hits = _interactions(ds, drug, "alcohol")
    assert any(i.advice == "avoid" for i in hits), f"{drug}: no interaction with alcohol advising to avoid it"
    assert ds.treatments["alcohol"].kind == "substance"


@pytest.mark.parametrize("partner", ["opioids", "alcohol", "sedatives"])
def test_clonazepam_concurrent_medications_name_curator_partners(ds: Dataset, partner: str) -> None:
    warning = ds.warnings["clonazepam-concurrent-medications"]
    hits = [i for i in warning.interactions if i.partner == f"treatment:{partner}"]
    assert hits, f"clonazepam-concurrent-medications has no interaction with treatment:{partner}"
    assert all(i.origin == "curator" and i.basis is not None for i in hits)


# -- zopiclone ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("state", ["cause:myasthenia-gravis", "cause:respiratory-failure",
                                   "cause:obstructive-sleep-apnoea", "cause:liver-failure"])
def test_zopiclone_contraindications(ds: Dataset, state: str) -> None:
    hits = [w for w in _warnings(ds, "zopiclone") if w.kind == "contraindication" and state in w.conditions]
    assert hits, f"no zopiclone contraindication names {state}"
    assert ds[state] is not None


def test_zopiclone_is_stopped_after_a_complex_sleep_behaviour(ds: Dataset) -> None:
    hits = [w for w in _warnings(ds, "zopiclone")
            if w.origin == "curator" and "stopped" in w.statement
            and any("complex sleep" in e.name for e in w.effects)]
    assert hits, "no curator warning says to stop zopiclone after a complex sleep behaviour"
    assert all(w.basis == "product-information" for w in hits)


def test_zopiclone_20_mg_is_not_marketed_and_above_the_usual_maximum(ds: Dataset) -> None:
    strength = ds.strength("zopiclone-20-mg")
    assert strength.marketed == "not-marketed"
    fits = {(d.condition, d.fit, d.basis) for d in strength.doses}
    assert ("condition:insomnia", "above-usual-maximum", "product-information") in fits, fits
    assert strength.verdict != "supported"


def test_zopiclone_20_mg_warnings_lend_it_no_legitimacy(ds: Dataset) -> None:
    assert ds.warnings["zopiclone-20-mg-non-standard-strength"].kind == "non-standard-strength"
    for warning in ds.warnings_for("strength:zopiclone-20-mg"):
        for text in _texts(warning):
            assert "supervis" not in text.lower(), f"{warning.id}: {text}"
    assert "supervis" not in (ds.strength("zopiclone-20-mg").note or "").lower()


@pytest.mark.parametrize(("strength_id", "fit"), [("zopiclone-3-75-mg", "reduced-dose"),
                                                  ("zopiclone-7-5-mg", "usual-dose")])
def test_marketed_zopiclone_strengths_fit_insomnia(ds: Dataset, strength_id: str, fit: str) -> None:
    strength = ds.strength(strength_id)
    assert strength.marketed == "marketed"
    assert [d.fit for d in strength.doses if d.condition == "condition:insomnia"] == [fit]


# -- keyword strengths ----------------------------------------------------------------------------------

@pytest.mark.parametrize("strength_id", ["clonazepam-2-mg", "pregabalin-300-mg"])
def test_keyword_strengths_never_read_as_insomnia_doses(ds: Dataset, strength_id: str) -> None:
    strength: Strength = ds.strength(strength_id)
    assert strength.context == "keyword"
    insomnia = [d.fit for d in strength.doses if d.condition == "condition:insomnia"]
    assert insomnia == ["not-established"], insomnia
    sleep = {"condition:insomnia", "condition:primary-insomnia", "condition:sleep-disorders"}
    assert not [d.id for d in strength.doses if d.condition in sleep and d.fit in ("usual-dose", "reduced-dose")]


# -- every drug with a use has its safety facts ---------------------------------------------------------

def test_every_drug_or_class_with_a_use_has_a_warning(ds: Dataset) -> None:
    missing = [t.id for t in ds.treatments.values()
               if t.kind in ("drug", "drug-class")
               and any(u.standing in ("approved", "off-label", "suggested") for u in t.uses)
               and not _warnings(ds, t.id)]
    assert not missing, f"drugs or classes with a use but no warning: {missing}"


@pytest.mark.parametrize("treatment", [
    "carbamazepine", "lamotrigine", "haloperidol", "sulpiride", "alimemazine", "piracetam", "pyritinol",
    "corticosteroids", "dexamethasone", "prednisolone", "methylprednisolone", "benzodiazepines", "barbiturates",
    "antidepressants", "antipsychotics", "antiepileptics", "valproic-acid", "z-drugs", "sedatives", "nootropics"])
def test_named_drug_or_class_has_a_principal_warning(ds: Dataset, treatment: str) -> None:
    serious = [w for w in _warnings(ds, treatment) if w.severity in ("serious", "life-threatening")]
    assert serious, f"treatment:{treatment} has no serious or life-threatening warning"
    for w in serious:
        assert w.origin == "source" or w.basis is not None, w.id


SEVERITY = ("mild", "moderate", "serious", "life-threatening")


def test_a_warning_is_as_severe_as_its_worst_outcome(ds: Dataset) -> None:
    """A program that filters warnings by severity must not miss a life-threatening effect or interaction."""
    understated = [(w.id, w.severity, item.id, item.severity) for w in ds.warnings.values() if w.severity
                   for item in (*w.effects, *w.interactions)
                   if item.severity and SEVERITY.index(item.severity) > SEVERITY.index(w.severity)]
    assert not understated, f"warnings less severe than one of their own outcomes: {understated}"


def test_ginkgo_interacts_with_anticoagulants(ds: Dataset) -> None:
    hits = _interactions(ds, "ginkgo-biloba", "anticoagulants")
    assert hits, "ginkgo has no interaction with treatment:anticoagulants"
    assert ds.treatments["anticoagulants"].kind == "drug-class"


def test_antiepileptic_claims_on_myoclonus_do_not_reach_drugs_that_worsen_it(ds: Dataset) -> None:
    for drug in ("carbamazepine", "lamotrigine"):
        assert any("condition:epileptic-myoclonus" in w.conditions for w in _warnings(ds, drug)), drug
    myoclonus = [u for u in ds.treatments["antiepileptics"].uses if "myoclonus" in u.condition]
    assert myoclonus and all(u.members != "all" for u in myoclonus)


# -- drug classes ---------------------------------------------------------------------------------------

def _parents(treatment: Treatment) -> set[str]:
    return {c.drug_class for c in treatment.classes}


@pytest.mark.parametrize(("member", "broader"), [("z-drugs", "sedatives"), ("benzodiazepines", "sedatives"),
                                                 ("barbiturates", "sedatives"), ("zopiclone", "z-drugs"),
                                                 ("zopiclone", "cyclopyrrolones"), ("pregabalin", "antiepileptics"),
                                                 ("clonazepam", "benzodiazepines")])
def test_class_hierarchy(ds: Dataset, member: str, broader: str) -> None:
    assert f"treatment:{broader}" in _parents(ds.treatments[member])
    assert ds.treatments[broader].kind == "drug-class"


def test_contested_class_uses_stay_with_the_class(ds: Dataset) -> None:
    loose = [(t.id, u.id) for t in ds.treatments.values() if t.kind == "drug-class"
             for u in t.uses if u.standing == "contested" and u.members != "class-only"]
    assert not loose, f"contested uses of a class said to reach its members: {loose}"


# -- spam exclusions name what they advertise -----------------------------------------------------------

SPAM = [("pregabalin-sleep-disorders-article", "buy modafinil", "modafinil"),
        ("clonazepam-insomnia-article", "buy valium", "diazepam"),
        ("zopiclone-sleep-paralysis-article", "fast uk meds", "zopiclone"),
        ("zopiclone-sleep-paralysis-article", "uk top meds", "zopiclone")]


@pytest.mark.parametrize(("source_id", "phrase", "name"), SPAM)
def test_spam_exclusions_name_the_drug_they_advertise(ds: Dataset, source_id: str, phrase: str, name: str) -> None:
    source: Source = ds.sources[source_id]
    named = [e for e in source.exclusions if e.reason == "spam" and name in (n.lower() for n in e.names)]
    assert named, f"source:{source_id}: no spam exclusion names {name}"


@pytest.mark.parametrize(("source_id", "phrase", "name"), SPAM)
def test_spam_exclusions_cover_the_phrase(ds: Dataset, sources_dir: Path, source_id: str, phrase: str,
                                          name: str) -> None:
    source: Source = ds.sources[source_id]
    text = (sources_dir / source.file_name).read_text(encoding="utf-8")
    start = text.lower().index(phrase)
    covering = [e for e in source.exclusions
                if e.reason == "spam" and e.start <= start and start + len(phrase) <= e.end]
    assert covering, f"'{phrase}' in source:{source_id} is not inside a spam exclusion"
    assert all(name in (n.lower() for n in e.names) for e in covering)
