"""The schema reference, generated from the JSON Schema files in `schema/`: every field, type, enum, description."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..models import KINDS
from .context import GENERATED, SCHEMA, Page, Site
from .text import capital, code, prose

Schema = dict[str, Any]
_CONSTRAINTS = {"pattern": "pattern {}", "minLength": "at least {} character", "maxLength": "at most {} character",
                "minimum": "at least {}", "exclusiveMinimum": "more than {}", "maximum": "at most {}",
                "exclusiveMaximum": "less than {}", "minItems": "at least {} item", "maxItems": "at most {} item"}


def _anchor(name: str) -> str:
    return f"def-{name.lower()}"


def _value(value: Any) -> str:
    return code(json.dumps(value, ensure_ascii=False))


def type_of(schema: Schema) -> str:
    """A field's type in words, with links to the definitions it uses."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "enum" in schema:
        return "one of " + ", ".join(_value(v) for v in schema["enum"])
    if "const" in schema:
        return _value(schema["const"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return " or ".join(type_of(option) for option in schema[key])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    return str(kind) if isinstance(kind, str) else " or ".join(kind)


def constraints(schema: Schema) -> Iterator[str]:
    """Bounds, patterns and defaults, looking into the non-null branch of an optional field."""
    for part in [schema, *schema.get("anyOf", [])]:
        for key, text in _CONSTRAINTS.items():
            if key in part:
                value = part[key]
                plural = "s" if text.endswith(("character", "item")) and value != 1 else ""
                yield text.format(code(value) if key == "pattern" else value) + plural
        if part.get("type") == "array":
            yield from (f"items: {c}" for c in constraints(part.get("items", {})))
    if "default" in schema:
        yield f"default {_value(schema['default'])}"


def _condition(schema: Schema) -> str:
    parts = []
    for name, rule in schema.get("properties", {}).items():
        if "const" in rule:
            parts.append(f"{code(name)} is {_value(rule['const'])}")
        elif "enum" in rule:
            parts.append(f"{code(name)} is one of " + ", ".join(_value(v) for v in rule["enum"]))
    return " and ".join(parts) or code(json.dumps(schema))


def _consequence(schema: Schema) -> str:
    parts = [f"{code(name)} is required" for name in schema.get("required", [])]
    for name, rule in schema.get("properties", {}).items():
        parts += [f"{code(name)} has {c}" for c in constraints(rule)]
    return " and ".join(parts) or code(json.dumps(schema))


def rules(schema: Schema) -> list[str]:
    """Conditional rules (`if`/`then`, `anyOf` of requirements) in words."""
    out = []
    for rule in [schema, *schema.get("allOf", [])]:
        if "if" in rule and "then" in rule:
            out.append(f"If {_condition(rule['if'])}, then {_consequence(rule['then'])}.")
    alternatives = schema.get("anyOf", [])
    if alternatives and all(set(a) == {"required"} for a in alternatives):
        names = ", ".join(code(n) for a in alternatives for n in a["required"])
        out.append(f"At least one of {names} is required.")
    return out


def _fields(schema: Schema) -> str:
    required = set(schema.get("required", []))
    rows = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for name, field in schema.get("properties", {}).items():
        notes = [prose(field["description"])] if field.get("description") else []
        if details := list(constraints(field)):
            notes.append(capital("; ".join(details)) + ".")
        needed = "yes" if name in required else "no"
        rows.append(f"| {code(name, 'sd-field')} | {type_of(field)} | {needed} | {' '.join(notes)} |")
    extra = "" if schema.get("additionalProperties") is not False else "\n\nNo other fields are allowed."
    return "\n".join(rows) + extra


def _definition(name: str, schema: Schema) -> list[str]:
    lines = [f"## {name} {{#{_anchor(name)}}}", ""]
    if schema.get("description"):
        lines += [prose(schema["description"]), ""]
    if "enum" in schema:
        lines += [f"A {schema.get('type', 'value')}, one of:", "", *[f"- {_value(v)}" for v in schema["enum"]], ""]
    elif "properties" in schema:
        lines += [_fields(schema), ""]
    lines += [f"- {rule}" for rule in rules(schema)]
    return [*lines, ""]


def kind_page(site: Site, kind: str, schema: Schema, file_name: str) -> Page:
    lines = [f"# Schema: {kind}", "",
             f"File {code(f'schema/{file_name}')}, `$id` {code(schema.get('$id', ''))}, JSON Schema draft 2020-12. "
             f"The record is a [{schema['title']}](#{_anchor(schema['title'])}); the definitions it uses follow.", ""]
    lines += _definition(schema["title"], schema)
    for name, definition in sorted(schema.get("$defs", {}).items()):
        lines += _definition(name, definition)
    return _markdown(site, f"{GENERATED}/schema/{kind}.md", f"Schema: {kind}", lines)


def _markdown(site: Site, path: str, title: str, lines: list[str]) -> Page:
    """A page of Markdown written here from the schema files (our own text, escaped for Markdown by `md`)."""
    return site.page(path, "markdown.md.j2", title, body=Markup("\n".join(lines)))


def schema_pages(site: Site, folder: Path) -> list[Page]:
    """One page per schema file (in the order of the record kinds) and an index; none when `folder` is empty."""
    files = {p.stem: p for p in folder.glob("*.json")} if folder.is_dir() else {}
    kinds = [k for k in KINDS if k in files] + sorted(set(files) - set(KINDS))
    pages = [kind_page(site, kind, json.loads(files[kind].read_text(encoding="utf-8")), files[kind].name)
             for kind in kinds]
    lines = ["# Schema reference", "",
              "The JSON Schema files (draft 2020-12) in `schema/` are generated from the package's models "
              "(`sleepdata schema --write`) and validate one record file each. Rules that JSON Schema cannot "
              "express — references between records, ids equal to file names, spans inside their sources — are "
              "checked by `sleepdata validate`.", ""]
    lines += [f"- [{kind}]({kind}.md)" for kind in kinds]
    if not pages:
        lines.append("No schema files were found in `schema/`; run `sleepdata schema --write`.")
    return [_markdown(site, SCHEMA, "Schema reference", lines), *pages]
