"""Cause pages: what the cause is and every condition a source ties it to."""

from __future__ import annotations

from ..models import Cause
from .context import Page, Site, record_path
from .facts import badge, blocks, fact, kind_badge, trust_badges, verdict
from .sections import also_known_as, code_table, mention_list, section, synonym_names, synonym_table
from .text import label, md


def relation_badge(relation: str) -> str:
    return badge(label(relation), f"relation-{relation}")


def _links(page: Page, cause: Cause) -> str:
    by_condition: dict[str, list[str]] = {}
    for link in cause.links:
        by_condition.setdefault(link.condition, []).append(fact(page, link, relation_badge(link.relation.value) + " "))
    return "\n\n".join(f"### {page.link(ref)}\n\n{blocks(items)}" for ref, items in by_condition.items())


def cause_page(site: Site, cause: Cause) -> Page:
    page = site.page(record_path("cause", cause.id))
    same = f"The same substance as a treatment: {page.link(cause.treatment)}." if cause.treatment else ""
    page.add(f"# {md(cause.name)}", "", f"{kind_badge(cause.kind.value)} {trust_badges(cause)}", "",
             also_known_as(synonym_names(cause.synonyms), cause.name), "", verdict(cause.curation), "",
             md(cause.description) if cause.description else "", "", same, "")
    page.add(*section("Conditions it is tied to", "conditions", _links(page, cause)))
    page.add(*section("Names and codes", "names-and-codes", synonym_table(page, cause.synonyms),
                      code_table(cause.codes)))
    page.add(*section("Mentions", "mentions", mention_list(page, cause.mentions)))
    return page
