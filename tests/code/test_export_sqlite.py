"""The SQLite export, read with Python's sqlite3 and served by a real Datasette on 127.0.0.1, queried through
its JSON API."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sleepdata import Dataset
from sleepdata.exports.common import LICENCE
from sleepdata.exports.sqlite_db import VIEWS

from ..conftest import ROOT
from . import export_cases as known


@pytest.fixture(scope="module")
def db(exported: Callable[[str], Path]) -> Path:
    assert sorted(p.name for p in exported("sqlite").iterdir()) == ["metadata.json", "sleepdata.db"]
    return exported("sqlite") / "sleepdata.db"


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    return connection


def test_keys_hold_and_a_dangling_reference_is_caught(db: Path, tmp_path: Path) -> None:
    with _connect(db) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        keyed = {row["name"] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if connection.execute(f"PRAGMA foreign_key_list('{row['name']}')").fetchall()}
        assert {"cause_links", "treatment_uses", "strengths", "warning_effects", "provenance"} <= keyed
        indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"cause_links_condition_id", "synonyms_name", "codes_code", "provenance_claim_id"} <= indexes
        views = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
        assert views == set(VIEWS)
    broken = tmp_path / "broken.db"
    shutil.copy(db, broken)
    with sqlite3.connect(broken) as connection:
        connection.execute("UPDATE cause_links SET condition_id = 'no-such-condition' WHERE id = ?",
                           (known.SUPPORTED_LINK,))
        assert [row[0] for row in connection.execute("PRAGMA foreign_key_check")] == ["cause_links"]


def test_counts_and_metadata(dataset: Dataset, db: Path) -> None:
    with _connect(db) as connection:
        about = dict(connection.execute("SELECT * FROM dataset").fetchone())
        assert about["version"] == dataset.version and about["licence"] == LICENCE["name"]
        assert {r["id"]: r["sha256"] for r in connection.execute("SELECT id, sha256 FROM sources")} == {
            sid: s.sha256 for sid, s in dataset.sources.items()}
        uses = sum(len(t.uses) for t in dataset.treatments.values())
        assert connection.execute("SELECT count(*) FROM condition_treatments").fetchone()[0] == uses
        assert connection.execute("SELECT count(*) FROM cause_links").fetchone()[0] == sum(
            len(c.links) for c in dataset.causes.values())


def test_queried_with_sqlite3(dataset: Dataset, db: Path) -> None:
    with _connect(db) as connection:
        facts = {row["claim_id"] for row in connection.execute(
            "SELECT claim_id FROM condition_causes WHERE condition_id = ? AND plain_fact", (known.RLS,))}
        assert known.SUPPORTED_LINK in facts and known.DISPUTED_LINK not in facts
        disputed = connection.execute("SELECT verdict, plain_fact, note FROM condition_causes WHERE claim_id = ?",
                                      (known.DISPUTED_LINK,)).fetchone()
        assert (disputed["verdict"], disputed["plain_fact"]) == ("disputed", 0) and disputed["note"]
        spans = connection.execute('SELECT source_id, start, "end", source_sha256 FROM claim_provenance '
                                   "WHERE claim_id = ? ORDER BY start", (known.SUPPORTED_LINK,)).fetchall()
        link = next(link for c in dataset.causes.values() for link in c.links if link.id == known.SUPPORTED_LINK)
        assert [tuple(s) for s in spans] == sorted((s.source.removeprefix("source:"), s.start, s.end,
                                                   dataset.sources[s.source].sha256) for s in link.provenance)
        indications = {row[0] for row in connection.execute(
            "SELECT claim_id FROM condition_treatments WHERE plain_fact AND standing <> 'contested'")}
        assert known.SUPPORTED_USE in indications and known.DISPUTED_USE not in indications
        assert connection.execute("SELECT marketed FROM strengths WHERE id = ?",
                                  (known.NOT_MARKETED,)).fetchone()[0] == "not-marketed"
        warnings = {row[0] for row in connection.execute("SELECT kind FROM drug_warnings WHERE treatment_id = ?",
                                                         ("zopiclone",))}
        assert "non-standard-strength" in warnings


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def datasette(db: Path) -> Iterator[str]:
    """A real Datasette serving the export on 127.0.0.1; stopped after the module's tests."""
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db), "--host", "127.0.0.1", "--port", str(port),
               "--metadata", str(db.parent / "metadata.json"), "--setting", "sql_time_limit_ms", "5000"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"datasette did not start on {base}: {output[-2000:]}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()


def _get(base: str, path: str, **query: str) -> Any:
    url = f"{base}{path}?{urllib.parse.urlencode({**query, '_shape': 'array'})}" if query else f"{base}{path}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_queried_through_the_datasette_json_api(dataset: Dataset, datasette: str) -> None:
    rows = _get(datasette, "/sleepdata/condition_causes.json", condition_id=known.RLS, plain_fact="1",
                _size="max")
    facts = {row["claim_id"] for row in rows}
    assert known.SUPPORTED_LINK in facts and known.DISPUTED_LINK not in facts
    assert {row["verdict"] for row in rows} == {"supported"}
    [disputed] = _get(datasette, "/sleepdata/condition_causes.json", claim_id=known.DISPUTED_LINK)
    assert (disputed["verdict"], disputed["plain_fact"]) == ("disputed", 0)
    spans = _get(datasette, "/sleepdata/claim_provenance.json", claim_id=known.SUPPORTED_LINK)
    assert spans and {s["source_sha256"] for s in spans} <= {s.sha256 for s in dataset.sources.values()}
    assert all(s["end"] > s["start"] for s in spans)
    [strength] = _get(datasette, "/sleepdata.json", sql="SELECT marketed, verdict FROM strengths WHERE id = :id",
                      id=known.NOT_MARKETED)
    assert strength == {"marketed": "not-marketed", "verdict": "disputed"}
    metadata = _get(datasette, "/-/metadata.json")
    assert metadata["license"] == LICENCE["name"] and dataset.version in metadata["title"]


def test_the_command_writes_the_database(tmp_path: Path) -> None:
    from sleepdata.cli import main

    assert main(["export", "--format", "sqlite", "--out", str(tmp_path), "--dataset", str(ROOT / "dataset")]) == 0
    with _connect(tmp_path / "sleepdata.db") as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
