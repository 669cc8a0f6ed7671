"""The dataset as flat, typed tables (shared by the CSV, Parquet and SQLite exports).

The tables are derived from the models, so no field is lost and an empty table still has typed columns:

- one table per record kind (`sources`, `conditions`, `causes`, `treatments`, `warnings`), nested single
  objects flattened into prefixed columns (`assessment_reliability`), the judgement (`stance`, `reading`,
  `verdict`, `note`, `basis`) last;
- one table per list of objects or names inside a kind (`cause_links`, `treatment_uses`, `strengths`,
  `warning_targets`, `condition_features`, ...), keyed by the record's id and the row's `path` in the record
  (`uses[2]`); rows of nested lists also carry `owner_path` (`brands[0]`);
- pooled tables for what every kind can have — `provenance` (spans and mentions), `synonyms`, `codes`,
  `quantities`, `populations`, `notes` — keyed by `record_kind`, `record_id`, `path` and `owner_path`, so
  `provenance.owner_path = treatment_uses.path` joins a use to its spans;
- `dataset`: one row with the name, version, notice and data licence.

Every table of claims has a `plain_fact` column, true only where the claim may be read as a plain fact (see
`common.plain_fact`); the `provenance` table names the claim each span supports and the source's sha256.

References (`condition:insomnia`) become `<field>_id` columns holding the id; a reference that may name
several kinds (`applies_to`) also gets a `<field>_kind` column.
"""

from __future__ import annotations

import enum
import functools
import inspect
import re
import types
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..models import FOLDERS, KINDS, Claim, Synonym
from .common import LICENCE, NAME, NOTICE, plain_fact, records_of

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

Value = str | int | float | bool | None

POOLED = {"provenance": "provenance", "mentions": "provenance", "synonyms": "synonyms", "codes": "codes",
          "quantities": "quantities", "populations": "populations", "notes": "notes"}
_TABLE_NAMES = {"strengths": "strengths", "applies_to": "warning_targets", "markets": "brand_markets"}
_ITEM_NAMES = {"effects": "effect", "interacting_substances": "substance", "populations": "population",
               "notes": "note", "markets": "market", "reasons": "reason", "applies_to": "target"}
_POOLED_DESCRIPTIONS = {
    "provenance": "Where the sources state each fact: spans [start, end) in Unicode code points of the source's "
                  "text (`field` is `provenance`, or `mentions` for places that name the record).",
    "synonyms": "Other names of records, as the sources spell them.",
    "codes": "Codes in standard terminologies (ICD-10-CM, ICD-11, MeSH, ATC).",
    "quantities": "Numbers the sources give, with their UCUM unit.",
    "populations": "Groups of people a fact or warning concerns.",
    "notes": "Curator's notes on records (curator knowledge).",
}
_JUDGEMENT = ("origin", "stance", "reading", "verdict", "note", "basis", "basis_document")
_REF_PATTERN = re.compile(r"^\^\(?([a-z|]+)\)?:")
ColumnType = Literal["string", "integer", "number", "boolean"]
_TYPES: dict[type, ColumnType] = {str: "string", int: "integer", float: "number", bool: "boolean"}


@dataclass(frozen=True, slots=True)
class Column:
    """A typed column; `enum` lists the allowed values of a closed vocabulary."""

    name: str
    type: ColumnType
    required: bool = True
    enum: tuple[str, ...] = ()
    description: str = ""


PLAIN_FACT = Column("plain_fact", "boolean", True, (), "True when the claim may be read as a plain fact: judged "
                    "supported, not negated by its source, not a contested use. False rows are claims only.")


@dataclass(frozen=True, slots=True)
class ForeignKey:
    column: str
    table: str
    target: str = "id"


@dataclass(slots=True)
class Table:
    """A table's schema and its rows (tuples in column order)."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    rows: list[tuple[Value, ...]] = field(default_factory=list)


# -- the plan: which attribute goes to which column of which table -------------------------------------------

@dataclass(frozen=True, slots=True)
class _Cell:
    """A scalar reached by `attrs` from the object; `part` splits a reference into its kind or id."""

    column: Column
    attrs: tuple[str, ...]
    part: Literal["value", "kind", "id", "plain_fact"] = "value"


@dataclass(frozen=True, slots=True)
class _Child:
    """A list field: its items go to `table`, as objects (`shape`) or as one scalar each (`item`)."""

    attrs: tuple[str, ...]
    table: str
    shape: _Shape | None
    item: tuple[_Cell, ...] = ()


@dataclass(frozen=True, slots=True)
class _Shape:
    cells: tuple[_Cell, ...]
    children: tuple[_Child, ...]


def _unwrap(annotation: Any) -> tuple[Any, bool, tuple[Any, ...]]:
    """(type, optional, metadata) of an annotation, with `X | None` and `Annotated` removed."""
    metadata: tuple[Any, ...] = ()
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata += tuple(extra)
        elif origin in (Union, types.UnionType) and type(None) in get_args(annotation):
            optional = True
            (annotation,) = [a for a in get_args(annotation) if a is not type(None)]
        else:
            return annotation, optional, metadata


def _ref_kinds(metadata: tuple[Any, ...]) -> list[str]:
    for item in metadata:
        match = _REF_PATTERN.match(getattr(item, "pattern", None) or "")
        if match:
            return match.group(1).split("|")
    return []


def _scalar_cells(name: str, annotation: Any, optional: bool, metadata: tuple[Any, ...], description: str,
                  attrs: tuple[str, ...]) -> list[_Cell]:
    kinds = _ref_kinds(metadata)
    if kinds:
        cells = [_Cell(Column(f"{name}_id", "string", not optional, (), description), attrs, "id")]
        if len(kinds) > 1:
            cells.insert(0, _Cell(Column(f"{name}_kind", "string", not optional, tuple(kinds)), attrs, "kind"))
        return cells
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        column = Column(name, "string", not optional, tuple(str(m.value) for m in annotation), description)
    elif get_origin(annotation) is Literal:
        column = Column(name, "string", not optional, tuple(str(a) for a in get_args(annotation)), description)
    else:
        column = Column(name, _TYPES[annotation], not optional, (), description)
    return [_Cell(column, attrs)]


def _shape(model: type[BaseModel], table: str, prefix: str = "", attrs: tuple[str, ...] = ()) -> _Shape:
    """How the fields of `model` (reached by `attrs`) map to columns of `table` and to child tables."""
    cells: list[_Cell] = []
    children: list[_Child] = []
    for name, info in sorted(model.model_fields.items(), key=lambda item: _rank(model, item[0])):
        annotation, optional, metadata = _unwrap(info.annotation)
        metadata += tuple(info.metadata)
        here = (*attrs, name)
        if get_origin(annotation) is list:
            children.append(_child(name, get_args(annotation)[0], table, prefix, here))
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested = _shape(annotation, table, f"{prefix}{name}_", here)
            cells += [_Cell(c.column if not optional else _optional(c.column), c.attrs, c.part) for c in nested.cells]
            children += nested.children
        else:
            cells += _scalar_cells(prefix + name, annotation, optional, metadata, info.description or "", here)
        if name == "id" and "verdict" in model.model_fields:
            cells.append(_Cell(PLAIN_FACT, attrs, "plain_fact"))
    return _Shape(tuple(cells), tuple(children))


def _rank(model: type[BaseModel], name: str) -> int:
    """Column order: `id`, the model's own fields, inherited ones (statement, stance), then the judgement."""
    if name == "id":
        return 0
    if name in _JUDGEMENT:
        return 3 + _JUDGEMENT.index(name)
    return 1 if name in inspect.get_annotations(model) else 2


def _optional(column: Column) -> Column:
    return Column(column.name, column.type, False, column.enum, column.description)


def _child(name: str, item_annotation: Any, parent: str, prefix: str, attrs: tuple[str, ...]) -> _Child:
    table = POOLED.get(name) or _TABLE_NAMES.get(name) or f"{parent}_{prefix}{name}"
    item, _, metadata = _unwrap(item_annotation)
    if isinstance(item, type) and issubclass(item, BaseModel):
        return _Child(attrs, table, _shape(item, table))
    return _Child(attrs, table, None, tuple(_scalar_cells(_ITEM_NAMES.get(name, "value"), item, False, metadata,
                                                           "", ())))


# -- table schemas ---------------------------------------------------------------------------------------

def _key_columns(table: str, kind: str | None, nested: bool) -> list[Column]:
    """Columns that place a child row: its record, its path, and where nested, its owner's path."""
    if table in _POOLED_DESCRIPTIONS:
        keys = [Column("record_kind", "string", True, tuple(KINDS)), Column("record_id", "string"),
                Column("owner_path", "string", False, (), "Path of the object it belongs to; empty for the record.")]
        if table == "provenance":
            keys += [Column("field", "string", True, ("provenance", "mentions")),
                     Column("claim_id", "string", False, (), "The claim the span supports; empty for a mention.")]
    else:
        keys = [Column(f"{kind}_id", "string")]
        if nested:
            keys.append(Column("owner_path", "string", True, (), "Path of the object it belongs to."))
    return [*keys, Column("path", "string", True, (), "Path of the row's item inside its record, e.g. `uses[2]`.")]


def _foreign_keys(columns: list[Column]) -> tuple[ForeignKey, ...]:
    tables = {kind: folder for kind, folder in FOLDERS.items()}
    tables["drug_class"] = "treatments"
    tables["parent"] = "conditions"
    tables["partner"] = "treatments"
    out = []
    for column in columns:
        base = column.name.removesuffix("_id")
        if column.name.endswith("_id") and f"{base}_kind" not in {c.name for c in columns} and base in tables:
            out.append(ForeignKey(column.name, tables[base]))
    return tuple(out)


@functools.cache
def _plan() -> tuple[dict[str, _Shape], dict[str, Table]]:
    """The shape of every record kind and the empty tables, in a stable order."""
    shapes = {kind: _shape(model, kind) for kind, model in KINDS.items()}
    tables: dict[str, Table] = {"dataset": Table("dataset", "The dataset: name, version, notice and data licence.", (
        Column("name", "string"), Column("version", "string"), Column("notice", "string"),
        Column("licence", "string", True, (), "SPDX id of the data licence."), Column("licence_url", "string")),
        ("name",))}
    pooled: dict[str, Table] = {}

    def add(child: _Child, kind: str, nested: bool) -> None:
        cells = child.shape.cells if child.shape else child.item
        columns = [*_key_columns(child.table, kind, nested), *(c.column for c in cells)]
        if child.table == "provenance":
            columns.append(Column("source_sha256", "string", True, (), "SHA-256 of the source text the span is in."))
        keys = ("record_kind", "record_id", "path") if child.table in _POOLED_DESCRIPTIONS else (
            ("id",) if any(c.name == "id" for c in columns) else (f"{kind}_id", "path"))
        table = Table(child.table, _POOLED_DESCRIPTIONS.get(child.table, f"Items of `{'.'.join(child.attrs)}` in "
                      f"{FOLDERS[kind]}."), tuple(columns), keys, _foreign_keys(columns))
        if child.table in _POOLED_DESCRIPTIONS:
            known = pooled.setdefault(child.table, table)
            assert [c.name for c in known.columns] == [c.name for c in table.columns], child.table
        else:
            tables[child.table] = table
        for grandchild in child.shape.children if child.shape else ():
            add(grandchild, kind, True)

    for kind, shape in shapes.items():
        columns = [c.column for c in shape.cells]
        tables[FOLDERS[kind]] = Table(FOLDERS[kind], f"One row per {kind} record.", tuple(columns), ("id",),
                                      tuple(fk for fk in _foreign_keys(columns) if fk.column != "id"))
        for child in shape.children:
            add(child, kind, len(child.attrs) > 1)
    tables.update(sorted(pooled.items(), key=lambda item: list(_POOLED_DESCRIPTIONS).index(item[0])))
    return shapes, tables


# -- rows ------------------------------------------------------------------------------------------------

def _value(obj: Any, cell: _Cell) -> Value:
    if cell.part == "plain_fact":
        return plain_fact(_get(obj, cell.attrs))
    for attr in cell.attrs:
        if obj is None:
            return None
        obj = getattr(obj, attr)
    if obj is None:
        return None
    if isinstance(obj, enum.Enum):
        obj = obj.value
    if cell.part != "value":
        kind, _, rid = str(obj).partition(":")
        return kind if cell.part == "kind" else rid
    return obj  # type: ignore[no-any-return]


def _get(obj: Any, attrs: tuple[str, ...]) -> Any:
    for attr in attrs:
        obj = getattr(obj, attr)
    return obj


def _claim_id(obj: Any) -> str | None:
    return obj.id if isinstance(obj, Claim) or (isinstance(obj, Synonym) and obj.id) else None


def _emit(tables: dict[str, Table], kind: str, rid: str, obj: Any, shape: _Shape, owner: str,
          hashes: dict[str, str]) -> None:
    """Rows of the child tables under `obj`, which sits at path `owner` in record `rid`."""
    for child in shape.children:
        table = tables[child.table]
        holder = ".".join(part for part in (owner, *child.attrs[:-1]) if part)
        name = child.attrs[-1]
        keys: tuple[Value, ...]
        if child.table in _POOLED_DESCRIPTIONS:
            keys = (kind, rid, holder or None)
            if child.table == "provenance":
                keys += (name, _claim_id(_get(obj, child.attrs[:-1])) if name == "provenance" else None)
        else:
            keys = (rid, holder) if holder else (rid,)
        cells = child.shape.cells if child.shape else child.item
        for i, item in enumerate(_get(obj, child.attrs)):
            path = f"{holder}.{name}[{i}]" if holder else f"{name}[{i}]"
            row = (*keys, path, *(_value(item, c) for c in cells))
            table.rows.append((*row, hashes[item.source]) if child.table == "provenance" else row)
            if child.shape:
                _emit(tables, kind, rid, item, child.shape, path, hashes)


def build(dataset: ValidatedDataset) -> list[Table]:
    """Every table of the dataset, rows in kind, id and document order."""
    shapes, empty = _plan()
    tables = {name: Table(t.name, t.description, t.columns, t.primary_key, t.foreign_keys) for name, t in
              empty.items()}
    tables["dataset"].rows.append((NAME, dataset.version, NOTICE, LICENCE["name"], LICENCE["path"]))
    hashes = {f"source:{sid}": source.sha256 for sid, source in dataset.sources.items()}
    for kind, rid, record in records_of(dataset):
        shape = shapes[kind]
        tables[FOLDERS[kind]].rows.append(tuple(_value(record, c) for c in shape.cells))
        _emit(tables, kind, rid, record, shape, "", hashes)
    return list(tables.values())

