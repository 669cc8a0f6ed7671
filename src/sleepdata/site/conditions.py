"""Condition pages and the condition hierarchy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..models import Condition
from .context import HIERARCHY, Page, Site, record_path
from .diagrams import condition_diagram
from .judgement import summary
from .names import aliases, record_names, search_boost, search_tags, synonym_label, us_spellings

STANDING_WORDS = {"approved": "approved", "established": "established care", "off-label": "off-label use",
                  "suggested": "suggested", "contested": "contested use"}
PURPOSES = {"confirm": "confirm it", "exclude": "rule out other causes", "differentiate": "tell it apart from",
            "find-cause": "find the cause"}


def ancestors(site: Site, condition: Condition) -> list[Condition]:
    """Parent, grandparent, ... (stops at a loop rather than running forever)."""
    chain: list[Condition] = []
    parent = site.data.parent(condition.id)
    while parent is not None and parent not in chain and parent.id != condition.id:
        chain.append(parent)
        parent = site.data.parent(parent.id)
    return chain


def _grouped(pairs: Iterator[tuple[str, Any]] | list[tuple[str, Any]]) -> list[tuple[str, list[Any]]]:
    out: dict[str, list[Any]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return list(out.items())


def _rolled(site: Site, condition: Condition, own: set[str], kind: str) -> list[tuple[str, list[str]]]:
    """What the sources state for the subtypes, not for the condition itself: (reference, [subtype refs])."""
    out: dict[str, list[str]] = {}
    for sub in site.descendants(condition):
        pairs = site.data.causes_of(sub.id) if kind == "cause" else site.data.treatments_for(sub.id)
        for record, _ in pairs:
            ref = f"{kind}:{record.id}"
            if ref not in own:
                subs = out.setdefault(ref, [])
                if f"condition:{sub.id}" not in subs:
                    subs.append(f"condition:{sub.id}")
    return sorted(out.items(), key=lambda item: site.name(item[0]).casefold())


def condition_page(site: Site, condition: Condition, release: dict[str, Any]) -> Page:
    ref = f"condition:{condition.id}"
    page = site.page(record_path("condition", condition.id), "condition.md.j2", condition.name)
    causes = _grouped((f"cause:{c.id}", link) for c, links in site.data.causes_of(condition.id) for link in links)
    uses = _grouped((f"treatment:{t.id}", use) for t, uses in site.data.treatments_for(condition.id) for use in uses)
    treatments = [(tref, items, len(site.data.warnings_for(tref))) for tref, items in uses]
    shown = [x for _, items in causes for x in items] + [x for _, items, _ in treatments for x in items]
    names = record_names(condition)
    page.boost, page.tags = search_boost(8, condition.name), search_tags(condition.name)
    page.context.update(
        condition=condition, trust=summary(condition, shown, site.worst_reliability(condition)),
        names=[synonym_label(s.kind.value, s.name) for s in condition.synonyms], us=us_spellings(names),
        aliases=aliases(ref, names), diagram=condition_diagram(page, condition),
        ancestors=list(reversed(ancestors(site, condition))),
        children=sorted(site.data.children(condition.id), key=lambda c: c.name.casefold()), hierarchy=HIERARCHY,
        causes=causes, treatments=treatments,
        rolled_causes=_rolled(site, condition, {r for r, _ in causes}, "cause"),
        rolled_treatments=_rolled(site, condition, {r for r, _, _ in treatments}, "treatment"),
        warnings=site.warnings_by_target.get(ref, []),
        features=_grouped((f.kind.value, f) for f in condition.features),
        standing_words=STANDING_WORDS, purposes=PURPOSES, **release)
    return page


@dataclass
class Node:
    condition: Condition
    children: list[Node]


def _tree(site: Site, condition: Condition, seen: set[str]) -> Node:
    seen.add(condition.id)
    kids = sorted(site.data.children(condition.id), key=lambda c: c.name.casefold())
    return Node(condition, [_tree(site, c, seen) for c in kids if c.id not in seen])


def hierarchy_page(site: Site) -> Page:
    page = site.page(HIERARCHY, "hierarchy.md.j2", "Condition hierarchy")
    roots = sorted((c for c in site.data.conditions.values() if not c.parent), key=lambda c: c.name.casefold())
    seen: set[str] = set()
    trees = [_tree(site, root, seen) for root in roots]
    page.context.update(branches=[t for t in trees if t.children], single=[t for t in trees if not t.children])
    return page
