"""FHIR R5 export: a `collection` Bundle of knowledge resources (no patient data).

- `DocumentReference` per source (its sha256 as an identifier), one `Organization` for the curators, and a
  `CodeSystem` per private code system (stance, reading, verdict, basis, standing, marketed, …);
- `ConditionDefinition` per condition; `MedicationKnowledge` per drug, drug class, herbal remedy or supplement,
  `Substance` per substance (alcohol), `ActivityDefinition` per non-drug measure or procedure; `Medication`
  per strength (UCUM quantity, `marketed` as an extension);
- `ClinicalUseDefinition` per use, per warning, per adverse effect and per interaction partner; populations
  are `Group` resources;
- a `Provenance` per resource that states claims: its `entity` entries name the `DocumentReference` and carry
  each span (start, end, the source's sha256) as extensions.

Every claim carries the `claim` extension (claim id, stance, reading, verdict, basis, note, plain fact). A
claim that may not stand as a plain fact also carries the `not-a-plain-fact` modifier extension, which a
reader that does not know it must not ignore; a use that is not a plain fact is never `indication`: it is a
`warning` coded `claimed-use-not-accepted`. Causes have no FHIR resource (docs/exports.md says why); the
JSON-LD, SQLite and Biolink exports carry them.
"""

from __future__ import annotations

import hashlib
import html
import uuid
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import (
    Basis,
    Condition,
    Effect,
    Frequency,
    Interaction,
    Marketed,
    Origin,
    Population,
    PopulationGroup,
    Reading,
    Severity,
    Source,
    Span,
    Stance,
    Standing,
    Strength,
    Treatment,
    TreatmentKind,
    Use,
    Verdict,
    Warning,
    WarningKind,
)
from .common import BASE_IRI, LICENCE, NAME, NOTICE, finite, plain_fact, to_json, write_text

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

UCUM = "http://unitsofmeasure.org"
CODE_SYSTEMS = {"icd-10-cm": "http://hl7.org/fhir/sid/icd-10-cm", "icd-11": "http://id.who.int/icd/release/11/mms",
                "mesh": "http://terminology.hl7.org/CodeSystem/MSH", "atc": "http://www.whocc.no/atc"}
RECORD = f"{BASE_IRI}record"
CLAIM = f"{BASE_IRI}claim"
SHA256 = f"{BASE_IRI}sha256"
DATASET_VERSION = f"{BASE_IRI}dataset-version"
SPDX = "http://spdx.org/licenses"
EXTENSION = f"{BASE_IRI}fhir:StructureDefinition:"
CLAIM_EXTENSION = f"{EXTENSION}claim"
NOT_PLAIN = f"{EXTENSION}not-a-plain-fact"
SPAN_EXTENSION = f"{EXTENSION}span"
MARKETED_EXTENSION = f"{EXTENSION}marketed"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE_IRI)
_MEDICATION_KINDS = {TreatmentKind.DRUG, TreatmentKind.DRUG_CLASS, TreatmentKind.HERBAL, TreatmentKind.SUPPLEMENT}


class ClaimStatus(StrEnum):
    """Codes for a claim the curator does not accept as a fact, where FHIR needs a code for it."""

    CLAIMED_USE_NOT_ACCEPTED = "claimed-use-not-accepted"


#: The private code systems shipped as CodeSystem resources: name -> its values.
SYSTEMS: dict[str, type[StrEnum]] = {
    "stance": Stance, "reading": Reading, "verdict": Verdict, "basis": Basis, "origin": Origin, "standing": Standing,
    "marketed": Marketed, "warning-kind": WarningKind, "frequency": Frequency, "severity": Severity,
    "population": PopulationGroup, "claim-status": ClaimStatus,
}


def system(name: str) -> str:
    """The canonical URL of one of our code systems."""
    return f"{BASE_IRI}codesystem:{name}"


def _id(text: str) -> str:
    """A FHIR id (at most 64 of [A-Za-z0-9-.]); long ones are shortened with a hash."""
    return text if len(text) <= 64 else f"{text[:47]}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _url(resource_type: str, rid: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{resource_type}/{rid}')}"


def _ref(resource_type: str, rid: str, display: str) -> dict[str, Any]:
    return {"reference": _url(resource_type, rid), "type": resource_type, "display": display}


def _coding(name: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system(name), "code": code}
    return {**coding, "display": display} if display else coding


def _concept(record: Any, kind: str) -> dict[str, Any]:
    codings = [{"system": CODE_SYSTEMS[c.system.value], "code": c.code, "display": c.label}
               for c in getattr(record, "codes", ())]
    return {"coding": [*codings, _coding(kind, record.id, record.name)], "text": record.name}


def _narrative(*paragraphs: str | None) -> dict[str, Any]:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'}


def _claim(claim: Any) -> dict[str, Any]:
    """The claim extension and, for a claim that is not a plain fact, the modifier extension."""
    parts: list[dict[str, Any]] = [{"url": "id", "valueString": claim.id}]
    for name in ("stance", "reading", "verdict", "basis", "origin"):
        value = getattr(claim, name, None)
        if value is not None:
            parts.append({"url": name, "valueCoding": _coding(name, value.value)})
    if getattr(claim, "note", None):
        parts.append({"url": "note", "valueString": claim.note})
    parts.append({"url": "plain-fact", "valueBoolean": plain_fact(claim)})
    out: dict[str, Any] = {"extension": [{"url": CLAIM_EXTENSION, "extension": parts}]}
    if not plain_fact(claim):
        out["modifierExtension"] = [{"url": NOT_PLAIN, "valueCoding": _coding("verdict", claim.verdict.value)}]
    return out


def _identifiers(ref: str, claim_id: str | None = None) -> list[dict[str, Any]]:
    return [{"system": RECORD, "value": ref}, *([{"system": CLAIM, "value": claim_id}] if claim_id else [])]


class _Builder:
    """Collects the Bundle's resources and the Provenance of each."""

    def __init__(self, dataset: ValidatedDataset) -> None:
        self.dataset = dataset
        self.resources: list[dict[str, Any]] = []
        self.provenance: list[dict[str, Any]] = []
        self.groups: dict[str, dict[str, Any]] = {}
        self.hashes = {f"source:{sid}": s.sha256 for sid, s in dataset.sources.items()}

    def add(self, resource: dict[str, Any], spans: list[Span] | None = None) -> dict[str, Any]:
        self.resources.append(resource)
        if spans is not None:
            self._provenance(resource, spans)
        return resource

    def _provenance(self, resource: dict[str, Any], spans: list[Span]) -> None:
        entities = []
        for span in spans:
            source = str(span.source)
            entities.append({"role": "source", "what": _ref("DocumentReference",
                                                            _id(f"source-{source.removeprefix('source:')}"), source),
                             "extension": [{"url": SPAN_EXTENSION, "extension": [
                                 {"url": "start", "valueInteger": span.start}, {"url": "end", "valueInteger": span.end},
                                 {"url": "sha256", "valueString": self.hashes[span.source]}]}]})
        self.provenance.append({
            "resourceType": "Provenance", "id": _id(f"provenance-{resource['id']}"),
            "target": [_ref(resource["resourceType"], resource["id"], resource["id"])],
            "agent": [{"who": _ref("Organization", "curators", f"{NAME} curators")}],
            **({"entity": entities} if entities else {})})

    def group(self, population: Population) -> dict[str, Any]:
        """A reference to the Group for a population, created on first use."""
        key = population.model_dump_json(exclude_none=True)
        rid = _id(f"population-{hashlib.sha256(key.encode()).hexdigest()[:16]}")
        label = population.label or population.group.value
        if rid not in self.groups:
            characteristic: list[dict[str, Any]] = [{
                "code": {"coding": [_coding("population", population.group.value)]}, "valueBoolean": True,
                "exclude": False}]
            if population.age_min is not None or population.age_max is not None:
                bounds = {k: {"value": finite(v), "unit": "a", "system": UCUM, "code": "a"}
                          for k, v in (("low", population.age_min), ("high", population.age_max)) if v is not None}
                characteristic.append({"code": {"text": "age"}, "valueRange": bounds, "exclude": False})
            if population.condition:
                characteristic.append({"code": {"text": "has condition"}, "exclude": False,
                                       "valueCodeableConcept": self.concept(population.condition)})
            self.groups[rid] = {"resourceType": "Group", "id": rid, "type": "person", "membership": "definitional",
                                "name": label, "characteristic": characteristic}
        return _ref("Group", rid, label)

    def concept(self, ref: str) -> dict[str, Any]:
        kind, _, rid = ref.partition(":")
        return _concept(self.dataset.collections[kind][rid], kind)


def _code_system(name: str, values: type[StrEnum], version: str) -> dict[str, Any]:
    return {"resourceType": "CodeSystem", "id": _id(f"codesystem-{name}"), "url": system(name), "version": version,
            "name": "".join(p.title() for p in name.split("-")), "status": "active", "content": "complete",
            "description": (values.__doc__ or name).strip(), "caseSensitive": True,
            "concept": [{"code": v.value, "display": v.value.replace("-", " ")} for v in values]}


def _record_system(kind: str, dataset: ValidatedDataset) -> dict[str, Any]:
    records = dataset.collections[kind]
    return {"resourceType": "CodeSystem", "id": _id(f"codesystem-{kind}"), "url": system(kind),
            "version": dataset.version, "name": f"{kind.title()}Records", "status": "active", "content": "complete",
            "description": f"The {kind} records of {NAME}, by id.", "caseSensitive": True,
            "concept": [{"code": rid, "display": records[rid].name} for rid in sorted(records)]}


def _source(source: Source) -> dict[str, Any]:
    return {"resourceType": "DocumentReference", "id": _id(f"source-{source.id}"), "status": "current",
            "identifier": [*_identifiers(f"source:{source.id}"), {"system": SHA256, "value": source.sha256}],
            "description": source.description,
            "content": [{"attachment": {"contentType": "text/plain; charset=utf-8", "language": source.language,
                                        "title": source.title}}]}


def _condition(condition: Condition, version: str) -> dict[str, Any]:
    return {"resourceType": "ConditionDefinition", "id": _id(f"condition-{condition.id}"),
            "url": f"{BASE_IRI}condition:{condition.id}", "identifier": _identifiers(f"condition:{condition.id}"),
            "version": version, "title": condition.name, "status": "active", "description": condition.definition,
            "code": _concept(condition, "condition")}


def _strength_text(treatment: Treatment, strength: Strength) -> str:
    details = ", ".join(x for x in (strength.dose_form, strength.route) if x)
    return (f"{treatment.inn or treatment.name} {strength.amount:g} {strength.unit}"
            f"{f' ({details})' if details else ''}: {strength.marketed.value.replace('-', ' ')}")


def _medication(treatment: Treatment, strength: Strength) -> dict[str, Any]:
    quantity = {"value": finite(strength.amount), "unit": strength.unit, "system": UCUM, "code": strength.unit}
    resource: dict[str, Any] = {
        "resourceType": "Medication", "id": _id(f"strength-{strength.id}"), **_claim(strength),
        "identifier": _identifiers(f"strength:{strength.id}", strength.id),
        "text": _narrative(_strength_text(treatment, strength), strength.note),
        "code": {"coding": [{"system": system("strength"), "code": strength.id}],
                 "text": _strength_text(treatment, strength)},
        "ingredient": [{"item": {"concept": _concept(treatment, "treatment")}, "isActive": True,
                        "strengthQuantity": quantity}],
        "definition": _ref("MedicationKnowledge", _id(f"treatment-{treatment.id}"), treatment.name),
    }
    marketed = {"url": MARKETED_EXTENSION, "valueCoding": _coding("marketed", strength.marketed.value)}
    resource["extension"].append(marketed)
    if strength.dose_form:
        resource["doseForm"] = {"text": strength.dose_form}
    return resource


def _treatment(treatment: Treatment, version: str, issues: list[str]) -> dict[str, Any]:
    rid = _id(f"treatment-{treatment.id}")
    common: dict[str, Any] = {"id": rid, "identifier": _identifiers(f"treatment:{treatment.id}")}
    if treatment.kind is TreatmentKind.SUBSTANCE:
        return {"resourceType": "Substance", **common, "instance": False, "code": {"concept": _concept(treatment,
                                                                                                      "treatment")}}
    if treatment.kind not in _MEDICATION_KINDS:
        return {"resourceType": "ActivityDefinition", **common, "url": f"{BASE_IRI}treatment:{treatment.id}",
                "version": version, "title": treatment.name, "status": "active",
                **({"description": treatment.description} if treatment.description else {}),
                "code": _concept(treatment, "treatment")}
    names = dict.fromkeys(n for n in (treatment.name, treatment.inn, *(s.name for s in treatment.synonyms),
                                      *(b.name for b in treatment.brands)) if n)
    resource: dict[str, Any] = {"resourceType": "MedicationKnowledge", **common,
                                "code": _concept(treatment, "treatment"), "status": "active", "name": list(names)}
    if treatment.description:
        resource["text"] = _narrative(treatment.description)
    classes = [m for m in treatment.classes if plain_fact(m)]
    if classes:
        resource["medicineClassification"] = [{
            "type": {"text": "drug class, as the sources give it"},
            "classification": [{"coding": [_coding("treatment", m.drug_class.split(":", 1)[1])],
                                "text": m.drug_class} for m in classes]}]
    if issues:
        resource["clinicalUseIssue"] = [_ref("ClinicalUseDefinition", issue, issue) for issue in issues]
    if treatment.strengths:
        resource["associatedMedication"] = [_ref("Medication", _id(f"strength-{s.id}"), s.id)
                                            for s in treatment.strengths]
    return resource


def _subjects(targets: list[str], dataset: ValidatedDataset) -> list[dict[str, Any]]:
    """The CUD subjects among `targets`: strengths, substances and non-drug measures (R5 allows no
    MedicationKnowledge there; a drug links to its uses through `MedicationKnowledge.clinicalUseIssue`)."""
    out = []
    for target in targets:
        kind, _, rid = target.partition(":")
        if kind == "strength":
            out.append(_ref("Medication", _id(f"strength-{rid}"), target))
        elif kind == "treatment":
            treatment = dataset.treatments[rid]
            if treatment.kind is TreatmentKind.SUBSTANCE:
                out.append(_ref("Substance", _id(f"treatment-{rid}"), treatment.name))
            elif treatment.kind not in _MEDICATION_KINDS:
                out.append(_ref("ActivityDefinition", _id(f"treatment-{rid}"), treatment.name))
    return out


def _use(builder: _Builder, treatment: Treatment, use: Use) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "ClinicalUseDefinition", "id": _id(f"use-{use.id}"), **_claim(use),
        "text": _narrative(use.statement, use.note), "identifier": _identifiers(f"treatment:{treatment.id}", use.id),
        "category": [{"coding": [_coding("standing", use.standing.value)]}],
        "subject": _subjects([f"treatment:{treatment.id}"], builder.dataset),
        "population": [builder.group(p) for p in use.populations]}
    if plain_fact(use):
        resource["type"] = "indication"
        resource["indication"] = {"diseaseSymptomProcedure": {"concept": builder.concept(use.condition)}}
    else:
        resource["type"] = "warning"
        condition = builder.dataset.conditions[use.condition]
        resource["warning"] = {"description": f"Claimed use for {condition.name}, judged {use.verdict.value} with "
                               f"standing {use.standing.value}: not an indication. {use.note or ''}".strip(),
                               "code": {"coding": [_coding("claim-status", ClaimStatus.CLAIMED_USE_NOT_ACCEPTED)]}}
    return _prune(resource)


def _prune(resource: dict[str, Any]) -> dict[str, Any]:
    return {k: (_prune(v) if isinstance(v, dict) else v) for k, v in resource.items() if v not in ([], None, {})}


def _warning(builder: _Builder, warning: Warning) -> list[dict[str, Any]]:
    """The warning's own ClinicalUseDefinition, one per adverse effect and one per interaction partner."""
    subjects = _subjects(warning.applies_to, builder.dataset)
    populations = [builder.group(p) for p in warning.populations]
    base: dict[str, Any] = {"resourceType": "ClinicalUseDefinition", "id": _id(f"warning-{warning.id}"),
                            **_claim(warning), "text": _narrative(warning.statement, warning.note),
                            "identifier": _identifiers(f"warning:{warning.id}", warning.id),
                            "category": [{"coding": [_coding("warning-kind", warning.kind.value)]}],
                            "subject": subjects, "population": populations}
    if warning.kind is WarningKind.CONTRAINDICATION and warning.conditions:
        concepts = [builder.concept(c) for c in warning.conditions]
        base["type"] = "contraindication"
        base["contraindication"] = {"diseaseSymptomProcedure": {"concept": {
            "coding": [c for concept in concepts for c in concept["coding"]],
            "text": "; ".join(c["text"] for c in concepts)}}}
    else:
        base["type"] = "warning"
        base["warning"] = {"description": warning.statement,
                           "code": {"coding": [_coding("warning-kind", warning.kind.value)]}}
        base["population"] = populations + [builder.group(Population(group=PopulationGroup.COMORBID_CONDITION,
                                                                     condition=c)) for c in warning.conditions]
    out = [_prune(base)]
    out += [_effect(builder, warning, effect, subjects) for effect in warning.effects]
    out += [_interaction(builder, warning, interaction, subjects) for interaction in warning.interactions]
    return out


def _effect(builder: _Builder, warning: Warning, effect: Effect, subjects: list[dict[str, Any]]) -> dict[str, Any]:
    concept = builder.concept(effect.condition) if effect.condition else {"text": effect.name}
    return _prune({"resourceType": "ClinicalUseDefinition", "id": _id(f"effect-{effect.id}"), **_claim(effect),
                   "identifier": _identifiers(f"warning:{warning.id}", effect.id), "type": "undesirable-effect",
                   "subject": subjects, "undesirableEffect": {
                       "symptomConditionEffect": {"concept": concept},
                       "classification": {"coding": [_coding("severity", effect.severity.value)]}
                       if effect.severity else None,
                       "frequencyOfOccurrence": {"coding": [_coding("frequency", effect.frequency.value)]}}})


def _interaction(builder: _Builder, warning: Warning, interaction: Interaction,
                 subjects: list[dict[str, Any]]) -> dict[str, Any]:
    partner = builder.concept(interaction.partner)
    return _prune({"resourceType": "ClinicalUseDefinition", "id": _id(f"interaction-{interaction.id}"),
                   **_claim(interaction), "identifier": _identifiers(f"warning:{warning.id}", interaction.id),
                   "type": "interaction", "subject": subjects, "interaction": {
                       "interactant": [{"itemCodeableConcept": partner}],
                       "effect": {"concept": {"text": interaction.effect or warning.statement}},
                       "incidence": {"coding": [_coding("severity", interaction.severity.value)]}
                       if interaction.severity else None,
                       "management": [{"text": f"advice: {interaction.advice.value}"}]}})


def _spans(claim: Any, warning: Warning | None = None) -> list[Span]:
    """The claim's own spans; an effect or interaction stands on its warning's spans."""
    own = list(getattr(claim, "provenance", ()))
    return own or (list(warning.provenance) if warning else [])


def bundle(dataset: ValidatedDataset) -> dict[str, Any]:
    """The Bundle as JSON-ready data, entries in a stable order."""
    version = dataset.version
    builder = _Builder(dataset)
    builder.add({"resourceType": "Organization", "id": "curators", "name": f"{NAME} curators",
                 "description": NOTICE})
    for name, values in SYSTEMS.items():
        builder.add(_code_system(name, values, version))
    for kind in ("condition", "cause", "treatment"):
        builder.add(_record_system(kind, dataset))
    builder.add({"resourceType": "CodeSystem", "id": "codesystem-strength", "url": system("strength"),
                 "version": version, "name": "StrengthRecords", "status": "active", "content": "complete",
                 "caseSensitive": True, "concept": [
                     {"code": s.id, "display": _strength_text(t, s)}
                     for t in (dataset.treatments[tid] for tid in sorted(dataset.treatments)) for s in t.strengths]})
    for sid in sorted(dataset.sources):
        builder.add(_source(dataset.sources[sid]))
    for cid in sorted(dataset.conditions):
        builder.add(_condition(dataset.conditions[cid], version), list(dataset.conditions[cid].mentions))
    issues: dict[str, list[str]] = {}
    clinical: list[tuple[dict[str, Any], list[Span]]] = []
    for tid in sorted(dataset.treatments):
        treatment = dataset.treatments[tid]
        for use in treatment.uses:
            clinical.append((_use(builder, treatment, use), _spans(use)))
            issues.setdefault(tid, []).append(clinical[-1][0]["id"])
    for wid in sorted(dataset.warnings):
        warning = dataset.warnings[wid]
        claims = [warning, *warning.effects, *warning.interactions]
        for resource, claim in zip(_warning(builder, warning), claims, strict=True):
            clinical.append((resource, _spans(claim, warning)))
            for target in warning.applies_to:
                kind, _, rid = target.partition(":")
                owner = dataset.drug_of(target).id if kind == "strength" else rid if kind == "treatment" else None
                if owner and resource["id"] not in issues.setdefault(owner, []):
                    issues[owner].append(resource["id"])
    for tid in sorted(dataset.treatments):
        treatment = dataset.treatments[tid]
        builder.add(_treatment(treatment, version, issues.get(tid, []) if treatment.kind in _MEDICATION_KINDS
                               else []), list(treatment.mentions))
    for tid in sorted(dataset.treatments):
        treatment = dataset.treatments[tid]
        for strength in treatment.strengths:
            builder.add(_medication(treatment, strength), list(strength.provenance))
    for resource, spans in clinical:
        builder.add(resource, spans)
    resources = [*builder.resources, *builder.groups.values(), *builder.provenance]
    entries = [{"fullUrl": _url(r["resourceType"], r["id"]), "resource": r} for r in resources]
    return {"resourceType": "Bundle", "id": _id(f"{NAME}-{version}"),
            "meta": {"source": f"{BASE_IRI}dataset", "tag": [
                {"system": DATASET_VERSION, "code": version, "display": f"{NAME} {version}"},
                {"system": SPDX, "code": LICENCE["name"], "display": f"data licence: {LICENCE['title']}"},
                *({"system": SHA256, "code": dataset.sources[s].sha256, "display": f"source:{s}"}
                  for s in sorted(dataset.sources))]},
            "identifier": {"system": DATASET_VERSION, "value": version}, "type": "collection", "entry": entries}


def export(dataset: ValidatedDataset, out: Path) -> list[Path]:
    return [write_text(out / f"{NAME}.fhir.json", to_json(bundle(dataset), indent=1) + "\n")]
