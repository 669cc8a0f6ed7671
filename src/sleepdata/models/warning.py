"""Warning records: adverse effects, interactions, contraindications, cautions, red flags and limits on use.

Safety facts are structure: interaction partners and contraindicated conditions are references to records,
populations come from a closed list, and each adverse effect is an entry of its own with its frequency (CIOMS
scale) and severity.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from ..vocabulary import Advice, Frequency, Members, Severity, WarningKind
from .common import (
    FACT_RULES,
    Claim,
    ConditionRef,
    Fact,
    Name,
    Population,
    Quantity,
    RecordId,
    Rules,
    StateRef,
    TargetRef,
    Text,
    TreatmentRef,
)


class Effect(Claim):
    """One adverse effect or outcome, with its own frequency and severity."""

    name: Name = Field(description="The effect, by its usual name.")
    frequency: Frequency = Field(default=Frequency.NOT_KNOWN, description="CIOMS category; not-known when neither "
                                 "the source nor product information gives one.")
    severity: Severity | None = None
    condition: ConditionRef | None = Field(default=None, description="The condition record the effect is, where "
                                           "one exists (e.g. `condition:sleep-paralysis`).")


class Interaction(Claim):
    """One interaction partner: a drug, a drug class or a substance record."""

    partner: TreatmentRef = Field(description="The interacting drug, class or substance (`treatment:<id>`).")
    effect: Text | None = Field(default=None, description="What the combination does, in our words.")
    severity: Severity | None = None
    advice: Advice = Advice.NOT_STATED


#: What a warning that applies to conditions alone can be about: no drug is there to have an effect or interaction.
CONDITION_KINDS = (WarningKind.RED_FLAG, WarningKind.CONSULT_A_PROFESSIONAL, WarningKind.MONITORING)
WARNING_RULES = FACT_RULES + Rules(
    ({"properties": {"applies_to": {"items": {"pattern": "^condition:"}}}, "required": ["applies_to"]},
     {"properties": {"kind": {"enum": [k.value for k in CONDITION_KINDS]}}}),
)


class Warning(Fact):
    """A caution about treatments, strengths or, for a red flag, a condition. The statement says what to watch."""

    model_config = ConfigDict(json_schema_extra=WARNING_RULES.schema())

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

    @field_validator("kind")
    @classmethod
    def _kind(cls, kind: WarningKind, info: ValidationInfo) -> WarningKind:
        targets = info.data.get("applies_to") or []  # absent when applies_to itself failed
        if targets and all(t.startswith("condition:") for t in targets) and kind not in CONDITION_KINDS:
            *first, last = (k.value for k in CONDITION_KINDS)
            raise ValueError(f"a warning that applies only to conditions is of kind {', '.join(first)} or {last}; "
                             f"'{kind.value}' needs a treatment or strength in applies_to")
        return kind

__all__ = ["Advice", "Effect", "Frequency", "Interaction", "Severity", "Warning", "WarningKind"]
