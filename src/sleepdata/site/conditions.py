"""Condition pages and the condition hierarchy."""

from __future__ import annotations

from collections.abc import Iterator

from ..models import Condition
from . import diagrams
from .context import HIERARCHY, Page, Site, record_path
from .facts import badge, blocks, fact, kind_badge, standing_badge, trust_badges, verdict
from .sections import also_known_as, code_table, mention_list, note_list, section, synonym_names, synonym_table
from .text import CHEVRON, capital, label, md


def ancestors(site: Site, condition: Condition) -> list[Condition]:
    """Parent, grandparent, ... (stops at a loop rather than running forever)."""
    chain: list[Condition] = []
    parent = site.data.parent(condition.id)
    while parent is not None and parent not in chain and parent.id != condition.id:
        chain.append(parent)
        parent = site.data.parent(parent.id)
    return chain


def _hierarchy(page: Page, condition: Condition) -> str:
    site = page.site
    lines = []
    path = [page.link(f"condition:{c.id}") for c in reversed(ancestors(site, condition))]
    if path:
        axis = f" (subtype {md(condition.subtype_axis)})" if condition.subtype_axis else ""
        lines.append(f"Kind of: {f' {CHEVRON} '.join([*path, f'**{md(condition.name)}**'])}{axis}")
    children = site.data.children(condition.id)
    if children:
        lines.append("Kinds of " + md(condition.name) + ": " + ", ".join(
            page.link(f"condition:{c.id}") for c in sorted(children, key=lambda c: c.name.casefold())))
    if not lines:
        return ""
    lines.append(f"See the [whole hierarchy]({page.href(HIERARCHY)}).")
    return "\n\n".join(lines)


def _causes(page: Page, condition: Condition) -> str:
    by_cause: dict[str, list[str]] = {}
    for cause, link in ((c, link) for c, links in page.site.data.causes_of(condition.id) for link in links):
        lead = badge(label(link.relation.value), f"relation-{link.relation.value}") + " "
        by_cause.setdefault(cause.id, []).append(fact(page, link, lead))
    parts = [f"### {page.link(f'cause:{cid}')}\n\n{blocks(items)}" for cid, items in by_cause.items()]
    return "\n\n".join(parts)


def _treatments(page: Page, condition: Condition) -> str:
    by_treatment: dict[str, list[str]] = {}
    for treatment, use in ((t, use) for t, uses in page.site.data.treatments_for(condition.id) for use in uses):
        lead = standing_badge(use.standing.value) + " "
        by_treatment.setdefault(treatment.id, []).append(fact(page, use, lead))
    parts = []
    for tid, items in by_treatment.items():
        part = f"### {page.link(f'treatment:{tid}')}\n\n{blocks(items)}"
        if warnings := page.site.data.warnings_for(f"treatment:{tid}"):
            path, _ = page.site.target(f"treatment:{tid}")
            part += f"\n\nSee its [{len(warnings)} warning{'s' * (len(warnings) != 1)}]({page.href(path, 'warnings')})."
        parts.append(part)
    return "\n\n".join(parts)


def _features(page: Page, condition: Condition) -> str:
    by_kind: dict[str, list[str]] = {}
    for feature in condition.features:
        by_kind.setdefault(feature.kind.value, []).append(fact(page, feature))
    return "\n\n".join(f"### {capital(label(kind))}\n\n{blocks(items)}" for kind, items in by_kind.items())


def _diagnostics(page: Page, condition: Condition) -> str:
    items = []
    for diagnostic in condition.diagnostics:
        codes = "".join(f" ({md(c.system.value)} {md(c.code)})" for c in diagnostic.codes)
        items.append(fact(page, diagnostic, f"**{md(diagnostic.test)}**{codes}: "))
    return blocks(items)


def condition_page(site: Site, condition: Condition) -> Page:
    page = site.page(record_path("condition", condition.id))
    causes = diagrams.cause_groups(site.data, condition.id)
    treatments = diagrams.treatment_groups(site.data, condition.id)
    page.add(f"# {md(condition.name)}", "",
             f"{kind_badge(condition.category.value)} {trust_badges(condition)}", "",
             also_known_as(synonym_names(condition.synonyms), condition.name), "",
             verdict(condition.curation), "",
             f"**Definition.** {md(condition.definition)}", "")
    page.add(*section("At a glance", "at-a-glance", diagrams.condition_diagram(page, condition.name, causes,
                                                                                 treatments)))
    page.add(*section("Hierarchy", "hierarchy", _hierarchy(page, condition)))
    page.add(*section("Names and codes", "names-and-codes", synonym_table(page, condition.synonyms),
                      code_table(condition.codes)))
    page.add(*section("Causes", "causes", _causes(page, condition)))
    page.add(*section("Treatments", "treatments", _treatments(page, condition)))
    page.add(*section("Features", "features", _features(page, condition)))
    page.add(*section("Diagnostics", "diagnostics", _diagnostics(page, condition)))
    page.add(*section("Curator's notes", "notes", note_list(condition.notes)))
    page.add(*section("Mentions", "mentions", mention_list(page, condition.mentions)))
    return page


def _tree(page: Page, condition: Condition, depth: int, seen: set[str]) -> Iterator[str]:
    seen.add(condition.id)
    axis = f' <span class="sd-axis">{md(condition.subtype_axis)}</span>' if condition.subtype_axis else ""
    yield f"{'    ' * depth}- {page.link(f'condition:{condition.id}')}{axis}"
    for child in sorted(page.site.data.children(condition.id), key=lambda c: c.name.casefold()):
        if child.id not in seen:
            yield from _tree(page, child, depth + 1, seen)


def hierarchy_page(site: Site) -> Page:
    page = site.page(HIERARCHY)
    roots = sorted((c for c in site.data.conditions.values() if not c.parent), key=lambda c: c.name.casefold())
    seen: set[str] = set()
    lines = [line for root in roots for line in _tree(page, root, 0, seen)]
    page.add("# Condition hierarchy", "",
             "Each condition under the broader condition it is a kind of, with the axis of the subdivision where "
             "the curator records one. Conditions without a broader condition stand at the top level.", "",
             '<div class="sd-tree" markdown>', "", *lines, "", "</div>")
    return page
