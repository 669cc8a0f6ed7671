"""Warning records: adverse effects, interactions, contraindications, cautions, red flags and limits on use.

Safety facts are structure: interaction partners and contraindicated conditions are references to records,
populations come from a closed list, and each adverse effect is an entry of its own with its frequency (CIOMS
scale) and severity.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .common import (
    Claim,
    ConditionRef,
    Fact,
    Name,
    Population,
    Quantity,
    RecordId,
    StateRef,
    TargetRef,
    Text,
    TreatmentRef,
)
from .treatment import Members


class WarningKind(StrEnum):
    """What the warning is about."""

    ADVERSE_EFFECT = "adverse-effect"
    INTERACTION = "interaction"
    CONTRAINDICATION = "contraindication"
    CAUTION = "caution"
    SPECIAL_POPULATION = "special-population"
    DEPENDENCE = "dependence"
    TOLERANCE = "tolerance"
    WITHDRAWAL = "withdrawal"
    DURATION_LIMIT = "duration-limit"
    MISUSE = "misuse"
    NEXT_DAY_IMPAIRMENT = "next-day-impairment"
    NON_STANDARD_STRENGTH = "non-standard-strength"
    MONITORING = "monitoring"
    INDIVIDUAL_VARIATION = "individual-variation"
    CONSULT_A_PROFESSIONAL = "consult-a-professional"
    RED_FLAG = "red-flag"


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SERIOUS = "serious"
    LIFE_THREATENING = "life-threatening"


class Frequency(StrEnum):
    """CIOMS frequency categories: very common (≥ 1/10) … very rare (< 1/10,000), or not known."""

    VERY_COMMON = "very-common"
    COMMON = "common"
    UNCOMMON = "uncommon"
    RARE = "rare"
    VERY_RARE = "very-rare"
    NOT_KNOWN = "not-known"


class Effect(Claim):
    """One adverse effect or outcome, with its own frequency and severity."""

    name: Name = Field(description="The effect, by its usual name.")
    frequency: Frequency = Field(default=Frequency.NOT_KNOWN, description="CIOMS category; not-known when neither "
                                 "the source nor product information gives one.")
    severity: Severity | None = None
    condition: ConditionRef | None = Field(default=None, description="The condition record the effect is, where "
                                           "one exists (e.g. `condition:sleep-paralysis`).")


class Advice(StrEnum):
    """What to do about an interaction."""

    AVOID = "avoid"
    AVOID_OR_ADJUST = "avoid-or-adjust"
    CAUTION = "caution"
    MONITOR = "monitor"
    NOT_STATED = "not-stated"


class Interaction(Claim):
    """One interaction partner: a drug, a drug class or a substance record."""

    partner: TreatmentRef = Field(description="The interacting drug, class or substance (`treatment:<id>`).")
    effect: Text | None = Field(default=None, description="What the combination does, in our words.")
    severity: Severity | None = None
    advice: Advice = Advice.NOT_STATED


class Warning(Fact):
    """A caution about treatments, strengths or, for a red flag, a condition. The statement says what to watch."""

    id: RecordId
    applies_to: list[TargetRef] = Field(min_length=1, description="Treatments, strengths or (red flags) conditions "
                                        "it applies to.")
    members: Members | None = Field(default=None, description="When it applies to a drug class: whether it reaches "
                                    "every member (required then; checked across records).")
    kind: WarningKind
    severity: Severity | None = None
    effects: list[Effect] = Field(default_factory=list, description="Adverse effects or outcomes, one entry each.")
    interactions: list[Interaction] = Field(default_factory=list, description="Interaction partners, one entry each.")
    conditions: list[StateRef] = Field(default_factory=list, description="Conditions or states it concerns: those "
                                       "in which the treatment is contraindicated or needs caution.")
    populations: list[Population] = Field(default_factory=list, description="Groups it concerns.")
    quantities: list[Quantity] = Field(default_factory=list)


__all__ = ["Advice", "Effect", "Frequency", "Interaction", "Severity", "Warning", "WarningKind"]
