"""Warning records: adverse effects, interactions, cautions and limits on use."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .common import Fact, Name, Quantity, RecordId, TargetRef


class WarningKind(StrEnum):
    """What the warning is about."""

    ADVERSE_EFFECT = "adverse-effect"
    INTERACTION = "interaction"
    CONTRAINDICATION = "contraindication"
    SPECIAL_POPULATION = "special-population"
    DEPENDENCE = "dependence"
    TOLERANCE = "tolerance"
    WITHDRAWAL = "withdrawal"
    DURATION_LIMIT = "duration-limit"
    MISUSE = "misuse"
    NEXT_DAY_IMPAIRMENT = "next-day-impairment"
    NON_STANDARD_STRENGTH = "non-standard-strength"
    RED_FLAG = "red-flag"


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SERIOUS = "serious"
    LIFE_THREATENING = "life-threatening"


class Frequency(StrEnum):
    """How often, as the source states it (words, not figures)."""

    COMMON = "common"
    UNCOMMON = "uncommon"
    RARE = "rare"


class Warning(Fact):
    """A caution that applies to treatments or strengths. The statement says what to watch for."""

    id: RecordId
    applies_to: list[TargetRef] = Field(min_length=1, description="Treatments or strengths it applies to.")
    kind: WarningKind
    effects: list[Name] = Field(default_factory=list, description="Adverse effects or outcomes it names.")
    populations: list[Name] = Field(default_factory=list, description="Groups it concerns.")
    interacting_substances: list[Name] = Field(default_factory=list)
    severity: Severity | None = None
    frequency: Frequency | None = Field(default=None, description="How often, when the source says so.")
    quantities: list[Quantity] = Field(default_factory=list)
