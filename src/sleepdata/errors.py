"""Problems found in data, written for the person who must fix them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from . import textsafe

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one place of one file."""

    file: str
    line: int
    col: int
    record: str | None
    field: str | None
    message: str
    code: str
    expected: str | None = None
    found: str | None = None
    severity: Severity = "error"
    claim: str | None = None

    def format(self) -> str:
        """One line of text; control characters and line breaks from data or file names shown as escapes."""
        where = " ".join(part for part in (self.record, self.field) if part)
        prefix = f"{self.file}:{self.line}:{self.col}: "
        level = "" if self.severity == "error" else "warning: "
        return textsafe.line(f"{prefix}{level}{where + ': ' if where else ''}{self.message} [{self.code}]")

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data (the JSON report's `problems` items)."""
        return asdict(self)


class DatasetError(Exception):
    """Raised when data has errors; nothing of it is loaded."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        shown = "\n".join(p.format() for p in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{shown}{more}\n{summary(self.problems)}")


#: Problems reported for one file at most; the rest are counted in one last "… and N more" problem.
MAX_PER_FILE = 100


def capped(problems: Iterable[Problem], limit: int = MAX_PER_FILE) -> list[Problem]:
    """At most `limit` problems per file (the first ones, in file order), then one that counts the rest."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    out: list[Problem] = []
    for file, found in by_file.items():
        if len(found) <= limit:
            out += found
            continue
        found.sort(key=sort_key)
        last = found[limit - 1]
        out += found[:limit]
        out.append(Problem(file, last.line, last.col, None, None, f"… and {len(found) - limit} more problems in "
                           "this file (fix these first)", "more-problems"))
    return out


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line, problem.col, problem.code)


def summary(problems: list[Problem]) -> str:
    """`3 errors in 2 files; nothing loaded.` or `no errors`."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    tail = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    if not errors:
        return f"no errors{tail}."
    files = len({p.file for p in errors})
    return (f"{len(errors)} error{'s' * (len(errors) != 1)} in {files} file{'s' * (files != 1)}{tail}; "
            "nothing loaded.")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a close match exists, else an empty string."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def field_path(loc: Iterable[str | int]) -> str:
    """`('strengths', 1, 'unit')` -> `strengths[1].unit`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
