"""The documented Python API as a user meets it: lookups, search, codes, grouped relations, immutability."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest

import sleepdata
from sleepdata import loading

from ..conftest import ROOT

HERE = Path(__file__).resolve().parent


def test_lookup_tries_reference_id_name_synonym_and_code() -> None:
    data = sleepdata.load()
    rls = data.conditions["restless-legs-syndrome"]
    for text in ("condition:restless-legs-syndrome", "restless-legs-syndrome", "Restless legs syndrome",
                 "Willis-Ekbom disease", "G25.81"):
        assert data.lookup(text) is rls, text
    assert data.lookup("zopiclone-20-mg") == data.strength("zopiclone-20-mg")


def test_lookup_raises_lookup_error_with_candidates() -> None:
    data = sleepdata.load()
    with pytest.raises(LookupError) as ambiguous:
        data.lookup("zopiclone")
    assert ambiguous.value.candidates == ["cause:zopiclone", "treatment:zopiclone"]  # type: ignore[attr-defined]
    with pytest.raises(LookupError) as missing:
        data.lookup("insomina")
    assert "condition:insomnia" in missing.value.candidates  # type: ignore[attr-defined]
    assert data.treatments.lookup("zopiclone").kind.value == "drug"


def test_search_ranks_typos_and_codes() -> None:
    data = sleepdata.load()
    for query, expected in (("zopiklone", "treatment:zopiclone"), ("insomina", "condition:insomnia"),
                            ("restles legs", "condition:restless-legs-syndrome"),
                            ("Willis Ekbom disease", "condition:restless-legs-syndrome")):
        hits = data.search(query)
        assert expected in [m.ref for m in hits[:2]], (query, hits[:3])
        assert [m.score for m in hits] == sorted((m.score for m in hits), reverse=True)
    assert data.search("restles legs", kinds=("condition",))[0].ref == "condition:restless-legs-syndrome"
    assert data.search("qqqqxxxzzz") == []


def test_by_code() -> None:
    data = sleepdata.load()
    assert [t.id for t in data.treatments.by_code("atc", "N05CF01")] == ["zopiclone"]
    assert [c.id for c in data.conditions.by_code("icd-10-cm", "g25.81")] == ["restless-legs-syndrome"]
    assert data.by_code("atc", "Z99ZZ99") == []


def test_relations_are_grouped_per_record_with_subtypes_on_request() -> None:
    data = sleepdata.load()
    insomnia = data.treatments_for("insomnia")
    ids = [t.id for t, _ in insomnia]
    assert len(ids) == len(set(ids)) and "zopiclone" in ids
    zopiclone_uses = next(uses for t, uses in insomnia if t.id == "zopiclone")
    assert len(zopiclone_uses) > 1 and all(u.condition == "condition:insomnia" for u in zopiclone_uses)
    direct = {t.kind.value for t, _ in data.treatments_for("myoclonus")}
    with_subtypes = data.treatments_for("myoclonus", include_subtypes=True)
    assert "drug" not in direct and "drug" in {t.kind.value for t, _ in with_subtypes}
    assert {c.id for c in data.subtypes("myoclonus")} >= {c.id for c in data.children("myoclonus")}


def test_records_are_deeply_immutable_hashable_and_short_in_repr() -> None:
    data = sleepdata.load()
    zopiclone = data.treatments["zopiclone"]
    with pytest.raises(TypeError):
        zopiclone.strengths.append(zopiclone.strengths[0])
    with pytest.raises(TypeError):
        zopiclone.uses[0].provenance.clear()
    assert len(sleepdata.load().treatments["zopiclone"].strengths) == 3
    raw = data.treatments.raw("zopiclone")
    raw["strengths"].clear()
    assert data.treatments.raw("zopiclone")["strengths"]
    assert {zopiclone, data.treatments["zopiclone"]} == {zopiclone}
    assert len({c for c in data.conditions.values()}) == len(data.conditions)
    text = repr(data.conditions["restless-legs-syndrome"])
    assert text == "<Condition condition:restless-legs-syndrome 'Restless legs syndrome'>" and len(text) < 100


def test_load_builds_the_dataset_once_under_many_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "_cache", [])
    built = []
    original = loading.Dataset.from_bundle

    def counted(data: bytes, name: str = "") -> sleepdata.Dataset:
        built.append(1)
        time.sleep(0.05)
        return original(data, name)

    monkeypatch.setattr(loading.Dataset, "from_bundle", staticmethod(counted))
    results: list[sleepdata.Dataset] = []
    threads = [threading.Thread(target=lambda: results.append(sleepdata.load())) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len({id(r) for r in results}) == 1 and len(results) == 16


def test_a_checkout_warns_when_yaml_is_newer_than_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "src" / "sleepdata" / "data" / "dataset.json"
    bundle.parent.mkdir(parents=True)
    bundle.write_bytes(loading.bundle_path().read_bytes())
    shutil.copy(loading.bundle_path().parent / "MANIFEST.json", bundle.parent / "MANIFEST.json")
    record = tmp_path / "dataset" / "conditions" / "insomnia.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("id: insomnia\n")
    now = time.time()
    os.utime(bundle, (now - 100, now - 100))
    monkeypatch.setattr(loading, "_cache", [])
    monkeypatch.setattr(loading, "bundle_path", lambda: bundle)
    with pytest.warns(sleepdata.StaleBundleWarning, match="dataset/conditions/insomnia.yaml"):
        sleepdata.load()
    monkeypatch.setattr(loading, "_cache", [])
    os.utime(bundle, (now + 100, now + 100))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sleepdata.load()


def test_mypy_strict_passes_on_a_user_script_that_runs() -> None:
    script = HERE / "user_script.py"
    checked = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(script)], capture_output=True,
                             text=True, cwd=ROOT)
    assert checked.returncode == 0, checked.stdout
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr


def test_every_public_name_has_a_docstring() -> None:
    for name in sleepdata.__all__:
        obj = getattr(sleepdata, name)
        if callable(obj):
            assert obj.__doc__, name
            for attr, member in vars(obj).items() if isinstance(obj, type) else ():
                function = getattr(member, "__func__", getattr(member, "fget", member))
                if not attr.startswith("_") and callable(function):
                    assert function.__doc__, f"{name}.{attr}"


def test_the_readme_example_runs_and_passes_mypy_strict(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = tmp_path / "readme_example.py"
    example.write_text(readme.split("## Use it from Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0])
    checked = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(example)], capture_output=True,
                             text=True, cwd=ROOT)
    assert checked.returncode == 0, checked.stdout
    ran = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
