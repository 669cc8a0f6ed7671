"""One record file checked on its own: read once, parsed, validated against its model, outlined.

The result holds what the rest of a run needs: the file's sha256, its own problems (placed; positions are found
from the file's text only when a problem needs one), the problems of its spans against the sources, and its
outline (or, for a file that fails its schema, the ids it would define). The record itself is kept only when
the caller asks for it. Files are independent, so a large run checks them in worker processes (`check_files`).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import SchemaValidator

from . import strict_yaml
from .errors import Problem
from .integrity import SourceContext, place, record_findings, span_findings
from .models import KINDS
from .outline import Outline, outline, parts
from .records import RecordFile, as_json, claimed_ids, validate_document

Target = tuple[Path | str, str, str]  # path, kind, display name


@dataclass(slots=True)
class FileResult:
    """What checking one file found."""

    digest: str | None  # sha256 of the bytes read; None when the file could not be read
    problems: list[Problem]
    span_problems: list[Problem]  # reported only when no span anywhere ends before it starts
    outline: Outline | None  # for a record that passed its model
    claimed: dict[str, set[str]]  # for one that did not: the ids it would define
    record: RecordFile | None = None  # when asked for

    def to_json(self) -> list[Any]:
        """As JSON-ready data, for the validation cache (without the record)."""
        return [self.digest, [p.to_dict() for p in self.problems], [p.to_dict() for p in self.span_problems],
                self.outline.to_json() if self.outline else None, {k: sorted(v) for k, v in self.claimed.items()}]

    @classmethod
    def from_json(cls, data: list[Any]) -> FileResult:
        """Raises ValueError, TypeError or KeyError when `data` is not what `to_json` wrote."""
        digest, problems, spans, record, claimed = data
        return cls(str(digest), [Problem(**p) for p in problems], [Problem(**p) for p in spans],
                   Outline.from_json(record) if record is not None else None,
                   {str(k): set(map(str, v)) for k, v in claimed.items()})


def _yaml_problem(error: strict_yaml.YamlError) -> Problem:
    return Problem(error.file, error.line, error.col, None, None, error.message, error.code)


def check_file(path: Path | str, kind: str, display: str, context: SourceContext | None,
               keep: bool = False) -> FileResult:
    """Read, parse, validate and outline one record file; with `context`, check its spans against the sources."""
    stem = os.path.splitext(os.path.basename(display))[0]
    try:
        raw = strict_yaml.read_bytes(path, display)
    except strict_yaml.YamlError as error:
        return FileResult(None, [_yaml_problem(error)], [], None, {kind: {stem}})
    digest = hashlib.sha256(raw).hexdigest()
    try:
        document, json = strict_yaml.parse_json(raw, display)
    except strict_yaml.YamlError as error:
        return FileResult(digest, [_yaml_problem(error)], [], None, {kind: {stem}})
    json = json if json is not None else as_json(document.data)
    try:
        # From JSON, so that pydantic's strict JSON mode judges types as a JSON Schema validator would
        record = KINDS[kind].model_validate_json(json)
    except ValidationError:
        _, problems = validate_document(kind, document)  # the errors, each placed
        return FileResult(digest, problems, [], None, claimed_ids(kind, stem, document))
    found = parts(kind, document.data)
    summary = outline(kind, document.data, json, found)
    problems = [place(document, kind, summary.id, f) for f in record_findings(summary, found, stem)]
    spans = [place(document, kind, summary.id, f) for f in span_findings(found, context)] if context else []
    return FileResult(digest, problems, spans, summary, {},
                      RecordFile(kind, record, document, Path(path)) if keep else None)


#: Files per worker process below which a run stays in one process (forking and collecting cost more).
FILES_PER_JOB = 1000


def jobs(files: int) -> int:
    """Worker processes for `files` files: `SLEEPDATA_JOBS`, else one per core where there are enough files and
    processes fork (Linux: a worker starts with the models already built)."""
    wanted = os.environ.get("SLEEPDATA_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    if not sys.platform.startswith("linux"):
        return 1
    return max(1, min(os.cpu_count() or 1, files // FILES_PER_JOB))


_context: SourceContext | None = None


def _check_chunk(chunk: Sequence[Target]) -> list[FileResult]:
    return [check_file(path, kind, display, _context) for path, kind, display in chunk]


def check_files(targets: Sequence[Target], context: SourceContext | None, workers: int,
                keep: bool = False) -> Iterator[FileResult]:
    """`check_file` for each target, in order, in `workers` forked processes (which keep no record)."""
    if workers <= 1 or keep:
        for path, kind, display in targets:
            yield check_file(path, kind, display, context, keep)
        return
    import multiprocessing

    for kind in {kind for _, kind, _ in targets}:  # built once here, not once in every worker
        if not isinstance(KINDS[kind].__pydantic_validator__, SchemaValidator):
            KINDS[kind].model_rebuild(force=True)
    global _context
    _context = context  # a forked worker inherits it: nothing to send
    size = max(1, min(200, len(targets) // (workers * 4)))
    chunks = [targets[i:i + size] for i in range(0, len(targets), size)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_check_chunk, chunks):
                yield from results
    finally:
        _context = None
