"""Source pages: what the document is, how far the curator trusts it, what was excluded and why.

The source's own text never appears: only our description, the assessment and the excluded spans' notes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..models import Source
from .context import Page, Site, record_path


def source_page(site: Site, source: Source, release: dict[str, Any]) -> Page:
    page = site.page(record_path("source", source.id), "source.md.j2", source.title)
    cited = site.citations.get(f"source:{source.id}", Counter())
    by_kind: dict[str, list[tuple[str, int]]] = {}
    for ref, n in sorted(cited.items(), key=lambda item: site.name(item[0]).casefold()):
        by_kind.setdefault(ref.split(":", 1)[0], []).append((ref, n))
    reasons = Counter(e.reason.value for e in source.exclusions)
    page.context.update(source=source, cited=by_kind, spans=sum(cited.values()), records=len(cited),
                        reasons=reasons.most_common(), **release)
    return page
