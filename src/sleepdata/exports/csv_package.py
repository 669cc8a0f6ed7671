"""CSV export: every table as a CSV file, described by a Frictionless Data Package (`datapackage.json`).

A text cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
return) is written with a leading apostrophe, as the OWASP guidance on CSV injection recommends, and so is a
cell that starts with an apostrophe, so that removing one leading apostrophe always restores the value; the
package descriptor says so (`sleepdata:csvFormulaNeutralisation`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import tables
from .common import LICENCE, NAME, NOTICE, finite, sources, to_json, write_text

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISATION = ("Text cells that begin with =, +, -, @, a tab or a carriage return carry a leading apostrophe (') "
                  "so that no spreadsheet runs them as a formula (OWASP, CSV injection); so does a text cell that "
                  "itself begins with an apostrophe, so the rule can be undone: remove one leading apostrophe "
                  "from any text cell that begins with one to get the value. Numbers are never changed.")


def neutralise(text: str) -> str:
    """The text, with a leading apostrophe when a spreadsheet would take it for a formula (or when it begins
    with an apostrophe already, so that stripping one apostrophe always gives the value back)."""
    return f"'{text}" if text.startswith((*FORMULA_STARTS, "'")) else text


def _cell(value: tables.Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return str(finite(value))


def _csv(table: tables.Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180; a CR inside a cell is then quoted
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


def descriptor(dataset: ValidatedDataset, built: list[tables.Table]) -> dict[str, Any]:
    """The Data Package descriptor: name, version, notice, licence, sources, and a Table Schema per file."""
    return {"profile": "tabular-data-package", "name": NAME, "title": "sleepdata: sleep-related conditions, causes, "
            "treatments, drug strengths and warnings", "version": dataset.version,
            "description": f"{NOTICE} {NEUTRALISATION}", "licenses": [LICENCE],
            "sources": [{"title": s["title"], "path": s["file_name"], "sha256": s["sha256"]} for s in sources(dataset)],
            "sleepdata:csvFormulaNeutralisation": NEUTRALISATION,
            "resources": [_resource(t) for t in built]}


def export(dataset: ValidatedDataset, out: Path) -> list[Path]:
    built = tables.build(dataset)
    written = [write_text(out / f"{t.name}.csv", _csv(t)) for t in built]
    written.append(write_text(out / "datapackage.json", to_json(descriptor(dataset, built), indent=2) + "\n"))
    return written
