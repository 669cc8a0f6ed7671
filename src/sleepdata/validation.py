"""The validation pipeline: find record files, read each strictly, then check them together."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import integrity, strict_yaml
from .errors import Problem, capped
from .models import KINDS
from .records import KIND_OF_FOLDER, RecordFile, as_json, discover, read_record_or_ids

if TYPE_CHECKING:
    from .validation_cache import Cache


@dataclass
class Report:
    """What a validation run read and found."""

    files: dict[str, str] = field(default_factory=dict)  # display name -> sha256 of the bytes read
    records: list[RecordFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    retired: dict[str, str] = field(default_factory=dict)  # retired reference -> its replacement
    extends: bool = False  # validated as an extension of the installed dataset

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def valid(self) -> bool:
        return not self.errors


def _targets(paths: list[Path]) -> tuple[list[tuple[Path, str, str]], list[Problem]]:
    targets: list[tuple[Path, str, str]] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found, stray = discover(path)
            targets += found
            problems += stray
        elif path.is_file():
            kind = KIND_OF_FOLDER.get(path.parent.name)
            if kind is None:
                problems.append(Problem(str(path), 1, 1, None, None, "cannot tell the record kind: keep the file "
                                        f"in a folder named one of {', '.join(KIND_OF_FOLDER)}", "unknown-kind"))
            else:
                targets.append((path, kind, str(path)))
        else:
            problems.append(Problem(str(path), 1, 1, None, None, "no such file or directory", "not-found"))
    return targets, problems


def validate(paths: list[Path], sources_dir: Path | None = None,
             external: Mapping[str, set[str]] | None = None, cache: bool | None = None) -> Report:
    """Validate record files and dataset directories; every problem is collected, none is raised.

    `external` holds the ids of a dataset the files may extend (the installed one): references into it
    resolve, and defining one of its ids again is an error. `cache` (default: unless `SLEEPDATA_NO_CACHE` is
    set) reuses what an earlier run learnt about files with the same bytes (`validation_cache`).
    """
    # A run allocates many long-lived objects and no cycles; the collector's full passes would make its cost
    # grow faster than the number of files (bench/RESULTS.md).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(paths, sources_dir, external, _store(cache))
    finally:
        if enabled:
            gc.enable()


def _store(cache: bool | None) -> Cache | None:
    from . import validation_cache

    use = validation_cache.enabled() if cache is None else cache
    return validation_cache.Cache() if use else None


def _read(path: Path, kind: str, display: str,
          store: Cache | None) -> tuple[RecordFile | None, list[Problem], dict[str, set[str]], str | None]:
    """One file read once: its record (from the cache when its bytes are known), problems, claimed ids, sha256."""
    try:
        raw = strict_yaml.read_bytes(path, display)
    except strict_yaml.YamlError:
        return *read_record_or_ids(path, kind, display), None  # reports the same error with its place
    digest = hashlib.sha256(raw).hexdigest()
    if store is not None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        hit = store.get(digest, kind, text, display) if text is not None else None
        if hit is not None:
            try:
                record = KINDS[kind].model_validate_json(hit[0])
            except ValueError:  # pydantic's ValidationError: an entry no longer valid is not trusted
                record = None
            if record is not None:
                return RecordFile(kind, record, hit[1], path), [], {}, digest
    found, problems, claimed = read_record_or_ids(path, kind, display, raw)
    if store is not None and found is not None and not problems:
        store.put(digest, kind, as_json(found.document.data).decode())
    return found, problems, claimed, digest


def _validate(paths: list[Path], sources_dir: Path | None,
              external: Mapping[str, set[str]] | None, store: Cache | None) -> Report:
    report = Report(extends=external is not None)
    targets, report.problems = _targets(paths)
    # Records that exist but fail their schema still count as present: no cascade of dangling references.
    present: dict[str, set[str]] = {kind: set(ids) for kind, ids in (external or {}).items()}
    for path, kind, display in targets:
        record, problems, claimed, digest = _read(path, kind, display, store)
        if digest:
            report.files[display] = digest
        report.problems += problems
        if record is not None:
            report.records.append(record)
        for claimed_kind, ids in claimed.items():
            present.setdefault(claimed_kind, set()).update(ids)
    places: dict[str, tuple[str, int, int]] = {}
    for path in paths:
        if path.is_dir() and (path / RETIRED).is_file():
            retired, problems, where = read_retired(path / RETIRED)
            report.retired.update(retired)
            places.update(where)
            report.problems += problems
    report.problems += integrity.check(report.records, sources_dir, present, report.retired, places)
    for f in report.records if external else ():
        if f.record.id in external.get(f.kind, ()):  # type: ignore[attr-defined, union-attr]
            report.problems.append(f.problem(("id",), f"{f.ref} is also defined by the installed dataset; "
                                             "as an extension it must take another id", "id-collision"))
    report.problems = capped(report.problems)
    return report


RETIRED = "retired.yaml"


def read_retired(path: Path) -> tuple[dict[str, str], list[Problem], dict[str, tuple[str, int, int]]]:
    """The retired ids of a dataset (`kind:old-id: kind:new-id`, one per line), problems, and where each stands."""
    try:
        document = strict_yaml.read(path)
    except strict_yaml.YamlError as exc:
        return {}, [Problem(exc.file, exc.line, exc.col, None, None, exc.message, exc.code)], {}
    retired, problems, places = {}, [], {}
    for old, new in document.data.items():
        line, col = document.position((old,), key=True)
        old_match, new_match = integrity.REF.match(old), integrity.REF.match(str(new))
        if not old_match or not new_match or old_match.group(1) != new_match.group(1):
            problems.append(Problem(str(path), line, col, old, None, "expected `kind:old-id: kind:new-id` with the "
                                    f"same kind on both sides; got {old!r}: {new!r}", "retired-form"))
            continue
        retired[old] = str(new)
        places[old] = (str(path), *document.position((old,)))
    return retired, problems, places
