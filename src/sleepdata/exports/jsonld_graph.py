"""JSON-LD export: the dataset as schema.org nodes with an inline `@context` (no network needed to expand).

`Dataset` (name, version, notice); `MedicalCondition` (codes, causes, risk factors, treatments, `skos:broader`
for the parent); `MedicalCause` (also `MedicalRiskFactor` when a source calls it one); `Drug` with its
`DrugStrength`s, `DrugClass`, `DietarySupplement`, `MedicalTherapy` and `TherapeuticProcedure` for the
treatments. Terms schema.org lacks live under `urn:sleepdata:vocab:`: `curationStatus`, `curationNote`,
`strengthStatus` (`non-standard` for a strength that is not a marketed one), `associatedWith`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..models import Cause, Code, Condition, Curation, Relation, Strength, Treatment, TreatmentKind
from .common import BASE_IRI, NAME, NOTICE, finite, to_json, write_text

VOCAB = f"{BASE_IRI}vocab:"
_LINKS = ("cause", "riskFactor", "possibleTreatment", "drug", "drugClass", "causeOf", "increasesRiskOf",
          "associatedWith", "broader")
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "sd": VOCAB,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    **{term: {"@type": "@id"} for term in _LINKS},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "associatedWith": {"@id": "sd:associatedWith", "@type": "@id"},
    "prescriptionStatus": {"@type": "@vocab"},
    "curationStatus": "sd:curationStatus",
    "curationNote": "sd:curationNote",
    "strengthStatus": "sd:strengthStatus",
    "mentionContext": "sd:mentionContext",
}
_TYPES = {TreatmentKind.DRUG: "Drug", TreatmentKind.DRUG_CLASS: "DrugClass", TreatmentKind.HERBAL: "DietarySupplement",
          TreatmentKind.SUPPLEMENT: "DietarySupplement", TreatmentKind.NON_DRUG: "MedicalTherapy",
          TreatmentKind.PROCEDURE: "TherapeuticProcedure"}
_CODING_SYSTEMS = {"icd-10-cm": "ICD-10-CM", "icd-11": "ICD-11", "mesh": "MeSH", "atc": "ATC"}
_PRESCRIPTION = {"prescription-only": "PrescriptionOnly", "over-the-counter": "OTC"}


def iri(ref: str) -> str:
    """The IRI of a record reference (`condition:insomnia` → `urn:sleepdata:condition:insomnia`)."""
    return f"{BASE_IRI}{ref}"


def _curation(curation: Curation) -> dict[str, Any]:
    return {"curationStatus": curation.status.value, **({"curationNote": curation.note} if curation.note else {})}


def _codes(codes: list[Code]) -> dict[str, Any]:
    if not codes:
        return {}
    return {"code": [{"@type": "MedicalCode", "codeValue": c.code, "codingSystem": _CODING_SYSTEMS[c.system.value],
                      "name": c.label} for c in codes]}


def _names(record: Condition | Cause | Treatment) -> dict[str, Any]:
    names = [s.name for s in record.synonyms]
    return {"name": record.name, **({"alternateName": names} if names else {})}


def _prune(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if v not in ([], None)}


def _condition(condition: Condition, dataset: Dataset) -> dict[str, Any]:
    causes = [(cause, link) for cause, links in dataset.causes_of(condition.id) for link in links]
    treatments = dataset.treatments_for(condition.id)
    drug_like = {"Drug", "DrugClass", "DietarySupplement"}
    return _prune({
        "@id": iri(f"condition:{condition.id}"), "@type": "MedicalCondition", **_names(condition),
        "description": condition.definition, **_codes(condition.codes),
        "broader": iri(condition.parent) if condition.parent else None,
        "cause": _unique(iri(f"cause:{c.id}") for c, link in causes if link.relation in (Relation.CAUSE,
                                                                                           Relation.TRIGGER)),
        "riskFactor": _unique(iri(f"cause:{c.id}") for c, link in causes if link.relation is Relation.RISK_FACTOR),
        "associatedWith": _unique(iri(f"cause:{c.id}") for c, link in causes
                                  if link.relation is Relation.ASSOCIATION),
        "drug": _unique(iri(f"treatment:{t.id}") for t, _ in treatments if _TYPES[t.kind] in drug_like),
        "possibleTreatment": _unique(iri(f"treatment:{t.id}") for t, _ in treatments
                                     if _TYPES[t.kind] not in drug_like),
        **_curation(condition.curation)})


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _cause(cause: Cause) -> dict[str, Any]:
    def linked(*relations: Relation) -> list[str]:
        return _unique(link.condition for link in cause.links if link.relation in relations)

    risk = linked(Relation.RISK_FACTOR)
    return _prune({
        "@id": iri(f"cause:{cause.id}"), "@type": ["MedicalCause", "MedicalRiskFactor"] if risk else "MedicalCause",
        **_names(cause), "description": cause.description, **_codes(cause.codes),
        "causeOf": [iri(c) for c in linked(Relation.CAUSE, Relation.TRIGGER)],
        "increasesRiskOf": [iri(c) for c in risk],
        "associatedWith": [iri(c) for c in linked(Relation.ASSOCIATION)],
        **_curation(cause.curation)})


def _strength(treatment: Treatment, strength: Strength, warnings: list[str]) -> dict[str, Any]:
    return _prune({
        "@id": iri(f"strength:{strength.id}"), "@type": "DrugStrength",
        "activeIngredient": treatment.inn or treatment.name, "strengthValue": finite(strength.amount),
        "strengthUnit": strength.unit, "strengthStatus": strength.status.value,
        "mentionContext": strength.context.value, "warning": warnings, **_curation(strength.curation)})


def _treatment(treatment: Treatment, dataset: Dataset, members: list[str]) -> dict[str, Any]:
    node_type = _TYPES[treatment.kind]
    legal = [s.status.value for s in treatment.legal_statuses]
    return _prune({
        "@id": iri(f"treatment:{treatment.id}"), "@type": node_type, **_names(treatment),
        "nonProprietaryName": treatment.inn, "proprietaryName": _unique(b.name for b in treatment.brands),
        "description": treatment.description, **_codes(treatment.codes),
        "drugClass": _unique(iri(m.drug_class) for m in treatment.classes),
        "drug": members if node_type == "DrugClass" else [],
        "mechanismOfAction": [m.statement for m in treatment.mechanisms],
        "legalStatus": _unique(legal),
        "prescriptionStatus": next((_PRESCRIPTION[s] for s in legal if s in _PRESCRIPTION), None),
        "availableStrength": [_strength(treatment, s, [w.statement for w in dataset.warnings_for(f"strength:{s.id}")])
                              for s in treatment.strengths],
        "warning": [w.statement for w in dataset.warnings_for(f"treatment:{treatment.id}")],
        **_curation(treatment.curation)})


def graph(dataset: Dataset) -> dict[str, Any]:
    """The JSON-LD document: the context, then a Dataset node and one node per condition, cause and treatment."""
    about = {"@id": f"{BASE_IRI}dataset", "@type": "Dataset", "name": NAME, "version": dataset.version,
             "description": NOTICE}
    nodes = [about]
    nodes += [_condition(dataset.conditions[c], dataset) for c in sorted(dataset.conditions)]
    nodes += [_cause(dataset.causes[c]) for c in sorted(dataset.causes)]
    members: dict[str, list[str]] = {}
    for tid in sorted(dataset.treatments):
        for membership in dataset.treatments[tid].classes:
            members.setdefault(membership.drug_class, []).append(iri(f"treatment:{tid}"))
    nodes += [_treatment(dataset.treatments[t], dataset, _unique(members.get(f"treatment:{t}", [])))
              for t in sorted(dataset.treatments)]
    return {"@context": CONTEXT, "@graph": nodes}


def export(dataset: Dataset, out: Path) -> list[Path]:
    return [write_text(out / f"{NAME}.jsonld", to_json(graph(dataset), indent=1) + "\n")]
