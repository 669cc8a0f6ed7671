"""SQLite export: one database with the same tables as the CSV export, keys, indexes and views.

- a table per record kind and per fact list, with primary keys, foreign keys (`PRAGMA foreign_keys=ON`
  holds), `CHECK` constraints for closed vocabularies, and an index on every id, name and code column;
- every table of claims has `plain_fact` (1 only for a supported claim that is neither negated nor a contested
  use) beside `stance`, `reading`, `verdict`, `note` and `basis`; `provenance` names each span's claim,
  source and the source's sha256;
- views for the common questions: `condition_treatments`, `condition_causes`, `drug_warnings`,
  `claim_provenance`;
- `dataset` holds the name, version, notice and data licence, `sources` the documents and their hashes.

Serve it with Datasette for a browsable JSON API: `datasette sleepdata.db --metadata metadata.json`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from . import tables
from .common import LICENCE, NAME, NOTICE, finite, to_json, write_atomic, write_text

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
_INDEXED = ("id", "name", "code", "claim_id", "source_id", "record_id", "condition_id", "treatment_id", "target_id",
            "partner_id", "cause_id", "warning_id", "drug_class_id", "parent_id")

VIEWS = {
    "condition_treatments": """
        SELECT u.condition_id, c.name AS condition_name, u.treatment_id, t.name AS treatment_name,
               t.kind AS treatment_kind, u.id AS claim_id, u.standing, u.verdict, u.plain_fact, u.stance, u.reading,
               u.statement, u.note, u.basis
        FROM treatment_uses u JOIN treatments t ON t.id = u.treatment_id JOIN conditions c ON c.id = u.condition_id""",
    "condition_causes": """
        SELECT l.condition_id, c.name AS condition_name, l.cause_id, k.name AS cause_name, k.kind AS cause_kind,
               l.relation, l.id AS claim_id, l.verdict, l.plain_fact, l.stance, l.reading, l.statement, l.note, l.basis
        FROM cause_links l JOIN causes k ON k.id = l.cause_id JOIN conditions c ON c.id = l.condition_id""",
    "drug_warnings": """
        SELECT COALESCE(s.treatment_id, g.target_id) AS treatment_id, g.target_kind, g.target_id, w.id AS warning_id,
               w.kind, w.severity, w.verdict, w.plain_fact, w.stance, w.reading, w.statement, w.note, w.basis
        FROM warning_targets g JOIN warnings w ON w.id = g.warning_id
        LEFT JOIN strengths s ON g.target_kind = 'strength' AND s.id = g.target_id
        WHERE g.target_kind IN ('treatment', 'strength')""",
    "claim_provenance": """
        SELECT p.claim_id, p.record_kind, p.record_id, p.source_id, s.title AS source_title, p.start, p."end",
               p.source_sha256
        FROM provenance p JOIN sources s ON s.id = p.source_id WHERE p.claim_id IS NOT NULL""",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(table: tables.Table) -> str:
    lines = []
    for column in table.columns:
        line = f"{_quote(column.name)} {_TYPES[column.type]}{' NOT NULL' if column.required else ''}"
        if column.enum:
            line += f" CHECK ({_quote(column.name)} IN ({', '.join(_literal(v) for v in column.enum)}))"
        elif column.type == "boolean":
            line += f" CHECK ({_quote(column.name)} IN (0, 1))"
        lines.append(line)
    lines.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    lines += [f"FOREIGN KEY ({_quote(fk.column)}) REFERENCES {_quote(fk.table)} ({_quote(fk.target)})"
              for fk in table.foreign_keys]
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n) STRICT"


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _fill(dataset: ValidatedDataset, built: list[tables.Table], path: Path) -> None:
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        with connection:  # references may point forwards (a parent condition, a class): checked once, at the end
            for table in built:
                connection.execute(_create(table))
                marks = ", ".join("?" * len(table.columns))
                connection.executemany(f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
                                       [tuple(finite(v) for v in row) for row in table.rows])
                for column in table.columns:
                    if column.name in _INDEXED and (column.name,) != table.primary_key:
                        connection.execute(f"CREATE INDEX {_quote(f'{table.name}_{column.name}')} "
                                           f"ON {_quote(table.name)} ({_quote(column.name)})")
            for name, query in VIEWS.items():
                connection.execute(f"CREATE VIEW {_quote(name)} AS {query.strip()}")
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"the SQLite export has dangling references: {problems[:5]}")
        connection.execute("VACUUM")
    finally:
        connection.close()


def datasette_metadata(dataset: ValidatedDataset) -> dict[str, object]:
    """Datasette's metadata file: title, licence, source and a description per view."""
    return {"title": f"{NAME} {dataset.version}", "description": NOTICE, "license": LICENCE["name"],
            "license_url": LICENCE["path"], "source": f"{NAME} {dataset.version}: see the sources table",
            "databases": {NAME: {"tables": {
                "condition_treatments": {"description": "Treatments of each condition with standing and verdict; "
                                         "plain_fact = 0 marks a claim that is not to be read as a fact."},
                "condition_causes": {"description": "Causes of each condition with relation and verdict."},
                "drug_warnings": {"description": "Warnings of each treatment and of its strengths."},
                "claim_provenance": {"description": "Where each claim is stated: source, span and sha256."}}}}}


def export(dataset: ValidatedDataset, out: Path) -> list[Path]:
    built = tables.build(dataset)
    database = write_atomic(out / f"{NAME}.db", lambda path: _fill(dataset, built, path))
    return [database, write_text(out / "metadata.json", to_json(datasette_metadata(dataset), indent=2) + "\n")]
