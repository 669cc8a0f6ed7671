"""Cross-record checks: the rules no single record's schema can express.

- every id is unique within its kind (strength ids across all treatments) and equals its file's stem;
- every reference (`kind:id`) resolves, with a did-you-mean hint when it does not; a reference to a
  retired id resolves with a warning naming its replacement; a retired id is never reused;
- the condition hierarchy has no cycles (checked in linear time);
- every strength that is not marketed is the subject of a warning;
- the claim-level rules of `claims` (claim ids, same-claim verdicts, verdict against note, class hierarchy);
- in a source divided into articles, every span lies inside one; no span overlaps an exclusion of its source;
- every span and exclusion ends after it starts; a quantity's low is not above its high;
- every span lies on one line of its source, at most `MAX_SPAN` characters long;
- with the source texts at hand: each source's sha256 and length match, every span lies inside the text and
  starts and ends on word boundaries, and exclusions do not overlap.

The rules that look at one record at a time (`record_findings`, `span_findings`) run as each file is read;
the rules across records run over outlines (`outline`) and read a file again only to place a problem.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from . import claims
from .errors import Problem, did_you_mean, field_path
from .graphs import cycles
from .outline import REF, Outline, Parts, outline, parts, reference_paths
from .records import RecordFile, as_json, claim_at
from .strict_yaml import Document

MAX_SPAN = 650
Where = tuple[str | int, ...]
#: A problem of one record before it has a place: (path, message, code, extra fields of the Problem).
Finding = tuple[Where, str, str, dict[str, Any]]

__all__ = ["MAX_SPAN", "REF", "Placer", "SourceContext", "check", "check_outlines", "known_ids", "place",
           "read_source", "record_findings", "source_context", "span_findings"]


def place(document: Document, kind: str, rid: str, finding: Finding) -> Problem:
    """A finding placed in its file: line, column, record, field path and claim."""
    path, message, code, extra = finding
    line, col = document.position(path)
    return Problem(document.file, line, col, f"{kind}:{rid}", field_path(path) or None, message, code,
                   claim=claim_at(kind, document.data, path), **extra)


class Placer:
    """Places the problems of outlined records, reading a record's file again the first time one needs a place."""

    def __init__(self, files: Sequence[str], outlines: Sequence[Outline | None],
                 document: Callable[[int], Document]) -> None:
        self.files, self.outlines, self._document = files, outlines, document
        self._documents: dict[int, Document] = {}
        self._parts: dict[int, Parts] = {}

    def document(self, i: int) -> Document:
        if i not in self._documents:
            self._documents[i] = self._document(i)
        return self._documents[i]

    def ref(self, i: int) -> str:
        record = self.outlines[i]
        assert record is not None
        return f"{record.kind}:{record.id}"

    def at(self, i: int, path: Where, message: str, code: str, **extra: Any) -> Problem:
        record = self.outlines[i]
        assert record is not None
        return place(self.document(i), record.kind, record.id, (path, message, code, extra))

    def claim(self, i: int, k: int) -> tuple[Where, dict[str, Any]]:
        """The path and data of the `k`th claim of record `i` (as `outline.parts` found it)."""
        if i not in self._parts:
            record = self.outlines[i]
            data = self.document(i).data
            self._parts[i] = parts(record.kind, data) if record is not None and isinstance(data, dict) else Parts()
        found = self._parts[i].claims
        return (found[k][0], found[k][1]) if k < len(found) else ((), {})

    def ref_paths(self, i: int, ref: str) -> list[Where]:
        return list(reference_paths(self.document(i).data, ref)) or [()]


# -- rules of one record ------------------------------------------------------------------------------------

def record_findings(record: Outline, found: Parts, stem: str) -> list[Finding]:
    """The problems one valid record has on its own: id and file name, span and range order, verdict and note,
    a source's articles."""
    findings: list[Finding] = []
    if record.id != stem:
        findings.append((("id",), f"expected the id to equal the file name '{stem}'; got '{record.id}'",
                         "id-file-name", {"expected": stem, "found": record.id}))
    for path, value in found.spans + found.exclusions:
        if value["end"] <= value["start"]:
            findings.append(((*path, "end"), f"expected end greater than start ({value['start']}); got "
                             f"{value['end']}", "span-order", {}))
    for path, value in found.quantities:
        low, high = value.get("low"), value.get("high")
        if low is not None and high is not None and low > high:
            findings.append(((*path, "high"), f"expected high at least low ({_number(low)}); got {_number(high)}",
                             "range-order", {}))
    findings += claims.verdict_findings(found)
    if record.source is not None:
        findings += claims.article_findings(record.source)
    return findings


def _number(value: Any) -> str:
    """A number as the model shows it (its quantities are floats)."""
    return str(float(value))


@dataclass
class SourceContext:
    """What span checks need of the sources: the articles of compilations, the exclusions, and the texts at hand."""

    articled: dict[str, tuple[tuple[str, int, int], ...]] = field(default_factory=dict)
    excluded: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # sha256 of each text in `texts`, found when it was read

    _reach: dict[str, tuple[list[int], list[int], list[tuple[int, int]]]] = field(default_factory=dict, repr=False,
                                                                                    compare=False)

    def digest(self) -> str:
        return hashlib.sha256(orjson.dumps([self.articled, self.excluded, self.hashes],
                                           option=orjson.OPT_SORT_KEYS)).hexdigest()

    def exclusion_over(self, sid: str, start: int, end: int) -> tuple[int, int] | None:
        """An exclusion of source `sid` that overlaps [start, end), or None; a binary search over the exclusions
        sorted by start, with the furthest end reached so far (exclusions may overlap before the texts are read)."""
        if sid not in self._reach:
            ranges = sorted(self.excluded.get(sid, ()))
            furthest, reach = -1, []
            for _, last in ranges:
                furthest = max(furthest, last)
                reach.append(furthest)
            self._reach[sid] = ([first for first, _ in ranges], reach, ranges)
        starts, reach, ranges = self._reach[sid]
        i = bisect_left(starts, end) - 1  # the last exclusion that starts before the span ends
        if i < 0 or reach[i] <= start:
            return None
        return next(r for r in reversed(ranges[:i + 1]) if r[1] > start)


def source_context(sources: list[tuple[int, Outline]], sources_dir: Path | None,
                   placer: Placer) -> tuple[SourceContext, list[Problem]]:
    """The span checks' view of the valid source records, and (with their texts) the sources' own problems."""
    context = SourceContext({o.id: o.source.articles for _, o in sources if o.source and o.source.articles},
                            {o.id: o.source.exclusions for _, o in sources if o.source and o.source.exclusions})
    if sources_dir is None:
        return context, []
    problems = []
    for i, record in sources:
        facts = record.source
        assert facts is not None
        path = sources_dir / facts.file_name
        text, why = read_source(path)
        if text is None:
            problems.append(placer.at(i, ("file_name",), why, "source-missing" if not path.is_file() else
                                      "source-unreadable"))
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != facts.sha256:
            problems.append(placer.at(i, ("sha256",), f"expected the sha256 of {path.name}; got a different hash "
                                      "(the source changed: re-check every span)", "source-hash",
                                      expected=digest, found=facts.sha256))
            continue
        if len(text) != facts.length:
            problems.append(placer.at(i, ("length",), f"expected {len(text)} characters; got {facts.length}",
                                      "source-length", expected=str(len(text)), found=str(facts.length)))
        context.texts[record.id], context.hashes[record.id] = text, digest
        problems += [placer.at(i, *finding[:3], **finding[3]) for finding in _exclusions(facts.exclusions, text)]
    return context, problems


MAX_SOURCE_BYTES = 64 * 1024 * 1024


def read_source(path: Path) -> tuple[str | None, str]:
    """A source document's text, or None and why it cannot be used (missing, too large, not UTF-8)."""
    try:
        if not path.is_file():
            return None, f"no file '{path.name}' in {path.parent}"
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            return None, f"{path.name} is {size} bytes; a source document is at most {MAX_SOURCE_BYTES}"
        raw = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read {path.name}: {exc.strerror or exc}"
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return None, f"{path.name} is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"


def _exclusions(exclusions: tuple[tuple[int, int], ...], text: str) -> list[Finding]:
    findings: list[Finding] = []
    previous = None
    for i, (start, end) in sorted(enumerate(exclusions), key=lambda item: item[1][0]):
        if end > len(text):
            findings.append((("exclusions", i, "end"), f"expected at most {len(text)}; got {end}", "span-bounds", {}))
        if previous is not None and start < previous[1]:
            findings.append((("exclusions", i, "start"), f"overlaps exclusions[{previous[0]}]", "exclusion-overlap",
                             {}))
        previous = (i, end)
    return findings


def _word_edge(text: str, start: int, end: int) -> str | None:
    """Why a span does not start and end on word boundaries, or None when it does."""
    if text[start].isspace() or text[end - 1].isspace():
        return "starts or ends with white space"
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return "starts inside a word"
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return "ends inside a word"
    return None


def span_findings(found: Parts, context: SourceContext) -> list[Finding]:
    """The problems of one record's spans against the sources: articles, length, and with the texts, bounds,
    line breaks and word edges."""
    findings: list[Finding] = []
    for path, span in found.spans:
        start, end, source = span["start"], span["end"], span["source"]
        sid = source.split(":", 1)[1]
        articles = context.articled.get(sid)
        if articles is not None and claims.article_of(articles, start, end) is None:
            findings.append((path, f"span [{start}, {end}) lies in no article of {source}; cite within one article",
                             "span-article", {}))
        excluded = context.exclusion_over(sid, start, end)
        if excluded is not None:
            findings.append((path, f"span [{start}, {end}) overlaps the excluded text [{excluded[0]}, {excluded[1]}) "
                             f"of {source}; cite what the source states, or drop the exclusion", "span-excluded", {}))
        if end - start > MAX_SPAN:
            findings.append((path, f"span of {end - start} characters; cite the sentence or clause (at most "
                             f"{MAX_SPAN})", "span-too-long", {}))
        text = context.texts.get(sid)
        if text is None:
            continue
        if end > len(text):
            findings.append(((*path, "end"), f"expected at most {len(text)} (the source's length); got {end}",
                             "span-bounds", {}))
            continue
        if "\n" in text[start:end]:
            findings.append((path, "span crosses a line break; cite one sentence or list item", "span-lines", {}))
        edge = _word_edge(text, start, end)
        if edge:
            findings.append((path, f"span [{start}, {end}) {edge}", "span-edge", {}))
    return findings


# -- rules across records -------------------------------------------------------------------------------------

def known_ids(outlines: Sequence[Outline | None]) -> dict[str, set[str]]:
    """Ids by reference prefix, strengths and claims included."""
    ids: dict[str, set[str]] = {k: set() for k in ("source", "condition", "cause", "treatment", "strength", "warning",
                                                   "claim")}
    for record in outlines:
        if record is None:
            continue
        ids[record.kind].add(record.id)
        ids["strength"].update(sid for sid, _ in record.strengths)
        ids["claim"].update(cid for cid, _ in record.claims)
    return ids


def check_outlines(outlines: Sequence[Outline | None], placer: Placer, external: Mapping[str, set[str]] | None = None,
                   retired: Mapping[str, str] | None = None,
                   retired_places: Mapping[str, tuple[str, int, int]] | None = None) -> list[Problem]:
    """All problems across the outlined records; `external` ids (an installed dataset, or records that failed
    their schema) also resolve references; `retired_places` places each retired id (file, line, column)."""
    items = [(i, o) for i, o in enumerate(outlines) if o is not None]
    ids = known_ids(outlines)
    resolvable = {kind: ids[kind] | set((external or {}).get(kind, ())) for kind in ids}
    problems = _unique_ids(items, placer)
    problems += _retired(items, resolvable, retired or {}, retired_places or {}, placer)
    problems += _references(items, resolvable, retired or {}, placer)
    problems += _hierarchy(items, placer)
    problems += _class_cycles(items, placer)
    problems += _strength_warnings(items, placer)
    problems += claims.check_outlines(items, placer)
    return problems


def _unique_ids(items: list[tuple[int, Outline]], placer: Placer) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    strengths: dict[str, str] = {}
    for i, record in items:
        if (record.kind, record.id) in seen:
            problems.append(placer.at(i, ("id",), f"duplicate id; also used by {seen[(record.kind, record.id)]}",
                                      "duplicate-id"))
        seen[(record.kind, record.id)] = placer.files[i]
        for k, (sid, _) in enumerate(record.strengths):
            if sid in strengths:
                problems.append(placer.at(i, ("strengths", k, "id"), f"duplicate strength id; also in "
                                          f"{strengths[sid]}", "duplicate-id"))
            strengths[sid] = placer.ref(i)
    return problems


def _retired(items: list[tuple[int, Outline]], ids: Mapping[str, set[str]], retired: Mapping[str, str],
             places: Mapping[str, tuple[str, int, int]], placer: Placer) -> list[Problem]:
    problems = []
    for i, record in items:
        ref = f"{record.kind}:{record.id}"
        if ref in retired:
            problems.append(placer.at(i, ("id",), f"{ref} was retired (replaced by {retired[ref]}); an id is never "
                                      "reused", "reused-id"))
    for old, new in retired.items():
        kind, _, rid = new.partition(":")
        if rid not in ids.get(kind, ()):
            file, line, col = places.get(old, ("retired.yaml", 1, 1))
            problems.append(Problem(file, line, col, old, None, f"replacement {new} does not exist",
                                    "dangling-reference"))
    return problems


def _references(items: list[tuple[int, Outline]], ids: Mapping[str, set[str]], retired: Mapping[str, str],
                placer: Placer) -> list[Problem]:
    problems = []
    for i, record in items:
        for value in record.refs:
            kind, _, rid = value.partition(":")
            if value in retired:
                problems += [placer.at(i, path, f"{value} is retired; use {retired[value]}", "deprecated-reference",
                                       severity="warning", expected=retired[value], found=value)
                             for path in placer.ref_paths(i, value)]
            elif rid not in ids[kind]:
                hint = did_you_mean(rid, ids[kind])
                problems += [placer.at(i, path, f"reference '{value}' does not resolve{hint}", "dangling-reference",
                                       found=value) for path in placer.ref_paths(i, value)]
    return problems


def _hierarchy(items: list[tuple[int, Outline]], placer: Placer) -> list[Problem]:
    conditions = {o.id: i for i, o in items if o.kind == "condition"}
    parents = {cid: [parent.split(":", 1)[1]] if (parent := placer.outlines[i].parent) else []  # type: ignore[union-attr]
               for cid, i in conditions.items()}
    return [placer.at(conditions[cid], ("parent",), f"the parent chain loops back to condition:{loop[0]}"
                      f"{_through(loop, 'condition')}", "cycle")
            for loop in cycles(parents) for cid in loop]


def _class_cycles(items: list[tuple[int, Outline]], placer: Placer) -> list[Problem]:
    """A treatment is never its own class, directly or through other classes."""
    treatments = {o.id: (i, o) for i, o in items if o.kind == "treatment"}
    classes = {tid: [c.split(":", 1)[1] for c in o.classes] for tid, (_, o) in treatments.items()}
    problems = []
    for loop in cycles(classes):
        for tid in loop:
            nxt = loop[(loop.index(tid) + 1) % len(loop)]
            index = classes[tid].index(nxt)
            message = ("a treatment cannot be a member of itself" if len(loop) == 1 else
                       f"class membership loops back to treatment:{tid}{_through(loop, 'treatment')}")
            problems.append(placer.at(treatments[tid][0], ("classes", index, "drug_class"), message, "class-cycle"))
    return problems


def _through(loop: list[str], kind: str) -> str:
    return f" (through {', '.join(f'{kind}:{x}' for x in loop)})" if len(loop) > 1 else ""


def _strength_warnings(items: list[tuple[int, Outline]], placer: Placer) -> list[Problem]:
    warned = {target for _, o in items if o.kind == "warning" for target in o.applies_to}
    return [placer.at(i, ("strengths", k, "marketed"), "a strength that is not marketed needs a warning whose "
                      f"applies_to names strength:{sid}", "unwarned-strength")
            for i, o in items for k, (sid, not_marketed) in enumerate(o.strengths)
            if not_marketed and f"strength:{sid}" not in warned]


# -- the same rules over records already in hand ----------------------------------------------------------------

def check(files: list[RecordFile], sources_dir: Path | None = None,
          external: Mapping[str, set[str]] | None = None, retired: Mapping[str, str] | None = None,
          retired_places: Mapping[str, tuple[str, int, int]] | None = None) -> list[Problem]:
    """All problems of `files` (records already read, such as an installed dataset's), one by one and across."""
    found = [parts(f.kind, f.document.data) for f in files]
    outlines: list[Outline | None] = [outline(f.kind, f.document.data, as_json(f.document.data), p)
                                      for f, p in zip(files, found, strict=True)]
    placer = Placer([f.document.file for f in files], outlines, lambda i: files[i].document)
    problems = []
    for i, (f, record, p) in enumerate(zip(files, outlines, found, strict=True)):
        assert record is not None
        problems += [placer.at(i, *x[:3], **x[3]) for x in record_findings(record, p, Path(f.document.file).stem)]
    sources = [(i, o) for i, o in enumerate(outlines) if o is not None and o.kind == "source"]
    context, span_problems = source_context(sources, sources_dir, placer)
    for i, p in enumerate(found):
        span_problems += [placer.at(i, *x[:3], **x[3]) for x in span_findings(p, context)]
    if not any(p.code == "span-order" for p in problems):
        problems += span_problems
    return problems + check_outlines(outlines, placer, external, retired, retired_places)
