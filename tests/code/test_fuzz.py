"""Property-based tests with a fixed budget (derandomized, so CI runs the same examples every time).

- the strict reader, on random bytes and on random YAML-like texts: a document or a `YamlError` placed inside the
  file, never another exception;
- the models, on random changes to valid records: what pydantic accepts the JSON Schema accepts, and what the
  JSON Schema can express pydantic rejects, the JSON Schema rejects too;
- escaping, on random text: rendered through the site's Markdown extensions, or put into an attribute, the HTML
  parse finds no element or attribute that came from the text, and the text reads back unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sleepdata import schemas, strict_yaml
from sleepdata.models import KINDS
from sleepdata.records import KIND_OF_FOLDER
from sleepdata.site.render import environment
from sleepdata.textsafe import UNSAFE

from ..conftest import FIXTURES, ROOT
from .html_safety import Elements, foreign

BUDGET = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow])

# -- the strict reader ----------------------------------------------------------------------------------------

_TOKENS = ["a", "id", ":", ": ", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", '"', "'", "#", "&x ", "*x", "!!str ",
           "!", "\\", "\\e", "\\u202e", "\\L", "\\x00", "\u2028", "\u2029", "\x1b", "\x00", "\t", "\r", "\ufeff",
           "0x1", "0o7", "1e999", "9" * 40, "no", "yes", "~", "<<", "|", ">", "%YAML 1.1\n", "---\n", "...\n", "? ",
           "é", "\u202e", "12:30", "1_000", "-.inf", ".nan", "null", "true", "name", "x" * 50]


def _check_placed(raw: bytes) -> None:
    try:
        strict_yaml.parse(raw, "f.yaml")
    except strict_yaml.YamlError as error:
        lines = raw.decode("utf-8", "replace").split("\n")
        assert 1 <= error.line <= len(lines), (error, len(lines))
        assert 1 <= error.col <= len(lines[error.line - 1]) + 1, (error, lines[error.line - 1])
        assert error.code and error.message


@BUDGET
@given(st.binary(max_size=600))
def test_reader_on_random_bytes_never_raises_anything_else(raw: bytes) -> None:
    _check_placed(raw)


@BUDGET
@given(st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join))
def test_reader_on_yaml_like_text_never_raises_anything_else(text: str) -> None:
    _check_placed(text.encode("utf-8"))


@BUDGET
@given(st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join))
def test_reader_refuses_what_a_yaml_1_1_reader_would_hide(text: str) -> None:
    """Whatever the strict reader accepts, PyYAML reads to the same keys (nothing hidden on a second line)."""
    try:
        document = strict_yaml.parse("id: x\nnote: " + text + "\n")
    except strict_yaml.YamlError:
        return
    try:
        loose = yaml.safe_load("id: x\nnote: " + text + "\n")
    except yaml.YAMLError:
        return
    assert isinstance(loose, dict) and set(loose) == set(document.data)


# -- the models against their JSON Schema ---------------------------------------------------------------------

_RECORDS = [(KIND_OF_FOLDER[p.parent.name], strict_yaml.parse(p.read_bytes()).data)
            for p in sorted((FIXTURES / "valid" / "dataset").glob("*/*.yaml"))]
_VALIDATORS = {kind: jsonschema.Draft202012Validator(json.loads(text)) for kind, text in
               ((name.removesuffix(".json"), text) for name, text in schemas.files().items())}
# pydantic errors whose rule the JSON Schema states too (the rest are checks only code can make).
_EXPRESSED = {"missing", "extra_forbidden", "literal_error", "enum", "string_type", "int_type", "float_type",
              "bool_type", "list_type", "dict_type", "model_type", "string_pattern_mismatch", "greater_than",
              "greater_than_equal", "less_than", "less_than_equal", "too_short", "too_long", "string_too_short",
              "string_too_long", "model_attributes_type", "int_from_float"}

_json = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False,
                     allow_infinity=False) | st.text(max_size=12) | st.sampled_from(["mg", "asserted", "drug",
                                                                                      "condition:insomnia", ""]),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                   max_size=3), max_leaves=8)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        out += [p for k, v in value.items() for p in _paths(v, (*path, k))]
    elif isinstance(value, list):
        out += [p for i, v in enumerate(value) for p in _paths(v, (*path, i))]
    return out


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, Any]:
    kind, record = draw(st.sampled_from(_RECORDS))
    data = json.loads(json.dumps(record))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        if not path:
            data = draw(_json) if action == "replace" else data
        elif action == "replace":
            parent[path[-1]] = draw(_json)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(_json)
    return kind, data


@settings(max_examples=250, deadline=None, derandomize=True, database=None)
@given(_mutated())
def test_pydantic_and_the_json_schema_agree(sample: tuple[str, Any]) -> None:
    kind, data = sample
    try:
        KINDS[kind].model_validate_json(json.dumps(data))
        pydantic_errors: list[str] = []
    except ValidationError as error:
        pydantic_errors = [e["type"] for e in error.errors()]
    schema_valid = _VALIDATORS[kind].is_valid(data)
    if not pydantic_errors:
        assert schema_valid, f"the JSON Schema rejects a record the model accepts: {data}"
    elif all(t in _EXPRESSED for t in pydantic_errors):
        assert not schema_valid, f"the JSON Schema accepts a record the model rejects ({pydantic_errors}): {data}"


# -- escaping -------------------------------------------------------------------------------------------------

_CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
_EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in _CONFIG["markdown_extensions"]]
_CONFIGS = {next(iter(e)): next(iter(e.values())) for e in _CONFIG["markdown_extensions"] if isinstance(e, dict)}
_PIECES = [*"<>&\"'`*_[](){}!#|~^=:;/\\-+.1 \nabcjavascriptonerrorimgsvg", "<script>", "</title>", "javascript:",
           " onload=", "{: ", "&#60;", "&lt;", "[x](", "![i](", "<!--", "]]>", "\u00e9", "1. ", "- ", "***", "---"]
_HOSTILE = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text(max_size=40)


def md(text: str) -> str:
    """`text` as a template expression of the site renders it: autoescaped."""
    return environment().from_string("{{ t }}").render(t=text)


def _page(text: str) -> Elements:
    """`text` where the templates place data — a heading, a paragraph and a table cell, HTML blocks of a
    Markdown page — rendered with the site's Markdown extensions."""
    source = f"<h1>{text}</h1>\n\n<p>{text}</p>\n\n<table><tr><td>{text}</td></tr></table>\n"
    return Elements(markdown.markdown(source, extensions=_EXTENSIONS, extension_configs=_CONFIGS))


_PLAIN = _page("plain words")


def _flat(text: str) -> str:
    return " ".join(UNSAFE.sub(" ", text).split())


@BUDGET
@given(_HOSTILE)
def test_escaped_text_renders_as_text_in_markdown(text: str) -> None:
    found = _page(md(text))
    assert not foreign(found, _PLAIN)
    if _flat(text):
        assert _flat(text) in _flat("".join(found.texts))


@BUDGET
@given(_HOSTILE)
def test_escaped_text_stays_inside_an_attribute_and_an_svg_title(text: str) -> None:
    html = f'<svg aria-label="{md(text)}"><title>{md(text)}</title><text x="1">{md(text)}</text></svg>'
    found = Elements(html)
    assert found.pairs == {("svg", "aria-label"), ("text", "x")} and found.tags == {"svg", "title", "text"}
    assert _flat(found.values[0][2]) == _flat(text)
    assert _flat("".join(found.texts)) == _flat(text + text) or _flat("".join(found.texts)) == _flat(text) * 2


def test_budget_is_fixed() -> None:
    """The fuzz tests run a fixed number of examples, the same ones every run."""
    assert BUDGET.max_examples == 300 and BUDGET.derandomize and BUDGET.database is None
    assert Path(__file__).is_file()
