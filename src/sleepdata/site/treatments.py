"""Treatment pages: names, classes, mechanism, legal status, uses, strengths and warnings."""

from __future__ import annotations

from collections import Counter

from ..models import Brand, Strength, StrengthStatus, Treatment
from .context import Page, Site, record_path, strength_anchor
from .facts import badge, blocks, curated, fact, kind_badge, meta, standing_badge, status_badge, trust_badges, verdict
from .sections import also_known_as, code_table, mention_list, note_list, section, synonym_names, synonym_table
from .text import dose, label, md

STRENGTH_TIPS = {
    StrengthStatus.STANDARD: "A marketed strength (curator knowledge).",
    StrengthStatus.NON_STANDARD: "Not a marketed or recommended strength (curator knowledge).",
    StrengthStatus.NOT_VERIFIABLE: "The curator could not check whether this strength is marketed.",
}


def strength_badge(status: StrengthStatus) -> str:
    text = {StrengthStatus.NON_STANDARD: "⚠ non-standard strength"}.get(status, label(status.value))
    return badge(text, f"strength-{status.value}", STRENGTH_TIPS[status])


def strength_title(strength: Strength) -> str:
    """`7.5 mg tablet, oral` (escaped)."""
    form = f" {md(strength.dose_form)}" if strength.dose_form else ""
    route = f", {strength.route}" if strength.route else ""
    return f"{dose(strength.amount, strength.unit)}{form}{route}"


def _strength(page: Page, treatment: Treatment, strength: Strength) -> str:
    warnings = page.site.data.warnings_for(f"strength:{strength.id}")
    warned = "Warnings: " + ", ".join(page.link(f"warning:{w.id}") for w in warnings) + "." if warnings else ""
    where = f"Mentioned as: {label(strength.context.value)} (a mention is not a prescribing recommendation)."
    head = f"### {strength_title(strength)} {{#{strength_anchor(strength.id)}}}"
    badges = f"{strength_badge(strength.status)} {status_badge(strength.curation.status)}"
    provenance = meta(page, None, strength.provenance)
    if strength.status is StrengthStatus.NON_STANDARD:
        body = [f"A source mentions {md(treatment.name)} **{dose(strength.amount, strength.unit)}**, which is not a "
                "marketed or recommended strength. It is listed because a source mentions it; it is **not a "
                "dosing recommendation**.", f"**Curator:** {md(strength.curation.note or 'no note.')}",
                where, warned, provenance]
        box = '!!! danger "Non-standard strength — not a dosing recommendation"\n\n' + "\n\n".join(
            f"    {line}" for line in body if line)
        return f"{head}\n\n{badges}\n\n{box}"
    return f"{head}\n\n{badges}\n\n" + curated([where], strength.curation, [warned, provenance])


def _brand(page: Page, brand: Brand) -> str:
    markets = f" (sold in {', '.join(md(m) for m in brand.markets)})" if brand.markets else ""
    status = badge(brand.status.value, "kind" if brand.status.value == "identified" else "corrected",
                   "The curator maps the name to this substance." if brand.status.value == "identified"
                   else "The curator cannot tell what this name stands for.")
    return curated([f"**{md(brand.name)}**{markets} {status}"], brand.curation,
                   [meta(page, None, brand.provenance, brand.curation)])


def _uses(page: Page, treatment: Treatment) -> str:
    if not treatment.uses:
        return ""
    standings = Counter(use.standing.value for use in treatment.uses)
    summary = ", ".join(f"{n} {label(s)}" for s, n in standings.items())
    by_condition: dict[str, list[str]] = {}
    for use in treatment.uses:
        by_condition.setdefault(use.condition, []).append(fact(page, use, standing_badge(use.standing.value) + " "))
    parts = [f"{len(treatment.uses)} claims: {summary}. The standing is the curator's judgement; a use the source "
             "suggests is not thereby an established treatment."]
    parts += [f"### {page.link(ref)}\n\n{blocks(items)}" for ref, items in by_condition.items()]
    return "\n\n".join(parts)


def _warnings(page: Page, treatment: Treatment) -> str:
    items = []
    for warning in page.site.data.warnings_for(f"treatment:{treatment.id}"):
        severity = f" {badge(warning.severity.value, f'severity-{warning.severity.value}')}" if warning.severity else ""
        status = f" {status_badge(warning.curation.status)}" if warning.curation.status.value != "accepted" else ""
        items.append(f"- **{page.link(f'warning:{warning.id}')}** {badge(label(warning.kind.value), 'kind')}"
                     f"{severity}{status}: {md(warning.statement)}")
    return "\n".join(items)


def _classes(page: Page, treatment: Treatment) -> str:
    items = [fact(page, c, f"{page.link(c.drug_class)}: ") for c in treatment.classes]
    members = page.site.class_members.get(f"treatment:{treatment.id}", [])
    if members:
        items.append("- Members of this class in the dataset: " + ", ".join(page.link(m) for m in members) + ".")
    return blocks(items)


def _top_warning(page: Page, treatment: Treatment) -> str:
    odd = [s for s in treatment.strengths if s.status is StrengthStatus.NON_STANDARD]
    if not odd:
        return ""
    listed = ", ".join(f"[{dose(s.amount, s.unit)}](#{strength_anchor(s.id)})" for s in odd)
    return (f'!!! danger "Non-standard strength: {", ".join(dose(s.amount, s.unit) for s in odd)}"\n\n'
            f"    A source offers {md(treatment.name)} at {listed}, which is not a marketed or recommended strength. "
            "Nothing on this page is a dosing recommendation.")


def treatment_page(site: Site, treatment: Treatment) -> Page:
    page = site.page(record_path("treatment", treatment.id))
    names = synonym_names(treatment.synonyms) + [b.name for b in treatment.brands]
    inn = f"**International non-proprietary name:** {md(treatment.inn)}" if treatment.inn else ""
    page.add(f"# {md(treatment.name)}", "", f"{kind_badge(treatment.kind.value)} {trust_badges(treatment)}", "",
             also_known_as(names, treatment.name), "", _top_warning(page, treatment), "",
             verdict(treatment.curation), "", md(treatment.description) if treatment.description else "", "")
    page.add(*section("Names and codes", "names-and-codes", inn, synonym_table(page, treatment.synonyms),
                      blocks(_brand(page, b) for b in treatment.brands), code_table(treatment.codes)))
    page.add(*section("Classes", "classes", _classes(page, treatment)))
    page.add(*section("Mechanism", "mechanism", blocks(fact(page, m) for m in treatment.mechanisms)))
    page.add(*section("Legal status", "legal-status", blocks(
        fact(page, s, badge(label(s.status.value), "kind") + (f" ({md(s.jurisdiction)})" if s.jurisdiction else "")
             + " ") for s in treatment.legal_statuses)))
    page.add(*section("Uses", "uses", _uses(page, treatment)))
    strengths = "\n\n".join(_strength(page, treatment, s) for s in treatment.strengths)
    if strengths:
        strengths = ("Strengths as the sources mention them, with the curator's status. None of them is a dosing "
                     "recommendation.\n\n" + strengths)
    page.add(*section("Strengths", "strengths", strengths))
    page.add(*section("Warnings", "warnings", _warnings(page, treatment)))
    as_cause = site.causes_by_treatment.get(f"treatment:{treatment.id}", [])
    page.add(*section("As a cause", "as-a-cause", "Also recorded as a cause: " + ", ".join(
        page.link(c) for c in as_cause) + "." if as_cause else ""))
    page.add(*section("Curator's notes", "notes", note_list(treatment.notes)))
    page.add(*section("Mentions", "mentions", mention_list(page, treatment.mentions)))
    return page
