"""Cause records: what a source says causes, triggers or goes with a condition."""

from __future__ import annotations

from pydantic import Field

from ..vocabulary import CauseKind, Relation
from .common import Code, ConditionRef, Fact, Name, Population, Quantity, Record, Span, Synonym, Text, TreatmentRef


class CauseLink(Fact):
    """One claim that this cause is tied to one condition."""

    condition: ConditionRef
    relation: Relation
    quantities: list[Quantity] = Field(default_factory=list)
    populations: list[Population] = Field(default_factory=list)


class Cause(Record):
    """A disease, exposure, state, medication or habit that a source ties to a condition."""

    name: Name
    kind: CauseKind
    synonyms: list[Synonym] = Field(default_factory=list)
    description: Text | None = Field(default=None, description="What the cause is, in our words.")
    treatment: TreatmentRef | None = Field(default=None, description="The same substance as a treatment record, for "
                                           "a medication cause.")
    codes: list[Code] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    links: list[CauseLink] = Field(default_factory=list, description="The conditions it is tied to, one claim each. "
                                   "Empty only for a record that safety facts name (a contraindication).")
