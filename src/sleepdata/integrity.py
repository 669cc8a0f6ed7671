"""Cross-record checks: the rules no single record's schema can express.

- every id is unique within its kind (strength ids across all treatments) and equals its file's stem;
- every reference (`kind:id`) resolves, with a did-you-mean hint when it does not; a reference to a
  retired id resolves with a warning naming its replacement; a retired id is never reused;
- the condition hierarchy has no cycles (checked in linear time);
- every strength that is not marketed is the subject of a warning;
- the claim-level rules of `claims` (claim ids, same-claim verdicts, verdict against note, class hierarchy);
- in a source divided into articles, every span lies inside one;
- every span and exclusion ends after it starts; a quantity's low is not above its high;
- every span lies on one line of its source, at most `MAX_SPAN` characters long;
- with the source texts at hand: each source's sha256 and length match, every span lies inside the text and
  starts and ends on word boundaries, and exclusions do not overlap.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import claims
from .errors import Problem, did_you_mean
from .graphs import cycles
from .models import Condition, Exclusion, Marketed, Quantity, Source, Span, Treatment, Warning
from .records import RecordFile

MAX_SPAN = 650
REF = re.compile(r"^(source|condition|cause|treatment|strength|warning|claim):([a-z0-9]+(?:-[a-z0-9]+)*)$")


def walk(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every value inside a record with its path, models and lists included."""
    yield path, value
    if isinstance(value, BaseModel):
        items: Iterable[tuple[str | int, Any]] = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return
    for key, item in items:  # leaves are yielded here, not walked into: most of a record is leaves
        if isinstance(item, (BaseModel, list, tuple)):
            yield from walk(item, (*path, key))
        else:
            yield (*path, key), item


def known_ids(files: list[RecordFile]) -> dict[str, set[str]]:
    """Ids by reference prefix, strengths included."""
    ids: dict[str, set[str]] = {k: set() for k in ("source", "condition", "cause", "treatment", "strength", "warning",
                                                   "claim")}
    for f in files:
        ids[f.kind].add(f.record.id)  # type: ignore[attr-defined]
        if isinstance(f.record, Treatment):
            ids["strength"].update(s.id for s in f.record.strengths)
        ids["claim"].update(claim.id for _, claim in claims.claims_in(f.record))
    return ids


Walked = list[tuple[RecordFile, list[tuple[tuple[str | int, ...], Any]]]]


def check(files: list[RecordFile], sources_dir: Path | None = None,
          external: Mapping[str, set[str]] | None = None, retired: Mapping[str, str] | None = None,
          retired_places: Mapping[str, tuple[str, int, int]] | None = None) -> list[Problem]:
    """All cross-record problems among `files`; `external` ids (an installed dataset) also resolve references.

    `retired_places` gives the file, line and column of each retired id, for problems with its replacement.
    """
    problems: list[Problem] = []
    # One walk over each record collects what the reference, order and span checks look at.
    walked: Walked = [(f, [(path, value) for path, value in walk(f.record)
                           if isinstance(value, (str, Span, Exclusion, Quantity))]) for f in files]
    ids = known_ids(files)
    resolvable = {kind: ids[kind] | set((external or {}).get(kind, ())) for kind in ids}
    problems += _unique_ids(files)
    problems += _retired(files, resolvable, retired or {}, retired_places or {})
    problems += _references(walked, resolvable, retired or {})
    problems += _hierarchy(files)
    problems += _class_cycles(files)
    problems += _strength_warnings(files)
    problems += claims.check(files)
    problems += _orders(walked)
    if not any(p.code == "span-order" for p in problems):
        problems += _spans(files, walked, sources_dir)
    return problems


def _orders(walked: Walked) -> list[Problem]:
    problems = []
    for f, values in walked:
        for path, value in values:
            if isinstance(value, (Span, Exclusion)) and value.end <= value.start:
                problems.append(f.problem((*path, "end"), f"expected end greater than start ({value.start}); got "
                                          f"{value.end}", "span-order"))
            if isinstance(value, Quantity) and None not in (value.low, value.high) and value.low > value.high:  # type: ignore[operator]
                problems.append(f.problem((*path, "high"), f"expected high at least low ({value.low}); got "
                                          f"{value.high}", "range-order"))
    return problems


def _unique_ids(files: list[RecordFile]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}
    strengths: dict[str, str] = {}
    for f in files:
        rid = f.record.id  # type: ignore[attr-defined]
        stem = Path(f.document.file).stem
        if rid != stem:
            problems.append(f.problem(("id",), f"expected the id to equal the file name '{stem}'; got '{rid}'",
                                      "id-file-name", expected=stem, found=rid))
        if (f.kind, rid) in seen:
            problems.append(f.problem(("id",), f"duplicate id; also used by {seen[(f.kind, rid)]}", "duplicate-id"))
        seen[(f.kind, rid)] = f.document.file
        if isinstance(f.record, Treatment):
            for i, s in enumerate(f.record.strengths):
                if s.id in strengths:
                    problems.append(f.problem(("strengths", i, "id"), f"duplicate strength id; also in "
                                              f"{strengths[s.id]}", "duplicate-id"))
                strengths[s.id] = f.ref
    return problems


def _retired(files: list[RecordFile], ids: Mapping[str, set[str]], retired: Mapping[str, str],
             places: Mapping[str, tuple[str, int, int]]) -> list[Problem]:
    problems = []
    for f in files:
        if f.ref in retired:
            problems.append(f.problem(("id",), f"{f.ref} was retired (replaced by {retired[f.ref]}); an id is never "
                                      "reused", "reused-id"))
    for old, new in retired.items():
        kind, _, rid = new.partition(":")
        if rid not in ids.get(kind, ()):
            file, line, col = places.get(old, ("retired.yaml", 1, 1))
            problems.append(Problem(file, line, col, old, None, f"replacement {new} does not exist",
                                    "dangling-reference"))
    return problems


def _references(walked: Walked, ids: Mapping[str, set[str]], retired: Mapping[str, str]) -> list[Problem]:
    problems = []
    for f, values in walked:
        for path, value in values:
            if not isinstance(value, str) or path[-1:] == ("id",):
                continue
            match = REF.match(value)
            if match and value in retired:
                problems.append(f.problem(path, f"{value} is retired; use {retired[value]}", "deprecated-reference",
                                          severity="warning", expected=retired[value], found=value))
            elif match and match.group(2) not in ids[match.group(1)]:
                hint = did_you_mean(match.group(2), ids[match.group(1)])
                problems.append(f.problem(path, f"reference '{value}' does not resolve{hint}", "dangling-reference",
                                          found=value))
    return problems


def _hierarchy(files: list[RecordFile]) -> list[Problem]:
    conditions = {f.record.id: f for f in files if isinstance(f.record, Condition)}
    parents = {cid: [f.record.parent.split(":", 1)[1]] if f.record.parent else []  # type: ignore[attr-defined]
               for cid, f in conditions.items()}
    return [conditions[cid].problem(("parent",), f"the parent chain loops back to condition:{loop[0]}"
                                    f"{_through(loop, 'condition')}", "cycle")
            for loop in cycles(parents) for cid in loop]


def _class_cycles(files: list[RecordFile]) -> list[Problem]:
    """A treatment is never its own class, directly or through other classes."""
    treatments = {f.record.id: f for f in files if isinstance(f.record, Treatment)}
    classes = {tid: [m.drug_class.split(":", 1)[1] for m in f.record.classes]  # type: ignore[attr-defined]
               for tid, f in treatments.items()}
    problems = []
    for loop in cycles(classes):
        for tid in loop:
            index = next(i for i, m in enumerate(treatments[tid].record.classes)  # type: ignore[attr-defined]
                         if m.drug_class.split(":", 1)[1] == loop[(loop.index(tid) + 1) % len(loop)])
            message = ("a treatment cannot be a member of itself" if len(loop) == 1 else
                       f"class membership loops back to treatment:{tid}{_through(loop, 'treatment')}")
            problems.append(treatments[tid].problem(("classes", index, "drug_class"), message, "class-cycle"))
    return problems


def _through(loop: list[str], kind: str) -> str:
    return f" (through {', '.join(f'{kind}:{x}' for x in loop)})" if len(loop) > 1 else ""


def _strength_warnings(files: list[RecordFile]) -> list[Problem]:
    warned = {target for f in files if isinstance(f.record, Warning) for target in f.record.applies_to}
    problems = []
    for f in files:
        if not isinstance(f.record, Treatment):
            continue
        for i, strength in enumerate(f.record.strengths):
            if strength.marketed is Marketed.NOT_MARKETED and f"strength:{strength.id}" not in warned:
                problems.append(f.problem(("strengths", i, "marketed"), "a strength that is not marketed needs a "
                                          f"warning whose applies_to names strength:{strength.id}",
                                          "unwarned-strength"))
    return problems


def _source_texts(files: list[RecordFile], sources_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    texts, problems = {}, []
    for f in files:
        if not isinstance(f.record, Source):
            continue
        path = sources_dir / f.record.file_name
        text, why = read_source(path)
        if text is None:
            problems.append(f.problem(("file_name",), why, "source-missing" if not path.is_file() else
                                      "source-unreadable"))
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != f.record.sha256:
            problems.append(f.problem(("sha256",), f"expected the sha256 of {path.name}; got a different hash "
                                      "(the source changed: re-check every span)", "source-hash",
                                      expected=digest, found=f.record.sha256))
            continue
        if len(text) != f.record.length:
            problems.append(f.problem(("length",), f"expected {len(text)} characters; got {f.record.length}",
                                      "source-length", expected=str(len(text)), found=str(f.record.length)))
        texts[f.record.id] = text
        problems += _exclusions(f, text)
    return texts, problems


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


def _exclusions(f: RecordFile, text: str) -> list[Problem]:
    problems: list[Problem] = []
    spans = sorted(enumerate(f.record.exclusions), key=lambda item: item[1].start)  # type: ignore[attr-defined]
    previous = None
    for i, exclusion in spans:
        if exclusion.end > len(text):
            problems.append(f.problem(("exclusions", i, "end"), f"expected at most {len(text)}; got "
                                      f"{exclusion.end}", "span-bounds"))
        if previous is not None and exclusion.start < previous[1].end:
            problems.append(f.problem(("exclusions", i, "start"), f"overlaps exclusions[{previous[0]}]",
                                      "exclusion-overlap"))
        previous = (i, exclusion)
    return problems


def _word_edge(text: str, start: int, end: int) -> str | None:
    """Why a span does not start and end on word boundaries, or None when it does."""
    if text[start].isspace() or text[end - 1].isspace():
        return "starts or ends with white space"
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return "starts inside a word"
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return "ends inside a word"
    return None


def _spans(files: list[RecordFile], walked: Walked, sources_dir: Path | None) -> list[Problem]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    if sources_dir is not None:
        texts, problems = _source_texts(files, sources_dir)
    articled = {f.record.id: f.record for f in files if isinstance(f.record, Source) and f.record.articles}
    for f, values in walked:
        for path, value in values:
            if not isinstance(value, Span):
                continue
            compilation = articled.get(value.source.split(":", 1)[1])
            if compilation is not None and claims.article_of(compilation, value) is None:
                problems.append(f.problem(path, f"span [{value.start}, {value.end}) lies in no article of "
                                          f"{value.source}; cite within one article", "span-article"))
            if value.end - value.start > MAX_SPAN:
                problems.append(f.problem(path, f"span of {value.end - value.start} characters; cite the sentence "
                                          f"or clause (at most {MAX_SPAN})", "span-too-long"))
            text = texts.get(value.source.split(":", 1)[1])
            if text is None:
                continue
            if value.end > len(text):
                problems.append(f.problem((*path, "end"), f"expected at most {len(text)} (the source's length); "
                                          f"got {value.end}", "span-bounds"))
                continue
            if "\n" in text[value.start:value.end]:
                problems.append(f.problem(path, "span crosses a line break; cite one sentence or list item",
                                          "span-lines"))
            edge = _word_edge(text, value.start, value.end)
            if edge:
                problems.append(f.problem(path, f"span [{value.start}, {value.end}) {edge}", "span-edge"))
    return problems
