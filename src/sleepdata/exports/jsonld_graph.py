"""JSON-LD export: schema.org nodes for the records and a statement node for every claim (inline `@context`,
no network needed to expand).

- Records: `Dataset` (version, licence, sources), `CreativeWork` per source (with its sha256),
  `MedicalCondition`, `MedicalCause`, `Drug` / `DrugClass` / `DietarySupplement` / `MedicalTherapy` /
  `TherapeuticProcedure` / `sd:Substance` per treatment, `DrugStrength` per strength (`sd:marketed`).
- Claims: every claim is a node `urn:sleepdata:claim:<claim id>` typed `rdf:Statement` and `sd:Claim`, with
  `rdf:subject`, `rdf:predicate` and `rdf:object` where the claim links two things, the statement in our
  words, `sd:stance`, `sd:reading`, `sd:verdict`, `sd:plainFact`, `sd:note`, `sd:basis`, and `sd:provenance`:
  one W3C Web Annotation `oa:TextPositionSelector` per span (`oa:start`, `oa:end`, `sd:source`,
  `sd:sourceSha256`).
- The plain triple (`condition schema:cause cause`) is written only for a claim that may stand as a plain
  fact (`common.plain_fact`); a disputed, unsupported, outdated, negated or contested claim exists only as
  its statement node.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..claims import claims_in
from ..models import (
    Cause,
    CauseLink,
    Code,
    Condition,
    Effect,
    Interaction,
    Relation,
    Span,
    Strength,
    Treatment,
    TreatmentKind,
    Use,
)
from ..models.treatment import ClassMembership
from .common import BASE_IRI, LICENCE, NAME, NOTICE, alternate_names, finite, plain_fact, to_json, write_text

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

VOCAB = f"{BASE_IRI}vocab:"
SCHEMA = "https://schema.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_LINKS = ("cause", "riskFactor", "possibleTreatment", "drug", "drugClass", "availableStrength", "license",
          "isBasedOn", "appliesTo")
CONTEXT: dict[str, Any] = {
    "@vocab": SCHEMA,
    "sd": VOCAB,
    "rdf": RDF,
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    **{term: {"@type": "@id"} for term in _LINKS},
    "appliesTo": {"@id": "sd:appliesTo", "@type": "@id"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "associatedWith": {"@id": "sd:associatedWith", "@type": "@id"},
    "subject": {"@id": "rdf:subject", "@type": "@id"},
    "predicate": {"@id": "rdf:predicate", "@type": "@id"},
    "object": {"@id": "rdf:object", "@type": "@id"},
    "claim": {"@id": "sd:claim", "@type": "@id"},
    "source": {"@id": "sd:source", "@type": "@id"},
    "start": {"@id": "oa:start", "@type": "xsd:nonNegativeInteger"},
    "end": {"@id": "oa:end", "@type": "xsd:nonNegativeInteger"},
    **{term: f"sd:{term}" for term in ("statement", "field", "stance", "reading", "verdict", "note", "basis",
                                      "basisDocument", "origin", "provenance", "sourceSha256", "marketed",
                                      "mentionContext", "sha256", "standing", "relation", "treatmentKind")},
    "plainFact": {"@id": "sd:plainFact", "@type": "xsd:boolean"},
}
_TYPES = {TreatmentKind.DRUG: "Drug", TreatmentKind.DRUG_CLASS: "DrugClass", TreatmentKind.HERBAL: "DietarySupplement",
          TreatmentKind.SUPPLEMENT: "DietarySupplement", TreatmentKind.NON_DRUG: "MedicalTherapy",
          TreatmentKind.PROCEDURE: "TherapeuticProcedure", TreatmentKind.SUBSTANCE: "sd:Substance"}
_DRUG_LIKE = {"Drug", "DrugClass", "DietarySupplement", "sd:Substance"}
_CODING_SYSTEMS = {"icd-10-cm": "ICD-10-CM", "icd-11": "ICD-11", "mesh": "MeSH", "atc": "ATC"}
_RELATIONS = {Relation.CAUSE: "cause", Relation.TRIGGER: "cause", Relation.RISK_FACTOR: "riskFactor",
              Relation.ASSOCIATION: "associatedWith"}
_IRIS = {"cause": f"{SCHEMA}cause", "riskFactor": f"{SCHEMA}riskFactor", "associatedWith": f"{VOCAB}associatedWith",
         "drug": f"{SCHEMA}drug", "possibleTreatment": f"{SCHEMA}possibleTreatment",
         "drugClass": f"{SCHEMA}drugClass", "availableStrength": f"{SCHEMA}availableStrength",
         "adverseOutcome": f"{SCHEMA}adverseOutcome", "interactingDrug": f"{SCHEMA}interactingDrug"}


def iri(ref: str) -> str:
    """The IRI of a record reference (`condition:insomnia` → `urn:sleepdata:condition:insomnia`)."""
    return f"{BASE_IRI}{ref}"


def _prune(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in ([], None)}


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _codes(codes: list[Code]) -> list[dict[str, Any]]:
    return [{"@type": "MedicalCode", "codeValue": c.code, "codingSystem": _CODING_SYSTEMS[c.system.value],
             "name": c.label} for c in codes]


def _names(record: Condition | Cause | Treatment) -> dict[str, Any]:
    return {"name": record.name, "alternateName": alternate_names(record)}


def _judgement(item: Any) -> dict[str, Any]:
    values = {key: getattr(item, attr, None) for key, attr in (
        ("stance", "stance"), ("reading", "reading"), ("verdict", "verdict"), ("note", "note"), ("basis", "basis"),
        ("basisDocument", "basis_document"), ("origin", "origin"))}
    return {key: getattr(value, "value", value) for key, value in values.items()}


def _span(span: Span, hashes: dict[str, str]) -> dict[str, Any]:
    return {"@type": "oa:TextPositionSelector", "source": iri(span.source), "start": span.start, "end": span.end,
            "sourceSha256": hashes[span.source]}


def _link(ref: str, claim: Any, treatments: dict[str, str]) -> tuple[str, str, str] | None:
    """(subject, predicate term, object) of a claim that links two things, else None."""
    if isinstance(claim, CauseLink):
        return iri(claim.condition), _RELATIONS[claim.relation], ref
    if isinstance(claim, Use):
        kind = treatments[ref]
        return iri(claim.condition), "drug" if kind in _DRUG_LIKE else "possibleTreatment", ref
    if isinstance(claim, ClassMembership):
        return ref, "drugClass", iri(claim.drug_class)
    if isinstance(claim, Strength):
        return ref, "availableStrength", iri(f"strength:{claim.id}")
    if isinstance(claim, Effect) and claim.condition:
        return ref, "adverseOutcome", iri(claim.condition)
    if isinstance(claim, Interaction):
        return ref, "interactingDrug", iri(claim.partner)
    return None


def _claims(kind: str, record: BaseModel, hashes: dict[str, str], treatments: dict[str, str],
            plain: dict[str, dict[str, list[str]]]) -> list[dict[str, Any]]:
    """A statement node per claim of `record`; plain links are collected into `plain` (subject → term → objects)."""
    ref = iri(f"{kind}:{record.id}")  # type: ignore[attr-defined]
    nodes = []
    for path, claim in claims_in(record):
        link = _link(ref, claim, treatments)
        node = {"@id": iri(f"claim:{claim.id}"), "@type": ["rdf:Statement", "sd:Claim"],
                "field": str(next((p for p in reversed(path) if isinstance(p, str)), kind)),
                "subject": link[0] if link else ref, "statement": getattr(claim, "statement", None)
                or getattr(claim, "text", None) or getattr(claim, "name", None),
                "plainFact": plain_fact(claim), **_judgement(claim),
                "provenance": [_span(s, hashes) for s in getattr(claim, "provenance", ())]}
        if isinstance(claim, Use):
            node["standing"] = claim.standing.value
        if isinstance(claim, CauseLink):
            node["relation"] = claim.relation.value
        if link:
            node.update(predicate=_IRIS[link[1]], object=link[2])
            if plain_fact(claim):
                plain.setdefault(link[0], {}).setdefault(link[1], []).append(link[2])
        nodes.append(_prune(node))
    return nodes


def _record(kind: str, record: Any, dataset: ValidatedDataset) -> dict[str, Any]:
    ref = f"{kind}:{record.id}"
    node: dict[str, Any] = {"@id": iri(ref), **_judgement(record)}
    if kind == "source":
        node.update({"@type": "CreativeWork", "name": record.title, "description": record.description,
                     "sha256": record.sha256, "encodingFormat": "text/plain", "inLanguage": record.language,
                     "author": record.author, "datePublished": record.published, "identifier": record.file_name})
    elif kind == "condition":
        node.update({"@type": "MedicalCondition", **_names(record), "description": record.definition,
                     "code": _codes(record.codes), "broader": iri(record.parent) if record.parent else None})
    elif kind == "cause":
        node.update({"@type": "MedicalCause", **_names(record), "description": record.description,
                     "code": _codes(record.codes)})
    elif kind == "treatment":
        node.update({"@type": _TYPES[record.kind], **_names(record), "treatmentKind": record.kind.value,
                     "nonProprietaryName": record.inn, "proprietaryName": _unique(b.name for b in record.brands),
                     "description": record.description, "code": _codes(record.codes)})
    else:
        node.update({"@type": "sd:Warning", "appliesTo": [iri(t) for t in record.applies_to],
                     "claim": iri(f"claim:{record.id}")})
    return node


def _strength(treatment: Treatment, strength: Strength) -> dict[str, Any]:
    return _prune({
        "@id": iri(f"strength:{strength.id}"), "@type": "DrugStrength",
        "activeIngredient": treatment.inn or treatment.name, "strengthValue": finite(strength.amount),
        "strengthUnit": strength.unit, "marketed": strength.marketed.value, "mentionContext": strength.context.value,
        "claim": iri(f"claim:{strength.id}")})


def graph(dataset: ValidatedDataset) -> dict[str, Any]:
    """The JSON-LD document: the context, a ValidatedDataset node, a node per record and strength, a node per claim."""
    about = {"@id": f"{BASE_IRI}dataset", "@type": "Dataset", "name": NAME, "version": dataset.version,
             "description": NOTICE, "license": LICENCE["path"],
             "isBasedOn": [iri(f"source:{s}") for s in sorted(dataset.sources)]}
    hashes = {f"source:{sid}": s.sha256 for sid, s in dataset.sources.items()}
    treatments = {iri(f"treatment:{tid}"): _TYPES[t.kind] for tid, t in dataset.treatments.items()}
    records: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    plain: dict[str, dict[str, list[str]]] = {}
    for kind, collection in dataset.collections.items():
        for rid in sorted(collection):
            record = collection[rid]
            records.append(_record(kind, record, dataset))
            claims += _claims(kind, record, hashes, treatments, plain)
            if kind == "treatment":
                records += [_strength(record, s) for s in record.strengths]
    for node in records:
        for term, objects in plain.get(node["@id"], {}).items():
            node[term] = _unique(objects)
    return {"@context": CONTEXT, "@graph": [about, *(_prune(n) for n in records), *claims]}


def export(dataset: ValidatedDataset, out: Path) -> list[Path]:
    return [write_text(out / f"{NAME}.jsonld", to_json(graph(dataset), indent=1) + "\n")]
