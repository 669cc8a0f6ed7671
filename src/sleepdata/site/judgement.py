"""What the site says about how far to trust a claim: verdict, reading, basis, and the record's summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..claims import claims_in
from ..models import Origin, Reading, Span, Verdict

#: How a claim that is not plainly supported is set apart: admonition style and its title.
FLAGS = {
    Verdict.DISPUTED: ("danger", "Disputed: established knowledge contradicts this claim"),
    Verdict.UNSUPPORTED: ("warning", "Unsupported: no good evidence either way"),
    Verdict.OUTDATED: ("warning", "Outdated: once held, now superseded"),
}
CORRECTED = ("note", "Corrected reading: the source's wording is garbled; the note gives the right reading")

VERDICT_TIPS = {
    "supported": "Established knowledge agrees with the claim as read.",
    "unsupported": "There is no good evidence either way.",
    "disputed": "Established knowledge contradicts the claim.",
    "outdated": "Once held, now superseded.",
}


@dataclass(frozen=True)
class Judgement:
    """One claim's judgement as the page shows it."""

    id: str | None
    verdict: str | None  # None for names and notes, which carry no verdict
    reading: str | None
    note: str | None
    basis: str | None
    basis_document: str | None
    curator: bool  # curator knowledge rather than a source fact
    spans: list[Span]
    style: str  # "" for a plain supported claim, else the admonition style
    flag: str

    @property
    def plain(self) -> bool:
        return not self.style


def judge(item: Any) -> Judgement:
    """The judgement of any claim-like object: a fact, a use, a strength, a brand, a synonym, a note."""
    verdict = getattr(item, "verdict", None)
    reading = getattr(item, "reading", None)
    style, flag = FLAGS.get(verdict, ("", "")) if verdict is not None else ("", "")
    if not style and reading is Reading.CORRECTED:
        style, flag = CORRECTED
    origin = getattr(item, "origin", None)
    provenance = list(getattr(item, "provenance", []) or [])
    note = None if hasattr(item, "text") else getattr(item, "note", None)  # a Note is its own text
    curator = origin is Origin.CURATOR or (hasattr(item, "text") and hasattr(item, "basis")) or (
        hasattr(item, "provenance") and not provenance and not hasattr(item, "stance"))
    return Judgement(getattr(item, "id", None), verdict.value if verdict is not None else None,
                     reading.value if reading is not None else None, note,
                     _value(getattr(item, "basis", None)), getattr(item, "basis_document", None),
                     bool(curator), provenance, style, flag)


def _value(enum: Any) -> str | None:
    return None if enum is None else str(enum.value)


@dataclass(frozen=True)
class Summary:
    """How many claims of a record have each verdict and reading, and its weakest source."""

    verdicts: Counter[str]
    corrected: int
    curator: int
    worst: str | None

    @property
    def total(self) -> int:
        return sum(self.verdicts.values())


def summary(record: BaseModel, extra: list[Any], worst: str | None) -> Summary:
    """The trust summary of a record: its own claims (and `extra` ones shown on its page, e.g. causes)."""
    claims = [c for _, c in claims_in(record)] + extra
    judged = [c for c in claims if getattr(c, "verdict", None) is not None]
    verdicts = Counter(c.verdict.value for c in judged)
    corrected = sum(1 for c in judged if c.reading is Reading.CORRECTED)
    curator = sum(1 for c in claims if judge(c).curator)
    return Summary(verdicts, corrected, curator, worst)
