"""Biolink graph export: KGX JSON Lines (`nodes.jsonl`, `edges.jsonl`, `claims.jsonl`) and `graph_metadata.json`.

Nodes are conditions, causes, treatments and strengths with a Biolink category; edges are the claims that
link two of them, with a Biolink predicate, `knowledge_level` (`knowledge_assertion`: a source asserts it),
`agent_type` (`manual_agent`: a curator read it), `primary_knowledge_source` (`infores:sleepdata`), the
sources in `supporting_documents`, and the spans in `sleepdata_spans` (source, start, end, sha256) — never the
source's words. Each edge carries its claim id, stance, reading, verdict, basis and note.

`edges.jsonl` holds only claims that may stand as plain facts; every other claim linking two nodes (disputed,
unsupported, outdated, negated, a contested use) is in `claims.jsonl`, in the same shape, so that a program
loading the graph's edges never takes one for a fact. Features, diagnostics and mechanisms link nothing and
are not in the graph (the other exports carry them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import (
    Basis,
    CauseKind,
    ConditionCategory,
    Reading,
    Relation,
    Span,
    Standing,
    TreatmentKind,
    Verdict,
    WarningKind,
)
from .common import BASE_IRI, LICENCE, alternate_names, metadata, plain_fact, to_json, write_text

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

BIOLINK_VERSION = "4.4.6"  # the biolink-model release the categories and predicates are checked against
KNOWLEDGE_SOURCE = "infores:sleepdata"
CONDITION_CATEGORIES = {ConditionCategory.SYMPTOM: "biolink:PhenotypicFeature",
                        ConditionCategory.PHYSIOLOGICAL_PHENOMENON: "biolink:PhenotypicFeature"}
CAUSE_CATEGORIES = {
    CauseKind.DISEASE: "biolink:Disease", CauseKind.EXPOSURE: "biolink:EnvironmentalExposure",
    CauseKind.PHYSIOLOGICAL_STATE: "biolink:PhenotypicFeature", CauseKind.PSYCHOLOGICAL_STATE:
    "biolink:PhenotypicFeature", CauseKind.MEDICATION: "biolink:Drug", CauseKind.MEDICATION_WITHDRAWAL:
    "biolink:DrugExposure", CauseKind.HABIT: "biolink:Behavior", CauseKind.DEFICIENCY: "biolink:PhenotypicFeature",
    CauseKind.INJURY: "biolink:Disease", CauseKind.GENETIC: "biolink:DiseaseOrPhenotypicFeature",
    CauseKind.PROCEDURE: "biolink:Procedure", CauseKind.MECHANISM: "biolink:BiologicalProcess"}
TREATMENT_CATEGORIES = {
    TreatmentKind.DRUG: "biolink:Drug", TreatmentKind.DRUG_CLASS: "biolink:ChemicalEntity",
    TreatmentKind.HERBAL: "biolink:ComplexMolecularMixture", TreatmentKind.SUPPLEMENT: "biolink:ChemicalMixture",
    TreatmentKind.NON_DRUG: "biolink:Treatment", TreatmentKind.PROCEDURE: "biolink:Procedure",
    TreatmentKind.SUBSTANCE: "biolink:ChemicalEntity"}
RELATION_PREDICATES = {Relation.CAUSE: "biolink:causes", Relation.TRIGGER: "biolink:contributes_to",
                       Relation.RISK_FACTOR: "biolink:predisposes_to_condition",
                       Relation.ASSOCIATION: "biolink:associated_with"}
STANDING_PREDICATES = {Standing.APPROVED: "biolink:treats", Standing.ESTABLISHED: "biolink:treats",
                       Standing.OFF_LABEL: "biolink:applied_to_treat",
                       Standing.SUGGESTED: "biolink:treats_or_applied_or_studied_to_treat",
                       Standing.CONTESTED: "biolink:treats_or_applied_or_studied_to_treat"}
OTHER_PREDICATES = ("biolink:member_of", "biolink:subclass_of", "biolink:has_active_ingredient",
                    "biolink:has_adverse_event", "biolink:interacts_with", "biolink:contraindicated_in")
_XREF_PREFIXES = {"icd-10-cm": "ICD10CM", "icd-11": "ICD11", "mesh": "MESH", "atc": "ATC"}


@dataclass(frozen=True)
class _Parent:
    """A condition's parent as an edge: a field of the record, not a claim, judged with the condition record."""

    id: None
    reading: Reading
    verdict: Verdict
    note: str | None
    basis: Basis | None


def iri(ref: str) -> str:
    return f"{BASE_IRI}{ref}"


def _node(ref: str, category: str, record: Any, **extra: Any) -> dict[str, Any]:
    node = {"id": iri(ref), "category": [category], "name": record.name,
            "description": getattr(record, "description", None) or getattr(record, "definition", None),
            "synonym": alternate_names(record),
            "xref": [f"{_XREF_PREFIXES[c.system.value]}:{c.code}" for c in getattr(record, "codes", ())],
            "provided_by": [KNOWLEDGE_SOURCE], "sleepdata_verdict": record.verdict.value, **extra}
    return {k: v for k, v in node.items() if v not in (None, [])}


def _spans(spans: list[Span], hashes: dict[str, str]) -> list[dict[str, Any]]:
    return [{"source": iri(s.source), "start": s.start, "end": s.end, "sha256": hashes[s.source]} for s in spans]


def _edge(claim: Any, subject: str, predicate: str, obj: str, hashes: dict[str, str], spans: list[Span],
          suffix: str = "") -> dict[str, Any]:
    judgement = {f"sleepdata_{name}": getattr(getattr(claim, name, None), "value", getattr(claim, name, None))
                 for name in ("stance", "reading", "verdict", "basis", "note", "origin")}
    edge_id = iri(f"claim:{claim.id}{suffix}") if claim.id else f"{iri(subject)}#{predicate.split(':')[1]}"
    edge = {"id": edge_id, "subject": iri(subject), "predicate": predicate,
            "object": iri(obj), "knowledge_level": "knowledge_assertion", "agent_type": "manual_agent",
            "primary_knowledge_source": KNOWLEDGE_SOURCE,
            "supporting_documents": sorted({iri(s.source) for s in spans}),
            "sleepdata_claim_id": claim.id, "sleepdata_plain_fact": plain_fact(claim), **judgement,
            "sleepdata_spans": _spans(spans, hashes)}
    return {k: v for k, v in edge.items() if v not in (None, [])}


def graph(dataset: ValidatedDataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(nodes, edges) of the dataset, in a stable order; edges include claims that are not plain facts."""
    hashes = {f"source:{sid}": s.sha256 for sid, s in dataset.sources.items()}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for cid in sorted(dataset.conditions):
        condition = dataset.conditions[cid]
        nodes.append(_node(f"condition:{cid}", CONDITION_CATEGORIES.get(condition.category, "biolink:Disease"),
                           condition))
        if condition.parent:
            parent = _Parent(None, condition.reading, condition.verdict, condition.note, condition.basis)
            edges.append(_edge(parent, f"condition:{cid}", "biolink:subclass_of", condition.parent, hashes, []))
    for kid in sorted(dataset.causes):
        cause = dataset.causes[kid]
        nodes.append(_node(f"cause:{kid}", CAUSE_CATEGORIES[cause.kind], cause, sleepdata_kind=cause.kind.value))
        edges += [_edge(link, f"cause:{kid}", RELATION_PREDICATES[link.relation], link.condition, hashes,
                        link.provenance) for link in cause.links]
    for tid in sorted(dataset.treatments):
        treatment = dataset.treatments[tid]
        ref = f"treatment:{tid}"
        nodes.append(_node(ref, TREATMENT_CATEGORIES[treatment.kind], treatment, sleepdata_kind=treatment.kind.value))
        edges += [_edge(use, ref, STANDING_PREDICATES[use.standing], use.condition, hashes, use.provenance)
                  for use in treatment.uses]
        member = "biolink:subclass_of" if treatment.kind is TreatmentKind.DRUG_CLASS else "biolink:member_of"
        edges += [_edge(m, ref, member, m.drug_class, hashes, m.provenance) for m in treatment.classes]
        for strength in treatment.strengths:
            sref = f"strength:{strength.id}"
            nodes.append({"id": iri(sref), "category": ["biolink:Drug"],
                          "name": f"{treatment.inn or treatment.name} {strength.amount:g} {strength.unit}",
                          "provided_by": [KNOWLEDGE_SOURCE], "sleepdata_marketed": strength.marketed.value,
                          "sleepdata_verdict": strength.verdict.value, "sleepdata_context": strength.context.value})
            edges.append(_edge(strength, sref, "biolink:has_active_ingredient", ref, hashes, strength.provenance))
    for wid in sorted(dataset.warnings):
        warning = dataset.warnings[wid]
        for target in warning.applies_to:
            if target.startswith("condition:"):
                continue
            suffix = f"-{target.replace(':', '-')}" if len(warning.applies_to) > 1 else ""
            spans = warning.provenance
            edges += [_edge(e, target, "biolink:has_adverse_event", e.condition, hashes, spans, suffix)
                      for e in warning.effects if e.condition]
            edges += [_edge(i, target, "biolink:interacts_with", i.partner, hashes, spans, suffix)
                      for i in warning.interactions]
            if warning.kind is WarningKind.CONTRAINDICATION:
                edges += [_edge(warning, target, "biolink:contraindicated_in", c, hashes, spans,
                                f"{suffix}-{c.replace(':', '-')}") for c in warning.conditions]
    return nodes, edges


def export(dataset: ValidatedDataset, out: Path) -> list[Path]:
    nodes, edges = graph(dataset)
    files = {"nodes.jsonl": nodes, "edges.jsonl": [e for e in edges if e["sleepdata_plain_fact"]],
             "claims.jsonl": [e for e in edges if not e["sleepdata_plain_fact"]]}
    written = [write_text(out / name, "".join(to_json(item) + "\n" for item in items)) for name, items in files.items()]
    about = {**metadata(dataset), "biolink_version": BIOLINK_VERSION, "knowledge_source": KNOWLEDGE_SOURCE,
             "license": LICENCE["path"], "format": "KGX JSON Lines",
             "files": {name: {"records": len(items)} for name, items in files.items()},
             "claims_file": "claims.jsonl holds claims that are not plain facts (disputed, unsupported, outdated, "
                            "negated, contested uses); edges.jsonl holds only plain facts."}
    written.append(write_text(out / "graph_metadata.json", to_json(about, indent=2) + "\n"))
    return written
