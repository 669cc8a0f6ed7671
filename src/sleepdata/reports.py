"""Validation reports: text for people, JSON for programs, GitHub workflow annotations for CI logs."""

from __future__ import annotations

import json
from typing import Any

from ._version import __version__
from .errors import Problem, sort_key, summary
from .textsafe import github_data, github_property

REPORT_FORMAT = 1


def as_json(problems: list[Problem], files: dict[str, str], records: int) -> dict[str, Any]:
    """The stable, documented JSON report (format 1)."""
    ordered = sorted(problems, key=sort_key)
    errors = [p for p in ordered if p.severity == "error"]
    return {
        "report_format": REPORT_FORMAT,
        "sleepdata_version": __version__,
        "valid": not errors,
        "counts": {"files": len(files), "records": records, "errors": len(errors),
                   "warnings": len(ordered) - len(errors)},
        "files": [{"path": path, "sha256": digest} for path, digest in sorted(files.items())],
        "problems": [p.to_dict() for p in ordered],
    }


def render(problems: list[Problem], fmt: str, extra: dict[str, Any]) -> str:
    ordered = sorted(problems, key=sort_key)
    if fmt == "json":
        return json.dumps(as_json(ordered, extra.get("files", {}), extra.get("records", 0)), indent=2,
                          ensure_ascii=False) + "\n"
    if fmt == "github":
        lines = []
        for p in ordered:
            title = github_property(f"sleepdata {p.code}")
            where = " ".join(x for x in (p.record, p.field) if x)
            message = github_data(f"{where}: {p.message}" if where else p.message)
            lines.append(f"::{p.severity} file={github_property(p.file)},line={p.line},col={p.col},"
                         f"title={title}::{message}")
        lines.append(_summary(ordered, extra))
        return "\n".join(lines) + "\n"
    return "".join(p.format() + "\n" for p in ordered) + _summary(ordered, extra) + "\n"


def _summary(problems: list[Problem], extra: dict[str, Any]) -> str:
    """The summary line; on success it also says how much was checked."""
    line = summary(problems)
    if "records" in extra and not any(p.severity == "error" for p in problems):
        files, records = len(extra.get("files", {})), extra["records"]
        line = f"{records} record{'s' * (records != 1)} in {files} file{'s' * (files != 1)}: {line}"
    return line
