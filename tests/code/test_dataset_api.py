"""The loader API over the demo dataset: typed immutable records, lookups, relationships both ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sleepdata import Dataset, DatasetError, bundle, models
from sleepdata.typed import Strength, Treatment
from sleepdata.vocabulary import Marketed


@pytest.fixture(scope="module")
def demo(demo_dir: Path, demo_texts: Path) -> Dataset:
    return Dataset.from_path(demo_dir, sources_dir=demo_texts)


@pytest.fixture(scope="module")
def demo_from_bundle(demo: Dataset, demo_dir: Path) -> Dataset:
    records = [r for c in demo.validated().collections.values() for r in c.values()]
    return Dataset.from_bundle(bundle.render(records).encode())


def test_collections_are_typed_mappings(demo: Dataset) -> None:
    assert len(demo.conditions) == 2 and len(demo.treatments) == 1 and len(demo.warnings) == 2
    drug = demo.treatments["examplon"]
    assert isinstance(drug, Treatment)
    assert demo.treatments["treatment:examplon"] is drug
    assert demo.treatments.get("nothing") is None
    assert "examplon" in demo.treatments and "nothing" not in demo.treatments


def test_missing_id_raises_with_a_hint(demo: Dataset) -> None:
    with pytest.raises(KeyError, match="did you mean condition:insomnia"):
        demo.conditions["insomina"]


def test_records_are_immutable(demo: Dataset) -> None:
    drug = demo.treatments["examplon"]
    with pytest.raises(TypeError, match="immutable"):
        drug.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError, match="immutable"):
        del drug.strengths[0].note  # type: ignore[misc]
    with pytest.raises(TypeError, match="immutable"):
        drug.strengths.append(drug.strengths[0])
    assert drug in {drug} and hash(drug.strengths[0]) == hash(demo.strength("examplon-5-mg"))


def test_validated_gives_the_pydantic_model_of_the_same_record(demo: Dataset) -> None:
    drug = demo.treatments["examplon"]
    model = drug.validated()
    assert isinstance(model, models.Treatment) and model.model_dump(mode="json") == demo.treatments.raw("examplon")
    assert drug.strengths[0].validated() == model.strengths[0]
    as_models = demo.validated()
    assert as_models is demo.validated() and as_models.treatments["examplon"] == model
    assert isinstance(as_models.strength("examplon-40-mg"), models.Strength)


def test_lookup_by_name_synonym_or_brand_ignores_case_and_accents(demo: Dataset) -> None:
    assert [c.id for c in demo.conditions.find("SLEEPLESSNESS")] == ["insomnia"]
    assert [t.id for t in demo.treatments.find("examplex")] == ["examplon"]
    assert [c.id for c in demo.conditions.find("sleep starts")] == ["hypnic-jerks"]
    assert demo.conditions.find("unknown") == []
    assert [r.id for r in demo.find("Insomnia")] == ["insomnia"]  # type: ignore[attr-defined]


def test_relationships_both_ways(demo: Dataset) -> None:
    assert [(c.id, [link.relation.value for link in links]) for c, links in demo.causes_of("hypnic-jerks")] == [
        ("stress", ["trigger"])]
    assert [c.id for c, _ in demo.conditions_caused_by("stress")] == ["hypnic-jerks"]
    assert [t.id for t, _ in demo.treatments_for("insomnia")] == ["examplon"]
    assert [c.id for c, _ in demo.conditions_treated_by("examplon")] == ["insomnia"]
    assert {w.id for w in demo.warnings_for("treatment:examplon")} == {
        "examplon-adverse-effects", "examplon-40-mg-non-standard"}
    assert [w.id for w in demo.warnings_for("strength:examplon-40-mg")] == ["examplon-40-mg-non-standard"]
    assert demo.drug_of("strength:examplon-40-mg").id == "examplon"


def test_strengths_keep_their_marketing_status(demo: Dataset) -> None:
    strength = demo["strength:examplon-40-mg"]
    assert isinstance(strength, Strength)
    assert strength.marketed is Marketed.NOT_MARKETED
    assert [s.amount for s in demo.treatments["examplon"].strengths] == [5, 10, 40]


def test_bundle_round_trip_gives_equal_records(demo: Dataset, demo_from_bundle: Dataset) -> None:
    for kind, collection in demo.collections.items():
        other = demo_from_bundle.collections[kind]
        assert list(collection) == list(other) or sorted(collection) == sorted(other)
        for rid in collection:
            assert collection[rid] == other[rid], f"{kind}:{rid} changed through the bundle"


def test_bad_data_loads_nothing(demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "dataset"
    shutil.copytree(demo_dir, target)
    path = target / "treatments" / "examplon.yaml"
    path.write_text(path.read_text().replace("unit: mg\n", "unit: mgs\n", 1))
    with pytest.raises(DatasetError) as info:
        Dataset.from_path(target)
    assert "[enum]" in str(info.value)
    assert str(info.value).splitlines()[-1] == "1 error in 1 file; nothing loaded."


def test_both_parsers_read_a_bundle_alike_and_the_collector_is_left_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from sleepdata import dataset as dataset_module
    from sleepdata import loading

    raw = loading.bundle_path().read_bytes()
    assert len(raw) < dataset_module.LARGE_BUNDLE  # ours is read by the standard library
    stdlib = Dataset.from_bundle(raw)
    monkeypatch.setattr(dataset_module, "LARGE_BUNDLE", 0)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    fast = Dataset.from_bundle(raw)
    assert gc.isenabled() and gc.get_freeze_count() > frozen  # the tree is out of the collector's passes
    for kind, collection in stdlib.collections.items():
        assert list(collection) == list(fast.collections[kind])
        assert all(collection[rid] == fast.collections[kind][rid] for rid in collection)
    gc.disable()
    try:
        Dataset.from_bundle(raw)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("items", ['{"id": "x"}', '[{"name": "no id"}]', '[{"id": 7}]', '["x"]', '[["id"]]',
                                   '[{"id": ["x"]}]'])
def test_a_bundle_whose_records_lack_ids_is_refused(items: str) -> None:
    from sleepdata.dataset import BundleError

    text = '{"version": "0.2.0", "records": {"condition": ' + items + '}}'
    with pytest.raises(BundleError, match="records of kind 'condition' are not a list of records with ids"):
        Dataset.from_bundle(text)
