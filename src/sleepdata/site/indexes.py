"""Index pages: one table per kind (name, key fields, counts, trust) and the overview of flagged claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from ..claims import claims_in
from ..models import Reading, Verdict
from .context import CURATION, HIERARCHY, Page, Site, index_path
from .judgement import summary

R = TypeVar("R", bound=BaseModel)


def _by_name(records: Iterable[R]) -> list[R]:
    return sorted(records, key=lambda r: str(getattr(r, "name", getattr(r, "id", ""))).casefold())


def _index(site: Site, kind: str, title: str, **context: Any) -> Page:
    page = site.page(index_path(kind), "index.md.j2", title)
    page.wide = True
    page.context.update(which=kind, hierarchy=HIERARCHY, **context)
    return page


def _trust(site: Site, record: BaseModel) -> Any:
    return summary(record, [], site.worst_reliability(record))


def conditions_index(site: Site) -> Page:
    rows = [(c, len({x.id for x, _ in site.data.causes_of(c.id)}),
             len({t.id for t, _ in site.data.treatments_for(c.id)}), _trust(site, c))
            for c in _by_name(site.data.conditions.values())]
    return _index(site, "condition", "Conditions", rows=rows)


def causes_index(site: Site) -> Page:
    rows = [(c, list(dict.fromkeys(link.condition for link in c.links)),
             sorted({link.relation.value for link in c.links}), _trust(site, c))
            for c in _by_name(site.data.causes.values())]
    return _index(site, "cause", "Causes", rows=rows)


def treatments_index(site: Site) -> Page:
    rows = [(t, Counter(u.standing.value for u in t.uses), len(site.data.warnings_for(f"treatment:{t.id}")),
             _trust(site, t)) for t in _by_name(site.data.treatments.values())]
    return _index(site, "treatment", "Treatments", rows=rows)


def strengths_index(site: Site) -> Page:
    rows = [(t, s) for t in _by_name(site.data.treatments.values()) for s in t.strengths]
    return _index(site, "strengths", "Strengths", rows=rows)


def warnings_index(site: Site) -> Page:
    rows = sorted(site.data.warnings.values(), key=lambda w: (w.kind.value, w.id))
    return _index(site, "warning", "Warnings", rows=rows)


def sources_index(site: Site) -> Page:
    rows = [(s, len(site.citations.get(f"source:{s.id}", Counter()))) for s in _by_name(site.data.sources.values())]
    return _index(site, "source", "Sources", rows=rows)


def _what(model: Any) -> str:
    for name in ("statement", "name", "text"):
        if isinstance(getattr(model, name, None), str):
            return str(getattr(model, name))
    if hasattr(model, "amount"):
        return f"strength {model.amount:g} {model.unit}"
    return "the whole record"


def curation_index(site: Site) -> Page:
    """Every claim that is not plainly supported or was read corrected, with the curator's note."""
    groups: dict[str, list[tuple[str, str, str, str]]] = {v: [] for v in ("disputed", "unsupported", "outdated",
                                                                         "corrected")}
    for kind, collection in site.data.collections.items():
        for rid, record in sorted(collection.items()):
            for _, claim in [((), record), *claims_in(record)]:
                verdict = getattr(claim, "verdict", None)
                if verdict is None:
                    continue
                key = verdict.value if verdict is not Verdict.SUPPORTED else (
                    "corrected" if claim.reading is Reading.CORRECTED else "")
                if key:
                    cid = getattr(claim, "id", rid)
                    groups[key].append((f"{kind}:{rid}", cid if cid != rid else "", _what(claim), claim.note or ""))
    page = site.page(CURATION, "curation.md.j2", "Disputed, unsupported and corrected claims")
    page.wide = True
    page.context.update(groups=groups)
    return page
