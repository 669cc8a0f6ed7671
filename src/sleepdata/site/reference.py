"""The schema reference, generated from the JSON Schema files in `schema/`: every field, type, enum, description.

Text is handed to the template as runs (`Run`): plain words, code and links, which the template escapes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..models import KINDS
from .context import GENERATED, SCHEMA, Page, Site

Schema = dict[str, Any]
_CONSTRAINTS = {"pattern": "pattern {}", "minLength": "at least {} character", "maxLength": "at most {} character",
                "minimum": "at least {}", "exclusiveMinimum": "more than {}", "maximum": "at most {}",
                "exclusiveMaximum": "less than {}", "minItems": "at least {} item", "maxItems": "at most {} item"}


class Run(NamedTuple):
    """A piece of text: `text`, `code`, or a `link` to an anchor on the same page."""

    kind: str
    text: str
    anchor: str = ""


Rich = list[Run]


def _words(text: str) -> Rich:
    return [Run("text", text)]


def _code(value: Any) -> Rich:
    return [Run("code", value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))]


def _value(value: Any) -> Rich:
    return [Run("code", json.dumps(value, ensure_ascii=False))]


def _join(parts: Iterable[Rich], separator: str) -> Rich:
    out: Rich = []
    for i, part in enumerate(parts):
        out += ([Run("text", separator)] if i else []) + part
    return out


def prose(text: str) -> Rich:
    """Our own descriptive text (schema descriptions) with its `code spans` kept."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return _words(text)
    return [Run("code" if i % 2 else "text", part) for i, part in enumerate(parts) if part]


def _anchor(name: str) -> str:
    return f"def-{name.lower()}"


def type_of(schema: Schema) -> Rich:
    """A field's type in words, with links to the definitions it uses."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [Run("link", name, _anchor(name))]
    if "enum" in schema:
        return _words("one of ") + _join((_value(v) for v in schema["enum"]), ", ")
    if "const" in schema:
        return _value(schema["const"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return _join((type_of(option) for option in schema[key]), " or ")
    kind = schema.get("type", "any")
    if kind == "array":
        return _words("array of ") + type_of(schema.get("items", {}))
    return _words(str(kind) if isinstance(kind, str) else " or ".join(kind))


def constraints(schema: Schema) -> Iterator[Rich]:
    """Bounds, patterns and defaults, looking into the non-null branch of an optional field."""
    for part in [schema, *schema.get("anyOf", [])]:
        for key, text in _CONSTRAINTS.items():
            if key in part:
                value = part[key]
                plural = "s" if text.endswith(("character", "item")) and value != 1 else ""
                before, _, after = text.partition("{}")
                yield _words(before) + (_code(value) if key == "pattern" else _words(str(value))) + _words(
                    after + plural)
        if part.get("type") == "array":
            yield from (_words("items: ") + c for c in constraints(part.get("items", {})))
    if "default" in schema:
        yield _words("default ") + _value(schema["default"])


def _condition(schema: Schema) -> Rich:
    parts = []
    for name, rule in schema.get("properties", {}).items():
        if "const" in rule:
            parts.append(_code(name) + _words(" is ") + _value(rule["const"]))
        elif "enum" in rule:
            parts.append(_code(name) + _words(" is one of ") + _join((_value(v) for v in rule["enum"]), ", "))
    return _join(parts, " and ") or _code(json.dumps(schema))


def _consequence(schema: Schema) -> Rich:
    parts = [_code(name) + _words(" is required") for name in schema.get("required", [])]
    for name, rule in schema.get("properties", {}).items():
        parts += [_code(name) + _words(" has ") + c for c in constraints(rule)]
    return _join(parts, " and ") or _code(json.dumps(schema))


def rules(schema: Schema) -> list[Rich]:
    """Conditional rules (`if`/`then`, `anyOf` of requirements) in words."""
    out = []
    for rule in [schema, *schema.get("allOf", [])]:
        if "if" in rule and "then" in rule:
            out.append(_words("If ") + _condition(rule["if"]) + _words(", then ") + _consequence(rule["then"])
                       + _words("."))
    alternatives = schema.get("anyOf", [])
    if alternatives and all(set(a) == {"required"} for a in alternatives):
        names = _join((_code(n) for a in alternatives for n in a["required"]), ", ")
        out.append(_words("At least one of ") + names + _words(" is required."))
    return out


def _fields(schema: Schema) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    rows = []
    for name, field in schema.get("properties", {}).items():
        notes = prose(field["description"]) if field.get("description") else []
        if details := list(constraints(field)):
            joined = _join(details, "; ")
            first = joined[0]
            joined[0] = first._replace(text=first.text[:1].upper() + first.text[1:])
            notes += ([Run("text", " ")] if notes else []) + joined + _words(".")
        rows.append({"name": name, "type": type_of(field), "required": name in required, "notes": notes})
    return rows


def _definition(name: str, schema: Schema) -> dict[str, Any]:
    return {"name": name, "anchor": _anchor(name), "description": prose(schema.get("description", "")),
            "enum": [_value(v) for v in schema.get("enum", [])], "type": schema.get("type", "value"),
            "fields": _fields(schema) if "properties" in schema and "enum" not in schema else None,
            "closed": schema.get("additionalProperties") is False, "rules": rules(schema)}


def kind_page(site: Site, kind: str, schema: Schema, file_name: str) -> Page:
    definitions = [_definition(schema["title"], schema)]
    definitions += [_definition(name, d) for name, d in sorted(schema.get("$defs", {}).items())]
    return site.page(f"{GENERATED}/schema/{kind}.md", "schema.md.j2", f"Schema: {kind}", file=f"schema/{file_name}",
                     schema_id=schema.get("$id", ""), record=schema["title"], definitions=definitions)


def schema_pages(site: Site, folder: Path) -> list[Page]:
    """One page per schema file (in the order of the record kinds) and an index; none when `folder` is empty."""
    files = {p.stem: p for p in folder.glob("*.json")} if folder.is_dir() else {}
    kinds = [k for k in KINDS if k in files] + sorted(set(files) - set(KINDS))
    pages = [kind_page(site, kind, json.loads(files[kind].read_text(encoding="utf-8")), files[kind].name)
             for kind in kinds]
    index = site.page(SCHEMA, "schema-index.md.j2", "Schema reference", kinds=kinds)
    return [index, *pages]
