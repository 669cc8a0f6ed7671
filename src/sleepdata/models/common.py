"""Building blocks shared by every record kind: ids, references, provenance, curation."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.config import JsonDict

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

RecordId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80),
    Field(description="Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=r"^\S(.*\S)?$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")]
Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80)]


def _ref(kind: str) -> str:
    return rf"^{kind}:[a-z0-9]+(-[a-z0-9]+)*$"


SourceRef = Annotated[str, StringConstraints(pattern=_ref("source"), max_length=100),
                      Field(description="A source record, written `source:<id>`.")]
ConditionRef = Annotated[str, StringConstraints(pattern=_ref("condition"), max_length=100),
                         Field(description="A condition record, written `condition:<id>`.")]
TreatmentRef = Annotated[str, StringConstraints(pattern=_ref("treatment"), max_length=100),
                         Field(description="A treatment record, written `treatment:<id>`.")]
TargetRef = Annotated[
    str,
    StringConstraints(pattern=r"^(treatment|strength):[a-z0-9]+(-[a-z0-9]+)*$", max_length=100),
    Field(description="A treatment (`treatment:<id>`) or one of its strengths (`strength:<id>`)."),
]


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, nothing is coerced, records are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=False)


class Stance(StrEnum):
    """How the source states a fact."""

    ASSERTED = "asserted"
    HEDGED = "hedged"
    THEORY = "theory"
    ANECDOTAL = "anecdotal"
    RECOMMENDED = "recommended"
    CAUTIONED = "cautioned"
    NEGATED = "negated"


class CurationStatus(StrEnum):
    """The curator's verdict on what the source says."""

    ACCEPTED = "accepted"
    CORRECTED = "corrected"
    DISPUTED = "disputed"


class Origin(StrEnum):
    """Where a piece of knowledge comes from."""

    SOURCE = "source"
    CURATOR = "curator"


_NOTE_REQUIRED: JsonDict = {
    "if": {"properties": {"status": {"enum": ["corrected", "disputed"]}}, "required": ["status"]},
    "then": {"required": ["note"]},
}


class Curation(Strict):
    """The curator's verdict on a fact, with a note wherever the verdict is not plain acceptance."""

    model_config = ConfigDict(json_schema_extra=_NOTE_REQUIRED)

    status: CurationStatus = Field(
        default=CurationStatus.ACCEPTED,
        description="accepted: stated as the source says it; corrected: the source is garbled, mistranslated "
        "or misspelt and the note gives the right reading; disputed: the source contradicts itself or "
        "established clinical knowledge, and the note says what is known instead.",
    )
    note: Text | None = Field(
        default=None,
        description="Curator's note in our words: the correction, or what established knowledge says. "
        "Required when the status is corrected or disputed. Curator knowledge, not a source fact.",
    )

    @model_validator(mode="after")
    def _note_when_not_accepted(self) -> Self:
        if self.status is not CurationStatus.ACCEPTED and self.note is None:
            raise ValueError(f"a curation status of '{self.status.value}' needs a note")
        return self


class Span(Strict):
    """A place in a source: the character span [start, end) of the source's text."""

    source: SourceRef
    start: int = Field(ge=0, le=10_000_000, description="First character of the span (Unicode code points, from 0).")
    end: int = Field(ge=1, le=10_000_000, description="One past the last character of the span (greater than "
                     "start; checked by the integrity checks).")


Provenance = Annotated[
    list[Span],
    Field(min_length=1, description="Where the sources state this: one span per place, each a sentence or clause."),
]


class Fact(Strict):
    """A statement taken from the sources, in our words, with where and how the source states it."""

    statement: Text = Field(description="The fact in our own words. Never a copied sentence.")
    stance: Stance = Field(description="How the source states it: asserted, hedged, theory, anecdotal, "
                           "recommended, cautioned or negated.")
    provenance: Provenance
    curation: Curation = Field(default_factory=Curation, description="The curator's verdict on this fact.")


class CodeSystem(StrEnum):
    """Terminologies whose codes the dataset carries."""

    ICD_10_CM = "icd-10-cm"
    ICD_11 = "icd-11"
    MESH = "mesh"
    ATC = "atc"


_CODE_FORMS = {
    CodeSystem.ICD_10_CM: r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$",
    CodeSystem.ICD_11: r"^[0-9A-Z]{4}(\.[0-9A-Z]{1,2})?(/[0-9A-Z.]+)?$",
    CodeSystem.MESH: r"^D[0-9]{6,9}$",
    CodeSystem.ATC: r"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$",
}


class Code(Strict):
    """A code in a standard terminology. Codes are curator knowledge unless a source gives them."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                {"if": {"properties": {"system": {"const": system.value}}, "required": ["system"]},
                 "then": {"properties": {"code": {"pattern": form}}}}
                for system, form in _CODE_FORMS.items()
            ]
        }
    )

    system: CodeSystem
    code: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    label: Name = Field(description="The terminology's own name for the code.")
    origin: Origin = Field(default=Origin.CURATOR, description="Who assigned the code; `curator` unless a source "
                           "itself gives it.")

    @model_validator(mode="after")
    def _code_form(self) -> Self:
        if not re.fullmatch(_CODE_FORMS[self.system], self.code):
            raise ValueError(f"'{self.code}' is not a well-formed {self.system.value} code")
        return self


class SynonymKind(StrEnum):
    """What sort of alternative name this is."""

    SYNONYM = "synonym"
    ABBREVIATION = "abbreviation"
    MISSPELLING = "misspelling"
    MISTRANSLATION = "mistranslation"
    FORMER_NAME = "former-name"


class Synonym(Strict):
    """Another name for the record, as a source spells it (misspellings included) or as the curator adds it."""

    name: Name
    kind: SynonymKind = SynonymKind.SYNONYM
    provenance: list[Span] = Field(
        default_factory=list,
        description="Where a source uses this name. Empty only for a name the curator adds (curator knowledge).",
    )


QuantityUnit = Literal["%", "a", "mo", "wk", "d", "h", "min", "s", "Cel", "1", "{glass}", "mg", "ug", "g", "mL"]


class Quantity(Strict):
    """A number a source gives (an age, a share, a duration, a temperature), with its UCUM unit."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["value"]}, {"required": ["low"]},
                                                           {"required": ["high"]}]})

    measure: Name = Field(description="What the number measures, in our words (e.g. `age at onset`).")
    value: float | None = Field(default=None, allow_inf_nan=False, ge=0, le=1_000_000)
    low: float | None = Field(default=None, allow_inf_nan=False, ge=0, le=1_000_000,
                              description="Lower bound of a range or an `at least` figure.")
    high: float | None = Field(default=None, allow_inf_nan=False, ge=0, le=1_000_000,
                               description="Upper bound of a range or an `at most` figure.")
    unit: QuantityUnit = Field(description="UCUM unit: a = year, mo = month, wk = week, d = day, h = hour, "
                               "min = minute, Cel = degree Celsius, 1 = a count, {glass} = a glass of water.")

    @model_validator(mode="after")
    def _some_number(self) -> Self:
        if self.value is None and self.low is None and self.high is None:
            raise ValueError("a quantity needs a value, a low or a high")
        return self


class Record(Strict):
    """Fields every top-level record has."""

    id: RecordId
    curation: Curation = Field(default_factory=Curation, description="The curator's verdict on the record as a whole.")
