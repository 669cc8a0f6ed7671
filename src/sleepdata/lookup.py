"""Finding records by what people type: a reference, an id, a name, a synonym, a brand or a code.

The index is built from the records' plain data, so no model is built until a record is asked for.
`lookup` returns one record or raises `LookupError` naming the candidates; `search` ranks records by how
well one of their names matches, typos included (rapidfuzz); `by_code` finds records by a standard code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")


def normalize(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'").split())  # noqa: RUF001


def _loose(text: str) -> str:
    """`normalize`, with hyphens and underscores read as spaces (`Willis-Ekbom` = `Willis Ekbom`)."""
    return " ".join(normalize(text).replace("-", " ").replace("_", " ").split())


def names_of(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every name of a record as (tier, name): `name` for the preferred name or INN, `synonym` for the rest."""
    for key in ("name", "inn", "title"):
        if isinstance(raw.get(key), str):
            yield "name", raw[key]
    for key in ("synonyms", "brands"):
        for item in raw.get(key, ()):
            yield "synonym", item["name"]


def codes_of(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (system, code) of a record."""
    for item in raw.get("codes", ()):
        yield item["system"], item["code"]


class Match(NamedTuple, Generic[T]):
    """One search result: the record, a score from 0 to 100, and the name or code that matched."""

    record: T
    score: float
    matched: str

    @property
    def ref(self) -> str:
        """The record's reference (`treatment:zopiclone`)."""
        return reference(self.record)


def reference(record: Any) -> str:
    """The reference (`kind:id`) of a record (a read-only record, or its pydantic model)."""
    kind = getattr(type(record), "_kind", None)
    if kind is not None:
        return f"{kind}:{record.id}"
    from .models import KINDS, Strength

    if isinstance(record, Strength):
        return f"strength:{record.id}"
    kind = next(k for k, model in KINDS.items() if isinstance(record, model))
    return f"{kind}:{record.id}"


class RecordLookupError(LookupError):
    """A lookup that found no single record: `text` is what was asked, `candidates` the references to offer."""

    text: str
    candidates: list[str]


class AmbiguousLookupError(RecordLookupError):
    """More than one record answers to the text; `candidates` holds their references."""

    def __init__(self, text: str, candidates: list[str]) -> None:
        self.text, self.candidates = text, candidates
        super().__init__(f"'{text}' names {len(candidates)} records: {', '.join(candidates)}; "
                         "ask for one by its reference")


class NotFoundError(KeyError, RecordLookupError):
    """No record answers to the text (also a KeyError); `candidates` holds the closest references, best first."""

    def __init__(self, text: str, candidates: list[str], what: str = "record named") -> None:
        self.text, self.candidates = text, candidates
        hint = f"; did you mean {', '.join(candidates)}?" if candidates else ""
        super().__init__(f"no {what} '{text}'{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class Index:
    """Names and codes of every record of a dataset, by reference, built from plain data."""

    def __init__(self, raw: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
        self.names: dict[str, dict[str, set[str]]] = {"id": {}, "name": {}, "synonym": {}}
        self.codes: dict[tuple[str, str], list[str]] = {}
        self.choices: dict[str, list[tuple[str, str]]] = {}  # loose name -> (reference, name as written)
        for kind, records in raw.items():
            for rid, record in records.items():
                ref = f"{kind}:{rid}"
                self.names["id"].setdefault(rid, set()).add(ref)
                for tier, name in names_of(record):
                    self.names[tier].setdefault(normalize(name), set()).add(ref)
                    self.choices.setdefault(_loose(name), []).append((ref, name))
                for system, code in codes_of(record):
                    self.codes.setdefault((system, code.upper()), []).append(ref)
                for strength in record.get("strengths", ()):
                    self.names["id"].setdefault(strength["id"], set()).add(f"strength:{strength['id']}")

    def resolve(self, text: str) -> list[str]:
        """References answering to `text`, from the first tier that has any: id, preferred name, synonym, code."""
        key = normalize(text)
        for tier, probe in (("id", text.strip()), ("id", "-".join(_loose(text).split())), ("name", key),
                            ("synonym", key)):
            found = self.names[tier].get(probe)
            if found:
                return sorted(found)
        return sorted({ref for ref in self.by_code(None, text)})

    def by_code(self, system: str | None, code: str) -> list[str]:
        """References of records carrying `code` (in `system`, or in any system when it is None)."""
        wanted = code.strip().upper()
        if system is not None:
            return list(self.codes.get((system.lower(), wanted), ()))
        return [ref for (_, c), refs in self.codes.items() if c == wanted for ref in refs]

    def search(self, text: str, limit: int | None = 10, cutoff: float = 60) -> list[tuple[str, float, str]]:
        """(reference, score, matched name) ranked best first; typos are tolerated (rapidfuzz WRatio)."""
        from rapidfuzz import fuzz, process

        query = _loose(text)
        best: dict[str, tuple[float, str]] = {}

        def offer(ref: str, score: float, matched: str) -> None:
            if score > best.get(ref, (-1.0, ""))[0]:
                best[ref] = (score, matched)

        for ref in self.by_code(None, text):
            offer(ref, 100.0, text.strip().upper())
        for ref in self.names["id"].get("-".join(query.split()), ()):
            offer(ref, 100.0, ref)
        if query:
            for name, score, _ in process.extract(query, list(self.choices), scorer=fuzz.WRatio, limit=None,
                                                  score_cutoff=cutoff):
                for ref, written in self.choices[name]:
                    offer(ref, round(score, 1), written)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        return [(ref, score, matched) for ref, (score, matched) in ranked[:limit]]


def suggestions(index: Index, text: str, limit: int = 5) -> list[str]:
    """The closest references to `text`, for a "did you mean" hint."""
    return [ref for ref, _, _ in index.search(text, limit=limit)]


def one(index: Index, text: str, found: Iterable[str]) -> str:
    """The single reference in `found`; raise AmbiguousLookupError or NotFoundError otherwise."""
    refs = list(found)
    if len(refs) == 1:
        return refs[0]
    if refs:
        raise AmbiguousLookupError(text, refs)
    raise NotFoundError(text, suggestions(index, text))


__all__ = ["AmbiguousLookupError", "Index", "Match", "NotFoundError", "RecordLookupError", "normalize", "reference"]
