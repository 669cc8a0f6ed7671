"""The loaded dataset: typed, immutable records by kind, lookups, and every relationship both ways."""

from __future__ import annotations

import gc
import json
import unicodedata
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._version import __version__
from .errors import DatasetError, did_you_mean

if TYPE_CHECKING:  # pydantic and the models load on the first record built, not on `import sleepdata`
    from pydantic import BaseModel

    from .models import Cause, CauseLink, Condition, Source, Strength, Treatment, Use, Warning

T = TypeVar("T", bound="BaseModel")

try:
    import orjson

    _loads: Any = orjson.loads
except ImportError:  # pragma: no cover - orjson is a dependency; stdlib json is the fallback
    _loads = json.loads


def normalize(text: str) -> str:
    """Case- and accent-insensitive form of a name, for lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'").split())  # noqa: RUF001


def _need_text(value: object, method: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{method}() takes a name as text; got {type(value).__name__} {value!r}")


def _names(raw: Mapping[str, Any]) -> Iterator[str]:
    for key in ("name", "inn"):
        if raw.get(key):
            yield raw[key]
    for item in raw.get("synonyms", ()):
        yield item["name"]
    for item in raw.get("brands", ()):
        yield item["name"]


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
        if not isinstance(items, list) or not all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in items):
            raise BundleError(f"{name}: records of kind {kind!r} are not a list of records with ids")
        records[kind] = {r["id"]: r for r in items}
    return records, version, None, retired


class Collection(Mapping[str, T], Generic[T]):
    """The records of one kind by id. `[id]` raises KeyError with a hint; `.get(id)` returns None."""

    def __init__(self, kind: str, raw: dict[str, dict[str, Any]], built: dict[str, T] | None = None,
                 retired: dict[str, str] | None = None) -> None:
        self.kind, self._raw = kind, raw
        self._model: type[T] | None = None
        self._retired = retired or {}
        self._built: dict[str, T] = dict(built or {})
        self._by_name: dict[str, list[str]] = {}
        for rid, record in raw.items():
            for name in {normalize(n) for n in _names(record)}:
                self._by_name.setdefault(name, []).append(rid)

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
            if self._model is None:
                from .models import KINDS

                self._model = KINDS[self.kind]  # type: ignore[assignment]
            assert self._model is not None
            record = self._built[rid] = self._model.model_validate(raw, strict=False)
        return record

    def get(self, key: str, default: Any = None) -> Any:
        """The record with this id, or `default` (None) when there is none (or `key` is not text)."""
        return self[key] if isinstance(key, str) and self._id(key) in self._raw else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._id(key) in self._raw

    def find(self, name: str) -> list[T]:
        """Records whose name, synonym, INN or brand is `name`, ignoring case and accents."""
        _need_text(name, "find")
        return [self[rid] for rid in self._by_name.get(normalize(name), ())]

    def search(self, text: str) -> list[T]:
        """Records with a name containing `text`, ignoring case and accents."""
        _need_text(text, "search")
        needle = normalize(text)
        hits = {rid for name, rids in self._by_name.items() if needle in name for rid in rids}
        return [self[rid] for rid in sorted(hits)]

    def raw(self, key: str) -> dict[str, Any]:
        """The record as plain JSON-ready data (its model is not built)."""
        rid = self._id(key)
        if rid not in self._raw:
            raise self._missing(rid)
        return self._raw[rid]

    def _missing(self, rid: str) -> KeyError:
        return KeyError(f"no {self.kind} '{rid}'{did_you_mean(rid, self._raw)}")


class Dataset:
    """Every record of a dataset, indexed. Build one with `load()`, `from_path()` or `from_bundle()`."""

    def __init__(self, raw: dict[str, dict[str, dict[str, Any]]], version: str = __version__,
                 built: dict[str, dict[str, BaseModel]] | None = None, retired: dict[str, str] | None = None) -> None:
        self.version = version
        self.retired = dict(retired or {})
        built = built or {}
        self.sources: Collection[Source] = self._collection("source", raw, built)
        self.conditions: Collection[Condition] = self._collection("condition", raw, built)
        self.causes: Collection[Cause] = self._collection("cause", raw, built)
        self.treatments: Collection[Treatment] = self._collection("treatment", raw, built)
        self.warnings: Collection[Warning] = self._collection("warning", raw, built)
        self._index(raw)

    def _collection(self, kind: str, raw: dict[str, dict[str, dict[str, Any]]],
                    built: dict[str, dict[str, BaseModel]]) -> Collection[Any]:
        prefix = f"{kind}:"
        retired = {old[len(prefix):]: new.split(":", 1)[1] for old, new in self.retired.items()
                   if old.startswith(prefix)}
        return Collection(kind, raw.get(kind, {}), built.get(kind), retired)

    def _index(self, raw: dict[str, dict[str, dict[str, Any]]]) -> None:
        self._children: dict[str, list[str]] = {}
        self._causes_of: dict[str, list[tuple[str, int]]] = {}
        self._treatments_for: dict[str, list[tuple[str, int]]] = {}
        self._warnings_for: dict[str, list[str]] = {}
        self._drug_of: dict[str, str] = {}
        for cid, condition in raw.get("condition", {}).items():
            if condition.get("parent"):
                self._children.setdefault(condition["parent"].split(":", 1)[1], []).append(cid)
        for cause_id, cause in raw.get("cause", {}).items():
            for i, link in enumerate(cause.get("links", ())):
                self._causes_of.setdefault(link["condition"].split(":", 1)[1], []).append((cause_id, i))
        for tid, treatment in raw.get("treatment", {}).items():
            for i, use in enumerate(treatment.get("uses", ())):
                self._treatments_for.setdefault(use["condition"].split(":", 1)[1], []).append((tid, i))
            for strength in treatment.get("strengths", ()):
                self._drug_of[strength["id"]] = tid
        for wid, warning in raw.get("warning", {}).items():
            for target in warning["applies_to"]:
                self._warnings_for.setdefault(target, []).append(wid)

    # -- construction -------------------------------------------------------------------------------

    @classmethod
    def from_bundle(cls, data: bytes | str | Path, name: str = "bundle") -> Dataset:
        """A dataset from a JSON bundle written by `sleepdata build` (records are not re-validated).

        Raises BundleError (a ValueError) naming what is wrong when the data is not such a bundle.
        """
        if isinstance(data, Path):
            name = str(data)
            try:
                data = data.read_bytes()
            except OSError as exc:
                raise BundleError(f"{name}: cannot read the bundle ({exc.strerror or exc})") from None
        enabled = gc.isenabled()
        gc.disable()
        try:
            bundle = _loads(data)
        except ValueError as exc:
            raise BundleError(f"{name}: not valid JSON (truncated or damaged?): {exc}") from None
        finally:
            if enabled:
                gc.enable()
        return cls(*_bundle_parts(bundle, name))

    @classmethod
    def from_path(cls, *paths: Path | str, sources_dir: Path | None = None) -> Dataset:
        """A dataset from YAML record directories or files, fully validated; raises DatasetError on any error."""
        from .validation import validate

        report = validate([Path(p) for p in paths], sources_dir)
        if not report.valid:
            raise DatasetError(report.problems)
        return cls.from_records([f.record for f in report.records], retired=report.retired)

    @classmethod
    def from_records(cls, records: list[BaseModel], version: str = __version__,
                     retired: dict[str, str] | None = None) -> Dataset:
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
        return {"source": self.sources, "condition": self.conditions, "cause": self.causes,
                "treatment": self.treatments, "warning": self.warnings}

    def __getitem__(self, ref: str) -> BaseModel:
        """Any record by reference (`condition:insomnia`), a strength included (`strength:zopiclone-7-5-mg`)."""
        kind, _, rid = ref.partition(":")
        if kind == "strength":
            return self.strength(rid)
        if kind not in self.collections:
            raise KeyError(f"unknown kind '{kind}'{did_you_mean(kind, [*self.collections, 'strength'])}")
        return self.collections[kind][rid]  # type: ignore[no-any-return]

    def extended(self, records: list[BaseModel], retired: dict[str, str] | None = None) -> Dataset:
        """This dataset plus validated `records`; models already built on either side are reused."""
        extra = Dataset.from_records(records, self.version, retired)
        raw = {kind: {**c._raw, **extra.collections[kind]._raw} for kind, c in self.collections.items()}
        built = {kind: {**c._built, **extra.collections[kind]._built} for kind, c in self.collections.items()}
        return Dataset(raw, self.version, built, {**self.retired, **extra.retired})

    def ids(self) -> dict[str, set[str]]:
        """Every id by reference prefix, strengths included."""
        ids = {kind: set(collection) for kind, collection in self.collections.items()}
        ids["strength"] = set(self._drug_of)
        return ids

    def find(self, name: str) -> list[BaseModel]:
        """Every record of any kind whose name or synonym is `name`."""
        _need_text(name, "find")
        return [record for c in self.collections.values() for record in c.find(name)]

    def strength(self, strength_id: str) -> Strength:
        sid = strength_id.removeprefix("strength:")
        tid = self._drug_of.get(sid)
        if tid is None:
            raise KeyError(f"no strength '{sid}'{did_you_mean(sid, self._drug_of)}")
        return next(s for s in self.treatments[tid].strengths if s.id == sid)

    # -- relationships, both ways --------------------------------------------------------------------

    def children(self, condition: str) -> list[Condition]:
        return [self.conditions[c] for c in self._children.get(self.conditions[condition].id, ())]

    def parent(self, condition: str) -> Condition | None:
        parent = self.conditions[condition].parent
        return self.conditions[parent] if parent else None

    def causes_of(self, condition: str) -> list[tuple[Cause, CauseLink]]:
        out = []
        for cause_id, i in self._causes_of.get(self.conditions[condition].id, ()):
            cause = self.causes[cause_id]
            out.append((cause, cause.links[i]))
        return out

    def conditions_caused_by(self, cause: str) -> list[tuple[Condition, CauseLink]]:
        return [(self.conditions[link.condition], link) for link in self.causes[cause].links]

    def treatments_for(self, condition: str) -> list[tuple[Treatment, Use]]:
        out = []
        for tid, i in self._treatments_for.get(self.conditions[condition].id, ()):
            treatment = self.treatments[tid]
            out.append((treatment, treatment.uses[i]))
        return out

    def conditions_treated_by(self, treatment: str) -> list[tuple[Condition, Use]]:
        return [(self.conditions[use.condition], use) for use in self.treatments[treatment].uses]

    def warnings_for(self, target: str) -> list[Warning]:
        """Warnings of a treatment (`treatment:…`, with those of its strengths) or of one strength."""
        if target.startswith("strength:"):
            return [self.warnings[w] for w in self._warnings_for.get(target, ())]
        treatment = self.treatments[target]
        refs = [f"treatment:{treatment.id}", *(f"strength:{s.id}" for s in treatment.strengths)]
        seen = dict.fromkeys(w for ref in refs for w in self._warnings_for.get(ref, ()))
        return [self.warnings[w] for w in seen]

    def drug_of(self, strength: str) -> Treatment:
        sid = strength.removeprefix("strength:")
        self.strength(sid)
        return self.treatments[self._drug_of[sid]]

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(c)} {kind}s" for kind, c in self.collections.items())
        return f"<Dataset {self.version}: {counts}>"
