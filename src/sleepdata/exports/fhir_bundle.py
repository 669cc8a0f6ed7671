"""FHIR R5 export: a `collection` Bundle of knowledge resources (no patient data).

- `ConditionDefinition` per condition, its `code` carrying the standard codes (ICD-10-CM, ...) and ours;
- `MedicationKnowledge` per drug, drug class, herbal remedy or supplement (ATC code, names, classes), its
  `associatedMedication` naming its strengths and `clinicalUseIssue` its indications and warnings;
- `ActivityDefinition` per non-drug measure or procedure;
- `Medication` per drug strength: the ingredient's strength as a UCUM Quantity, `definition` → its drug;
- `ClinicalUseDefinition` per use (`indication`, with `diseaseSymptomProcedure` coded as the condition) and
  per warning (`undesirable-effect`, `interaction`, `contraindication`, or `warning`); `subject` names the
  strengths and non-drug measures it concerns (R5 does not allow MedicationKnowledge as a subject, hence
  the link from MedicationKnowledge.clinicalUseIssue).

Every resource carries its record reference as an identifier and `meta.tag`s for the curation status (and
the stance, use standing or strength status); the Bundle's identifier is the dataset version. A strength's
status is also spelt out in its `code.text` ("non-standard strength").
"""

from __future__ import annotations

import hashlib
import html
import uuid
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..models import Condition, Strength, Treatment, TreatmentKind, Use, Warning, WarningKind
from .common import BASE_IRI, NAME, finite, to_json, write_text

UCUM = "http://unitsofmeasure.org"
CODE_SYSTEMS = {"icd-10-cm": "http://hl7.org/fhir/sid/icd-10-cm", "icd-11": "http://id.who.int/icd/release/11/mms",
                "mesh": "http://terminology.hl7.org/CodeSystem/MSH", "atc": "http://www.whocc.no/atc"}
RECORD = f"{BASE_IRI}record"
DATASET_VERSION = f"{BASE_IRI}dataset-version"
CURATION_STATUS = f"{BASE_IRI}curation-status"
STRENGTH_STATUS = f"{BASE_IRI}strength-status"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE_IRI)
_DRUG_KINDS = {TreatmentKind.DRUG, TreatmentKind.DRUG_CLASS, TreatmentKind.HERBAL, TreatmentKind.SUPPLEMENT}
_CLINICAL_USE_TYPES = {WarningKind.ADVERSE_EFFECT: "undesirable-effect", WarningKind.INTERACTION: "interaction",
                       WarningKind.CONTRAINDICATION: "contraindication"}
_STRENGTH_WORDS = {"standard": "standard marketed strength", "non-standard": "non-standard strength",
                   "not-verifiable": "strength not verifiable"}


def _id(text: str) -> str:
    """A FHIR id (at most 64 of [A-Za-z0-9-.]); long ones are shortened with a hash."""
    return text if len(text) <= 64 else f"{text[:47]}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _url(resource_type: str, rid: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{resource_type}/{rid}')}"


def _ref(resource_type: str, rid: str, display: str) -> dict[str, Any]:
    return {"reference": _url(resource_type, rid), "type": resource_type, "display": display}


def _coding(kind: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": f"{BASE_IRI}{kind}", "code": code}
    return {**coding, "display": display} if display else coding


def _concept(record: Condition | Treatment, kind: str) -> dict[str, Any]:
    codings = [{"system": CODE_SYSTEMS[c.system.value], "code": c.code, "display": c.label} for c in record.codes]
    return {"coding": [*codings, _coding(kind, record.id, record.name)], "text": record.name}


def _meta(status: str, **tags: str) -> dict[str, Any]:
    codings = [{"system": CURATION_STATUS, "code": status}]
    codings += [_coding(name.replace("_", "-"), value) for name, value in tags.items()]
    return {"tag": codings}


def _narrative(statement: str, note: str | None) -> dict[str, Any]:
    parts = [f"<p>{html.escape(statement)}</p>"] + ([f"<p>Curator: {html.escape(note)}</p>"] if note else [])
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{"".join(parts)}</div>'}


def _identifier(ref: str) -> list[dict[str, Any]]:
    return [{"system": RECORD, "value": ref}]


def _condition(condition: Condition, version: str) -> dict[str, Any]:
    return {"resourceType": "ConditionDefinition", "id": _id(f"condition-{condition.id}"),
            "meta": _meta(condition.curation.status.value), "url": f"{BASE_IRI}condition:{condition.id}",
            "identifier": _identifier(f"condition:{condition.id}"), "version": version, "title": condition.name,
            "status": "active", "description": condition.definition, "code": _concept(condition, "condition")}


def _strength_text(treatment: Treatment, strength: Strength) -> str:
    details = ", ".join(x for x in (strength.dose_form, strength.route) if x)
    amount = f"{strength.amount:g} {strength.unit}"
    return f"{treatment.inn or treatment.name} {amount}{f' ({details})' if details else ''}: " \
           f"{_STRENGTH_WORDS[strength.status.value]}"


def _medication(treatment: Treatment, strength: Strength) -> dict[str, Any]:
    quantity = {"value": finite(strength.amount), "unit": strength.unit, "system": UCUM, "code": strength.unit}
    resource: dict[str, Any] = {
        "resourceType": "Medication", "id": _id(f"strength-{strength.id}"),
        "meta": _meta(strength.curation.status.value, strength_status=strength.status.value),
        "identifier": _identifier(f"strength:{strength.id}"),
        "code": {"coding": [_coding("strength", strength.id)], "text": _strength_text(treatment, strength)},
        "ingredient": [{"item": {"concept": _concept(treatment, "treatment")}, "isActive": True,
                        "strengthQuantity": quantity}],
        "definition": _ref("MedicationKnowledge", _id(f"treatment-{treatment.id}"), treatment.name),
    }
    if strength.dose_form:
        resource["doseForm"] = {"text": strength.dose_form}
    if strength.curation.note:
        resource["text"] = _narrative(_strength_text(treatment, strength), strength.curation.note)
    return resource


def _treatment(treatment: Treatment, version: str, issues: list[str]) -> dict[str, Any]:
    rid = _id(f"treatment-{treatment.id}")
    common = {"id": rid, "meta": _meta(treatment.curation.status.value, treatment_kind=treatment.kind.value),
              "identifier": _identifier(f"treatment:{treatment.id}")}
    if treatment.kind not in _DRUG_KINDS:
        return {"resourceType": "ActivityDefinition", **common, "url": f"{BASE_IRI}treatment:{treatment.id}",
                "version": version, "title": treatment.name, "status": "active",
                **({"description": treatment.description} if treatment.description else {}),
                "code": _concept(treatment, "treatment")}
    names = dict.fromkeys(n for n in (treatment.name, treatment.inn, *(s.name for s in treatment.synonyms),
                                      *(b.name for b in treatment.brands)) if n)
    resource: dict[str, Any] = {"resourceType": "MedicationKnowledge", **common,
                                "code": _concept(treatment, "treatment"), "status": "active", "name": list(names)}
    if treatment.description:
        resource["text"] = _narrative(treatment.description, treatment.curation.note)
    if treatment.classes:
        resource["medicineClassification"] = [{
            "type": {"text": "drug class, as the sources give it"},
            "classification": [{"coding": [_coding("treatment", m.drug_class.split(":", 1)[1])],
                                "text": m.drug_class} for m in treatment.classes]}]
    if issues:
        resource["clinicalUseIssue"] = [_ref("ClinicalUseDefinition", issue, issue) for issue in issues]
    if treatment.strengths:
        resource["associatedMedication"] = [_ref("Medication", _id(f"strength-{s.id}"), s.id)
                                            for s in treatment.strengths]
    return resource


def _subject(treatment: Treatment) -> list[dict[str, Any]]:
    if treatment.kind in _DRUG_KINDS:
        return []
    return [_ref("ActivityDefinition", _id(f"treatment-{treatment.id}"), treatment.name)]


def _indication(treatment: Treatment, index: int, use: Use, condition: Condition) -> dict[str, Any]:
    resource = {"resourceType": "ClinicalUseDefinition", "id": _id(f"use-{treatment.id}-{index}"),
                "meta": _meta(use.curation.status.value, stance=use.stance.value, use_standing=use.standing.value),
                "text": _narrative(use.statement, use.curation.note),
                "identifier": _identifier(f"treatment:{treatment.id}#uses[{index}]"), "type": "indication",
                "category": [{"coding": [_coding("use-standing", use.standing.value)]}],
                "subject": _subject(treatment),
                "indication": {"diseaseSymptomProcedure": {"concept": _concept(condition, "condition")}}}
    return {k: v for k, v in resource.items() if v != []}


def _effects(warning: Warning) -> dict[str, Any]:
    return {"concept": {"text": "; ".join(warning.effects) or warning.statement}}


def _warning(warning: Warning, dataset: Dataset) -> dict[str, Any]:
    kind = _CLINICAL_USE_TYPES.get(warning.kind, "warning")
    subjects: list[dict[str, Any]] = []
    for target in warning.applies_to:
        if target.startswith("strength:"):
            subjects.append(_ref("Medication", _id(f"strength-{target.split(':', 1)[1]}"), target))
        else:
            subjects += _subject(dataset.treatments[target])
    resource: dict[str, Any] = {
        "resourceType": "ClinicalUseDefinition", "id": _id(f"warning-{warning.id}"),
        "meta": _meta(warning.curation.status.value, stance=warning.stance.value),
        "text": _narrative(warning.statement, warning.curation.note),
        "identifier": _identifier(f"warning:{warning.id}"), "type": kind,
        "category": [{"coding": [_coding("warning-kind", warning.kind.value)]}]}
    if subjects:
        resource["subject"] = subjects
    if kind == "undesirable-effect":
        effect: dict[str, Any] = {"symptomConditionEffect": _effects(warning)}
        if warning.frequency:
            effect["frequencyOfOccurrence"] = {"coding": [_coding("frequency", warning.frequency.value)]}
        resource["undesirableEffect"] = effect
    elif kind == "interaction":
        interactants = [{"itemCodeableConcept": {"text": s}} for s in warning.interacting_substances]
        resource["interaction"] = {"interactant": interactants, "effect": _effects(warning)}
    elif kind == "contraindication":
        resource["contraindication"] = {"diseaseSymptomProcedure": {
            "concept": {"text": "; ".join([*warning.populations, *warning.effects]) or warning.statement}}}
    else:
        resource["warning"] = {"description": warning.statement,
                               "code": {"coding": [_coding("warning-kind", warning.kind.value)]}}
    return resource


def bundle(dataset: Dataset) -> dict[str, Any]:
    """The Bundle as JSON-ready data, entries in a stable order."""
    version = dataset.version
    resources = [_condition(dataset.conditions[c], version) for c in sorted(dataset.conditions)]
    issues: dict[str, dict[str, None]] = {}  # treatment id -> ids of its ClinicalUseDefinitions, in order
    clinical: list[dict[str, Any]] = []
    for tid in sorted(dataset.treatments):
        treatment = dataset.treatments[tid]
        for i, use in enumerate(treatment.uses):
            clinical.append(_indication(treatment, i, use, dataset.conditions[use.condition]))
            issues.setdefault(tid, {})[clinical[-1]["id"]] = None
    for wid in sorted(dataset.warnings):
        warning = dataset.warnings[wid]
        clinical.append(_warning(warning, dataset))
        for target in warning.applies_to:
            tid = dataset.drug_of(target).id if target.startswith("strength:") else target.split(":", 1)[1]
            issues.setdefault(tid, {})[clinical[-1]["id"]] = None
    medications = []
    for tid in sorted(dataset.treatments):
        treatment = dataset.treatments[tid]
        resources.append(_treatment(treatment, version, list(issues.get(tid, {}))))
        medications += [_medication(treatment, s) for s in treatment.strengths]
    entries = [{"fullUrl": _url(r["resourceType"], r["id"]), "resource": r}
               for r in [*resources, *medications, *clinical]]
    return {"resourceType": "Bundle", "id": _id(f"{NAME}-{version}"),
            "meta": {"tag": [{"system": DATASET_VERSION, "code": version}]},
            "identifier": {"system": DATASET_VERSION, "value": version}, "type": "collection", "entry": entries}


def export(dataset: Dataset, out: Path) -> list[Path]:
    return [write_text(out / f"{NAME}.fhir.json", to_json(bundle(dataset), indent=1) + "\n")]
