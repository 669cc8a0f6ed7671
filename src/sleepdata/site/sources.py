"""Source pages: what the document is, how far the curator trusts it, what was excluded and why.

The source's own text never appears: only our description, the assessment and the excluded spans' notes.
"""

from __future__ import annotations

from collections import Counter

from ..models import Source
from .context import Page, Site, record_path
from .facts import badge, verdict
from .sections import section
from .text import capital, code, label, md, span_range

RELIABILITY_TIPS = {
    "high": "The curator trusts this source.",
    "moderate": "Mostly trustworthy; check the flagged facts.",
    "low": "Treat with caution: commercial intent, errors or no references.",
    "very-low": "Treat every fact with caution; many are corrected or disputed.",
}


def reliability_badge(value: str) -> str:
    return badge(f"reliability: {label(value)}", f"reliability-{value}", RELIABILITY_TIPS.get(value, ""))


def _exclusions(source: Source) -> str:
    if not source.exclusions:
        return "Nothing was excluded: every sentence is cited by a record."
    reasons = Counter(e.reason.value for e in source.exclusions)
    summary = ", ".join(f"{n} {label(reason)}" for reason, n in reasons.most_common())
    rows = ["| Characters | Reason | What it is (in our words) |", "|---|---|---|"]
    for e in source.exclusions:
        reason = badge(label(e.reason.value), "spam" if e.reason.value == "spam" else "kind")
        rows.append(f"| {span_range(e.start, e.end)} | {reason} | {md(e.note)} |")
    return (f"{len(source.exclusions)} spans hold no fact for the dataset ({summary}). They are described here, "
            "never quoted.\n\n" + "\n".join(rows))


def _citing(page: Page, source: Source) -> str:
    site = page.site
    cited = site.citations.get(f"source:{source.id}", Counter())
    if not cited:
        return "No record cites this source yet."
    by_kind: dict[str, list[str]] = {}
    for ref, n in sorted(cited.items(), key=lambda item: site.name(item[0]).casefold()):
        by_kind.setdefault(ref.split(":", 1)[0], []).append(f"{page.link(ref)} ({n})")
    lines = [f"{sum(cited.values())} citations from {len(cited)} records (the number of spans each cites):", ""]
    lines += [f"- **{capital(label(kind))}s:** {', '.join(links)}" for kind, links in by_kind.items()]
    return "\n".join(lines)


def source_page(site: Site, source: Source) -> Page:
    page = site.page(record_path("source", source.id))
    reliability = source.assessment.reliability.value
    translated = badge("machine translated", "corrected") if source.translated else ""
    page.add(f"# {md(source.title)}", "",
             f"{badge(label(source.kind.value), 'kind')} {reliability_badge(reliability)} "
             f"{badge(f'language: {source.language}', 'kind')} {translated}", "",
             verdict(source.curation), "", md(source.description), "")
    page.add(*section("Assessment", "assessment", f"Reliability: {reliability_badge(reliability)}",
                      "\n".join(f"- {md(reason)}" for reason in source.assessment.reasons)))
    page.add(*section("What the dataset cites", "cited", _citing(page, source)))
    page.add(*section("Excluded", "excluded", _exclusions(source)))
    page.add(*section("The document", "document",
                      f"File {code(source.file_name)}, {source.length} characters, SHA-256 {code(source.sha256)}. "
                      "Spans on this site count characters (Unicode code points) of this exact text; "
                      "`sleepdata validate --sources DIR` checks them."))
    return page
