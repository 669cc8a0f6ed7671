"""Read-only record classes, generated from the pydantic models by `python -m sleepdata.typegen`: do not edit.

`load()` gives these: the same names, fields and types as `sleepdata.models`, read from data the models
have validated, without importing pydantic. `record.validated()` gives the pydantic model.
"""

# ruff: noqa: E501, RUF023  (generated: long lines; slots in the models' field order)

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .readonly import FrozenList, ReadOnly
from .vocabulary import (
    Advice,
    ArticleKind,
    Basis,
    BrandStatus,
    CauseKind,
    CodeSystem,
    ConditionCategory,
    DiagnosticMethod,
    DiagnosticPurpose,
    DoseFit,
    ExclusionReason,
    FeatureKind,
    Frequency,
    LegalStatusKind,
    Mapping,
    Marketed,
    Members,
    MentionContext,
    Origin,
    PopulationGroup,
    Reading,
    Relation,
    Reliability,
    Severity,
    SourceKind,
    Stance,
    Standing,
    StrengthBasis,
    SynonymKind,
    Translation,
    TreatmentKind,
    Verdict,
    WarningKind,
)

if TYPE_CHECKING:
    from .models import cause as _cause
    from .models import common as _common
    from .models import condition as _condition
    from .models import source as _source
    from .models import treatment as _treatment
    from .models import warning as _warning


class Assessment(ReadOnly):
    """The curator's judgement of a source as a whole."""

    __slots__ = ("reliability", "reasons",)
    _model = ("source", "Assessment")

    reliability: Reliability
    #: Why: commercial intent, spam links, machine translation, hedged or uncited claims, self-contradiction, and what speaks for it.
    reasons: FrozenList[str]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reliability", Reliability(raw["reliability"]))
        put(self, "reasons", FrozenList(raw["reasons"]))

    if TYPE_CHECKING:
        def validated(self) -> _source.Assessment: ...


class Article(ReadOnly):
    """One article inside a compilation: its boundaries and its own reliability."""

    __slots__ = ("id", "start", "end", "title", "kind", "assessment",)
    _model = ("source", "Article")

    id: str
    start: int
    end: int
    #: A title in our words.
    title: str
    kind: ArticleKind
    assessment: Assessment

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "id", raw["id"])
        put(self, "start", raw["start"])
        put(self, "end", raw["end"])
        put(self, "title", raw["title"])
        put(self, "kind", ArticleKind(raw["kind"]))
        put(self, "assessment", Assessment(raw["assessment"]))

    if TYPE_CHECKING:
        def validated(self) -> _source.Article: ...


class Exclusion(ReadOnly):
    """A span of the source that holds no fact for the dataset, with the reason."""

    __slots__ = ("start", "end", "reason", "note", "names",)
    _model = ("source", "Exclusion")

    start: int
    end: int
    reason: ExclusionReason
    #: What the span is, in our words (never the span's text).
    note: str
    #: Products or drugs the excluded span names or advertises (e.g. a spam link for modafinil), so a reader sees they were seen and deliberately left out.
    names: FrozenList[str]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "start", raw["start"])
        put(self, "end", raw["end"])
        put(self, "reason", ExclusionReason(raw["reason"]))
        put(self, "note", raw["note"])
        put(self, "names", FrozenList(raw.get("names", ())))

    if TYPE_CHECKING:
        def validated(self) -> _source.Exclusion: ...


class Source(ReadOnly):
    """One source document. The sha256 pins its text; spans elsewhere point into it."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "file_name", "sha256", "length", "title", "description", "kind", "author", "published", "language", "original_language", "translation", "assessment", "articles", "exclusions",)
    _model = ("source", "Source")
    _kind = "source"

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused.
    id: str
    #: File name of the document in the sources directory.
    file_name: str
    #: SHA-256 of the file's bytes.
    sha256: str
    #: Length of the text in Unicode code points.
    length: int
    #: A title in our words.
    title: str
    #: What the document is and covers, in our words.
    description: str
    kind: SourceKind
    #: The author as the document names them; absent when it names none.
    author: str | None
    #: Publication date (ISO 8601, as precise as known); absent when the document gives none.
    published: str | None
    #: ISO 639 code of the text's language.
    language: str
    #: ISO 639 code of the language translated from, when known.
    original_language: str | None
    #: original, or a human or machine translation.
    translation: Translation
    assessment: Assessment
    #: For a compilation: the articles in it, in order, each with its own assessment. Every span falls inside one (checked).
    articles: FrozenList[Article]
    #: Spans that do not become data.
    exclusions: FrozenList[Exclusion]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "file_name", raw["file_name"])
        put(self, "sha256", raw["sha256"])
        put(self, "length", raw["length"])
        put(self, "title", raw["title"])
        put(self, "description", raw["description"])
        put(self, "kind", SourceKind(raw["kind"]))
        put(self, "author", raw.get("author"))
        put(self, "published", raw.get("published"))
        put(self, "language", raw["language"])
        put(self, "original_language", raw.get("original_language"))
        put(self, "translation", Translation(raw["translation"]))
        put(self, "assessment", Assessment(raw["assessment"]))
        put(self, "articles", FrozenList([Article(i) for i in raw.get("articles", ())]))
        put(self, "exclusions", FrozenList([Exclusion(i) for i in raw.get("exclusions", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _source.Source: ...


class Span(ReadOnly):
    """A place in a source: the character span [start, end) of the source's text."""

    __slots__ = ("source", "start", "end",)
    _model = ("common", "Span")

    #: A source record, written `source:<id>`.
    source: str
    #: First character of the span (Unicode code points, from 0).
    start: int
    #: One past the last character of the span (greater than start; checked by the integrity checks).
    end: int

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "source", raw["source"])
        put(self, "start", raw["start"])
        put(self, "end", raw["end"])

    if TYPE_CHECKING:
        def validated(self) -> _common.Span: ...


class Synonym(ReadOnly):
    """Another name for the record, as a source spells it (misspellings included) or as the curator adds it."""

    __slots__ = ("id", "name", "kind", "note", "provenance",)
    _model = ("common", "Synonym")

    #: Claim id; required when a source uses the name.
    id: str | None
    name: str
    kind: SynonymKind
    #: What a misspelling or mistranslation stands for.
    note: str | None
    #: Where a source uses this name. Empty only for a name the curator adds (curator knowledge).
    provenance: FrozenList[Span]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "id", raw.get("id"))
        put(self, "name", raw["name"])
        put(self, "kind", SynonymKind(raw.get("kind", "synonym")))
        put(self, "note", raw.get("note"))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _common.Synonym: ...


class Code(ReadOnly):
    """A code in a standard terminology. Codes are curator knowledge unless a source gives them."""

    __slots__ = ("system", "code", "label", "mapping", "billable", "origin",)
    _model = ("common", "Code")

    system: CodeSystem
    code: str
    #: The terminology's own name for the code.
    label: str
    #: exact: the code means the record; broader: the code is a wider concept; narrower: the code is a narrower concept; related: neither, but close.
    mapping: Mapping
    #: ICD-10-CM only (required there): whether the code is a billable leaf rather than a category.
    billable: bool | None
    #: Who assigned the code; `curator` unless a source itself gives it.
    origin: Origin

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "system", CodeSystem(raw["system"]))
        put(self, "code", raw["code"])
        put(self, "label", raw["label"])
        put(self, "mapping", Mapping(raw["mapping"]))
        put(self, "billable", raw.get("billable"))
        put(self, "origin", Origin(raw.get("origin", "curator")))

    if TYPE_CHECKING:
        def validated(self) -> _common.Code: ...


class Quantity(ReadOnly):
    """A number a source gives (an age, a share, a duration, a temperature), with its UCUM unit."""

    __slots__ = ("measure", "value", "low", "high", "unit",)
    _model = ("common", "Quantity")

    #: What the number measures, in our words (e.g. `age at onset`).
    measure: str
    value: float | None
    #: Lower bound of a range or an `at least` figure.
    low: float | None
    #: Upper bound of a range or an `at most` figure.
    high: float | None
    #: UCUM unit: a = year, mo = month, wk = week, d = day, h = hour, min = minute, Cel = degree Celsius, 1 = a count, {glass} = a glass of water.
    unit: Literal["%", "a", "mo", "wk", "d", "h", "min", "s", "Cel", "1", "{glass}", "mg", "ug", "g", "mL"]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "measure", raw["measure"])
        v = raw.get("value")
        put(self, "value", None if v is None else float(v))
        v = raw.get("low")
        put(self, "low", None if v is None else float(v))
        v = raw.get("high")
        put(self, "high", None if v is None else float(v))
        put(self, "unit", raw["unit"])

    if TYPE_CHECKING:
        def validated(self) -> _common.Quantity: ...


class Population(ReadOnly):
    """A group from the closed list, with an optional age range in years and the condition that defines it."""

    __slots__ = ("group", "age_min", "age_max", "condition", "label",)
    _model = ("common", "Population")

    group: PopulationGroup
    #: Youngest age, years.
    age_min: float | None
    #: Oldest age, years.
    age_max: float | None
    #: The condition or state that defines the group (e.g. `cause:diabetes-mellitus` for people with diabetes).
    condition: str | None
    #: The source's narrower wording, in our words (e.g. `students during examinations`).
    label: str | None

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "group", PopulationGroup(raw["group"]))
        v = raw.get("age_min")
        put(self, "age_min", None if v is None else float(v))
        v = raw.get("age_max")
        put(self, "age_max", None if v is None else float(v))
        put(self, "condition", raw.get("condition"))
        put(self, "label", raw.get("label"))

    if TYPE_CHECKING:
        def validated(self) -> _common.Population: ...


class Feature(ReadOnly):
    """Something a source says about a condition: a symptom, its course, who gets it, how it works."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "kind", "quantities", "populations",)
    _model = ("condition", "Feature")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    kind: FeatureKind
    #: Numbers the source gives for this fact.
    quantities: FrozenList[Quantity]
    #: Groups the fact is about, if any.
    populations: FrozenList[Population]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "kind", FeatureKind(raw["kind"]))
        put(self, "quantities", FrozenList([Quantity(i) for i in raw.get("quantities", ())]))
        put(self, "populations", FrozenList([Population(i) for i in raw.get("populations", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _condition.Feature: ...


class Diagnostic(ReadOnly):
    """A diagnostic step a source names for the condition: what is done, why, and what it is expected to show."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "test", "method", "purpose", "finding", "distinguishes_from", "codes",)
    _model = ("condition", "Diagnostic")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    #: The test or step, by its usual name (e.g. `electroencephalography`).
    test: str
    method: DiagnosticMethod
    purpose: DiagnosticPurpose
    #: The expected finding, where the source gives one.
    finding: str | None
    #: For `differentiate`: the conditions it tells this one apart from.
    distinguishes_from: FrozenList[str]
    codes: FrozenList[Code]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "test", raw["test"])
        put(self, "method", DiagnosticMethod(raw["method"]))
        put(self, "purpose", DiagnosticPurpose(raw["purpose"]))
        put(self, "finding", raw.get("finding"))
        put(self, "distinguishes_from", FrozenList(raw.get("distinguishes_from", ())))
        put(self, "codes", FrozenList([Code(i) for i in raw.get("codes", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _condition.Diagnostic: ...


class Note(ReadOnly):
    """A curator's note on a record: curator knowledge, with its basis."""

    __slots__ = ("id", "text", "basis", "basis_document",)
    _model = ("common", "Note")

    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    text: str
    basis: Basis
    basis_document: str | None

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "id", raw["id"])
        put(self, "text", raw["text"])
        put(self, "basis", Basis(raw["basis"]))
        put(self, "basis_document", raw.get("basis_document"))

    if TYPE_CHECKING:
        def validated(self) -> _common.Note: ...


class Condition(ReadOnly):
    """A disorder, syndrome or phenomenon the sources describe."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "name", "synonyms", "definition", "category", "parent", "subtype_axis", "codes", "mentions", "features", "diagnostics", "notes",)
    _model = ("condition", "Condition")
    _kind = "condition"

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused.
    id: str
    #: The preferred name in English medical usage.
    name: str
    #: Other names, as the sources spell them.
    synonyms: FrozenList[Synonym]
    #: What the condition is, in our words.
    definition: str
    category: ConditionCategory
    #: The broader condition this is a kind of.
    parent: str | None
    #: The classification by which this is a subtype of its parent (e.g. `by origin in the nervous system`).
    subtype_axis: str | None
    #: Standard codes (curator knowledge).
    codes: FrozenList[Code]
    #: Where the sources name or introduce it.
    mentions: FrozenList[Span]
    features: FrozenList[Feature]
    diagnostics: FrozenList[Diagnostic]
    #: Curator's notes on the record (curator knowledge).
    notes: FrozenList[Note]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "name", raw["name"])
        put(self, "synonyms", FrozenList([Synonym(i) for i in raw.get("synonyms", ())]))
        put(self, "definition", raw["definition"])
        put(self, "category", ConditionCategory(raw["category"]))
        put(self, "parent", raw.get("parent"))
        put(self, "subtype_axis", raw.get("subtype_axis"))
        put(self, "codes", FrozenList([Code(i) for i in raw.get("codes", ())]))
        put(self, "mentions", FrozenList([Span(i) for i in raw.get("mentions", ())]))
        put(self, "features", FrozenList([Feature(i) for i in raw.get("features", ())]))
        put(self, "diagnostics", FrozenList([Diagnostic(i) for i in raw.get("diagnostics", ())]))
        put(self, "notes", FrozenList([Note(i) for i in raw.get("notes", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _condition.Condition: ...


class CauseLink(ReadOnly):
    """One claim that this cause is tied to one condition."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "condition", "relation", "quantities", "populations",)
    _model = ("cause", "CauseLink")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    #: A condition record, written `condition:<id>`.
    condition: str
    relation: Relation
    quantities: FrozenList[Quantity]
    populations: FrozenList[Population]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "condition", raw["condition"])
        put(self, "relation", Relation(raw["relation"]))
        put(self, "quantities", FrozenList([Quantity(i) for i in raw.get("quantities", ())]))
        put(self, "populations", FrozenList([Population(i) for i in raw.get("populations", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _cause.CauseLink: ...


class Cause(ReadOnly):
    """A disease, exposure, state, medication or habit that a source ties to a condition."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "name", "kind", "synonyms", "description", "treatment", "codes", "mentions", "links",)
    _model = ("cause", "Cause")
    _kind = "cause"

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused.
    id: str
    name: str
    kind: CauseKind
    synonyms: FrozenList[Synonym]
    #: What the cause is, in our words.
    description: str | None
    #: The same substance as a treatment record, for a medication cause.
    treatment: str | None
    codes: FrozenList[Code]
    mentions: FrozenList[Span]
    #: The conditions it is tied to, one claim each. Empty only for a record that safety facts name (a contraindication).
    links: FrozenList[CauseLink]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "name", raw["name"])
        put(self, "kind", CauseKind(raw["kind"]))
        put(self, "synonyms", FrozenList([Synonym(i) for i in raw.get("synonyms", ())]))
        put(self, "description", raw.get("description"))
        put(self, "treatment", raw.get("treatment"))
        put(self, "codes", FrozenList([Code(i) for i in raw.get("codes", ())]))
        put(self, "mentions", FrozenList([Span(i) for i in raw.get("mentions", ())]))
        put(self, "links", FrozenList([CauseLink(i) for i in raw.get("links", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _cause.Cause: ...


class Brand(ReadOnly):
    """A brand or trade name and the substance it stands for."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "name", "status", "markets", "provenance",)
    _model = ("treatment", "Brand")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    name: str
    #: identified: the curator maps the name to this record's substance; unidentified: the curator cannot tell what it is.
    status: BrandStatus
    #: Where the brand is sold, if known.
    markets: FrozenList[str]
    provenance: FrozenList[Span]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "name", raw["name"])
        put(self, "status", BrandStatus(raw["status"]))
        put(self, "markets", FrozenList(raw.get("markets", ())))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _treatment.Brand: ...


class ClassMembership(ReadOnly):
    """A claim that the treatment belongs to a class (a class may belong to a broader class)."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "drug_class",)
    _model = ("treatment", "ClassMembership")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    #: A treatment record (a drug, a drug class, a substance …), written `treatment:<id>`.
    drug_class: str

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "drug_class", raw["drug_class"])

    if TYPE_CHECKING:
        def validated(self) -> _treatment.ClassMembership: ...


class Fact(ReadOnly):
    """A statement in our words, with where and how the source states it, and the curator's judgement."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim",)
    _model = ("common", "Fact")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))

    if TYPE_CHECKING:
        def validated(self) -> _common.Fact: ...


class LegalStatus(ReadOnly):
    """LegalStatus"""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "status", "jurisdiction",)
    _model = ("treatment", "LegalStatus")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    status: LegalStatusKind
    #: Where it holds, as the source says.
    jurisdiction: str | None

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "status", LegalStatusKind(raw["status"]))
        put(self, "jurisdiction", raw.get("jurisdiction"))

    if TYPE_CHECKING:
        def validated(self) -> _treatment.LegalStatus: ...


class Use(ReadOnly):
    """A claim that the treatment helps a condition."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "condition", "standing", "members", "dose_forms", "routes", "quantities", "populations",)
    _model = ("treatment", "Use")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    #: A condition record, written `condition:<id>`.
    condition: str
    #: Curator's judgement of the use's regulatory or clinical standing. An unsupported or disputed use is never approved or established; a contested use is never supported.
    standing: Standing
    #: For a drug class: whether the use reaches all its members, some, or only the class as a whole (required for a class).
    members: Members | None
    #: Forms the source names for this use, with or without an amount.
    dose_forms: FrozenList[Literal["tablet", "capsule", "oral-solution", "injection", "infusion", "suppository", "tea", "oil", "bath-additive"]]
    routes: FrozenList[Literal["oral", "intravenous", "intramuscular", "rectal", "inhalation", "topical", "cutaneous"]]
    quantities: FrozenList[Quantity]
    populations: FrozenList[Population]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "condition", raw["condition"])
        put(self, "standing", Standing(raw["standing"]))
        v = raw.get("members")
        put(self, "members", None if v is None else Members(v))
        put(self, "dose_forms", FrozenList(raw.get("dose_forms", ())))
        put(self, "routes", FrozenList(raw.get("routes", ())))
        put(self, "quantities", FrozenList([Quantity(i) for i in raw.get("quantities", ())]))
        put(self, "populations", FrozenList([Population(i) for i in raw.get("populations", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _treatment.Use: ...


class DoseAppropriateness(ReadOnly):
    """The curator's judgement of one strength as a dose for one use: curator knowledge, so a basis is required."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "condition", "fit",)
    _model = ("treatment", "DoseAppropriateness")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: A condition record, written `condition:<id>`.
    condition: str
    fit: DoseFit

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "condition", raw["condition"])
        put(self, "fit", DoseFit(raw["fit"]))

    if TYPE_CHECKING:
        def validated(self) -> _treatment.DoseAppropriateness: ...


class Strength(ReadOnly):
    """A strength of a drug that a source mentions: whether it is marketed, and how it stands as a dose per use."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "amount", "unit", "strength_basis", "salt", "dose_form", "route", "marketed", "markets", "context", "provenance", "doses",)
    _model = ("treatment", "Strength")
    _kind = "strength"

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The amount of active substance.
    amount: float
    #: UCUM unit: mg, ug (microgram), g or mg/mL.
    unit: Literal["mg", "ug", "g", "mg/mL"]
    #: Whether the amount is of the active moiety or of a salt.
    strength_basis: StrengthBasis
    #: The salt, when the amount is of a salt.
    salt: str | None
    #: Tablet, capsule, oral solution …, where known.
    dose_form: Literal["tablet", "capsule", "oral-solution", "injection", "infusion", "suppository", "tea", "oil", "bath-additive"] | None
    route: Literal["oral", "intravenous", "intramuscular", "rectal", "inhalation", "topical", "cutaneous"] | None
    #: marketed: a strength products are sold in (curator knowledge); not-marketed: no licensed product has it; not-verifiable: cannot be checked. A note is required unless marketed.
    marketed: Marketed
    #: Where it is marketed, when known.
    markets: FrozenList[str]
    context: MentionContext
    provenance: FrozenList[Span]
    #: The strength as a dose for each use (a keyword or listing mention is not a recommendation).
    doses: FrozenList[DoseAppropriateness]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "amount", float(raw["amount"]))
        put(self, "unit", raw["unit"])
        put(self, "strength_basis", StrengthBasis(raw.get("strength_basis", "not-stated")))
        put(self, "salt", raw.get("salt"))
        put(self, "dose_form", raw.get("dose_form"))
        put(self, "route", raw.get("route"))
        put(self, "marketed", Marketed(raw["marketed"]))
        put(self, "markets", FrozenList(raw.get("markets", ())))
        put(self, "context", MentionContext(raw["context"]))
        put(self, "provenance", FrozenList([Span(i) for i in raw["provenance"]]))
        put(self, "doses", FrozenList([DoseAppropriateness(i) for i in raw.get("doses", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _treatment.Strength: ...


class Treatment(ReadOnly):
    """A drug, a drug class, a substance, an herbal remedy or a non-drug measure, and what it is said to treat."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "name", "kind", "inn", "synonyms", "description", "brands", "classes", "mechanisms", "legal_statuses", "codes", "mentions", "uses", "strengths", "notes",)
    _model = ("treatment", "Treatment")
    _kind = "treatment"

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused.
    id: str
    #: International non-proprietary name for a drug; the usual name otherwise.
    name: str
    kind: TreatmentKind
    #: International non-proprietary name (drugs only).
    inn: str | None
    synonyms: FrozenList[Synonym]
    description: str | None
    brands: FrozenList[Brand]
    #: Classes it belongs to.
    classes: FrozenList[ClassMembership]
    #: How it works, as the sources give it.
    mechanisms: FrozenList[Fact]
    legal_statuses: FrozenList[LegalStatus]
    #: ATC and other codes (curator knowledge).
    codes: FrozenList[Code]
    mentions: FrozenList[Span]
    #: Conditions it is said to treat.
    uses: FrozenList[Use]
    strengths: FrozenList[Strength]
    #: Curator's notes (curator knowledge).
    notes: FrozenList[Note]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "name", raw["name"])
        put(self, "kind", TreatmentKind(raw["kind"]))
        put(self, "inn", raw.get("inn"))
        put(self, "synonyms", FrozenList([Synonym(i) for i in raw.get("synonyms", ())]))
        put(self, "description", raw.get("description"))
        put(self, "brands", FrozenList([Brand(i) for i in raw.get("brands", ())]))
        put(self, "classes", FrozenList([ClassMembership(i) for i in raw.get("classes", ())]))
        put(self, "mechanisms", FrozenList([Fact(i) for i in raw.get("mechanisms", ())]))
        put(self, "legal_statuses", FrozenList([LegalStatus(i) for i in raw.get("legal_statuses", ())]))
        put(self, "codes", FrozenList([Code(i) for i in raw.get("codes", ())]))
        put(self, "mentions", FrozenList([Span(i) for i in raw.get("mentions", ())]))
        put(self, "uses", FrozenList([Use(i) for i in raw.get("uses", ())]))
        put(self, "strengths", FrozenList([Strength(i) for i in raw.get("strengths", ())]))
        put(self, "notes", FrozenList([Note(i) for i in raw.get("notes", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _treatment.Treatment: ...


class Effect(ReadOnly):
    """One adverse effect or outcome, with its own frequency and severity."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "name", "frequency", "severity", "condition",)
    _model = ("warning", "Effect")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The effect, by its usual name.
    name: str
    #: CIOMS category; not-known when neither the source nor product information gives one.
    frequency: Frequency
    severity: Severity | None
    #: The condition record the effect is, where one exists (e.g. `condition:sleep-paralysis`).
    condition: str | None

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "name", raw["name"])
        put(self, "frequency", Frequency(raw.get("frequency", "not-known")))
        v = raw.get("severity")
        put(self, "severity", None if v is None else Severity(v))
        put(self, "condition", raw.get("condition"))

    if TYPE_CHECKING:
        def validated(self) -> _warning.Effect: ...


class Interaction(ReadOnly):
    """One interaction partner: a drug, a drug class or a substance record."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "partner", "effect", "severity", "advice",)
    _model = ("warning", "Interaction")

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: The claim's id: a readable slug, unique in the dataset (across records and kinds) and never reused. Site anchors, export rows, diffs and reports name it.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The interacting drug, class or substance (`treatment:<id>`).
    partner: str
    #: What the combination does, in our words.
    effect: str | None
    severity: Severity | None
    advice: Advice

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "partner", raw["partner"])
        put(self, "effect", raw.get("effect"))
        v = raw.get("severity")
        put(self, "severity", None if v is None else Severity(v))
        put(self, "advice", Advice(raw.get("advice", "not-stated")))

    if TYPE_CHECKING:
        def validated(self) -> _warning.Interaction: ...


class Warning(ReadOnly):
    """A caution about treatments, strengths or, for a red flag, a condition. The statement says what to watch."""

    __slots__ = ("reading", "verdict", "note", "basis", "basis_document", "id", "origin", "statement", "stance", "provenance", "same_claim", "applies_to", "members", "kind", "severity", "effects", "interactions", "conditions", "populations", "quantities",)
    _model = ("warning", "Warning")
    _kind = "warning"

    #: as-written: taken as the source words it; corrected: the wording is garbled, misspelt or mistranslated and the note gives the right reading.
    reading: Reading
    #: supported: established knowledge agrees; unsupported: no good evidence either way; disputed: established knowledge contradicts it; outdated: once held, now superseded. The note says why whenever the verdict is not supported.
    verdict: Verdict
    #: Curator's note in our words: the right reading, or what established knowledge says. Required when the reading is corrected or the verdict is not supported.
    note: str | None
    #: Where the note's knowledge comes from; required with a note.
    basis: Basis | None
    #: The kind of document the basis rests on (e.g. `summary of product characteristics`).
    basis_document: str | None
    #: Lowercase kebab-case slug; equals the file name without `.yaml`. Never reused.
    id: str
    #: source: stated by a source (its spans say where); curator: curator knowledge, with its basis.
    origin: Origin
    #: The fact in our own words. Never a copied sentence.
    statement: str
    #: How the source states it: asserted, hedged, theory, anecdotal, recommended, cautioned, implied (not stated; inferred from the source's advice) or negated. Required for a source fact.
    stance: Stance | None
    #: Where the sources state this: one span per place, each a sentence or clause. Empty only for curator knowledge (origin `curator`).
    provenance: FrozenList[Span]
    #: Claims elsewhere that state the same thing; they carry the same verdict (checked).
    same_claim: FrozenList[str]
    #: Treatments, strengths or (red flags) conditions it applies to.
    applies_to: FrozenList[str]
    #: When it applies to a drug class: whether it reaches every member (required then; checked across records).
    members: Members | None
    kind: WarningKind
    severity: Severity | None
    #: Adverse effects or outcomes, one entry each.
    effects: FrozenList[Effect]
    #: Interaction partners, one entry each.
    interactions: FrozenList[Interaction]
    #: Conditions or states it concerns: those in which the treatment is contraindicated or needs caution.
    conditions: FrozenList[str]
    #: Groups it concerns.
    populations: FrozenList[Population]
    quantities: FrozenList[Quantity]

    def __init__(self, raw: dict[str, Any]) -> None:
        put = object.__setattr__
        put(self, "_raw", raw)
        put(self, "reading", Reading(raw.get("reading", "as-written")))
        put(self, "verdict", Verdict(raw.get("verdict", "supported")))
        put(self, "note", raw.get("note"))
        v = raw.get("basis")
        put(self, "basis", None if v is None else Basis(v))
        put(self, "basis_document", raw.get("basis_document"))
        put(self, "id", raw["id"])
        put(self, "origin", Origin(raw.get("origin", "source")))
        put(self, "statement", raw["statement"])
        v = raw.get("stance")
        put(self, "stance", None if v is None else Stance(v))
        put(self, "provenance", FrozenList([Span(i) for i in raw.get("provenance", ())]))
        put(self, "same_claim", FrozenList(raw.get("same_claim", ())))
        put(self, "applies_to", FrozenList(raw["applies_to"]))
        v = raw.get("members")
        put(self, "members", None if v is None else Members(v))
        put(self, "kind", WarningKind(raw["kind"]))
        v = raw.get("severity")
        put(self, "severity", None if v is None else Severity(v))
        put(self, "effects", FrozenList([Effect(i) for i in raw.get("effects", ())]))
        put(self, "interactions", FrozenList([Interaction(i) for i in raw.get("interactions", ())]))
        put(self, "conditions", FrozenList(raw.get("conditions", ())))
        put(self, "populations", FrozenList([Population(i) for i in raw.get("populations", ())]))
        put(self, "quantities", FrozenList([Quantity(i) for i in raw.get("quantities", ())]))

    if TYPE_CHECKING:
        def validated(self) -> _warning.Warning: ...


#: The record class of each kind.
KINDS: dict[str, type[ReadOnly]] = {"source": Source, "condition": Condition, "cause": Cause, "treatment": Treatment, "warning": Warning}

__all__ = ["KINDS", "Article", "Assessment", "Brand", "Cause", "CauseLink", "ClassMembership", "Code", "Condition", "Diagnostic", "DoseAppropriateness", "Effect", "Exclusion", "Fact", "Feature", "Interaction", "LegalStatus", "Note", "Population", "Quantity", "Source", "Span", "Strength", "Synonym", "Treatment", "Use", "Warning"]
