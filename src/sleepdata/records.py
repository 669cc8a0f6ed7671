"""Reading record files: strict YAML, then the record's model, every problem with its place."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from . import strict_yaml
from .errors import MAX_PER_FILE, Problem, did_you_mean, field_path
from .models import FOLDERS, KINDS

KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A record file that passed its model, with what integrity checks need to place their problems."""

    kind: str
    record: BaseModel
    document: strict_yaml.Document
    path: Path | None = None

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.record.id}"  # type: ignore[attr-defined]

    def problem(self, path: tuple[str | int, ...], message: str, code: str, **extra: Any) -> Problem:
        line, col = self.document.position(path)
        return Problem(self.document.file, line, col, self.ref, field_path(path) or None, message, code,
                       claim=claim_at(self.kind, self.document.data, path), **extra)


def claim_at(kind: str, data: Any, path: tuple[str | int, ...]) -> str | None:
    """The id of the innermost claim that holds `path` in a record's data (a warning is itself a claim)."""
    found = data.get("id") if kind == "warning" and isinstance(data, dict) else None
    current = data
    for part in path:
        try:
            current = current[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(current, dict) and isinstance(current.get("id"), str):
            found = current["id"]
    return found if isinstance(found, str) else None


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    text = repr(value) if not isinstance(value, bool) else str(value).lower()
    return text if len(text) <= 60 else text[:57] + "…'"


_CODES = {
    "missing": "missing", "extra_forbidden": "unknown-field", "literal_error": "enum", "enum": "enum",
    "string_pattern_mismatch": "pattern", "greater_than": "range", "greater_than_equal": "range",
    "less_than": "range", "less_than_equal": "range", "too_short": "length", "too_long": "length",
    "string_too_short": "length", "string_too_long": "length", "finite_number": "non-finite",
    "value_error": "value", "assertion_error": "value",
}


def _expected(error: Any, model: type[BaseModel]) -> tuple[str, str]:
    """The `expected …` phrase and the stable code for one pydantic error."""
    kind, ctx = error["type"], error.get("ctx") or {}
    code = _CODES.get(kind, "type" if kind.endswith("_type") or kind.endswith("_parsing") else kind)
    if kind in ("literal_error", "enum"):
        return f"expected one of {ctx.get('expected', '')}", code
    if kind == "missing":
        return "expected a value for this required field", code
    if kind == "string_pattern_mismatch":
        return f"expected text matching {ctx.get('pattern')}", code
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<", "less_than_equal": "<="}[kind]
        limit = next(iter(ctx.values()), "")
        return f"expected a number {sign} {limit}", code
    if kind in ("too_short", "string_too_short"):
        unit = "item" if kind == "too_short" else "character"
        least = ctx.get("min_length", 1)
        return f"expected at least {least} {unit}{'s' * (least != 1)}", code
    if kind in ("too_long", "string_too_long"):
        unit = "item" if kind == "too_long" else "character"
        return f"expected at most {ctx.get('max_length')} {unit}s", code
    if kind.endswith("_type") or kind.endswith("_parsing"):
        wanted = {"string_type": "text", "int_type": "a whole number", "float_type": "a number",
                  "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping",
                  "model_type": "a mapping", "int_from_float": "a whole number", "float_parsing": "a number",
                  "int_parsing": "a whole number", "bool_parsing": "true or false"}.get(kind, kind)
        return f"expected {wanted}", code
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"])), code
    return error["msg"], code


def as_json(data: Any) -> bytes:
    """JSON of a parsed file's value (orjson; the standard library for integers past 64 bits)."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return json.dumps(data).encode()


def validate_document(kind: str, document: strict_yaml.Document) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a parsed file against its kind's model; return the record or the problems."""
    model: type[BaseModel] = KINDS[kind]
    record_id = document.data.get("id")
    ref = f"{kind}:{record_id}" if isinstance(record_id, str) else None
    try:
        # From JSON, so that pydantic's strict JSON mode judges types as a JSON Schema validator would
        return model.model_validate_json(as_json(document.data)), []
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        if len(errors) > MAX_PER_FILE:
            problems.append(Problem(document.file, 1, 1, ref, None, f"… and {len(errors) - MAX_PER_FILE} more "
                                    "problems in this file (fix these first)", "more-problems"))
        for error in errors[:MAX_PER_FILE]:
            loc = tuple(error["loc"])
            expected, code = _expected(error, model)
            found = error.get("input")
            if code == "unknown-field":
                allowed = _fields_at(model, loc[:-1])
                hint = did_you_mean(str(loc[-1]), allowed)
                line, col = document.position(loc, key=True)
                message = f"unknown field '{loc[-1]}'{hint}; expected one of {', '.join(allowed)}"
                problems.append(Problem(document.file, line, col, ref, field_path(loc), message, code,
                                        expected=", ".join(allowed), found=str(loc[-1]),
                                        claim=claim_at(kind, document.data, loc)))
                continue
            line, col = document.position(loc)
            shown = "nothing" if code == "missing" else (f"{len(found)}" if code == "length" and
                                                          isinstance(found, (list, str)) else _describe(found))
            message = expected if code == "value" else f"{expected}; got {shown}"
            problems.append(Problem(document.file, line, col, ref, field_path(loc) or None, message, code,
                                    expected=expected, found=None if code == "missing" else _describe(found),
                                    claim=claim_at(kind, document.data, loc)))
        return None, problems


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names allowed at a place inside a model, for unknown-field hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def read_record(path: Path, kind: str, display: str) -> tuple[RecordFile | None, list[Problem]]:
    """Read, parse and validate one record file."""
    found, problems, _ = read_record_or_ids(path, kind, display)
    return found, problems


def read_record_or_ids(path: Path, kind: str, display: str,
                       raw: bytes | None = None) -> tuple[RecordFile | None, list[Problem], dict[str, set[str]]]:
    """Like `read_record` (from `raw` when the file's bytes are at hand); for an invalid record, also the ids it
    would define (so references to it stand)."""
    claimed: dict[str, set[str]] = {kind: {path.stem}}
    try:
        document = strict_yaml.read(path, display) if raw is None else strict_yaml.parse(raw, display)
    except strict_yaml.YamlError as exc:
        return None, [Problem(exc.file, exc.line, exc.col, None, None, exc.message, exc.code)], claimed
    record, problems = validate_document(kind, document)
    if record is not None:
        return RecordFile(kind, record, document, path), problems, {}
    return None, problems, claimed_ids(kind, path.stem, document)


def claimed_ids(kind: str, stem: str, document: strict_yaml.Document) -> dict[str, set[str]]:
    """The ids a record that fails its schema would define (references to them stand): its own (its file name
    without `.yaml`), its strengths' and its claims'."""
    claimed: dict[str, set[str]] = {kind: {stem}}
    strengths = document.data.get("strengths")
    if isinstance(strengths, list):
        claimed["strength"] = {s["id"] for s in strengths if isinstance(s, dict) and isinstance(s.get("id"), str)}
    from .claim_data import raw_claims

    claimed["claim"] = {cid for cid, _, _ in raw_claims(document.data) if isinstance(cid, str)}
    if kind == "warning" and isinstance(document.data.get("id"), str):  # a warning is itself a claim
        claimed["claim"].add(document.data["id"])
    return claimed


def _entries(folder: Path) -> tuple[list[os.DirEntry[str]], list[Problem]]:
    """The entries of a folder, sorted by name, or a problem saying why it cannot be listed (the folder's listing
    says which entries are files, folders and links: no call per entry)."""
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name), []
    except OSError as exc:
        return [], [Problem(str(folder), 1, 1, None, None, f"cannot list the folder: {exc.strerror or exc}",
                            "unreadable")]


def _refused(entry: os.DirEntry[str], root: Path) -> Problem | None:
    """Why an entry of a dataset is not read: a hidden name, or a symbolic link that leads out of the dataset."""
    if entry.name.startswith("."):
        return Problem(entry.path, 1, 1, None, None, "hidden file or folder; it is not read (rename it, or move it "
                       "out of the dataset)", "hidden-file", severity="warning")
    if entry.is_symlink():
        try:
            Path(entry.path).resolve(strict=True).relative_to(root.resolve())
        except (OSError, RuntimeError, ValueError):
            return Problem(entry.path, 1, 1, None, None, "symbolic link that leads out of the dataset (or nowhere); "
                           "links are followed only inside the dataset folder", "symlink-outside")
    return None


def _is(entry: os.DirEntry[str], test: str) -> bool:
    try:
        return bool(getattr(entry, test)())
    except OSError:
        return False


def discover(root: Path) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """Record files under a dataset directory as (path, kind, display name: the same path), and stray files as
    problems.

    Hidden entries are reported (as warnings) and not read; a symbolic link is followed only when it leads to
    a place inside the dataset folder.
    """
    found: list[tuple[str, str, str]] = []
    entries, problems = _entries(root)
    for entry in entries:
        if entry.name in {"VERSION", "README.md", "retired.yaml"}:
            continue
        refused = _refused(entry, root)
        if refused:
            problems.append(refused)
        elif _is(entry, "is_dir") and entry.name in KIND_OF_FOLDER:
            files, unreadable = _entries(Path(entry.path))
            problems += unreadable
            kind = KIND_OF_FOLDER[entry.name]
            for file in files:
                refused = _refused(file, root)
                if refused:
                    problems.append(refused)
                elif not file.name.endswith(".yaml") or not _is(file, "is_file"):
                    problems.append(Problem(file.path, 1, 1, None, None, "not a record file; records are "
                                            "'<id>.yaml' files", "stray-file"))
                else:
                    found.append((file.path, kind, file.path))
        else:
            hint = did_you_mean(entry.name, KIND_OF_FOLDER)
            problems.append(Problem(entry.path, 1, 1, None, None, f"unexpected entry{hint}; a dataset holds the "
                                    f"folders {', '.join(KIND_OF_FOLDER)}", "stray-file"))
    return found, problems
