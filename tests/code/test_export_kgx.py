"""The Biolink graph export, checked offline against the Biolink model shipped in the `biolink-model` package
through `bmt` (never the default download)."""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sleepdata import Dataset
from sleepdata.exports.common import LICENCE
from sleepdata.exports.kgx_graph import BIOLINK_VERSION

from . import export_cases as known

URN = "urn:sleepdata:"


@pytest.fixture(scope="module")
def out(exported: Callable[[str], Path]) -> Path:
    return exported("kgx")


@pytest.fixture(scope="module")
def toolkit() -> Any:
    from bmt import Toolkit

    schema = importlib.resources.files("biolink_model") / "schema" / "biolink_model.yaml"
    return Toolkit(schema=str(schema), predicate_map={"predicate mappings": []})


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_categories_predicates_and_slots_are_biolink(toolkit: Any, out: Path) -> None:
    assert toolkit.get_model_version() == BIOLINK_VERSION
    nodes = _lines(out / "nodes.jsonl")
    edges = _lines(out / "edges.jsonl") + _lines(out / "claims.jsonl")
    categories = {c for node in nodes for c in node["category"]}
    assert [c for c in categories if not toolkit.is_category(c)] == []
    predicates = {edge["predicate"] for edge in edges}
    assert [p for p in predicates if not toolkit.is_predicate(p)] == []
    assert not toolkit.is_predicate("biolink:cures"), "the check would pass anything"
    levels = set(toolkit.view.get_enum("KnowledgeLevelEnum").permissible_values)
    agents = set(toolkit.view.get_enum("AgentTypeEnum").permissible_values)
    assert {e["knowledge_level"] for e in edges} <= levels and {e["agent_type"] for e in edges} <= agents
    slots = {key for edge in edges for key in edge if not key.startswith("sleepdata_")}
    assert [s for s in slots if toolkit.get_element(s) is None] == []
    ids = {node["id"] for node in nodes}
    assert {e["subject"] for e in edges} | {e["object"] for e in edges} <= ids, "an edge to a missing node"
    assert len({e["id"] for e in edges}) == len(edges)


def test_graph_queried_through_bmt(dataset: Dataset, toolkit: Any, out: Path) -> None:
    """Every edge whose predicate bmt places under `biolink:contributes_to` (causes is one), ending at restless
    legs syndrome: the supported cause is there with its spans, the disputed one is not."""
    causal = set(toolkit.get_descendants("biolink:contributes_to", formatted=True))
    assert "biolink:causes" in causal
    rls = f"{URN}condition:{known.RLS}"
    edges = [e for e in _lines(out / "edges.jsonl") if e["object"] == rls and e["predicate"] in causal]
    claims = {e["sleepdata_claim_id"]: e for e in edges}
    assert known.DISPUTED_LINK not in claims
    supported = claims[known.SUPPORTED_LINK]
    assert supported["subject"] == f"{URN}cause:{known.SUPPORTED_CAUSE}"
    assert supported["sleepdata_verdict"] == "supported"
    link = next(link for c in dataset.causes.values() for link in c.links if link.id == known.SUPPORTED_LINK)
    assert supported["sleepdata_spans"] == [
        {"source": f"{URN}{s.source}", "start": s.start, "end": s.end, "sha256": dataset.sources[s.source].sha256}
        for s in link.provenance]
    assert supported["primary_knowledge_source"] == "infores:sleepdata"
    assert all(e["sleepdata_plain_fact"] for e in _lines(out / "edges.jsonl"))
    held = {e["sleepdata_claim_id"]: e for e in _lines(out / "claims.jsonl")}
    assert held[known.DISPUTED_LINK]["sleepdata_verdict"] == "disputed"
    assert known.DISPUTED_USE in held and known.SUPPORTED_USE not in held
    strength = next(n for n in _lines(out / "nodes.jsonl") if n["id"] == f"{URN}strength:{known.NOT_MARKETED}")
    assert strength["sleepdata_marketed"] == "not-marketed" and toolkit.is_category(strength["category"][0])
    assert known.NOT_MARKETED in held, "a disputed strength is an edge of the graph"
    about = json.loads((out / "graph_metadata.json").read_text(encoding="utf-8"))
    assert about["version"] == dataset.version and about["licence"]["name"] == LICENCE["name"]
