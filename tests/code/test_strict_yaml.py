"""Strict YAML reading: every rejected construct, with its position and code, and the worst cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sleepdata.strict_yaml import MAX_BYTES, MAX_DEPTH, YamlError, parse

REJECTED = [
    ("id: a\nname: b\nid: c\n", 3, 1, "duplicate-key", "first at line 1"),
    ("a: &x 1\nb: *x\n", 1, 4, "anchor", "&x"),
    ("a: *x\n", 1, 4, "alias", "*x"),
    ("a:\n  <<: {b: 1}\n", 2, 3, "merge-key", "merge"),
    ("a: !!str 5\n", 1, 4, "tag", "tag"),
    ("a: !custom x\n", 1, 4, "tag", "!custom"),
    ("1: a\n", 1, 1, "key-type", "keys must be strings"),
    ("? [a, b]\n: c\n", 1, 3, "key-type", "keys must be strings"),
    ("a: 1\n---\nb: 2\n", 3, 1, "multiple-documents", "one record"),
    ("", 1, 1, "empty", "empty"),
    ("# only a comment\n", 1, 1, "empty", "empty"),
    ("- a\n- b\n", 1, 1, "not-a-mapping", "mapping"),
    ("just text\n", 1, 1, "not-a-mapping", "mapping"),
    ("a: [" * 1 + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 6) + "\n", 1, None, "depth", "nesting"),
    ("\ufeffa: 1\n", 1, 1, "bom", "byte order mark"),
    ("a: 1\r\nb: 2\r\n", 1, 5, "line-ending", "LF"),
    ("a: 1\rb: 2\n", 1, 5, "line-ending", "LF"),
    ("a: x\x07y\n", 1, 5, "character", "U+0007"),
    ("a: x\u200by\n", 1, 5, "character", "U+200B"),
    ("a: x\u202ey\n", 1, 5, "character", "U+202E"),
    ("a: no\n", 1, 4, "ambiguous-scalar", "'no'"),
    ("a: Yes\n", 1, 4, "ambiguous-scalar", "'Yes'"),
    ("a: off\n", 1, 4, "ambiguous-scalar", "'off'"),
    ("a: 1:20\n", 1, 4, "ambiguous-scalar", "'1:20'"),
    ("a: 0777\n", 1, 4, "ambiguous-scalar", "'0777'"),
    ("a: 1_000\n", 1, 4, "ambiguous-scalar", "'1_000'"),
    ("a: .inf\n", 1, 4, "non-finite", "finite"),
    ("a: .nan\n", 1, 4, "non-finite", "finite"),
    ("a: [1, 2\nb: 3\n", 2, 2, "syntax", "YAML syntax"),
    ("a: 'unclosed\n", None, None, "syntax", "YAML syntax"),
]


@pytest.mark.parametrize(("text", "line", "col", "code", "words"), REJECTED)
def test_rejected_with_position(text: str, line: int | None, col: int | None, code: str, words: str) -> None:
    with pytest.raises(YamlError) as info:
        parse(text, "f.yaml")
    err = info.value
    assert err.code == code
    assert words in err.message
    if line is not None:
        assert err.line == line
    if col is not None:
        assert err.col == col
    assert str(err).startswith(f"f.yaml:{err.line}:{err.col}: ")


def test_invalid_utf8_is_placed() -> None:
    with pytest.raises(YamlError) as info:
        parse(b"a: ok\nb: \xff\n", "f.yaml")
    assert (info.value.line, info.value.col, info.value.code) == (2, 4, "encoding")


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(YamlError) as info:
        parse("a: " + "x" * MAX_BYTES + "\n")
    assert info.value.code == "too-large"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 7.5\n", 7.5),
        ("a: 7\n", 7),
        ("a: '7.5'\n", "7.5"),
        ("a: 'no'\n", "no"),
        ("a: true\n", True),
        ("a: ~\n", None),
        ("a: null\n", None),
        ("a: 2024-01-01\n", "2024-01-01"),
        ("a: 0\n", 0),
        ("a: -1.5e3\n", -1500.0),
        ("a: '1:20'\n", "1:20"),
        ("a: Ékbom\n", "Ékbom"),
    ],
)
def test_yaml_1_2_scalars(text: str, expected: object) -> None:
    value = parse(text).data["a"]
    assert value == expected and type(value) is type(expected)


def test_positions_of_nested_values_and_keys() -> None:
    doc = parse("id: x\nstrengths:\n  - id: a\n    unit: mgs\n")
    assert doc.position(("strengths", 0, "unit")) == (4, 11)
    assert doc.position(("strengths", 0, "unit"), key=True) == (4, 5)
    assert doc.position(("strengths", 0, "missing")) == (3, 5)


def test_flow_and_block_paths_agree() -> None:
    block = parse("a:\n  - b: 1\n    c: x\n").data
    flow = parse("a: [{b: 1, c: x}]\n").data
    assert block == flow == {"a": [{"b": 1, "c": "x"}]}


WORST_CASES = {
    "deep flow nesting": "a: " + "[" * 200_000 + "]" * 200_000 + "\n",
    "deep block nesting": "".join("  " * i + f"k{i}:\n" for i in range(400)),
    "many keys": "".join(f"k{i}: {i}\n" for i in range(40_000)),
    "many aliases": "a: &a [x]\n" + "".join(f"b{i}: *a\n" for i in range(40_000)),
    "long line": "a: " + "x" * (MAX_BYTES - 10) + "\n",
    "many duplicate-ish keys": "".join(f"k: {i}\n" for i in range(2)) + "z: 1\n" * 50_000,
}


@pytest.mark.parametrize("name", list(WORST_CASES))
def test_worst_cases_end_in_a_value_or_a_placed_error(name: str) -> None:
    """No crash, no recursion error: each ends as data or a YamlError (their timings: bench/worst_yaml.py)."""
    try:
        doc = parse(WORST_CASES[name])
    except YamlError as err:
        assert err.line >= 1 and err.code in {"depth", "anchor", "duplicate-key", "too-large"}
    else:
        assert isinstance(doc.data, dict)


def test_libyaml_and_python_composers_agree_on_the_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (libyaml) and the checking path (pure Python) give the same values and positions."""
    from sleepdata import strict_yaml

    from ..conftest import DATASET

    files = sorted(DATASET.glob("*/*.yaml"))[::7]
    assert strict_yaml._CComposer is not None, "PyYAML is built without libyaml here"
    fast = [parse(f.read_bytes(), f.name) for f in files]
    monkeypatch.setattr(strict_yaml, "_has_markers", lambda text: True)
    slow = [parse(f.read_bytes(), f.name) for f in files]
    assert [(d.data, d.positions, d.key_positions) for d in fast] == [
        (d.data, d.positions, d.key_positions) for d in slow]


# -- the native parser's happy path agrees with the positioned reader ----------------------------------------

def _outcome(text: str | bytes) -> tuple[object, ...]:
    try:
        document = parse(text, "f.yaml")
    except YamlError as error:
        return ("error", error.code, error.line, error.col, error.message)
    return ("ok", document.data, document.positions, document.key_positions)


def _both(text: str | bytes) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """The outcome with the native parser, and with the positioned reader alone."""
    from sleepdata import strict_yaml

    native = _outcome(text)
    saved, strict_yaml._yaml_rs = strict_yaml._yaml_rs, None
    try:
        positioned = _outcome(text)
    finally:
        strict_yaml._yaml_rs = saved
    return native, positioned


def test_the_native_parser_is_installed_and_reads_most_of_the_dataset() -> None:
    """The `fast` extra is in the test environment, and the files it reads are most of ours."""
    from sleepdata import strict_yaml

    from ..conftest import DATASET

    assert strict_yaml._yaml_rs is not None, "install the `fast` extra (yaml-rs)"
    files = sorted(DATASET.glob("*/*.yaml"))
    native = [f for f in files if strict_yaml._native(f.read_text(encoding="utf-8")) is not None]
    assert len(native) >= 0.9 * len(files)


def test_native_and_positioned_readers_agree_on_every_fixture_and_record() -> None:
    from ..conftest import DATASET, FIXTURES

    files = sorted(DATASET.glob("*/*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))
    for path in files:
        native, positioned = _both(path.read_bytes())
        assert native == positioned, path


_TOKENS = ["a", "id", ":", ": ", " ", "  ", "\n", "- ", "[", "]", "{", "}", ",", '"', "'", "#", "&x ", "*x", "!!str ",
           "!", "\\", "\\e", "\\u202e", "\\L", "\\x00", "\u2028", "\x1b", "\t", "0x1", "0o7", "0b1", "07", "1e999",
           "9" * 40, "no", "yes", "y", "on", "~", "<<", "|", ">", "|-", ">+", "---\n", "...\n", "? ", "é", "12:30",
           "1_000", "-.inf", ".nan", "null", "Null", "true", "TRUE", "tRUE", "1.", ".5", "+1", "-0", "1e3", "''", '""',
           "name", "x" * 30, "  - ", "\n  ", "\n    ", ", ", "%", "@", "`", "=", "?", ":x", "x:", "-x", "a b", "# c",
           "{source: 'source:a', start: 1, end: 2}", "- {source: 'source:a', start: 1, end: 2}\n", "000_6a.txt", "1_0x",
           "'{glass}'", ": '[x]'\n", ": '{y}'", "1.e999", "0x1F.txt", "e+999", "_1", "._5", "-_1", "1e_1",
           "Sleep [x]", "B*15", " *a", "x [", "] y", ": x [y]\n"]


@settings(max_examples=1500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_native_and_positioned_readers_agree_on_yaml_like_text(text: str) -> None:
    """Whatever the native parser is given, the outcome is the positioned reader's: same value, or same error."""
    wrappers = ("note: ", "list:\n- ", "a: {", "a: [", "a: |\n  ", "a: >\n  ", "a:\n  ")
    for candidate in (text, *(f"id: x\n{before}{text}\n" for before in wrappers)):
        native, positioned = _both(candidate)
        assert native == positioned, candidate
