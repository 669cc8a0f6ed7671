"""The read-only record classes: generated from the models, equal to them field by field, and light to import."""

from __future__ import annotations

import enum
import subprocess
import sys
from typing import Any

import pytest
from pydantic import BaseModel

import sleepdata
from sleepdata import typed, typegen
from sleepdata.readonly import FrozenList, ReadOnly

from ..conftest import ROOT


def test_committed_typed_module_matches_the_models() -> None:
    committed = typegen.TARGET.read_text(encoding="utf-8")
    assert committed == typegen.render(), f"src/sleepdata/typed.py is stale; run `{typegen.COMMAND}`"
    checked = subprocess.run([sys.executable, "-m", "sleepdata.typegen", "--check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def _same(read: Any, model: Any, path: str) -> None:
    """Every field of a read-only object equals the model's, with the same types (enums, lists, objects)."""
    if isinstance(model, BaseModel):
        assert type(read).__name__ == type(model).__name__ and isinstance(read, ReadOnly), path
        assert list(read.__slots__) == list(type(model).model_fields), path
        for name in type(model).model_fields:
            _same(getattr(read, name), getattr(model, name), f"{path}.{name}")
    elif isinstance(model, list):
        assert isinstance(read, FrozenList) and len(read) == len(model), path
        for i, (r, m) in enumerate(zip(read, model, strict=True)):
            _same(r, m, f"{path}[{i}]")
    else:
        assert read == model and type(read) is type(model), f"{path}: {read!r} != {model!r}"
        if isinstance(model, enum.Enum):
            assert read is model, path


def test_every_installed_record_reads_as_its_model_does() -> None:
    data = sleepdata.load()
    models = data.validated()
    for kind, collection in data.collections.items():
        for rid in collection:
            record = collection[rid]
            assert isinstance(record, typed.KINDS[kind])
            _same(record, models.collections[kind][rid], f"{kind}:{rid}")
            assert record.validated() == models.collections[kind][rid]


def test_records_print_pickle_and_compare_by_value() -> None:
    import pickle

    data = sleepdata.load()
    drug = data.treatments["zopiclone"]
    assert repr(drug) == "<Treatment treatment:zopiclone 'zopiclone'>"
    assert repr(drug.codes[0]).startswith("Code(system=<CodeSystem.ATC: 'atc'>, code='N05CF01'")
    again = pickle.loads(pickle.dumps(drug))
    assert again == drug and hash(again) == hash(drug) and again is not drug
    assert drug != data.causes["zopiclone"] and drug != drug.validated()


@pytest.mark.parametrize("script", [
    "import sleepdata; sleepdata.load()",
    "import sleepdata\nd = sleepdata.load()\ns = d.treatments['zopiclone'].strengths[0]\ns.amount, s.marketed\n"
    "assert d.conditions.find('actional myoclonus') and d.treatments_for('insomnia')\n"
    "assert d.lookup('Willis-Ekbom disease').id == 'restless-legs-syndrome'",
])
def test_the_read_path_imports_no_pydantic_no_fuzzy_matcher_and_no_openssl(script: str) -> None:
    probe = script + "\nimport sys\nprint(sorted(m for m in ('pydantic', 'rapidfuzz', 'orjson', '_hashlib', " \
                     "'importlib.resources', 'sleepdata.models', 'sleepdata.errors') if m in sys.modules))"
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "[]", f"imported on the read path: {ran.stdout.strip()}"


def test_a_miss_still_suggests_with_the_fuzzy_matcher() -> None:
    with pytest.raises(KeyError, match="did you mean treatment:zopiclone"):
        sleepdata.load().treatments["zopiclon"]
