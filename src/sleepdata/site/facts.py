"""How one fact is shown: the statement, where the source states it and how, and the curator's verdict."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import BaseModel

from ..models import Curation, CurationStatus, Fact, Span, Stance
from .context import Page
from .text import label, md, quantity, span_range
from .walk import verdicts

STANCE_TIPS = {
    Stance.ASSERTED: "The source states this as a fact.",
    Stance.HEDGED: "The source hedges: it may, might or could be so.",
    Stance.THEORY: "The source offers this as a theory.",
    Stance.ANECDOTAL: "The source reports this from experience or hearsay.",
    Stance.RECOMMENDED: "The source recommends this.",
    Stance.CAUTIONED: "The source warns about this.",
    Stance.NEGATED: "The source says this is not so.",
}


def badge(text: str, style: str, tip: str = "") -> str:
    """A small coloured label; `style` picks the colour (see docs/stylesheets/sleepdata.css)."""
    title = f' title="{md(tip)}"' if tip else ""
    return f'<span class="sd-badge sd-{style}"{title}>{md(text)}</span>'


def stance_badge(stance: Stance) -> str:
    return badge(stance.value, f"stance-{stance.value}", STANCE_TIPS[stance])


def status_badge(status: CurationStatus) -> str:
    tips = {CurationStatus.ACCEPTED: "The curator accepts the fact as the source states it.",
            CurationStatus.CORRECTED: "The source is garbled or wrong in detail; the curator gives the right reading.",
            CurationStatus.DISPUTED: "The curator disputes the source; the note says what is known instead."}
    return badge(status.value, status.value, tips[status])


STANDING_TIPS = {
    "approved": "An approved (licensed) use.",
    "off-label": "Off-label: used outside the licensed indication.",
    "suggested": "Suggested by the source; not an established treatment.",
    "contested": "Contested: the evidence or clinical opinion is against this use.",
}


def standing_badge(standing: str) -> str:
    text = {"off-label": "off-label use", "contested": "contested use"}.get(standing, standing)
    return badge(text, f"standing-{standing}", STANDING_TIPS[standing])


def provenance(page: Page, spans: Sequence[Span]) -> str:
    """`[Source](page) characters 12-181, 182-386; [Other](page) characters 5-40` (with en dashes)."""
    by_source: dict[str, list[str]] = {}
    for span in spans:
        by_source.setdefault(span.source, []).append(span_range(span.start, span.end))
    return "; ".join(f"{page.link(source)}, characters {', '.join(places)}" for source, places in by_source.items())


def meta(page: Page, stance: Stance | None, spans: Sequence[Span], curation: Curation | None = None) -> str:
    """The line under a statement: the source's stance, where it says it and the curator's verdict."""
    parts = [stance_badge(stance)] if stance else []
    parts.append(provenance(page, spans) if spans else "added by the curator (curator knowledge)")
    if curation is not None:
        parts.append(f"· curator: {status_badge(curation.status)}")
    return f'<span class="sd-meta">{" ".join(parts)}</span>'


def details(fact: BaseModel) -> str:
    """Figures, groups, effects and substances a fact carries, as one escaped line (or nothing)."""
    parts = []
    if quantities := getattr(fact, "quantities", None):
        parts.append("figures: " + "; ".join(quantity(q) for q in quantities))
    for name, heading in (("populations", "groups"), ("effects", "effects"),
                          ("interacting_substances", "interacting substances")):
        if values := getattr(fact, name, None):
            parts.append(f"{heading}: " + ", ".join(md(v) for v in values))
    return f'<span class="sd-detail">{" · ".join(parts)}</span>' if parts else ""


ADMONITIONS = {
    CurationStatus.DISPUTED: ("danger", "Disputed by the curator", "What is known instead"),
    CurationStatus.CORRECTED: ("warning", "Corrected by the curator", "The right reading"),
}


def curated(body: Sequence[str], curation: Curation, footer: Sequence[str] = ()) -> str:
    """A block of Markdown lines, inside an admonition when the curator corrected or disputed it."""
    if curation.status is CurationStatus.ACCEPTED:
        note = f'<br><span class="sd-note">Curator\'s note: {md(curation.note)}</span>' if curation.note else ""
        return "- " + "<br>".join(line for line in [*body, *footer] if line) + note
    style, title, note_label = ADMONITIONS[curation.status]
    inner = [" ".join(body), f"**{note_label}:** {md(curation.note or '')}", *footer]
    return f'!!! {style} "{title}"\n\n' + "\n\n".join(f"    {line}" for line in inner if line)


def fact(page: Page, item: Fact, lead: str = "") -> str:
    """One fact: the statement (after `lead`), its details, stance and provenance, curated."""
    return curated([f"{lead}{md(item.statement)}"], item.curation,
                   [details(item), meta(page, item.stance, item.provenance, item.curation)])


def blocks(items: Iterable[str]) -> str:
    """Join list items tightly and admonitions with blank lines around them."""
    out: list[str] = []
    previous = ""
    for item in items:
        if out:
            out.append("\n" if previous.startswith("- ") and item.startswith("- ") else "\n\n")
        out.append(item)
        previous = item
    return "".join(out)


def curations(model: BaseModel) -> Counter[CurationStatus]:
    """How many of the facts in a record (the record itself included) have each verdict."""
    return Counter(curation.status for _, curation in verdicts(model))


def trust_badges(model: BaseModel) -> str:
    """Badges counting the disputed and corrected facts of a record; empty when there are none."""
    counts = curations(model)
    parts = [badge(f"{counts[status]} {status.value}", status.value, f"{counts[status]} facts {status.value} by the "
                   "curator") for status in (CurationStatus.DISPUTED, CurationStatus.CORRECTED) if counts[status]]
    return " ".join(parts)


def kind_badge(value: str) -> str:
    return badge(label(value), "kind")


def verdict(curation: Curation, subject: str = "this record") -> str:
    """The curator's verdict on a whole record, as an admonition (empty for plain acceptance)."""
    if curation.status is CurationStatus.ACCEPTED:
        return f'!!! note "Curator\'s note"\n\n    {md(curation.note)}' if curation.note else ""
    style, _, note_label = ADMONITIONS[curation.status]
    return (f'!!! {style} "The curator has {curation.status.value} {subject}"\n\n'
            f"    **{note_label}:** {md(curation.note or '')}")
