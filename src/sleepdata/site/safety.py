"""Warning pages: adverse effects, interactions, cautions, limits and non-standard strengths."""

from __future__ import annotations

from ..models import Warning, WarningKind
from .context import Page, Site, record_path
from .facts import badge, fact, kind_badge, status_badge
from .text import capital, humanize, label


def severity_badge(warning: Warning) -> str:
    return badge(warning.severity.value, f"severity-{warning.severity.value}") if warning.severity else ""


def warning_page(site: Site, warning: Warning) -> Page:
    page = site.page(record_path("warning", warning.id))
    badges = " ".join(b for b in (kind_badge(warning.kind.value), severity_badge(warning),
                                  badge(warning.frequency.value, "kind") if warning.frequency else "",
                                  status_badge(warning.curation.status)) if b)
    targets = ", ".join(page.link(ref) for ref in warning.applies_to)
    page.add(f"# {humanize(warning.id)}", "", badges, "")
    strengths = [ref for ref in warning.applies_to if ref.startswith("strength:")]
    if warning.kind is WarningKind.NON_STANDARD_STRENGTH:
        named = ", ".join(page.link(ref) for ref in strengths) or targets
        page.add('!!! danger "Non-standard strength"', "",
                 f"    This warning concerns a strength that is not marketed or recommended: {named}. "
                 "Nothing here is a dosing recommendation.", "")
    page.add(f"**Applies to:** {targets}", "", fact(page, warning, f"**{capital(label(warning.kind.value))}.** "),
             "")
    return page
