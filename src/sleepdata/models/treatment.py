"""Treatment records: drugs, drug classes, substances, herbal remedies and non-drug measures, with their uses
and strengths."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import ConfigDict, Field, model_validator

from ..vocabulary import (
    BrandStatus,
    DoseFit,
    LegalStatusKind,
    Marketed,
    Members,
    MentionContext,
    Standing,
    StrengthBasis,
    TreatmentKind,
    Verdict,
)
from .common import (
    CLAIM_RULES,
    FACT_RULES,
    JUDGED_RULES,
    Claim,
    ClaimId,
    Code,
    ConditionRef,
    Fact,
    Judged,
    Name,
    Note,
    Population,
    Quantity,
    Record,
    RecordId,
    Rules,
    Span,
    Synonym,
    Text,
    TreatmentRef,
    _is,
)

DoseForm = Literal["tablet", "capsule", "oral-solution", "injection", "infusion", "suppository", "tea", "oil",
                   "bath-additive"]
Route = Literal["oral", "intravenous", "intramuscular", "rectal", "inhalation", "topical", "cutaneous"]

_ACCEPTED = (Standing.APPROVED, Standing.ESTABLISHED)  # standings that present a use as accepted care
USE_RULES = FACT_RULES + Rules(
    (_is("verdict", "unsupported", "disputed"),
     {"properties": {"standing": {"not": {"enum": [s.value for s in _ACCEPTED]}}}}),
    (_is("standing", "contested"), {"required": ["verdict"],
                                    "properties": {"verdict": {"not": {"const": "supported"}}}}),
)


class Use(Fact):
    """A claim that the treatment helps a condition."""

    model_config = ConfigDict(json_schema_extra=USE_RULES.schema())

    condition: ConditionRef
    standing: Standing = Field(description="Curator's judgement of the use's regulatory or clinical standing. An "
                               "unsupported or disputed use is never approved or established; a contested use is never "
                               "supported.")
    members: Members | None = Field(default=None, description="For a drug class: whether the use reaches all its "
                                    "members, some, or only the class as a whole (required for a class).")
    dose_forms: list[DoseForm] = Field(default_factory=list, description="Forms the source names for this use, "
                                       "with or without an amount.")
    routes: list[Route] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    populations: list[Population] = Field(default_factory=list)

    @model_validator(mode="after")
    def _standing(self) -> Self:
        if self.standing in _ACCEPTED and self.verdict in (Verdict.UNSUPPORTED, Verdict.DISPUTED):
            raise ValueError(f"a use judged '{self.verdict.value}' cannot have standing '{self.standing.value}'")
        if self.standing is Standing.CONTESTED and self.verdict is Verdict.SUPPORTED:
            raise ValueError("a contested use cannot have verdict 'supported'; say what is wrong with it")
        return self


class Brand(Claim):
    """A brand or trade name and the substance it stands for."""

    name: Name
    status: BrandStatus = Field(description="identified: the curator maps the name to this record's substance; "
                                "unidentified: the curator cannot tell what it is.")
    markets: list[Name] = Field(default_factory=list, description="Where the brand is sold, if known.")
    provenance: list[Span] = Field(default_factory=list)


class DoseAppropriateness(Judged):
    """The curator's judgement of one strength as a dose for one use: curator knowledge, so a basis is required."""

    model_config = ConfigDict(json_schema_extra={"allOf": [*JUDGED_RULES.schema()["allOf"], {"required": ["basis"]}]})

    id: ClaimId
    condition: ConditionRef
    fit: DoseFit

    @model_validator(mode="after")
    def _basis(self) -> Self:
        if self.basis is None:
            raise ValueError("a dose judgement is curator knowledge and needs a basis")
        return self


StrengthUnit = Literal["mg", "ug", "g", "mg/mL"]

STRENGTH_RULES = CLAIM_RULES + Rules(
    (_is("marketed", "not-marketed", "not-verifiable"), {"required": ["note"]}),
)


class Strength(Claim):
    """A strength of a drug that a source mentions: whether it is marketed, and how it stands as a dose per use."""

    model_config = ConfigDict(json_schema_extra=STRENGTH_RULES.schema())

    id: RecordId
    amount: float = Field(gt=0, le=100_000, allow_inf_nan=False, description="The amount of active substance.")
    unit: StrengthUnit = Field(description="UCUM unit: mg, ug (microgram), g or mg/mL.")
    strength_basis: StrengthBasis = Field(default=StrengthBasis.NOT_STATED,
                                          description="Whether the amount is of the active moiety or of a salt.")
    salt: Name | None = Field(default=None, description="The salt, when the amount is of a salt.")
    dose_form: DoseForm | None = Field(default=None, description="Tablet, capsule, oral solution …, where known.")
    route: Route | None = None
    marketed: Marketed = Field(description="marketed: a strength products are sold in (curator knowledge); "
                               "not-marketed: no licensed product has it; not-verifiable: cannot be checked. A note "
                               "is required unless marketed.")
    markets: list[Name] = Field(default_factory=list, description="Where it is marketed, when known.")
    context: MentionContext
    provenance: list[Span] = Field(min_length=1)
    doses: list[DoseAppropriateness] = Field(
        default_factory=list, description="The strength as a dose for each use (a keyword or listing mention is not "
        "a recommendation).")

    @model_validator(mode="after")
    def _marketed_note(self) -> Self:
        if self.marketed is not Marketed.MARKETED and self.note is None:
            raise ValueError(f"a strength that is '{self.marketed.value}' needs a note saying what is known")
        return self


class ClassMembership(Fact):
    """A claim that the treatment belongs to a class (a class may belong to a broader class)."""

    drug_class: TreatmentRef


class LegalStatus(Fact):
    status: LegalStatusKind
    jurisdiction: Name | None = Field(default=None, description="Where it holds, as the source says.")


class Treatment(Record):
    """A drug, a drug class, a substance, an herbal remedy or a non-drug measure, and what it is said to treat."""

    model_config = ConfigDict(json_schema_extra=(JUDGED_RULES + Rules(
        (_is("kind", "drug-class"), {"properties": {"uses": {"items": {"required": ["members"]}}}}),
    )).schema())

    name: Name = Field(description="International non-proprietary name for a drug; the usual name otherwise.")
    kind: TreatmentKind
    inn: Name | None = Field(default=None, description="International non-proprietary name (drugs only).")
    synonyms: list[Synonym] = Field(default_factory=list)
    description: Text | None = None
    brands: list[Brand] = Field(default_factory=list)
    classes: list[ClassMembership] = Field(default_factory=list, description="Classes it belongs to.")
    mechanisms: list[Fact] = Field(default_factory=list, description="How it works, as the sources give it.")
    legal_statuses: list[LegalStatus] = Field(default_factory=list)
    codes: list[Code] = Field(default_factory=list, description="ATC and other codes (curator knowledge).")
    mentions: list[Span] = Field(default_factory=list)
    uses: list[Use] = Field(default_factory=list, description="Conditions it is said to treat.")
    strengths: list[Strength] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list, description="Curator's notes (curator knowledge).")

    @model_validator(mode="after")
    def _class_members(self) -> Self:
        if self.kind is TreatmentKind.DRUG_CLASS:
            for use in self.uses:
                if use.members is None:
                    raise ValueError(f"use {use.id} of a drug class needs `members` (all, some or class-only)")
        return self


__all__ = ["Brand", "ClassMembership", "DoseAppropriateness", "LegalStatus", "Strength", "Treatment", "Use"]
