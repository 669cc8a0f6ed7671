"""Canonical record files that keep their comments: `sleepdata format`.

The canonical text of a record is its model's data in field order, written by `strict_yaml.dump`. A file's
comments are carried over to it: each comment is tied to the entry it stands before (or, at the end of a
line, to the entry on that line) and put back at that entry. An end-of-line comment on an entry that the
canonical form spreads over several lines moves to its own line above the entry. Files are rewritten only
when every file named is valid, each through a temporary sibling moved into place.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import strict_yaml
from .errors import Problem

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment of a file: its text (from `#`), and the entry it belongs to."""

    text: str
    anchor: Path_ | None  # (): the top of the file; None: after the last entry
    own_line: bool


def _comment_columns(text: str) -> dict[int, int]:
    """0-based line -> column where a comment starts, found outside every token of the YAML scanner."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    inside = bytearray(len(text) + 1)
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        inside[token.start_mark.index:token.end_mark.index] = b"\x01" * (token.end_mark.index - token.start_mark.index)
    found = {}
    for number, line in enumerate(lines):
        for col, ch in enumerate(line):
            if ch == "#" and not inside[starts[number] + col] and (col == 0 or line[col - 1] in " \t"):
                found[number] = col
                break
    return found


def _starts(document: strict_yaml.Document) -> dict[Path_, int]:
    """1-based line where each entry starts (its key, or the item of a list)."""
    return {path: document.key_positions.get(path, position)[0]
            for path, position in document.positions.items() if path and "<key>" not in path}


def comments(text: str, document: strict_yaml.Document) -> list[Comment]:
    """Every comment of a parsed file, tied to its entry."""
    starts = _starts(document)
    lines = text.split("\n")
    out = []
    for number, col in sorted(_comment_columns(text).items()):
        line = number + 1
        own = not lines[number][:col].strip()
        if own and line < min(starts.values(), default=line + 1):
            anchor: Path_ | None = ()  # a header above the first entry stays at the top
        elif own:
            after = [(start, len(path), path) for path, start in starts.items() if start > line]
            anchor = min(after)[2] if after else None
        else:
            before = [(-start, len(path), path) for path, start in starts.items() if start <= line]
            anchor = min(before)[2] if before else None
        out.append(Comment(lines[number][col:].rstrip(), anchor, own))
    return out


def with_comments(canonical: str, kept: list[Comment]) -> str:
    """The canonical text with the comments put back at their entries."""
    if not kept:
        return canonical
    starts = _starts(strict_yaml.parse(canonical))
    lines = canonical.rstrip("\n").split("\n")
    entry_lines = set(starts.values())
    above: dict[int, list[str]] = {}
    tail: dict[int, str] = {}
    trailing: list[str] = []
    for comment in kept:
        line = _line_of(comment.anchor, starts)
        if line is None:
            trailing.append(comment.text)
            continue
        one_line = line + 1 in entry_lines or line == len(lines)
        if comment.own_line or not one_line or line in tail:
            above.setdefault(line, []).append(comment.text)
        else:
            tail[line] = comment.text
    out = []
    for number, text in enumerate(lines, start=1):
        indent = text[:len(text) - len(text.lstrip(" "))]
        out += [indent + c for c in above.get(number, ())]
        out.append(f"{text}  {tail[number]}" if number in tail else text)
    return "\n".join(out + trailing) + "\n"


def _line_of(anchor: Path_ | None, starts: dict[Path_, int]) -> int | None:
    """The line of an entry in the canonical text, or of its nearest surviving parent."""
    if anchor is None:
        return None
    for cut in range(len(anchor), 0, -1):
        if anchor[:cut] in starts:
            return starts[anchor[:cut]]
    return 1


def canonical_file(path: Path, record: object, document: strict_yaml.Document) -> str:
    """The canonical text of a record file, its comments kept."""
    data = record.model_dump(mode="json", exclude_defaults=True)  # type: ignore[attr-defined]
    canonical = strict_yaml.dump(data)
    text = path.read_text(encoding="utf-8")
    result = with_comments(canonical, comments(text, document))
    if strict_yaml.parse(result).data != strict_yaml.parse(canonical).data:  # never change data to keep a comment
        raise ValueError(f"{path}: a comment could not be kept without changing the data")
    return result


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary sibling moved into place: the old file stays whole until the new one is."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def format_paths(paths: list[Path], check: bool = False) -> tuple[list[str], list[Problem]]:
    """Rewrite (or with `check`, only list) files that are not canonical; with any invalid file, touch none."""
    from .context import validate_in_context

    report = validate_in_context(paths)
    if report.errors:
        return [], report.errors
    planned = []
    for f in report.records:
        path = f.path or Path(f.document.file)
        try:
            text = canonical_file(path, f.record, f.document)
        except ValueError as exc:
            return [], [Problem(str(path), 1, 1, f.ref, None, str(exc), "comment-not-kept")]
        if path.read_text(encoding="utf-8") != text:
            planned.append((path, text))
    for path, text in planned if not check else ():
        write_atomic(path, text)
    return [str(path) for path, _ in planned], []


__all__ = ["canonical_file", "comments", "format_paths", "with_comments", "write_atomic"]
