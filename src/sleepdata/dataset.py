"""The loaded dataset: typed, immutable records by kind, lookups, and every relationship both ways."""

from __future__ import annotations

import gc
import json
import warnings
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeAlias, TypeVar, cast, overload

from ._version import __version__

if TYPE_CHECKING:  # the record classes and the lookup index load when first used, not on `import sleepdata`
    from pydantic import BaseModel

    from . import lookup as _lookup
    from .lookup import Match
    from .typed import Cause, CauseLink, Condition, Diagnostic, Source, Strength, Treatment, Use, Warning
    from .validated_view import ValidatedDataset

T = TypeVar("T")
D = TypeVar("D")
R = TypeVar("R")
C = TypeVar("C")
F = TypeVar("F")

#: Any record `Dataset[...]`, `lookup()` or `search()` can return.
AnyRecord: TypeAlias = "Source | Condition | Cause | Treatment | Warning | Strength"


class Related(NamedTuple, Generic[R, C]):
    """A related record with every claim that ties it to the record asked about (one entry per record)."""

    record: R
    claims: tuple[C, ...]

#: From this size on a bundle is parsed by orjson (and its digest taken by OpenSSL): below it the standard
#: library wins, as importing orjson costs 4-5 ms and 3.5 MB of memory and saves about 3 ms per MB parsed
#: (measured on our bundle, 0.9 MB).
LARGE_BUNDLE = 2 * 1024 * 1024


def _loads(data: bytes | str) -> Any:
    if len(data) >= LARGE_BUNDLE:
        try:
            import orjson
        except ImportError:  # pragma: no cover - orjson is a dependency; the standard library is the fallback
            pass
        else:
            return orjson.loads(data)
    return json.loads(data)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`errors.did_you_mean`, imported only when a name is wrong."""
    from .errors import did_you_mean as hint

    return hint(word, choices)


def _need_text(value: object, method: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{method}() takes a name as text; got {type(value).__name__} {value!r}")


class BundleError(ValueError):
    """A file or text that is not a readable sleepdata bundle."""


def _bundle_parts(bundle: Any, name: str) -> tuple[dict[str, dict[str, dict[str, Any]]], str, None, dict[str, str]]:
    """Records by kind and id, version and retired ids of a parsed bundle; BundleError when its shape is wrong."""
    if not isinstance(bundle, dict) or not isinstance(bundle.get("records"), dict):
        raise BundleError(f"{name}: not a sleepdata bundle (no 'records' mapping)")
    version, retired = bundle.get("version"), bundle.get("retired") or {}
    if not isinstance(version, str) or not isinstance(retired, dict):
        raise BundleError(f"{name}: not a sleepdata bundle (expected a 'version' string and a 'retired' mapping)")
    records: dict[str, dict[str, dict[str, Any]]] = {}
    for kind, items in bundle["records"].items():
        try:  # one pass builds the index and finds most damage; the ids are checked after
            by_id = {r["id"]: r for r in items} if isinstance(items, list) else None
        except (TypeError, KeyError, IndexError):
            by_id = None
        if by_id is None or not all(isinstance(rid, str) for rid in by_id) or \
                not all(isinstance(r, dict) for r in by_id.values()):
            raise BundleError(f"{name}: records of kind {kind!r} are not a list of records with ids")
        records[kind] = by_id
    return records, version, None, retired


class Collection(Mapping[str, T], Generic[T]):
    """The records of one kind by id, read-only. `[id]` raises KeyError with a hint; `.get(id)` returns None.

    Records are read-only typed objects (`sleepdata.typed`), built on first access; in a dataset from
    `Dataset.validated()`, they are the pydantic models (`sleepdata.models`).
    """

    def __init__(self, kind: str, raw: dict[str, dict[str, Any]], built: dict[str, BaseModel] | None = None,
                 retired: dict[str, str] | None = None, validated: bool = False) -> None:
        self.kind, self._raw = kind, raw
        self._retired = retired or {}
        self._validated = validated
        self._built: dict[str, T] = {}
        self._make: Any = None
        if validated:  # pydantic models: frozen, with the short repr; those built elsewhere are reused
            from . import record_repr
            from .frozen import freeze
            from .models import KINDS, Strength

            record_repr.install(*KINDS.values(), Strength)
            model = KINDS[kind]
            self._make = lambda data: freeze(model.model_validate(data, strict=False))
            self._built = {rid: freeze(record) for rid, record in (built or {}).items()}  # type: ignore[misc]

    @cached_property
    def _index(self) -> _lookup.Index:
        from .lookup import Index

        return Index({self.kind: self._raw})

    def __repr__(self) -> str:
        return f"<Collection of {len(self)} {self.kind}s>"

    def _id(self, key: str) -> str:
        prefix = f"{self.kind}:"
        rid = key[len(prefix):] if key.startswith(prefix) else key
        if rid not in self._raw and rid in self._retired:
            new = self._retired[rid]
            warnings.warn(f"{self.kind}:{rid} is retired; use {self.kind}:{new}", DeprecationWarning, stacklevel=3)
            return new
        return rid

    def __getitem__(self, key: str) -> T:
        rid = self._id(key)
        record = self._built.get(rid)
        if record is None:
            raw = self._raw.get(rid)
            if raw is None:
                raise self._missing(rid)
            if self._make is None:
                from .typed import KINDS  # the first record imports the record classes

                self._make = KINDS[self.kind]
            # setdefault: when two threads build the same record, both get the one that was stored first
            record = self._built.setdefault(rid, self._make(raw))
        return record

    @overload
    def get(self, key: str, default: None = None) -> T | None: ...
    @overload
    def get(self, key: str, default: D) -> T | D: ...

    def get(self, key: str, default: object = None) -> object:
        """The record with this id (or reference), or `default` (None) when there is none."""
        return self[key] if isinstance(key, str) and self._id(key) in self._raw else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._id(key) in self._raw

    def find(self, name: str) -> list[T]:
        """Records whose name, synonym, INN or brand is `name`, ignoring case and accents."""
        from .lookup import normalize

        _need_text(name, "find")
        key = normalize(name)
        refs = self._index.names["name"].get(key, set()) | self._index.names["synonym"].get(key, set())
        return [self[ref] for ref in sorted(refs)]

    def lookup(self, text: str) -> T:
        """The one record of this kind answering to `text`: a reference, id, name, synonym, brand or code.

        Raises LookupError (`AmbiguousLookupError` or `NotFoundError`) listing the candidates.
        """
        from .lookup import one

        return self[one(self._index, text, self._index.resolve(text))]

    def search(self, text: str, limit: int | None = 10) -> list[Match[T]]:
        """Records ranked by how well one of their names matches `text` (typos tolerated), best first."""
        from .lookup import Match

        _need_text(text, "search")
        return [Match(self[ref], score, matched) for ref, score, matched in self._index.search(text, limit)]

    def by_code(self, system: str, code: str) -> list[T]:
        """Records carrying `code` in `system` (`icd-10-cm`, `atc`, `mesh`, `icd-11`)."""
        return [self[ref] for ref in self._index.by_code(system, code)]

    def raw(self, key: str) -> dict[str, Any]:
        """A copy of the record as plain JSON-ready data (its model is not built)."""
        rid = self._id(key)
        if rid not in self._raw:
            raise self._missing(rid)
        import copy

        return copy.deepcopy(self._raw[rid])

    def _missing(self, rid: str) -> KeyError:
        from .lookup import NotFoundError, suggestions

        return NotFoundError(rid, suggestions(self._index, rid, 3), what=self.kind)


class Dataset:
    """Every record of a dataset, indexed. Build one with `load()`, `from_path()` or `from_bundle()`."""

    def __init__(self, raw: dict[str, dict[str, dict[str, Any]]], version: str = __version__,
                 built: dict[str, dict[str, BaseModel]] | None = None, retired: dict[str, str] | None = None,
                 validated: bool = False) -> None:
        self.version = version
        self.retired = dict(retired or {})
        self._raw, self._models, self._validated = raw, built or {}, validated
        self._as_models: Dataset | None = self if validated else None
        self.sources: Collection[Source] = self._collection("source")
        self.conditions: Collection[Condition] = self._collection("condition")
        self.causes: Collection[Cause] = self._collection("cause")
        self.treatments: Collection[Treatment] = self._collection("treatment")
        self.warnings: Collection[Warning] = self._collection("warning")
        self._claims: dict[str, tuple[str, str]] | None = None

    def _collection(self, kind: str) -> Collection[Any]:
        prefix = f"{kind}:"
        retired = {old[len(prefix):]: new.split(":", 1)[1] for old, new in self.retired.items()
                   if old.startswith(prefix)}
        return Collection(kind, self._raw.get(kind, {}), self._models.get(kind), retired, self._validated)

    def validated(self) -> ValidatedDataset:
        """The same dataset with every record as its pydantic model (`sleepdata.models`), validated again when
        first asked for: for code that needs pydantic's API (`model_dump`, `model_json_schema`, …)."""
        if self._as_models is None:
            self._as_models = Dataset(self._raw, self.version, self._models, self.retired, validated=True)
        return cast("ValidatedDataset", self._as_models)

    # The reverse indexes of the relationships, each built when first asked for: `load()` reads the bundle and
    # nothing more. (Built twice by two threads at once, the later one is kept: the two are equal.)

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for cid, condition in self.conditions._raw.items():
            if condition.get("parent"):
                children.setdefault(condition["parent"].split(":", 1)[1], []).append(cid)
        return children

    @cached_property
    def _causes_of(self) -> dict[str, list[tuple[str, int]]]:
        causes_of: dict[str, list[tuple[str, int]]] = {}
        for cause_id, cause in self.causes._raw.items():
            for i, link in enumerate(cause.get("links", ())):
                causes_of.setdefault(link["condition"].split(":", 1)[1], []).append((cause_id, i))
        return causes_of

    @cached_property
    def _treatments_for(self) -> dict[str, list[tuple[str, int]]]:
        treatments_for: dict[str, list[tuple[str, int]]] = {}
        for tid, treatment in self.treatments._raw.items():
            for i, use in enumerate(treatment.get("uses", ())):
                treatments_for.setdefault(use["condition"].split(":", 1)[1], []).append((tid, i))
        return treatments_for

    @cached_property
    def _drug_of(self) -> dict[str, str]:
        return {strength["id"]: tid for tid, treatment in self.treatments._raw.items()
                for strength in treatment.get("strengths", ())}

    @cached_property
    def _warnings_for(self) -> dict[str, list[str]]:
        warnings_for: dict[str, list[str]] = {}
        for wid, warning in self.warnings._raw.items():
            for target in warning["applies_to"]:
                warnings_for.setdefault(target, []).append(wid)
        return warnings_for

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def from_bundle(cls, data: bytes | str | Path, name: str = "bundle") -> Dataset:
        """A dataset from a JSON bundle written by `sleepdata build` (records are not re-validated).

        What the process holds at the end is moved out of the garbage collector's passes (`gc.freeze()`, undone
        by `gc.unfreeze()`): the parsed tree has no reference cycles, and walking it again and again would cost
        more than parsing it. Raises BundleError (a ValueError) naming what is wrong when the data is not such a bundle.
        """
        if isinstance(data, Path):
            name = str(data)
            try:
                data = data.read_bytes()
            except OSError as exc:
                raise BundleError(f"{name}: cannot read the bundle ({exc.strerror or exc})") from None
        # The collector is paused while the tree is built, and the tree is then frozen out of its passes
        # (`gc.freeze`): nothing in it refers to itself, so a pass could only walk millions of containers for
        # nothing, as the next passes after re-enabling it would (longer than the parse, at 100,000 records).
        # Frozen objects are still freed when no longer referred to.
        enabled = gc.isenabled()
        gc.disable()
        try:
            try:
                bundle = _loads(data)
            except ValueError as exc:
                raise BundleError(f"{name}: not valid JSON (truncated or damaged?): {exc}") from None
            dataset = cls(*_bundle_parts(bundle, name))
            if enabled:
                gc.freeze()
            return dataset
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def from_path(cls, *paths: Path | str, sources_dir: Path | None = None) -> Dataset:
        """A dataset from YAML record directories or files, fully validated; raises DatasetError on any error.

        A dataset whose references reach into the installed one is an extension: the result is the installed
        dataset with its records added (as `load(extra=...)` gives), and reusing one of our ids is an error.
        """
        from .context import validate_in_context
        from .errors import DatasetError

        report = validate_in_context([Path(p) for p in paths], sources_dir)
        if not report.valid:
            raise DatasetError(report.problems)
        records = [f.record for f in report.records]
        if report.extends:
            from .loading import load

            return load().extended(records, report.retired)
        return cls.from_records(records, retired=report.retired)

    @classmethod
    def from_records(cls, records: list[BaseModel], version: str = __version__,
                     retired: dict[str, str] | None = None) -> Dataset:
        """A dataset from already validated record models (as `validate` returns them)."""
        from .models import KINDS

        raw: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KINDS}
        built: dict[str, dict[str, BaseModel]] = {kind: {} for kind in KINDS}
        kind_of = {model: kind for kind, model in KINDS.items()}
        for record in records:
            kind = kind_of[type(record)]
            rid = record.id  # type: ignore[attr-defined]
            raw[kind][rid] = record.model_dump(mode="json")
            built[kind][rid] = record
        return cls(raw, version, built, retired)

    # -- lookups ------------------------------------------------------------------------------------

    @property
    def collections(self) -> dict[str, Collection[Any]]:
        """The five collections by kind (`source`, `condition`, `cause`, `treatment`, `warning`)."""
        return {"source": self.sources, "condition": self.conditions, "cause": self.causes,
                "treatment": self.treatments, "warning": self.warnings}

    @cached_property
    def _lookup_index(self) -> _lookup.Index:
        from .lookup import Index

        return Index({kind: c._raw for kind, c in self.collections.items()})

    def __getitem__(self, ref: str) -> AnyRecord:
        """Any record by reference (`condition:insomnia`), a strength included (`strength:zopiclone-7-5-mg`)."""
        kind, _, rid = ref.partition(":")
        if kind == "strength":
            return self.strength(rid)
        if kind not in self.collections:
            raise KeyError(f"unknown kind '{kind}'{did_you_mean(kind, [*self.collections, 'strength'])}")
        record: AnyRecord = self.collections[kind][rid]
        return record

    def lookup(self, text: str) -> AnyRecord:
        """The one record answering to `text`: a reference, an id, a name, a synonym, a brand or a code.

        Tried in that order; the first kind of match that finds anything decides. Raises LookupError
        (`AmbiguousLookupError` when several records answer, `NotFoundError` when none does), with the
        candidates' references in `.candidates`.
        """
        if ":" in text and text.partition(":")[0] in (*self.collections, "strength"):
            return self[text.strip()]
        index = self._lookup_index
        from .lookup import one

        return self[one(index, text, index.resolve(text))]

    def search(self, text: str, limit: int | None = 10, kinds: tuple[str, ...] | None = None) -> list[Match[AnyRecord]]:
        """Records ranked by how well a name, synonym, brand, id or code matches `text`, typos tolerated.

        Each `Match` has the record, a score (0-100) and the name that matched; `kinds` narrows the kinds.
        """
        hits = self._lookup_index.search(text, limit=None)
        chosen = [h for h in hits if kinds is None or h[0].partition(":")[0] in kinds][:limit]
        from .lookup import Match

        return [Match(self[ref], score, matched) for ref, score, matched in chosen]

    def by_code(self, system: str, code: str) -> list[AnyRecord]:
        """Records carrying `code` in `system` (`icd-10-cm`, `icd-11`, `mesh`, `atc`), e.g. `("atc", "N05CF01")`."""
        return [self[ref] for ref in self._lookup_index.by_code(system, code)]

    def extended(self, records: list[BaseModel], retired: dict[str, str] | None = None) -> Dataset:
        """This dataset plus validated `records`; models already built on either side are reused."""
        extra = Dataset.from_records(records, self.version, retired)
        raw = {kind: {**c._raw, **extra.collections[kind]._raw} for kind, c in self.collections.items()}
        built = {kind: {**self._models.get(kind, {}), **extra._models.get(kind, {})} for kind in self.collections}
        return Dataset(raw, self.version, built, {**self.retired, **extra.retired}, self._validated)

    def ids(self) -> dict[str, set[str]]:
        """Every id by reference prefix, strengths included."""
        ids = {kind: set(collection) for kind, collection in self.collections.items()}
        ids["strength"] = set(self._drug_of)
        return ids

    def find(self, name: str) -> list[AnyRecord]:
        """Every record of any kind whose name, synonym, INN or brand is `name` (case and accents ignored)."""
        _need_text(name, "find")
        return [record for c in self.collections.values() for record in c.find(name)]

    def strength(self, strength_id: str) -> Strength:
        """A drug strength by id (`zopiclone-7-5-mg` or `strength:zopiclone-7-5-mg`)."""
        sid = strength_id.removeprefix("strength:")
        tid = self._drug_of.get(sid)
        if tid is None:
            raise KeyError(f"no strength '{sid}'{did_you_mean(sid, self._drug_of)}")
        return next(s for s in self.treatments[tid].strengths if s.id == sid)

    # -- relationships, both ways, one entry per related record --------------------------------------

    def children(self, condition: str) -> list[Condition]:
        """The direct subtypes of a condition."""
        return [self.conditions[c] for c in self._children.get(self.conditions[condition].id, ())]

    def subtypes(self, condition: str) -> list[Condition]:
        """Every subtype of a condition, however deep, parents before their children."""
        out: list[Condition] = []
        todo = self.children(condition)
        while todo:
            child = todo.pop(0)
            out.append(child)
            todo.extend(self.children(child.id))
        return out

    def parent(self, condition: str) -> Condition | None:
        """The broader condition this one is a kind of, if any."""
        parent = self.conditions[condition].parent
        return self.conditions[parent] if parent else None

    def _claims_about(self, condition: str, include_subtypes: bool,
                      index: dict[str, list[tuple[str, int]]]) -> dict[str, list[int]]:
        """Record id -> positions of its claims about the condition (and its subtypes), from a reverse index."""
        root = self.conditions[condition].id
        scope = [root, *(c.id for c in self.subtypes(root))] if include_subtypes else [root]
        grouped: dict[str, list[int]] = {}
        for cid in scope:
            for rid, i in index.get(cid, ()):
                grouped.setdefault(rid, []).append(i)
        return grouped

    def causes_of(self, condition: str, include_subtypes: bool = False) -> list[Related[Cause, CauseLink]]:
        """Each cause of a condition with its links to it (and, with `include_subtypes`, to its subtypes)."""
        grouped = self._claims_about(condition, include_subtypes, self._causes_of)
        return [Related(c, tuple(c.links[i] for i in sorted(at))) for c, at in
                ((self.causes[rid], at) for rid, at in grouped.items())]

    def treatments_for(self, condition: str, include_subtypes: bool = False) -> list[Related[Treatment, Use]]:
        """Each treatment of a condition with its uses for it (and, with `include_subtypes`, for its subtypes)."""
        grouped = self._claims_about(condition, include_subtypes, self._treatments_for)
        return [Related(t, tuple(t.uses[i] for i in sorted(at))) for t, at in
                ((self.treatments[rid], at) for rid, at in grouped.items())]

    def conditions_caused_by(self, cause: str) -> list[Related[Condition, CauseLink]]:
        """Each condition a cause is tied to, with the links that tie it."""
        return self._by_condition(self.causes[cause].links)

    def conditions_treated_by(self, treatment: str) -> list[Related[Condition, Use]]:
        """Each condition a treatment is said to treat, with those uses."""
        return self._by_condition(self.treatments[treatment].uses)

    def _by_condition(self, claims: Iterable[F]) -> list[Related[Condition, F]]:
        grouped: dict[str, list[F]] = {}
        for claim in claims:
            grouped.setdefault(claim.condition, []).append(claim)  # type: ignore[attr-defined]
        return [Related(self.conditions[ref], tuple(found)) for ref, found in grouped.items()]

    def warnings_for(self, target: str, include_classes: bool = True) -> list[Warning]:
        """Warnings of a treatment (with those of its strengths and, unless `include_classes` is false, those of
        its drug classes that reach all or some members), of one strength, or of a condition (red flags)."""
        if target.startswith(("strength:", "condition:")):
            return [self.warnings[w] for w in self._warnings_for.get(target, ())]
        treatment = self.treatments[target]
        refs = [f"treatment:{treatment.id}", *(f"strength:{s.id}" for s in treatment.strengths)]
        seen = dict.fromkeys(w for ref in refs for w in self._warnings_for.get(ref, ()))
        if include_classes:
            from .vocabulary import Members

            for drug_class in self.classes_of(treatment.id):
                for w in self._warnings_for.get(f"treatment:{drug_class.id}", ()):
                    if self.warnings[w].members in (Members.ALL, Members.SOME):  # not class-only
                        seen.setdefault(w)
        return [self.warnings[w] for w in seen]

    def classes_of(self, treatment: str) -> list[Treatment]:
        """The drug classes a treatment belongs to, however broad, nearest first."""
        out: dict[str, Treatment] = {}
        todo = [self.treatments[treatment]]
        while todo:
            for membership in todo.pop(0).classes:
                parent = self.treatments[membership.drug_class]
                if parent.id not in out:
                    out[parent.id] = parent
                    todo.append(parent)
        return list(out.values())

    def members_of(self, drug_class: str) -> list[Treatment]:
        """The treatments (drugs and narrower classes) that belong to a class, however deep."""
        root = self.treatments[drug_class].id
        return [t for t in self.treatments.values() if any(c.id == root for c in self.classes_of(t.id))]

    def diagnostics_for(self, condition: str) -> list[Diagnostic]:
        """The diagnostic steps the sources name for a condition."""
        return list(self.conditions[condition].diagnostics)

    def conditions_diagnosed_by(self, test: str) -> list[Related[Condition, Diagnostic]]:
        """Each condition with the diagnostic steps whose test name contains `test` (case and accents ignored)."""
        from .lookup import normalize

        wanted = normalize(test)
        out = []
        for condition in self.conditions.values():
            found = tuple(d for d in condition.diagnostics if wanted in normalize(d.test))
            if found:
                out.append(Related(condition, found))
        return out

    def claim(self, claim_id: str) -> tuple[AnyRecord, Any]:
        """The record holding a claim and the claim itself, by claim id (`claim:` prefix optional)."""
        import re

        from .claim_data import raw_claims

        cid = claim_id.removeprefix("claim:")
        if self._claims is None:
            self._claims = {}
            for kind, collection in self.collections.items():
                for rid, raw in collection._raw.items():  # read only: `raw()` would copy every record
                    for found, path, _ in raw_claims(raw):
                        self._claims.setdefault(found, (f"{kind}:{rid}", path))
        if cid not in self._claims:
            raise KeyError(f"no claim '{cid}'{did_you_mean(cid, self._claims)}")
        ref, path = self._claims[cid]
        record = self[ref]
        claim: Any = record
        for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):  # `uses[0]`, `strengths[1].doses[0]`
            claim = claim[int(index)] if index else getattr(claim, name)
        return record, claim

    def drug_of(self, strength: str) -> Treatment:
        """The treatment a strength belongs to."""
        sid = strength.removeprefix("strength:")
        self.strength(sid)
        return self.treatments[self._drug_of[sid]]

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(c)} {kind}s" for kind, c in self.collections.items())
        return f"<Dataset {self.version}: {counts}>"
