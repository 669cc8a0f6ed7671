"""Cause pages: what the cause is and every condition a source ties it to."""

from __future__ import annotations

from typing import Any

from ..models import Cause
from .conditions import _grouped
from .context import Page, Site, record_path
from .judgement import summary
from .names import record_names, search_boost, search_tags, synonym_label, us_spellings


def cause_page(site: Site, cause: Cause, release: dict[str, Any]) -> Page:
    page = site.page(record_path("cause", cause.id), "cause.md.j2", cause.name)
    names = record_names(cause)
    page.boost, page.tags = search_boost(4, cause.name), search_tags(cause.name)
    page.context.update(cause=cause, trust=summary(cause, [], site.worst_reliability(cause)),
                        names=[synonym_label(s.kind.value, s.name) for s in cause.synonyms], us=us_spellings(names),
                        links=_grouped((link.condition, link) for link in cause.links), **release)
    return page
