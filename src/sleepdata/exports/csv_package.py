"""CSV export: every table as a CSV file, described by a Frictionless Data Package (`datapackage.json`).

A text cell that a spreadsheet would read as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
return) is written with a leading single quote, as OWASP advises for CSV injection; numbers are left alone.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from . import tables
from .common import NAME, NOTICE, finite, to_json, write_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: tables.Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(finite(value))


CSV_NOTE = ("A text cell that begins with =, +, -, @, a tab or a carriage return carries a leading single quote "
            "(spreadsheet formula injection guard); remove it to get the original text.")


def _csv(table: tables.Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([_cell(v) for v in row] for row in table.rows)
    return buffer.getvalue()


def _field(column: tables.Column) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": True} if column.required else {}
    if column.enum:
        constraints["enum"] = list(column.enum)
    out: dict[str, Any] = {"name": column.name, "type": column.type}
    if column.description:
        out["description"] = column.description
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: tables.Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(c) for c in table.columns], "missingValues": [""],
                              "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": fk.column, "reference": {"resource": fk.table, "fields": fk.target}}
                                 for fk in table.foreign_keys]
    return {"name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource",
            "description": table.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema}


def descriptor(dataset: Dataset, built: list[tables.Table]) -> dict[str, Any]:
    """The Data Package descriptor: name, version, notice, and a Table Schema per file."""
    return {"profile": "tabular-data-package", "name": NAME, "title": "sleepdata: sleep-related conditions, causes, "
            "treatments, drug strengths and warnings", "version": dataset.version,
            "description": f"{NOTICE} {CSV_NOTE}",
            "resources": [_resource(t) for t in built]}


def export(dataset: Dataset, out: Path) -> list[Path]:
    built = tables.build(dataset)
    written = [write_text(out / f"{t.name}.csv", _csv(t)) for t in built]
    written.append(write_text(out / "datapackage.json", to_json(descriptor(dataset, built), indent=2) + "\n"))
    return written
