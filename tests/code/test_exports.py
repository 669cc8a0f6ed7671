"""Every export of the real dataset, read with the field's own tool: jsonschema-rs, check-jsonschema and DuckDB
for JSON and JSON Lines, Frictionless for the Data Package, DuckDB for Parquet, fhir.resources and fhirpathpy
for FHIR R5, rdflib and SPARQL for JSON-LD. For each: a disputed claim is never a plain fact, a supported one
is, with its provenance, and zopiclone 20 mg is marked as not marketed. SQLite (Datasette) and the Biolink
graph have tests of their own."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import jsonschema_rs
import pytest
from fhir.resources import get_fhir_model_class
from fhir.resources.bundle import Bundle
from fhirpathpy import evaluate as fhirpath
from pydantic import BaseModel

from sleepdata import Dataset
from sleepdata.exports import FORMATS, export
from sleepdata.exports import tables as table_module
from sleepdata.exports.common import LICENCE, write_atomic, write_text
from sleepdata.exports.csv_package import _csv as csv_text
from sleepdata.exports.csv_package import neutralise

from ..conftest import ROOT
from . import export_cases as known

SD = "urn:sleepdata:vocab:"


@pytest.fixture(scope="module")
def out(exported: Callable[[str], Path]) -> Path:
    """The root holding every format's export, one folder each."""
    folders = {exported(fmt).parent for fmt in FORMATS}
    assert len(folders) == 1
    return folders.pop()


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


def _duckdb(query: str) -> list[dict[str, Any]]:
    """Rows of a DuckDB query, run in a child process (DuckDB reports its interned types at interpreter exit)."""
    result = subprocess.run([sys.executable, "-c", _DUCKDB, query], capture_output=True, text=True, check=True)
    answer = json.loads(result.stdout)
    return [dict(zip(answer["names"], row, strict=True)) for row in answer["rows"]]


def _parquet(out: Path, table: str) -> str:
    return f"read_parquet('{out / 'parquet' / table}.parquet')"


# -- every format ---------------------------------------------------------------------------------------------

def test_unknown_format_names_the_allowed_ones(dataset: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected one of json, jsonl, csv, parquet, sqlite, fhir, jsonld, kgx"):
        export(dataset, "xml", tmp_path)


def test_exporters_import_no_heavy_library() -> None:
    modules = ", ".join(f"sleepdata.exports.{m}" for m in ("json_bundle", "csv_package", "parquet_tables",
                                                           "sqlite_db", "fhir_bundle", "jsonld_graph", "kgx_graph"))
    code = (f"import sys, {modules}\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pyarrow', 'rdflib', 'datasette', 'bmt', "
            "'biolink_model', 'cffconvert', 'duckdb', 'fhir', 'pyld'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_exports_are_deterministic(dataset: Dataset, out: Path, tmp_path: Path) -> None:
    for fmt in FORMATS:
        again = export(dataset, fmt, tmp_path / fmt)
        changed = [p.name for p in again if p.read_bytes() != (out / fmt / p.name).read_bytes()]
        assert not changed, f"{fmt}: a second export differs in {changed}"


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    target = write_text(tmp_path / "data.json", "old\n")

    def fail(path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, fail)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]
    assert (target.stat().st_mode & 0o777) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_every_format_states_version_licence_and_sources(dataset: Dataset, out: Path) -> None:
    hashes = {s.sha256 for s in dataset.sources.values()}
    for fmt in FORMATS:
        if fmt in ("parquet", "sqlite"):
            continue
        text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((out / fmt).iterdir()))
        assert dataset.version in text, fmt
        assert LICENCE["name"] in text or LICENCE["path"] in text, fmt
        assert all(h in text for h in hashes), f"{fmt}: a source's sha256 is missing"
    for path in sorted((out / "parquet").glob("*.parquet")):
        metadata = {r["key"]: r["value"] for r in _duckdb(f"SELECT key, value FROM parquet_kv_metadata('{path}')")}
        assert metadata["sleepdata.version"] == dataset.version, path.name
        assert json.loads(metadata["sleepdata.licence"])["name"] == LICENCE["name"], path.name
        assert {s["sha256"] for s in json.loads(metadata["sleepdata.sources"])} == hashes, path.name


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


# -- JSON and JSON Lines --------------------------------------------------------------------------------------

def test_json_bundle_round_trips_every_record(dataset: Dataset, out: Path) -> None:
    reloaded = Dataset.from_bundle((out / "json" / "sleepdata.json").read_bytes())
    for kind, collection in dataset.collections.items():
        assert list(reloaded.collections[kind]) == sorted(collection)
        assert all(reloaded.collections[kind][rid] == collection[rid] for rid in collection), kind


def _validator(name: str) -> Any:
    return jsonschema_rs.validator_for(_json(ROOT / "schema" / f"{name}.json"))


def test_json_exports_pass_their_schemas_with_jsonschema_rs(dataset: Dataset, out: Path) -> None:
    bundle = _json(out / "json" / "sleepdata.json")
    assert [e.message for e in _validator("bundle").iter_errors(bundle)][:5] == []
    manifest = _json(out / "jsonl" / "manifest.json")
    assert [e.message for e in _validator("manifest").iter_errors(manifest)] == []
    for kind, entry in manifest["files"].items():
        validator = _validator(kind)
        lines = (out / "jsonl" / entry["path"]).read_text(encoding="utf-8").splitlines()
        assert entry["records"] == len(lines) == len(dataset.collections[kind])
        for line in lines:
            assert [e.message for e in validator.iter_errors(json.loads(line))] == [], kind
    broken = json.loads(json.dumps(bundle))
    broken["records"]["treatment"][0]["uses"] = [{"id": "x", "verdict": "maybe"}]
    assert not _validator("bundle").is_valid(broken), "the bundle schema does not check the records"


def test_jsonl_manifest_passes_check_jsonschema(out: Path) -> None:
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(ROOT / "schema" / "manifest.json"),
               str(out / "jsonl" / "manifest.json")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = out / "jsonl" / "broken-manifest.json"
    broken.write_text(json.dumps({**_json(out / "jsonl" / "manifest.json"), "version": "next"}))
    result = subprocess.run([*command[:-1], str(broken)], capture_output=True, text=True, timeout=120)
    broken.unlink()
    assert result.returncode == 1 and "version" in result.stdout


def _json_relations(out: Path, fmt: str) -> tuple[str, str]:
    """DuckDB relations of every cause link (`l`) and every strength (`s`) in the JSON or JSON Lines export."""
    def read(name: str) -> str:
        return f"read_json_auto('{out / fmt / name}', maximum_object_size=100000000)"

    if fmt == "jsonl":
        return (f"(SELECT unnest(links) AS l FROM {read('causes.jsonl')})",
                f"(SELECT unnest(strengths) AS s FROM {read('treatments.jsonl')})")
    return (f"(SELECT unnest(c.links) AS l FROM (SELECT unnest(records.cause) AS c FROM {read('sleepdata.json')}))",
            f"(SELECT unnest(t.strengths) AS s FROM (SELECT unnest(records.treatment) AS t FROM "
            f"{read('sleepdata.json')}))")


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_queried_with_duckdb(out: Path, fmt: str) -> None:
    links, strengths = _json_relations(out, fmt)
    rows = _duckdb(f"SELECT l.id, l.verdict, l.stance, l.reading, l.provenance FROM {links} "
                   f"WHERE l.condition = 'condition:{known.RLS}' AND l.verdict = 'supported'")
    by_id = {row["id"]: row for row in rows}
    assert known.DISPUTED_LINK not in by_id
    supported = by_id[known.SUPPORTED_LINK]
    assert supported["reading"] == "as-written" and supported["stance"]
    assert "source:" in str(supported["provenance"]) and "'start':" in str(supported["provenance"])
    [disputed] = _duckdb(f"SELECT l.verdict, l.note FROM {links} WHERE l.id = '{known.DISPUTED_LINK}'")
    assert disputed["verdict"] == "disputed" and disputed["note"]
    assert _duckdb(f"SELECT s.marketed FROM {strengths} WHERE s.id = '{known.NOT_MARKETED}'") == [
        {"marketed": "not-marketed"}]


# -- CSV (Data Package) ---------------------------------------------------------------------------------------

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


def test_data_package_queried_with_frictionless(dataset: Dataset, out: Path) -> None:
    package = frictionless.Package(out / "csv" / "datapackage.json")
    assert package.licenses[0]["name"] == LICENCE["name"] and len(package.sources) == len(dataset.sources)
    assert "apostrophe" in package.description
    links = {row["id"]: row for row in package.get_resource("cause_links").read_rows()
             if row["condition_id"] == known.RLS}
    assert links[known.DISPUTED_LINK]["plain_fact"] is False and links[known.DISPUTED_LINK]["verdict"] == "disputed"
    assert links[known.SUPPORTED_LINK]["plain_fact"] is True
    spans = [row for row in package.get_resource("provenance").read_rows() if row["claim_id"] == known.SUPPORTED_LINK]
    sha = {s.id: s.sha256 for s in dataset.sources.values()}
    assert spans and all(r["source_sha256"] == sha[r["source_id"]] and r["end"] > r["start"] for r in spans)
    strengths = {row["id"]: row for row in package.get_resource("strengths").read_rows()}
    assert strengths[known.NOT_MARKETED]["marketed"] == "not-marketed"


def test_csv_cells_that_would_run_as_formulas_are_neutralised() -> None:
    values = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\ry", "plain", "a=b", "'quoted' word"]
    table = table_module.Table("t", "", (table_module.Column("text", "string"),
                                         table_module.Column("number", "number")), ("text",),
                               rows=[(v, -1.5) for v in values])
    rows = list(csv.reader(io.StringIO(csv_text(table), newline="")))[1:]
    assert [r[0] for r in rows] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "'\ry", "plain", "a=b",
                                    "''quoted' word"]
    assert [r[0][1:] if r[0].startswith("'") else r[0] for r in rows] == values, "the rule cannot be undone"
    assert {r[1] for r in rows} == {"-1.5"}, "a number was changed"
    assert neutralise("=A1") == "'=A1" and neutralise("ok") == "ok"


# -- Parquet --------------------------------------------------------------------------------------------------

def test_parquet_queried_with_duckdb(dataset: Dataset, out: Path) -> None:
    rows = _duckdb(f"SELECT id, plain_fact, verdict FROM {_parquet(out, 'cause_links')} "
                   f"WHERE condition_id = '{known.RLS}' AND plain_fact")
    ids = {r["id"] for r in rows}
    assert known.DISPUTED_LINK not in ids and known.SUPPORTED_LINK in ids
    assert {r["verdict"] for r in rows} == {"supported"}
    spans = _duckdb(f"SELECT source_id, start, \"end\", source_sha256 FROM {_parquet(out, 'provenance')} "
                    f"WHERE claim_id = '{known.SUPPORTED_LINK}'")
    sha = {s.id: s.sha256 for s in dataset.sources.values()}
    assert spans and all(r["source_sha256"] == sha[r["source_id"]] for r in spans)
    assert _duckdb(f"SELECT marketed FROM {_parquet(out, 'strengths')} WHERE id = '{known.NOT_MARKETED}'") == [
        {"marketed": "not-marketed"}]
    for table in ("cause_links", "strengths", "provenance", "treatment_uses"):
        csv_rows = sum(1 for _ in (out / "csv" / f"{table}.csv").open(encoding="utf-8")) - 1
        assert _duckdb(f"SELECT count(*) AS n FROM {_parquet(out, table)}") == [{"n": csv_rows}], table


# -- FHIR R5 --------------------------------------------------------------------------------------------------

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
                assert item.type in allowed or "Resource" in allowed, f"{name}: {item.type} not in {allowed}"  # type: ignore[attr-defined]
                checked += 1
            checked += _check_references(item, urls)
    return checked


@pytest.fixture(scope="module")
def fhir(out: Path) -> dict[str, Any]:
    return _json(out / "fhir" / "sleepdata.fhir.json")  # type: ignore[no-any-return]


def test_fhir_bundle_parses_with_the_r5_models(dataset: Dataset, fhir: dict[str, Any]) -> None:
    bundle = Bundle.model_validate(fhir)
    assert bundle.type == "collection" and bundle.identifier.value == dataset.version
    assert {(t.system, t.code) for t in bundle.meta.tag} >= {("http://spdx.org/licenses", LICENCE["name"])}
    urls = {e["fullUrl"] for e in fhir["entry"]}
    assert len(urls) == len(fhir["entry"])
    by_type: dict[str, list[Any]] = {}
    references = 0
    for entry in fhir["entry"]:
        resource = get_fhir_model_class(entry["resource"]["resourceType"]).model_validate(entry["resource"])
        by_type.setdefault(resource.get_resource_type(), []).append(resource)
        references += _check_references(resource, urls)
    assert references > 0
    assert len(by_type["ConditionDefinition"]) == len(dataset.conditions)
    assert len(by_type["DocumentReference"]) == len(dataset.sources)
    assert len(by_type["Medication"]) == sum(len(t.strengths) for t in dataset.treatments.values())
    for medication in by_type["Medication"]:
        quantity = medication.ingredient[0].strengthQuantity
        assert quantity.system == "http://unitsofmeasure.org" and quantity.code == quantity.unit
        assert math.isfinite(float(quantity.value))


def test_fhir_code_systems_define_every_private_code(fhir: dict[str, Any]) -> None:
    defined = {(r["url"], c["code"]) for r in fhirpath(fhir, "Bundle.entry.resource.where(resourceType='CodeSystem')")
               for c in r["concept"]}
    systems = {url for url, _ in defined}
    assert {f"urn:sleepdata:codesystem:{n}" for n in ("stance", "reading", "verdict", "basis", "standing",
                                                     "marketed")} <= systems
    used = [c for c in _codings(fhir) if c["system"].startswith("urn:sleepdata:codesystem:")]
    assert used and all((c["system"], c["code"]) in defined for c in used), "a code outside its CodeSystem"


def _codings(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [c for item in value for c in _codings(item)]
    if not isinstance(value, dict) or value.get("resourceType") == "CodeSystem":
        return []
    own = [value] if "system" in value and "code" in value else []
    return own + [c for item in value.values() for c in _codings(item)]


def test_fhir_queried_with_fhirpath(dataset: Dataset, fhir: dict[str, Any]) -> None:
    claims = "identifier.where(system='urn:sleepdata:claim').value"
    indications = fhirpath(fhir, "Bundle.entry.resource.where(resourceType='ClinicalUseDefinition' and "
                           f"type='indication').{claims}")
    assert known.DISPUTED_USE not in indications and known.SUPPORTED_USE in indications
    uses = {u.id: u for t in dataset.treatments.values() for u in t.uses}
    contested = {cid for cid, u in uses.items() if u.standing.value == "contested" or u.verdict.value == "disputed"}
    assert contested and not contested & set(indications), "a contested or disputed use is an indication"
    disputed = fhirpath(fhir, "Bundle.entry.resource.where(resourceType='ClinicalUseDefinition' and "
                        f"identifier.where(value='{known.DISPUTED_USE}').exists())")
    assert [d["type"] for d in disputed] == ["warning"]
    assert fhirpath(disputed[0], "modifierExtension.where(url='urn:sleepdata:fhir:StructureDefinition:"
                    "not-a-plain-fact').valueCoding.code") == ["disputed"]
    supported = fhirpath(fhir, "Bundle.entry.resource.where(resourceType='ClinicalUseDefinition' and "
                         f"identifier.where(value='{known.SUPPORTED_USE}').exists())")[0]
    judgement = fhirpath(supported, "extension.where(url='urn:sleepdata:fhir:StructureDefinition:claim').extension")
    assert {e["url"]: next(v for k, v in e.items() if k.startswith("value")) for e in judgement}["verdict"][
        "code"] == "supported"
    target = next(e["fullUrl"] for e in fhir["entry"] if e["resource"] is not None and e["resource"].get("id")
                  == supported["id"])
    spans = fhirpath(fhir, f"Bundle.entry.resource.where(resourceType='Provenance' and target.reference="
                     f"'{target}').entity.extension.extension")
    use = uses[known.SUPPORTED_USE]
    starts = [e["valueInteger"] for e in spans if e["url"] == "start"]
    assert starts == [s.start for s in use.provenance]
    assert {e["valueString"] for e in spans if e["url"] == "sha256"} == {
        dataset.sources[s.source].sha256 for s in use.provenance}
    marketed = fhirpath(fhir, "Bundle.entry.resource.where(resourceType='Medication' and "
                        f"identifier.where(value='{known.NOT_MARKETED}').exists()).extension.where(url='urn:sleepdata:fhir:"
                        "StructureDefinition:marketed').valueCoding.code")
    assert marketed == ["not-marketed"]


def test_fhir_every_claim_resource_has_provenance(fhir: dict[str, Any]) -> None:
    targets = set(fhirpath(fhir, "Bundle.entry.resource.where(resourceType='Provenance').target.reference"))
    for entry in fhir["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] in ("ClinicalUseDefinition", "Medication", "ConditionDefinition"):
            assert entry["fullUrl"] in targets, resource["id"]


# -- JSON-LD --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rdf(out: Path) -> Any:
    import rdflib

    return rdflib.Graph().parse(out / "jsonld" / "sleepdata.jsonld", format="json-ld")


_PREFIXES = f"""PREFIX sd: <{SD}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


def test_jsonld_queried_with_sparql(dataset: Dataset, rdf: Any) -> None:
    rls = f"<urn:sleepdata:condition:{known.RLS}>"
    supported = {str(r.cause).rsplit(":", 1)[1] for r in rdf.query(_PREFIXES + f"""
        SELECT ?cause WHERE {{ ?claim a sd:Claim ; rdf:subject {rls} ; rdf:predicate schema:cause ;
                                  rdf:object ?cause ; sd:verdict "supported" }}""")}
    plain = {str(r.cause).rsplit(":", 1)[1] for r in rdf.query(_PREFIXES + f"SELECT ?cause WHERE {{ {rls} "
                                                                 "schema:cause ?cause }")}
    assert known.SUPPORTED_CAUSE in supported and known.SUPPORTED_CAUSE in plain
    assert known.DISPUTED_CAUSE not in supported and known.DISPUTED_CAUSE not in plain
    assert plain == supported, "a plain schema:cause triple without a supported claim behind it"
    disputed = list(rdf.query(_PREFIXES + f"""SELECT ?verdict ?note WHERE {{
        <urn:sleepdata:claim:{known.DISPUTED_LINK}> sd:verdict ?verdict ; sd:note ?note ; sd:plainFact ?plain }}"""))
    assert [str(r.verdict) for r in disputed] == ["disputed"]
    spans = {(str(r.source), int(r.start), int(r.end), str(r.sha)) for r in rdf.query(_PREFIXES + f"""
        SELECT ?source ?start ?end ?sha WHERE {{ <urn:sleepdata:claim:{known.SUPPORTED_LINK}> sd:provenance ?span .
            ?span a oa:TextPositionSelector ; sd:source ?source ; oa:start ?start ; oa:end ?end ;
                  sd:sourceSha256 ?sha }}""")}
    link = next(link for c in dataset.causes.values() for link in c.links if link.id == known.SUPPORTED_LINK)
    assert spans == {(f"urn:sleepdata:{s.source}", s.start, s.end, dataset.sources[s.source].sha256)
                     for s in link.provenance}
    marketed = [str(r.m) for r in rdf.query(_PREFIXES + f"SELECT ?m WHERE {{ <urn:sleepdata:strength:"
                                             f"{known.NOT_MARKETED}> a schema:DrugStrength ; sd:marketed ?m }}")]
    assert marketed == ["not-marketed"]
    offered = list(rdf.query(_PREFIXES + f"ASK {{ ?drug schema:availableStrength <urn:sleepdata:strength:"
                                          f"{known.NOT_MARKETED}> }}"))
    assert offered == [False], "a disputed strength stated as a plain availableStrength"


def test_jsonld_every_claim_is_a_statement_with_its_judgement(dataset: Dataset, rdf: Any) -> None:
    rows = list(rdf.query(_PREFIXES + """SELECT ?claim ?verdict ?reading ?plain WHERE {
        ?claim a rdf:Statement , sd:Claim ; sd:verdict ?verdict ; sd:reading ?reading ; sd:plainFact ?plain }"""))
    ids = {str(r.claim).removeprefix("urn:sleepdata:claim:") for r in rows}
    links = {link.id for c in dataset.causes.values() for link in c.links}
    uses = {u.id for t in dataset.treatments.values() for u in t.uses}
    assert links | uses | set(dataset.warnings) <= ids
    assert all(r.plain.toPython() is False for r in rows if str(r.verdict) != "supported")
    version = list(rdf.query(_PREFIXES + "SELECT ?v ?l WHERE { <urn:sleepdata:dataset> schema:version ?v ; "
                             "schema:license ?l }"))
    assert [(str(r.v), str(r.l)) for r in version] == [(dataset.version, LICENCE["path"])]


def test_contraindications_populations_and_interactions_map_to_fhir_and_biolink(dataset: Dataset,
                                                                                tmp_path: Path) -> None:
    """A contraindication naming a condition and a cause, for a population, added the way a user's extension
    would add it, beside the dataset's own."""
    from sleepdata.models import Warning

    warning = Warning.model_validate({
        "id": "zopiclone-test-contraindication", "statement": "Not for people with sleep apnoea.",
        "stance": "cautioned", "applies_to": ["treatment:zopiclone"], "kind": "contraindication",
        "conditions": ["condition:insomnia", "cause:obstructive-sleep-apnoea"],
        "populations": [{"group": "older-adults", "age_min": 65}],
        "provenance": [{"source": "source:zopiclone-20-mg-product-page", "start": 12, "end": 181}]}, strict=False)
    extended = dataset.extended([warning])
    export(extended, "fhir", tmp_path / "fhir")
    bundle = _json(tmp_path / "fhir" / "sleepdata.fhir.json")
    [cud] = fhirpath(bundle, "Bundle.entry.resource.where(resourceType='ClinicalUseDefinition' and "
                     "identifier.where(value='zopiclone-test-contraindication').exists())")
    get_fhir_model_class("ClinicalUseDefinition").model_validate(cud)
    assert cud["type"] == "contraindication"
    codes = fhirpath(cud, "contraindication.diseaseSymptomProcedure.concept.coding.code")
    assert {"insomnia", "obstructive-sleep-apnoea"} <= set(codes)
    [group] = fhirpath(bundle, f"Bundle.entry.where(fullUrl='{cud['population'][0]['reference']}').resource")
    assert fhirpath(group, "characteristic.code.coding.code") == ["older-adults"]
    assert fhirpath(group, "characteristic.valueRange.low.value") == [65]
    interactions = fhirpath(bundle, "Bundle.entry.resource.where(resourceType='ClinicalUseDefinition' and "
                            "type='interaction').interaction.interactant.itemCodeableConcept.coding.code")
    assert "alcohol" in interactions
    export(extended, "kgx", tmp_path / "kgx")
    edges = [json.loads(line) for line in (tmp_path / "kgx" / "edges.jsonl").read_text().splitlines()]
    contraindicated = {e["object"] for e in edges if e["predicate"] == "biolink:contraindicated_in"}
    assert {"urn:sleepdata:condition:insomnia", "urn:sleepdata:cause:obstructive-sleep-apnoea"} <= contraindicated
    # The dataset's own contraindications reach the graph too (valproate in POLG disease).
    assert "urn:sleepdata:cause:polg-related-disorders" in contraindicated
