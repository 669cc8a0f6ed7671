"""Index pages: one table per kind (name, key fields, counts, status badges) and the curation overview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeVar

from pydantic import BaseModel

from ..models import Brand, CurationStatus, Fact, Strength, StrengthStatus
from .context import CURATION, HIERARCHY, Page, Site, index_path, record_path, strength_anchor
from .facts import badge, status_badge, trust_badges
from .safety import severity_badge
from .sources import reliability_badge
from .text import capital, code, dose, label, md, shorten
from .treatments import strength_badge, strength_title
from .walk import verdicts

R = TypeVar("R", bound=BaseModel)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or "—" for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _some(items: Sequence[str], limit: int = 4) -> str:
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def _by_name(records: Iterable[R]) -> list[R]:
    return sorted(records, key=lambda r: str(getattr(r, "name", getattr(r, "id", ""))).casefold())


def conditions_index(site: Site) -> Page:
    page = site.page(index_path("condition"))
    page.wide = True
    rows = []
    for c in _by_name(site.data.conditions.values()):
        causes = {cause.id for cause, _ in site.data.causes_of(c.id)}
        treatments = {t.id for t, _ in site.data.treatments_for(c.id)}
        rows.append([page.link(f"condition:{c.id}"), label(c.category.value), page.link(c.parent) if c.parent else "",
                     _some([md(s.name) for s in c.synonyms], 3), " ".join(code(x.code) for x in c.codes),
                     str(len(causes)), str(len(treatments)), trust_badges(c)])
    header = ["Condition", "Category", "Kind of", "Other names", "Codes", "Causes", "Treatments", "Flags"]
    page.add("# Conditions", "", f"{len(rows)} conditions. The [hierarchy]({page.href(HIERARCHY)}) shows which is a "
             "kind of which.", "", _table(header, rows))
    return page


def causes_index(site: Site) -> Page:
    page = site.page(index_path("cause"))
    page.wide = True
    rows = []
    for cause in _by_name(site.data.causes.values()):
        conditions = list(dict.fromkeys(link.condition for link in cause.links))
        relations = sorted({label(link.relation.value) for link in cause.links})
        rows.append([page.link(f"cause:{cause.id}"), label(cause.kind.value),
                     _some([page.link(ref) for ref in conditions]), ", ".join(relations), str(len(cause.links)),
                     trust_badges(cause)])
    page.add("# Causes", "", f"{len(rows)} causes: diseases, exposures, states, medications and habits that a source "
             "ties to a condition.", "",
             _table(["Cause", "Kind", "Tied to", "As", "Claims", "Flags"], rows))
    return page


def _uses_cell(standings: Counter[str]) -> str:
    total = sum(standings.values())
    flagged = [badge(f"{standings[s]} {label(s)}", f"standing-{s}") for s in ("off-label", "contested") if standings[s]]
    return " ".join([str(total), *flagged]) if total else ""


def treatments_index(site: Site) -> Page:
    page = site.page(index_path("treatment"))
    page.wide = True
    rows = []
    for t in _by_name(site.data.treatments.values()):
        path = record_path("treatment", t.id)
        strengths = [f"[{'⚠ ' if s.status is StrengthStatus.NON_STANDARD else ''}{dose(s.amount, s.unit)}]"
                     f"({page.href(path, strength_anchor(s.id))})" for s in t.strengths]
        warnings = site.data.warnings_for(f"treatment:{t.id}")
        atc = " ".join(code(c.code) for c in t.codes if c.system.value == "atc")
        rows.append([page.link(f"treatment:{t.id}"), label(t.kind.value), atc,
                     _uses_cell(Counter(u.standing.value for u in t.uses)), ", ".join(strengths),
                     f"[{len(warnings)}]({page.href(path, 'warnings')})" if warnings else "", trust_badges(t)])
    page.add("# Treatments", "", f"{len(rows)} treatments: drugs, drug classes, herbal remedies, supplements and "
             "non-drug measures. ⚠ marks a non-standard strength.", "",
             _table(["Treatment", "Kind", "ATC", "Uses", "Strengths", "Warnings", "Flags"], rows))
    return page


def strengths_index(site: Site) -> Page:
    page = site.page(index_path("strengths"))
    page.wide = True
    rows = []
    for t in _by_name(site.data.treatments.values()):
        for s in t.strengths:
            link = f"[{strength_title(s)}]({page.href(record_path('treatment', t.id), strength_anchor(s.id))})"
            rows.append([page.link(f"treatment:{t.id}"), link, strength_badge(s.status), label(s.context.value),
                         status_badge(s.curation.status)])
    page.add("# Strengths", "", f"{len(rows)} strengths that the sources mention, with the curator's status. A "
             "strength listed here is **not a dosing recommendation**; a non-standard one is not marketed or "
             "recommended at all.", "",
             _table(["Drug", "Strength", "Status", "Mentioned as", "Curation"], rows))
    return page


def warnings_index(site: Site) -> Page:
    page = site.page(index_path("warning"))
    page.wide = True
    rows = []
    for w in sorted(site.data.warnings.values(), key=lambda w: (w.kind.value, w.id)):
        rows.append([page.link(f"warning:{w.id}"), label(w.kind.value), _some([page.link(r) for r in w.applies_to]),
                     severity_badge(w), status_badge(w.curation.status)])
    page.add("# Warnings", "", f"{len(rows)} warnings: adverse effects, interactions, cautions, limits on use and "
             "non-standard strengths.", "",
             _table(["Warning", "Kind", "Applies to", "Severity", "Curation"], rows))
    return page


def sources_index(site: Site) -> Page:
    page = site.page(index_path("source"))
    page.wide = True
    rows = []
    for s in _by_name(site.data.sources.values()):
        cited = site.citations.get(f"source:{s.id}", Counter())
        language = s.language + (" (machine translated)" if s.translated else "")
        rows.append([page.link(f"source:{s.id}"), label(s.kind.value), language,
                     reliability_badge(s.assessment.reliability.value), str(len(cited)), str(len(s.exclusions))])
    page.add("# Sources", "", f"{len(rows)} source documents. Every fact on this site points into one of them; none "
             "of their text is reproduced.", "",
             _table(["Source", "Kind", "Language", "Reliability", "Records citing it", "Excluded spans"], rows))
    return page


def _what(site: Site, ref: str, model: BaseModel) -> str:
    if isinstance(model, Fact):
        return md(shorten(model.statement, 140))
    if isinstance(model, Strength):
        return f"strength {strength_title(model)}"
    if isinstance(model, Brand):
        return f"brand {md(model.name)}"
    return f"the whole {ref.split(':', 1)[0]}"


def curation_index(site: Site) -> Page:
    page = site.page(CURATION)
    page.wide = True
    page.add("# Disputed and corrected facts", "",
             "Every fact the curator disputes (the source contradicts itself or established knowledge) or corrects "
             "(the source is garbled, mistranslated or misspelt), with the curator's note. Each links to its "
             "record, where the fact stands with its provenance.", "")
    for status in (CurationStatus.DISPUTED, CurationStatus.CORRECTED):
        rows = []
        for kind, collection in site.data.collections.items():
            for rid, record in sorted(collection.items()):
                ref = f"{kind}:{rid}"
                for model, curation in verdicts(record):
                    if curation.status is status:
                        rows.append([page.link(ref), label(kind), _what(site, ref, model), md(curation.note or "")])
        page.add(f"## {capital(status.value)} ({len(rows)}) {{#{status.value}}}", "",
                 _table(["Record", "Kind", "The fact (in our words)", "Curator's note"], rows) if rows else "None.", "")
    return page
