"""Building blocks shared by every record kind: ids, references, provenance and the curator's judgement.

Every judgement is a field: how the source's wording was read (`reading`), what established knowledge says
of the claim as read (`verdict`), and where curator knowledge comes from (`basis`). Rules that tie fields of
one object together are pydantic validators and, for the JSON Schema, `if`/`then` clauses built from one
list (`Rules`), so both reject the same records.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..vocabulary import Basis, CodeSystem, Mapping, Origin, PopulationGroup, Reading, Stance, SynonymKind, Verdict

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"

RecordId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80),
    Field(description="Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused."),
]
ClaimId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=120),
    Field(description="The claim's id: a readable slug, unique in the dataset (across records and kinds) and "
          "never reused. Site anchors, export rows, diffs and reports name it."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=r"^\S(.*\S)?$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$")]
Slug = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80)]


def _pattern(*kinds: str) -> StringConstraints:
    return StringConstraints(pattern=rf"^({'|'.join(kinds)}):{_SLUG}$", max_length=130)


SourceRef = Annotated[str, _pattern("source"), Field(description="A source record, written `source:<id>`.")]
ConditionRef = Annotated[str, _pattern("condition"),
                         Field(description="A condition record, written `condition:<id>`.")]
TreatmentRef = Annotated[str, _pattern("treatment"), Field(description="A treatment record (a drug, a drug class, a "
                                                           "substance …), written `treatment:<id>`.")]
ClaimRef = Annotated[str, _pattern("claim"), Field(description="A claim anywhere in the dataset, written "
                                                   "`claim:<claim id>`.")]
StateRef = Annotated[str, _pattern("condition", "cause"), Field(
    description="A condition (`condition:<id>`) or a cause record such as a disease or state (`cause:<id>`).")]
TargetRef = Annotated[str, _pattern("treatment", "strength", "condition"), Field(
    description="A treatment (`treatment:<id>`), one of its strengths (`strength:<id>`) or, for a red flag, a "
    "condition (`condition:<id>`).")]


class Rules:
    """Cross-field rules of one model: each is a JSON Schema `if`/`then` pair plus the check pydantic runs."""

    def __init__(self, *rules: tuple[dict[str, Any], dict[str, Any]]) -> None:
        self.rules = rules

    def __add__(self, other: Rules) -> Rules:
        return Rules(*self.rules, *other.rules)

    def schema(self) -> dict[str, Any]:
        return {"allOf": [{"if": cond, "then": then} for cond, then in self.rules]}


def _is(field: str, *values: str) -> dict[str, Any]:
    """JSON Schema: `field` is present and one of `values`."""
    return {"properties": {field: {"enum": list(values)}}, "required": [field]}


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, nothing is coerced, records are immutable."""

    # defer_build: a model's validator is built when first used, so the first record does not pay for them all
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=False,
                              defer_build=True)


JUDGED_RULES = Rules(
    (_is("reading", "corrected"), {"required": ["note"]}),
    (_is("verdict", "unsupported", "disputed", "outdated"), {"required": ["note"]}),
    ({"required": ["note"]}, {"required": ["basis"]}),
    ({"required": ["basis_document"]}, {"required": ["basis"]}),
)


class Judged(Strict):
    """The curator's judgement of a claim: how it was read, what it is worth, and on what basis."""

    model_config = ConfigDict(json_schema_extra=JUDGED_RULES.schema())

    reading: Reading = Field(
        default=Reading.AS_WRITTEN,
        description="as-written: taken as the source words it; corrected: the wording is garbled, misspelt or "
        "mistranslated and the note gives the right reading.")
    verdict: Verdict = Field(
        default=Verdict.SUPPORTED,
        description="supported: established knowledge agrees; unsupported: no good evidence either way; disputed: "
        "established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever "
        "the verdict is not supported.")
    note: Text | None = Field(
        default=None,
        description="Curator's note in our words: the right reading, or what established knowledge says. Required "
        "when the reading is corrected or the verdict is not supported.")
    basis: Basis | None = Field(default=None,
                                description="Where the note's knowledge comes from; required with a note.")
    basis_document: Name | None = Field(
        default=None,
        description="The kind of document the basis rests on (e.g. `summary of product characteristics`).")

    @model_validator(mode="after")
    def _judgement(self) -> Self:
        if self.note is None and self.reading is Reading.CORRECTED:
            raise ValueError("a corrected reading needs a note giving the right reading")
        if self.note is None and self.verdict is not Verdict.SUPPORTED:
            raise ValueError(f"a verdict of '{self.verdict.value}' needs a note saying why")
        if (self.note is not None or self.basis_document is not None) and self.basis is None:
            raise ValueError("a curator note needs a basis (product-information, clinical-guideline, reference-text "
                             "or curator-judgement)")
        return self


class Span(Strict):
    """A place in a source: the character span [start, end) of the source's text."""

    source: SourceRef
    start: int = Field(ge=0, le=10_000_000, description="First character of the span (Unicode code points, from 0).")
    end: int = Field(ge=1, le=10_000_000, description="One past the last character of the span (greater than "
                     "start; checked by the integrity checks).")


Provenance = Annotated[
    list[Span],
    Field(description="Where the sources state this: one span per place, each a sentence or clause. Empty only "
          "for curator knowledge (origin `curator`)."),
]

CLAIM_RULES = JUDGED_RULES + Rules((_is("origin", "curator"), {"required": ["basis"]}))
FACT_RULES = CLAIM_RULES + Rules(
    ({"not": _is("origin", "curator")}, {"required": ["stance", "provenance"],
                                         "properties": {"provenance": {"minItems": 1}}}),
    (_is("origin", "curator"), {"properties": {"provenance": {"maxItems": 0}}}),
)


class Claim(Judged):
    """A judged item with its own claim id, from a source or from the curator."""

    model_config = ConfigDict(json_schema_extra=CLAIM_RULES.schema())

    id: ClaimId
    origin: Origin = Field(default=Origin.SOURCE, description="source: stated by a source (its spans say where); "
                           "curator: curator knowledge, with its basis.")

    @model_validator(mode="after")
    def _curator_basis(self) -> Self:
        if self.origin is Origin.CURATOR and self.basis is None:
            raise ValueError("curator knowledge needs a basis")
        return self


class Fact(Claim):
    """A statement in our words, with where and how the source states it, and the curator's judgement."""

    model_config = ConfigDict(json_schema_extra=FACT_RULES.schema())

    statement: Text = Field(description="The fact in our own words. Never a copied sentence.")
    stance: Stance | None = Field(default=None, description="How the source states it: asserted, hedged, theory, "
                                  "anecdotal, recommended, cautioned, implied (not stated; inferred from the source's "
                                  "advice) or negated. Required for a source fact.")
    provenance: Provenance = Field(default_factory=list)
    same_claim: list[ClaimRef] = Field(
        default_factory=list,
        description="Claims elsewhere that state the same thing; they carry the same verdict (checked).")

    @model_validator(mode="after")
    def _origin(self) -> Self:
        if self.origin is Origin.SOURCE and (self.stance is None or not self.provenance):
            raise ValueError("a source fact needs a stance and at least one provenance span")
        if self.origin is Origin.CURATOR and self.provenance:
            raise ValueError("curator knowledge has no provenance span; give its basis instead")
        return self


class Note(Strict):
    """A curator's note on a record: curator knowledge, with its basis."""

    id: ClaimId
    text: Text
    basis: Basis
    basis_document: Name | None = None


_CODE_FORMS = {
    CodeSystem.ICD_10_CM: r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$",
    CodeSystem.ICD_11: r"^[0-9A-Z]{4}(\.[0-9A-Z]{1,2})?(/[0-9A-Z.]+)?$",
    CodeSystem.MESH: r"^D[0-9]{6,9}$",
    CodeSystem.ATC: r"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$",
}


_CODE_RULES = Rules(
    *((_is("system", system.value), {"properties": {"code": {"pattern": form}}})
      for system, form in _CODE_FORMS.items()),
    (_is("system", "icd-10-cm"), {"required": ["billable"]}),
)


class Code(Strict):
    """A code in a standard terminology. Codes are curator knowledge unless a source gives them."""

    model_config = ConfigDict(json_schema_extra=_CODE_RULES.schema())

    system: CodeSystem
    code: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    label: Name = Field(description="The terminology's own name for the code.")
    mapping: Mapping = Field(description="exact: the code means the record; broader: the code is a wider concept; "
                             "narrower: the code is a narrower concept; related: neither, but close.")
    billable: bool | None = Field(default=None, description="ICD-10-CM only (required there): whether the code is a "
                                  "billable leaf rather than a category.")
    origin: Origin = Field(default=Origin.CURATOR, description="Who assigned the code; `curator` unless a source "
                           "itself gives it.")

    @model_validator(mode="after")
    def _code_form(self) -> Self:
        if not re.fullmatch(_CODE_FORMS[self.system], self.code):
            raise ValueError(f"'{self.code}' is not a well-formed {self.system.value} code")
        if self.system is CodeSystem.ICD_10_CM and self.billable is None:
            raise ValueError("an ICD-10-CM code needs `billable: true` (a leaf) or `false` (a category)")
        return self


class Synonym(Strict):
    """Another name for the record, as a source spells it (misspellings included) or as the curator adds it."""

    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": {"properties": {"provenance": {"minItems": 1}}, "required": ["provenance"]},
         "then": {"required": ["id"]}}]})

    id: ClaimId | None = Field(default=None, description="Claim id; required when a source uses the name.")
    name: Name
    kind: SynonymKind = SynonymKind.SYNONYM
    note: Text | None = Field(default=None, description="What a misspelling or mistranslation stands for.")
    provenance: list[Span] = Field(
        default_factory=list,
        description="Where a source uses this name. Empty only for a name the curator adds (curator knowledge).",
    )

    @model_validator(mode="after")
    def _claim_id(self) -> Self:
        if self.provenance and self.id is None:
            raise ValueError("a name a source uses is a claim and needs an id")
        return self


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


class Population(Strict):
    """A group from the closed list, with an optional age range in years and the condition that defines it."""

    group: PopulationGroup
    age_min: float | None = Field(default=None, ge=0, le=130, allow_inf_nan=False, description="Youngest age, years.")
    age_max: float | None = Field(default=None, ge=0, le=130, allow_inf_nan=False, description="Oldest age, years.")
    condition: StateRef | None = Field(default=None, description="The condition or state that defines the group "
                                       "(e.g. `cause:diabetes-mellitus` for people with diabetes).")
    label: Name | None = Field(default=None, description="The source's narrower wording, in our words "
                               "(e.g. `students during examinations`).")


class Record(Judged):
    """Fields every top-level record has: its id and the curator's judgement of the record as a whole."""

    id: RecordId
