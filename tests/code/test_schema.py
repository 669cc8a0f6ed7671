"""The JSON Schema files: generated from the models, valid draft 2020-12, and as strict as the models."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import BaseModel, ValidationError

from sleepdata import schemas, strict_yaml
from sleepdata._version import __version__
from sleepdata.models import KINDS
from sleepdata.records import KIND_OF_FOLDER, validate_document

from ..conftest import FIXTURES, ROOT

EXPECTED = yaml.safe_load((FIXTURES / "invalid" / "expected.yaml").read_text(encoding="utf-8"))


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    schemas.write(tmp_path)
    diffs = []
    for name in sorted(schemas.files()):
        fresh = (tmp_path / name).read_text(encoding="utf-8").splitlines(keepends=True)
        committed_path = ROOT / "schema" / name
        committed = (committed_path.read_text(encoding="utf-8").splitlines(keepends=True)
                     if committed_path.exists() else [])
        diffs += difflib.unified_diff(committed, fresh, f"schema/{name} (committed)", f"schema/{name} (models)")
    extra = sorted({p.name for p in (ROOT / "schema").glob("*.json")} - set(schemas.files()))
    assert not diffs and not extra, (
        "".join(diffs[:200]) + f"\nstale files: {extra}\nThe schema files differ from the models; "
        "run `sleepdata schema --write` and commit schema/."
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_valid_draft_2020_12_with_a_versioned_id(kind: str) -> None:
    schema = json.loads((ROOT / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:sleepdata:schema:{__version__}:{kind}"
    assert schema["additionalProperties"] is False


def _schema_validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _case(path: str) -> tuple[str, dict[str, object]]:
    folder = path.split("/")[0]
    return KIND_OF_FOLDER[folder], yaml.safe_load((FIXTURES / "invalid" / "records" / path).read_text())


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_invalid_fixture_is_rejected_by_both_pydantic_and_json_schema(path: str) -> None:
    kind, data = _case(path)
    model: type[BaseModel] = KINDS[kind]
    with pytest.raises(ValidationError):
        model.model_validate_json(json.dumps(data))
    errors = list(_schema_validator(kind).iter_errors(data))
    assert errors, f"{path}: the JSON Schema accepts it: the constraint it exercises is not enforced there"


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_invalid_fixture_reports_its_code_and_field(path: str) -> None:
    kind, _ = _case(path)
    document = strict_yaml.read(FIXTURES / "invalid" / "records" / path, path)
    record, problems = validate_document(kind, document)
    assert record is None
    assert [(p.code, p.field) for p in problems] == [(EXPECTED[path]["code"], EXPECTED[path]["field"])]
    assert all(p.line >= 1 and p.col >= 1 and p.record and p.record.startswith(f"{kind}:") for p in problems)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_passing_twin_is_accepted_by_both(path: str) -> None:
    folder = path.split("/")[0]
    data = yaml.safe_load((FIXTURES / "valid" / "records" / path).read_text())
    kind = KIND_OF_FOLDER[folder]
    KINDS[kind].model_validate_json(json.dumps(data))
    assert not list(_schema_validator(kind).iter_errors(data))


def test_every_demo_record_passes_its_json_schema(demo_dir: Path) -> None:
    checked = 0
    for folder, kind in KIND_OF_FOLDER.items():
        for file in (demo_dir / folder).glob("*.yaml"):
            data = strict_yaml.read(file).data
            assert not list(_schema_validator(kind).iter_errors(data)), file
            checked += 1
    assert checked >= 7
