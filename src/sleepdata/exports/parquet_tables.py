"""Parquet export: the same tables as the CSV export, one Parquet file each, for DuckDB, pandas and Spark.

Each file's key-value metadata carries `sleepdata.version` and `sleepdata.notice`; column descriptions and
allowed values travel as field metadata; `sleepdata.licence` and `sleepdata.sources` (JSON) say under which
licence and from which documents. Needs pyarrow (`pip install "sleepdata[parquet]"`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import tables
from .common import LICENCE, NAME, NOTICE, finite, sources, to_json, write_atomic

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset


def _pyarrow() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped]
        import pyarrow.parquet  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError('the parquet export needs pyarrow: pip install "sleepdata[parquet]"') from None
    return pyarrow


def _arrow_table(pa: Any, table: tables.Table, dataset: ValidatedDataset) -> Any:
    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    fields = []
    for column in table.columns:
        meta = {"description": column.description} if column.description else {}
        if column.enum:
            meta["enum"] = to_json(list(column.enum))
        fields.append(pa.field(column.name, types[column.type], nullable=not column.required, metadata=meta or None))
    metadata = {"sleepdata.name": NAME, "sleepdata.version": dataset.version, "sleepdata.notice": NOTICE,
                "sleepdata.licence": to_json(LICENCE), "sleepdata.sources": to_json(sources(dataset)),
                "sleepdata.table": table.name, "sleepdata.primary_key": to_json(list(table.primary_key))}
    schema = pa.schema(fields, metadata=metadata)
    columns = [[finite(row[i]) for row in table.rows] for i in range(len(table.columns))]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, fields, strict=True)],
                                schema=schema)


def export(dataset: ValidatedDataset, out: Path) -> list[Path]:
    pa = _pyarrow()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables.build(dataset):
        arrow = _arrow_table(pa, table, dataset)

        def fill(path: Path, arrow: Any = arrow) -> None:
            pa.parquet.write_table(arrow, path, compression="zstd")

        written.append(write_atomic(out / f"{table.name}.parquet", fill))
    return written
