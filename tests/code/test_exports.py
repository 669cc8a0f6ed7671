"""Every export of the real dataset, checked with the field's own tool: Frictionless for the Data Package,
DuckDB for Parquet, fhir.resources (R5) for FHIR, pyld for JSON-LD; plus version, curation status,
non-standard strengths and NaN in every format, and byte-for-byte determinism."""

from __future__ import annotations

import csv
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import frictionless
import pytest
from fhir.resources import get_fhir_model_class
from fhir.resources.bundle import Bundle
from pydantic import BaseModel
from pyld import jsonld

from sleepdata import Dataset
from sleepdata.exports import FORMATS, export
from sleepdata.models import StrengthStatus

from ..conftest import ROOT

SCHEMA = "https://schema.org/"
VOCAB = "urn:sleepdata:vocab:"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.from_path(ROOT / "dataset")


@pytest.fixture(scope="module")
def out(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("exports")
    for fmt in FORMATS:
        written = export(dataset, fmt, root / fmt)
        assert written and all(p.is_file() and p.parent == root / fmt for p in written)
    return root


@pytest.fixture(scope="module")
def non_standard(dataset: Dataset) -> set[str]:
    """Ids of the strengths curated as non-standard; zopiclone 20 mg must be one of them."""
    found = {s.id for t in dataset.treatments.values() for s in t.strengths if s.status is StrengthStatus.NON_STANDARD}
    assert "zopiclone-20-mg" in found
    return found


def _refuse(token: str) -> float:
    raise AssertionError(f"a JSON file holds {token}")


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse)


_DUCKDB = """
import json, sys, duckdb
with duckdb.connect() as connection:
    cursor = connection.execute(sys.argv[1])
    names = [d[0] for d in cursor.description]
    text = lambda value: value.decode() if isinstance(value, bytes) else str(value)
    print(json.dumps({"names": names, "rows": cursor.fetchall()}, default=text))
"""


def _duckdb(query: str) -> tuple[list[str], list[list[Any]]]:
    """Run a query in DuckDB in a child process (DuckDB 2 reports its interned types at interpreter exit);
    bytes come back decoded as text."""
    result = subprocess.run([sys.executable, "-c", _DUCKDB, query], capture_output=True, text=True, check=True)
    answer = json.loads(result.stdout)
    return answer["names"], answer["rows"]


def _sql(query: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in _duckdb(query)[1]]


def _parquet(out: Path, table: str) -> str:
    return f"read_parquet('{out / 'parquet' / table}.parquet')"


def test_unknown_format_names_the_allowed_ones(dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected one of json, jsonl, csv, parquet, fhir, jsonld"):
        export(dataset, "xml", tmp_path)


def test_exports_are_deterministic(dataset: Dataset, out: Path, tmp_path: Path) -> None:
    for fmt in FORMATS:
        again = export(dataset, fmt, tmp_path / fmt)
        changed = [p.name for p in again if p.read_bytes() != (out / fmt / p.name).read_bytes()]
        assert not changed, f"{fmt}: a second export differs in {changed}"


def test_json_bundle_round_trips_every_record(dataset: Dataset, out: Path) -> None:
    data = _json(out / "json" / "sleepdata.json")
    assert data["version"] == dataset.version
    reloaded = Dataset.from_bundle((out / "json" / "sleepdata.json").read_bytes())
    for kind, collection in dataset.collections.items():
        assert list(reloaded.collections[kind]) == sorted(collection)
        assert all(reloaded.collections[kind][rid] == collection[rid] for rid in collection), kind


def test_jsonl_has_one_file_per_kind_and_a_manifest(dataset: Dataset, out: Path) -> None:
    manifest = _json(out / "jsonl" / "manifest.json")
    assert manifest["version"] == dataset.version
    for kind, collection in dataset.collections.items():
        lines = (out / "jsonl" / manifest["files"][kind]["path"]).read_text(encoding="utf-8").splitlines()
        assert manifest["files"][kind]["records"] == len(lines) == len(collection)
        assert sorted(json.loads(line)["id"] for line in lines) == sorted(collection)


def test_data_package_passes_frictionless(out: Path) -> None:
    report = frictionless.validate(out / "csv" / "datapackage.json")
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:20]


def test_frictionless_catches_a_dangling_link(out: Path, tmp_path: Path) -> None:
    broken = tmp_path / "csv"
    shutil.copytree(out / "csv", broken)
    rows = list(csv.reader((broken / "cause_links.csv").open(encoding="utf-8")))
    rows[1][rows[0].index("condition_id")] = "no-such-condition"
    with (broken / "cause_links.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = frictionless.validate(broken / "datapackage.json")
    assert not report.valid and "foreign-key" in {e[1] for e in report.flatten(["resourceName", "type"])}


def test_tables_count_what_the_dataset_holds(dataset: Dataset, out: Path) -> None:
    package = _json(out / "csv" / "datapackage.json")
    assert package["version"] == dataset.version
    expected = {"sources": len(dataset.sources), "conditions": len(dataset.conditions), "causes": len(dataset.causes),
                "treatments": len(dataset.treatments), "warnings": len(dataset.warnings),
                "strengths": sum(len(t.strengths) for t in dataset.treatments.values()),
                "cause_links": sum(len(c.links) for c in dataset.causes.values()),
                "treatment_uses": sum(len(t.uses) for t in dataset.treatments.values()),
                "warning_targets": sum(len(w.applies_to) for w in dataset.warnings.values()),
                "synonyms": sum(len(r.synonyms) for kind in ("condition", "cause", "treatment")
                                for r in dataset.collections[kind].values())}
    for resource in package["resources"]:
        with (out / "csv" / resource["path"]).open(encoding="utf-8") as handle:
            csv_rows = sum(1 for _ in csv.reader(handle)) - 1
        parquet_rows = _sql(f"SELECT count(*) FROM {_parquet(out, resource['name'])}")
        assert parquet_rows == [(csv_rows,)], resource["name"]
        assert csv_rows == expected.get(resource["name"], csv_rows), resource["name"]
    assert _sql(f"SELECT version FROM {_parquet(out, 'dataset')}") == [(dataset.version,)]


def test_parquet_files_carry_the_version_and_no_nan(dataset: Dataset, out: Path) -> None:
    for path in sorted((out / "parquet").glob("*.parquet")):
        metadata = dict(_sql(f"SELECT key, value FROM parquet_kv_metadata('{path}')"))
        assert metadata["sleepdata.version"] == dataset.version, path.name
        for name, kind, *_ in _sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')"):
            if kind == "DOUBLE":
                nans = _sql(f"SELECT count(*) FROM read_parquet('{path}') WHERE isnan(\"{name}\")")
                assert nans == [(0,)], f"{path.name}.{name}"


def _check_references(model: BaseModel, urls: set[str]) -> int:
    """Check every Reference inside a parsed resource: it resolves in the Bundle and its type is allowed."""
    checked = 0
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, BaseModel):
                continue
            allowed = (info.json_schema_extra or {}).get("enum_reference_types")  # type: ignore[union-attr]
            if allowed and getattr(item, "reference", None):
                assert item.reference in urls, item.reference  # type: ignore[attr-defined]
                assert item.type in allowed, f"{name}: {item.type} not in {allowed}"  # type: ignore[attr-defined]
                checked += 1
            checked += _check_references(item, urls)
    return checked


def test_fhir_bundle_parses_with_the_r5_models(dataset: Dataset, out: Path) -> None:
    data = _json(out / "fhir" / "sleepdata.fhir.json")
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection" and bundle.identifier.value == dataset.version
    urls = {e["fullUrl"] for e in data["entry"]}
    assert len(urls) == len(data["entry"])
    by_type: dict[str, list[Any]] = {}
    references = 0
    for entry in data["entry"]:
        resource = get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
        by_type.setdefault(resource.get_resource_type(), []).append(resource)
        references += _check_references(resource, urls)
        assert {t.system for t in resource.meta.tag} >= {"urn:sleepdata:curation-status"}, resource.id
    assert references > 0
    assert len(by_type["ConditionDefinition"]) == len(dataset.conditions)
    assert len(by_type["Medication"]) == sum(len(t.strengths) for t in dataset.treatments.values())
    uses = [c for c in by_type["ClinicalUseDefinition"] if c.type == "indication"]
    assert len(uses) == sum(len(t.uses) for t in dataset.treatments.values())
    assert {c.type for c in by_type["ClinicalUseDefinition"]} <= {
        "indication", "contraindication", "interaction", "undesirable-effect", "warning"}
    for use in uses:
        assert use.indication.diseaseSymptomProcedure.concept.coding
    icd = {(c.system.value, c.code) for r in dataset.conditions.values() for c in r.codes}
    carried = {(coding.system, coding.code) for r in by_type["ConditionDefinition"] for coding in r.code.coding}
    assert {("http://hl7.org/fhir/sid/icd-10-cm", code) for system, code in icd if system == "icd-10-cm"} <= carried
    for medication in by_type["Medication"]:
        quantity = medication.ingredient[0].strengthQuantity
        assert quantity.system == "http://unitsofmeasure.org" and quantity.code == quantity.unit
        assert math.isfinite(float(quantity.value))


def test_jsonld_expands_with_drugs_and_strengths(dataset: Dataset, out: Path) -> None:
    expanded = jsonld.expand(_json(out / "jsonld" / "sleepdata.jsonld"))
    nodes = {node["@id"]: node for node in expanded}
    about = nodes["urn:sleepdata:dataset"]
    assert about[f"{SCHEMA}version"] == [{"@value": dataset.version}]
    zopiclone = nodes["urn:sleepdata:treatment:zopiclone"]
    assert zopiclone["@type"] == [f"{SCHEMA}Drug"]
    strengths = {s["@id"]: s for s in zopiclone[f"{SCHEMA}availableStrength"]}
    strength = strengths["urn:sleepdata:strength:zopiclone-20-mg"]
    assert strength["@type"] == [f"{SCHEMA}DrugStrength"]
    assert strength[f"{VOCAB}strengthStatus"] == [{"@value": "non-standard"}]
    assert strength[f"{SCHEMA}strengthValue"] == [{"@value": 20.0}]
    conditions = [n for n in expanded if n["@type"] == [f"{SCHEMA}MedicalCondition"]]
    assert len(conditions) == len(dataset.conditions)
    for node in expanded[1:]:
        assert f"{VOCAB}curationStatus" in node, node["@id"]


def test_every_format_carries_version_curation_and_non_standard_flag(
        dataset: Dataset, out: Path, non_standard: set[str]) -> None:
    disputed = {t.id for t in dataset.treatments.values() if t.curation.status.value == "disputed"}
    text = {fmt: "\n".join(p.read_text(encoding="utf-8") for p in sorted((out / fmt).iterdir())
                           if p.suffix != ".parquet") for fmt in FORMATS if fmt != "parquet"}
    for fmt, content in text.items():
        assert dataset.version in content and "curation" in content.lower(), fmt
    status = {fmt: _strength_statuses(fmt, out) for fmt in FORMATS}
    for fmt, found in status.items():
        assert {sid for sid, s in found.items() if s == "non-standard"} == non_standard, fmt
    for fmt in ("csv", "parquet"):
        rows = _rows(fmt, out, "treatments")
        assert all(r["curation_status"] for r in rows), fmt
        assert {r["id"] for r in rows if r["curation_status"] == "disputed"} == disputed, fmt


def _rows(fmt: str, out: Path, table: str) -> list[dict[str, Any]]:
    if fmt == "csv":
        with (out / "csv" / f"{table}.csv").open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    names, rows = _duckdb(f"SELECT * FROM {_parquet(out, table)}")
    return [dict(zip(names, row, strict=True)) for row in rows]


def _strength_statuses(fmt: str, out: Path) -> dict[str, str]:
    """Strength id -> status, as each format states it."""
    if fmt in ("csv", "parquet"):
        return {r["id"]: r["status"] for r in _rows(fmt, out, "strengths")}
    if fmt == "json":
        records = _json(out / "json" / "sleepdata.json")["records"]["treatment"]
    elif fmt == "jsonl":
        records = [json.loads(line) for line in (out / "jsonl" / "treatments.jsonl").open(encoding="utf-8")]
    if fmt in ("json", "jsonl"):
        return {s["id"]: s["status"] for r in records for s in r["strengths"]}
    if fmt == "fhir":
        entries = _json(out / "fhir" / "sleepdata.fhir.json")["entry"]
        return {e["resource"]["id"].removeprefix("strength-"): next(
            t["code"] for t in e["resource"]["meta"]["tag"] if t["system"] == "urn:sleepdata:strength-status")
            for e in entries if e["resource"]["resourceType"] == "Medication"}
    expanded = jsonld.expand(_json(out / "jsonld" / "sleepdata.jsonld"))
    return {s["@id"].removeprefix("urn:sleepdata:strength:"): s[f"{VOCAB}strengthStatus"][0]["@value"]
            for node in expanded for s in node.get(f"{SCHEMA}availableStrength", ())}


def test_no_nan_in_any_text_format(out: Path) -> None:
    for path in sorted(out.rglob("*")):
        if path.suffix in (".json", ".jsonld"):
            _json(path)
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                json.loads(line, parse_constant=_refuse)
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8") as handle:
                cells = [cell.lower() for row in csv.reader(handle) for cell in row]
            assert not {"nan", "inf", "-inf", "infinity"} & set(cells), path.name
