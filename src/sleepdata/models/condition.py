"""Condition records: disorders, syndromes and phenomena, with their features and diagnostics."""

from __future__ import annotations

from pydantic import Field

from ..vocabulary import ConditionCategory, DiagnosticMethod, DiagnosticPurpose, FeatureKind
from .common import Code, ConditionRef, Fact, Name, Note, Population, Quantity, Record, Span, Synonym, Text


class Feature(Fact):
    """Something a source says about a condition: a symptom, its course, who gets it, how it works."""

    kind: FeatureKind
    quantities: list[Quantity] = Field(default_factory=list, description="Numbers the source gives for this fact.")
    populations: list[Population] = Field(default_factory=list, description="Groups the fact is about, if any.")


class Diagnostic(Fact):
    """A diagnostic step a source names for the condition: what is done, why, and what it is expected to show."""

    test: Name = Field(description="The test or step, by its usual name (e.g. `electroencephalography`).")
    method: DiagnosticMethod
    purpose: DiagnosticPurpose
    finding: Text | None = Field(default=None, description="The expected finding, where the source gives one.")
    distinguishes_from: list[ConditionRef] = Field(
        default_factory=list, description="For `differentiate`: the conditions it tells this one apart from.")
    codes: list[Code] = Field(default_factory=list)


class Condition(Record):
    """A disorder, syndrome or phenomenon the sources describe."""

    name: Name = Field(description="The preferred name in English medical usage.")
    synonyms: list[Synonym] = Field(default_factory=list, description="Other names, as the sources spell them.")
    definition: Text = Field(description="What the condition is, in our words.")
    category: ConditionCategory
    parent: ConditionRef | None = Field(default=None, description="The broader condition this is a kind of.")
    subtype_axis: Name | None = Field(default=None, description="The classification by which this is a subtype of "
                                      "its parent (e.g. `by origin in the nervous system`).")
    codes: list[Code] = Field(default_factory=list, description="Standard codes (curator knowledge).")
    mentions: list[Span] = Field(default_factory=list, description="Where the sources name or introduce it.")
    features: list[Feature] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list, description="Curator's notes on the record (curator knowledge).")
