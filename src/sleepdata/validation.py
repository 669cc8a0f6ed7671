"""The validation pipeline: find record files, read each strictly, then check them together."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import integrity, strict_yaml
from .errors import Problem, capped, sort_key
from .file_checks import FileResult, Target, check_file, check_files, jobs
from .integrity import Placer, source_context
from .outline import REF, Outline
from .records import KIND_OF_FOLDER, RecordFile, discover

if TYPE_CHECKING:
    from .validation_cache import Cache, Run


@dataclass
class Report:
    """What a validation run read and found."""

    files: dict[str, str] = field(default_factory=dict)  # display name -> sha256 of the bytes read
    records: list[RecordFile] = field(default_factory=list)  # the records, when asked for
    problems: list[Problem] = field(default_factory=list)
    retired: dict[str, str] = field(default_factory=dict)  # retired reference -> its replacement
    extends: bool = False  # validated as an extension of the installed dataset
    checked: list[str] = field(default_factory=list)  # display names of the files whose record passed its model

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def valid(self) -> bool:
        return not self.errors


def _targets(paths: list[Path]) -> tuple[list[Target], list[Problem]]:
    targets: list[Target] = []
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


def validate(paths: list[Path], sources_dir: Path | None = None, external: Mapping[str, set[str]] | None = None,
             cache: bool | None = None, records: bool = True) -> Report:
    """Validate record files and dataset directories; every problem is collected, none is raised.

    `external` holds the ids of a dataset the files may extend (the installed one): references into it
    resolve, and defining one of its ids again is an error. `records=False` keeps no record (`Report.records`
    stays empty; `Report.checked` names the valid ones), so memory follows what the cross-record checks need;
    such a run uses the validation cache (`validation_cache`) unless `cache` is False or, by default,
    `SLEEPDATA_NO_CACHE` is set.
    """
    # A run allocates many long-lived objects and no cycles; the collector's full passes would make its cost
    # grow faster than the number of files (bench/RESULTS.md).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _validate(paths, sources_dir, external, None if records else _store(cache), records)
    finally:
        if enabled:
            gc.enable()


def _store(cache: bool | None) -> Cache | None:
    from . import validation_cache

    use = validation_cache.enabled() if cache is None else cache
    return validation_cache.Cache() if use else None


def _reread(path: Path | str, display: str) -> strict_yaml.Document:
    """A file read again to place a problem found across records (an unreadable one places it at 1:1)."""
    try:
        return strict_yaml.read(path, display)
    except strict_yaml.YamlError:
        return strict_yaml.Document(display, {}, {}, {})


def _validate(paths: list[Path], sources_dir: Path | None, external: Mapping[str, set[str]] | None,
              store: Cache | None, keep: bool) -> Report:
    report = Report(extends=external is not None)
    targets, report.problems = _targets(paths)
    places: dict[str, tuple[str, int, int]] = {}
    for path in paths:
        if path.is_dir() and (path / RETIRED).is_file():
            retired, problems, where = read_retired(path / RETIRED)
            report.retired.update(retired)
            places.update(where)
            report.problems += problems
    run = store.run(paths, targets, sources_dir, external, [report.retired, places]) if store else None
    if run is not None and run.result is not None:
        report.files, report.checked = run.files, run.result.checked
        report.problems = sorted(report.problems + run.result.problems, key=sort_key)
        return report
    # Sources first: the span checks of the other records read their articles and texts.
    order = sorted(range(len(targets)), key=lambda i: targets[i][1] != "source")
    sources = sum(1 for t in targets if t[1] == "source")
    results: list[FileResult | None] = [None] * len(targets)
    outlines: list[Outline | None] = [None] * len(targets)
    known = run.known if run is not None else {}

    def reread(i: int) -> strict_yaml.Document:
        found = results[i]
        return found.record.document if found and found.record else _reread(targets[i][0], targets[i][2])

    placer = Placer([t[2] for t in targets], outlines, reread)
    for i in order[:sources]:
        result = known.get(i) or check_file(*targets[i], None, keep)
        results[i], outlines[i] = result, result.outline
    context, source_problems = source_context([(i, o) for i in order[:sources] if (o := outlines[i])], sources_dir,
                                              placer)
    context_digest = context.digest()
    if run is not None and run.context != context_digest:
        known = {}
    rest = [i for i in order[sources:] if i not in known]
    fresh = dict(zip(rest, check_files([targets[i] for i in rest], context, jobs(len(rest)), keep), strict=True))
    for i in order[sources:]:
        result = fresh.get(i) or known[i]
        results[i], outlines[i] = result, result.outline
    done = [result for result in results if result is not None]
    if store is not None and run is not None:
        store.remember(run, context_digest, targets, done)
    return _report(report, targets, done, source_problems, placer, external, places, run, store)


def _report(report: Report, targets: list[Target], results: list[FileResult], source_problems: list[Problem],
            placer: Placer, external: Mapping[str, set[str]] | None, places: dict[str, tuple[str, int, int]],
            run: Run | None, store: Cache | None) -> Report:
    """The report of a run from each file's result and the checks across records."""
    present: dict[str, set[str]] = {kind: set(ids) for kind, ids in (external or {}).items()}
    problems, spans = [], source_problems
    for (_, _, display), result in zip(targets, results, strict=True):
        if result.digest:
            report.files[display] = result.digest
        problems += result.problems
        spans += result.span_problems
        if result.outline is not None:
            report.checked.append(display)
        if result.record is not None:
            report.records.append(result.record)
        for claimed_kind, ids in result.claimed.items():
            present.setdefault(claimed_kind, set()).update(ids)
    if not any(p.code == "span-order" for p in problems):
        problems += spans
    problems += integrity.check_outlines(placer.outlines, placer, present, report.retired, places)
    for i, outline in enumerate(placer.outlines if external else ()):
        if outline is not None and outline.id in external.get(outline.kind, ()):  # type: ignore[union-attr]
            ref = placer.ref(i)
            problems.append(placer.at(i, ("id",), f"{ref} is also defined by the installed dataset; as an extension "
                                      "it must take another id", "id-collision"))
    problems = capped(problems)
    if store is not None and run is not None:
        store.finish(run, problems, report.checked)
    report.problems = sorted(report.problems + problems, key=sort_key)
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
        old_match, new_match = REF.match(old), REF.match(str(new))
        if not old_match or not new_match or old_match.group(1) != new_match.group(1):
            problems.append(Problem(str(path), line, col, old, None, "expected `kind:old-id: kind:new-id` with the "
                                    f"same kind on both sides; got {old!r}: {new!r}", "retired-form"))
            continue
        retired[old] = str(new)
        places[old] = (str(path), *document.position((old,)))
    return retired, problems, places
