"""Treatment records: drugs, drug classes, herbal remedies and non-drug measures, with strengths and uses."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from .common import (
    Code,
    ConditionRef,
    Curation,
    Fact,
    Name,
    Provenance,
    Quantity,
    Record,
    RecordId,
    Span,
    Strict,
    Synonym,
    Text,
    TreatmentRef,
)


class TreatmentKind(StrEnum):
    DRUG = "drug"
    DRUG_CLASS = "drug-class"
    HERBAL = "herbal"
    SUPPLEMENT = "supplement"
    NON_DRUG = "non-drug"
    PROCEDURE = "procedure"


class Standing(StrEnum):
    """The standing of a use: approved, off-label, merely suggested, or contested."""

    APPROVED = "approved"
    OFF_LABEL = "off-label"
    SUGGESTED = "suggested"
    CONTESTED = "contested"


class Use(Fact):
    """A claim that the treatment helps a condition."""

    condition: ConditionRef
    standing: Standing = Field(description="Curator's judgement of the use's regulatory or clinical standing.")
    quantities: list[Quantity] = Field(default_factory=list)
    populations: list[Name] = Field(default_factory=list)


class BrandStatus(StrEnum):
    IDENTIFIED = "identified"
    UNIDENTIFIED = "unidentified"


class Brand(Strict):
    """A brand or trade name and the substance it stands for."""

    name: Name
    status: BrandStatus = Field(description="identified: the curator maps the name to this record's substance; "
                                "unidentified: the curator cannot tell what it is.")
    markets: list[Name] = Field(default_factory=list, description="Where the brand is sold, if known.")
    provenance: list[Span] = Field(default_factory=list)
    curation: Curation = Field(default_factory=Curation)


class StrengthStatus(StrEnum):
    STANDARD = "standard"
    NON_STANDARD = "non-standard"
    NOT_VERIFIABLE = "not-verifiable"


class MentionContext(StrEnum):
    """Where the strength appears: a product listing is not a prescribing recommendation."""

    PRODUCT_LISTING = "product-listing"
    KEYWORD = "keyword"
    GUIDELINE_STATEMENT = "guideline-statement"
    ARTICLE_MENTION = "article-mention"


StrengthUnit = Literal["mg", "ug", "g", "mg/mL"]


class Strength(Strict):
    """A strength of a drug that a source mentions, with the curator's verdict on whether it is marketed."""

    id: RecordId
    amount: float = Field(gt=0, le=100_000, allow_inf_nan=False, description="The amount of active substance.")
    unit: StrengthUnit = Field(description="UCUM unit: mg, ug (microgram), g or mg/mL.")
    dose_form: Name | None = Field(default=None, description="Tablet, capsule, oral solution …, where known.")
    route: Literal["oral", "intravenous", "intramuscular", "rectal"] | None = None
    status: StrengthStatus = Field(description="standard: a marketed strength; non-standard: not a marketed or "
                                   "recommended strength; not-verifiable: cannot be checked. Curator knowledge.")
    context: MentionContext
    provenance: Provenance
    curation: Curation = Field(default_factory=Curation)


class ClassMembership(Fact):
    """A source's claim that the treatment belongs to a class."""

    drug_class: TreatmentRef


class LegalStatusKind(StrEnum):
    PRESCRIPTION_ONLY = "prescription-only"
    CONTROLLED = "controlled"
    OVER_THE_COUNTER = "over-the-counter"


class LegalStatus(Fact):
    status: LegalStatusKind
    jurisdiction: Name | None = Field(default=None, description="Where it holds, as the source says.")


class Treatment(Record):
    """A drug, a drug class, an herbal remedy or a non-drug measure, and what it is said to treat."""

    name: Name = Field(description="International non-proprietary name for a drug; the usual name otherwise.")
    kind: TreatmentKind
    inn: Name | None = Field(default=None, description="International non-proprietary name (drugs only).")
    synonyms: list[Synonym] = Field(default_factory=list)
    description: Text | None = None
    brands: list[Brand] = Field(default_factory=list)
    classes: list[ClassMembership] = Field(default_factory=list, description="Classes the sources put it in.")
    mechanisms: list[Fact] = Field(default_factory=list, description="How it works, as the sources give it.")
    legal_statuses: list[LegalStatus] = Field(default_factory=list)
    codes: list[Code] = Field(default_factory=list, description="ATC and other codes (curator knowledge).")
    mentions: list[Span] = Field(default_factory=list)
    uses: list[Use] = Field(default_factory=list, description="Conditions it is said to treat.")
    strengths: list[Strength] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list, description="Curator's notes (curator knowledge).")


__all__ = ["Brand", "ClassMembership", "LegalStatus", "Strength", "Treatment", "Use"]
