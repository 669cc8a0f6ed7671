"""Treatment pages: names, classes, mechanism, legal status, uses, strengths and warnings."""

from __future__ import annotations

from typing import Any

from ..models import Marketed, Treatment
from .conditions import STANDING_WORDS, _grouped
from .context import Page, Site, record_path
from .judgement import summary
from .names import aliases, record_names, search_boost, search_tags, synonym_label, us_spellings

MARKETED_TIPS = {
    Marketed.MARKETED: "Products are sold in this strength (curator knowledge).",
    Marketed.NOT_MARKETED: "No licensed product has this strength (curator knowledge).",
    Marketed.NOT_VERIFIABLE: "The curator could not check whether this strength is marketed.",
}


def treatment_page(site: Site, treatment: Treatment, release: dict[str, Any]) -> Page:
    ref = f"treatment:{treatment.id}"
    page = site.page(record_path("treatment", treatment.id), "treatment.md.j2", treatment.name)
    names = record_names(treatment)
    page.boost, page.tags = search_boost(8, treatment.name), search_tags(
        treatment.name, *(s.name for s in treatment.synonyms if s.kind.value in ("synonym", "abbreviation")))
    odd = [s for s in treatment.strengths if s.marketed is not Marketed.MARKETED]
    page.context.update(
        treatment=treatment, trust=summary(treatment, [], site.worst_reliability(treatment)),
        names=[synonym_label(s.kind.value, s.name) for s in treatment.synonyms] + [b.name for b in treatment.brands],
        us=us_spellings(names), aliases=aliases(ref, names), odd=odd,
        uses=_grouped((u.condition, u) for u in treatment.uses),
        standings={s: sum(1 for u in treatment.uses if u.standing.value == s) for s in STANDING_WORDS},
        warnings=site.data.warnings_for(ref), members=site.class_members.get(ref, []),
        as_cause=site.causes_by_treatment.get(ref, []), marketed_tips={m.value: t for m, t in MARKETED_TIPS.items()},
        standing_words=STANDING_WORDS, **release)
    return page
