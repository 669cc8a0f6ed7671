"""What the checks across records need of one record, taken from its plain data (not from its model).

A validation run keeps an outline of each record (its id, references, claim ids and verdicts, strengths, the
few fields cross-record rules read) instead of the record, its parsed value and its positions: its memory grows
with what those rules need, not with the data. The walk follows the models' fields, so it finds exactly the
claims, spans and quantities the models define; where a problem needs a place, the file is read again.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import astuple, dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

from .models import KINDS, Claim, DoseAppropriateness, Exclusion, Fact, Judged, Note, Quantity, Span, Strength, Synonym

Path = tuple[str | int, ...]

REF = re.compile(r"^(source|condition|cause|treatment|strength|warning|claim):([a-z0-9]+(?:-[a-z0-9]+)*)$")
# A reference as a whole string value in JSON (the character before it and the `"id":` key are checked apart).
_REF_JSON = re.compile(rb'"(?=[cstw])((?:source|condition|cause|treatment|strength|warning|claim):[a-z0-9]+'
                       rb'(?:-[a-z0-9]+)*)"[,\]}]')
_ID_KEY = b'"id":'
_CLAIMS = (Claim, Note, Strength, DoseAppropriateness)
#: The verdict of a claim that states none.
DEFAULT_VERDICT: str = Judged.model_fields["verdict"].default.value


@dataclass(slots=True)
class SourceFacts:
    """What span checks need of a source record."""

    file_name: str
    sha256: str
    length: int
    articles: tuple[tuple[str, int, int], ...]  # (id, start, end)
    exclusions: tuple[tuple[int, int], ...]  # (start, end)


@dataclass(slots=True)
class Outline:
    """One valid record as the cross-record checks see it."""

    kind: str
    id: str
    refs: tuple[str, ...]  # distinct references outside `id` fields, in order of first use
    claims: tuple[tuple[str, str | None], ...]  # (claim id, verdict; None for a claim without one), in walk order
    same: tuple[tuple[int, int, str], ...] = ()  # (claim index, link index, other claim id) of `same_claim` links
    strengths: tuple[tuple[str, bool], ...] = ()  # (strength id, not marketed)
    parent: str | None = None
    treatment_kind: str | None = None
    classes: tuple[str, ...] = ()  # `drug_class` of each class membership
    applies_to: tuple[str, ...] = ()
    members: str | None = None
    partners: tuple[str, ...] = ()  # interaction partners
    source: SourceFacts | None = None

    def to_json(self) -> list[Any]:
        return list(astuple(self))

    @classmethod
    def from_json(cls, data: list[Any]) -> Outline:
        """An outline from `to_json`'s list (a cache entry); raises ValueError or TypeError when it is not one."""
        kind, rid, refs, claims, same, strengths, parent, tkind, classes, applies_to, members, partners, source = data
        facts = None
        if source is not None:
            name, sha, length, articles, exclusions = source
            facts = SourceFacts(name, sha, int(length), tuple((str(a), int(s), int(e)) for a, s, e in articles),
                                tuple((int(s), int(e)) for s, e in exclusions))
        return cls(str(kind), str(rid), tuple(map(_str, refs)), tuple((str(c), _opt(v)) for c, v in claims),
                   tuple((int(k), int(i), str(o)) for k, i, o in same), tuple((str(s), bool(n)) for s, n in strengths),
                   _opt(parent), _opt(tkind), tuple(map(str, classes)), tuple(map(str, applies_to)), _opt(members),
                   tuple(map(str, partners)), facts)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text; got {type(value).__name__}")
    return sys.intern(value)


def _opt(value: Any) -> str | None:
    return None if value is None else _str(value)


@dataclass(slots=True)
class Parts:
    """The places in one record that per-record checks look at, each with its path."""

    claims: list[tuple[Path, dict[str, Any], type[BaseModel]]] = field(default_factory=list)
    spans: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)
    exclusions: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)
    quantities: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)


@cache
def _children(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel]], ...]:
    """The fields of a model that hold models (or lists of them), with that model."""
    from .records import inner_model

    found = []
    for name, info in model.model_fields.items():
        inner = inner_model(info.annotation)
        if inner is not None:
            found.append((name, inner))
    return tuple(found)


@cache
def _role(model: type[BaseModel]) -> tuple[bool, str | None]:
    """Whether a model is a claim (a synonym is one when it has an id), and the `Parts` list its places go to."""
    place = next((name for name, kind in (("spans", Span), ("exclusions", Exclusion), ("quantities", Quantity))
                  if issubclass(model, kind)), None)
    return issubclass(model, _CLAIMS), place


def _visit(value: dict[str, Any], model: type[BaseModel], path: Path, parts: Parts) -> None:
    claim, place = _role(model)
    if claim or (model is Synonym and value.get("id") is not None):
        parts.claims.append((path, value, model))
    if place is not None:
        getattr(parts, place).append((path, value))
        return
    for name, child in _children(model):
        item = value.get(name)
        if type(item) is list:
            for i, entry in enumerate(item):
                if type(entry) is dict:
                    _visit(entry, child, (*path, name, i), parts)
        elif type(item) is dict:
            _visit(item, child, (*path, name), parts)


def parts(kind: str, data: dict[str, Any]) -> Parts:
    """The claims, spans, exclusions and quantities of a valid record's data, in the order of the model's fields."""
    found = Parts()
    _visit(data, KINDS[kind], (), found)
    return found


def references(json: bytes) -> tuple[str, ...]:
    """The distinct references (`kind:id` strings) in a record's JSON, except the values of `id` fields."""
    found: dict[str, None] = {}
    for match in _REF_JSON.finditer(json):
        start = match.start()
        if json[start - 1:start] in (b":", b",", b"[") and json[start - 5:start] != _ID_KEY:
            found.setdefault(sys.intern(match.group(1).decode()), None)
    return tuple(found)


def reference_paths(value: Any, ref: str, path: Path = ()) -> Iterator[Path]:
    """Every path in plain data where the string `ref` stands, except in `id` fields."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from reference_paths(item, ref, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from reference_paths(item, ref, (*path, i))
    elif value == ref and path[-1:] != ("id",):
        yield path


def _verdict(value: dict[str, Any], model: type[BaseModel]) -> str | None:
    return sys.intern(value.get("verdict", DEFAULT_VERDICT)) if issubclass(model, Judged) else None


def outline(kind: str, data: dict[str, Any], json: bytes, found: Parts) -> Outline:
    """The outline of a valid record from its data, its JSON and its parts."""
    claims = tuple((value["id"], _verdict(value, model)) for _, value, model in found.claims)
    same = tuple((k, i, other.removeprefix("claim:")) for k, (_, value, model) in enumerate(found.claims)
                 if issubclass(model, Fact) for i, other in enumerate(value.get("same_claim", ())))
    record = Outline(sys.intern(kind), data["id"], references(json), claims, same)
    if kind == "condition":
        record.parent = data.get("parent")
    elif kind == "treatment":
        record.treatment_kind = sys.intern(data["kind"])
        record.strengths = tuple((s["id"], s["marketed"] == "not-marketed") for s in data.get("strengths", ()))
        record.classes = tuple(sys.intern(m["drug_class"]) for m in data.get("classes", ()))
    elif kind == "warning":
        record.applies_to = tuple(map(sys.intern, data["applies_to"]))
        record.members = data.get("members")
        record.partners = tuple(sys.intern(i["partner"]) for i in data.get("interactions", ()))
    elif kind == "source":
        record.source = SourceFacts(data["file_name"], data["sha256"], data["length"],
                                    tuple((a["id"], a["start"], a["end"]) for a in data.get("articles", ())),
                                    tuple((e["start"], e["end"]) for e in data.get("exclusions", ())))
    return record
