"""Warning pages: adverse effects, interactions, contraindications, cautions, red flags and limits on use."""

from __future__ import annotations

from typing import Any

from ..models import Warning
from .context import Page, Site, record_path
from .judgement import summary
from .text import humanize


def warning_page(site: Site, warning: Warning, release: dict[str, Any]) -> Page:
    page = site.page(record_path("warning", warning.id), "warning.md.j2", humanize(warning.id))
    page.context.update(warning=warning, trust=summary(warning, [], site.worst_reliability(warning)), **release)
    return page
