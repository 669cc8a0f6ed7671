"""Strict YAML reading: one mapping per file, YAML 1.2 scalars, positions for every value.

Rejected with a position: files over `MAX_BYTES`, bytes that are not UTF-8, a byte order mark, CR line
endings, control and Unicode format characters and line or paragraph separators (anywhere, comments
included, and in quoted strings after their escapes are decoded: an escaped ESC is refused as a raw one
is), numbers of more than `MAX_DIGITS` digits, several documents, an empty file, a top level that is not a
mapping, duplicate keys, non-string keys, anchors, aliases, merge keys, tags, nesting deeper than
`MAX_DEPTH`, and YAML 1.1 scalars whose meaning differs in YAML 1.2 (`no`, `on`, `0777`, ...).
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import orjson
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .textsafe import INVISIBLE

MAX_BYTES = 512 * 1024
MAX_DEPTH = 24
MAX_DIGITS = 30  # a longer number is a typo or an attack, never a dose or a position

Path_ = tuple[str | int, ...]

_FORBIDDEN_CHAR = re.compile(f"[{INVISIBLE}]")
# Inside a value, an escaped CR (`"\r"`) is refused as a raw one is.
_FORBIDDEN_IN_VALUE = re.compile(_FORBIDDEN_CHAR.pattern[:-1] + "\r]")
# The plain scalars each core-schema type reads; `_TYPED_JSON` finds a string of one of these forms in JSON.
_NULL_FORMS = r"~|null|Null|NULL|"
_BOOL_FORMS = r"true|True|TRUE|false|False|FALSE"
_INT_FORMS = r"[-+]?(?:0|[1-9][0-9]*)"
_FLOAT_FORMS = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
_SPECIAL_FLOAT_FORMS = r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
# Plain scalars that YAML 1.1 (PyYAML's default) and YAML 1.2 read differently: refused, never guessed.
_AMBIGUOUS_FORMS = (r"y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
                    r"|[-+]?0[0-9_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
                    r"|[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?|=|<<")
_NULL, _BOOL, _INT, _FLOAT, _SPECIAL_FLOAT, _AMBIGUOUS = (
    re.compile(f"^(?:{forms})$") for forms in (_NULL_FORMS, _BOOL_FORMS, _INT_FORMS, _FLOAT_FORMS,
                                               _SPECIAL_FLOAT_FORMS, _AMBIGUOUS_FORMS))
_BRACKETS = re.compile(r"[\[\]{}]")

_NULL_TAG, _BOOL_TAG, _INT_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"
_FLOAT_TAG, _STR_TAG = "tag:yaml.org,2002:float", "tag:yaml.org,2002:str"
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_AMBIGUOUS_TAG = "tag:sleepdata,ambiguous"


class YamlError(Exception):
    """A file that cannot be read as a strict YAML record."""

    def __init__(self, file: str, line: int, col: int, message: str, code: str) -> None:
        super().__init__(f"{file}:{line}:{col}: {message} [{code}]")
        self.file, self.line, self.col, self.message, self.code = file, line, col, message, code


class Document:
    """A parsed file: its value, and the line and column of every value and key in it.

    A file read by the native parser has no positions until one is asked for: then its text is read again by
    the positioned reader (only files with a problem pay for that).
    """

    __slots__ = ("_places", "_text", "data", "file")

    def __init__(self, file: str, data: dict[str, Any], positions: dict[Path_, tuple[int, int]] | None = None,
                 key_positions: dict[Path_, tuple[int, int]] | None = None, text: str | None = None) -> None:
        self.file, self.data, self._text = file, data, text
        self._places = None if positions is None else (positions, key_positions or {})

    def _placed(self) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
        """Positions of values and of keys, found by the positioned reader the first time they are asked for."""
        if self._places is None:
            builder = _Builder(self.file)
            node = _compose(self._text, self.file) if self._text is not None else None
            if node is not None:
                builder.build(node, ())
            self._places, self._text = (builder.positions, builder.key_positions), None
        return self._places

    @property
    def positions(self) -> dict[Path_, tuple[int, int]]:
        return self._placed()[0]

    @property
    def key_positions(self) -> dict[Path_, tuple[int, int]]:
        return self._placed()[1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Document) and (self.file, self.data, self.positions, self.key_positions) == (
            other.file, other.data, other.positions, other.key_positions)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Document({self.file!r}, {self.data!r})"

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path` (or its key), falling back to the nearest parent."""
        table = self.key_positions if key else self.positions
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.positions.get(path[:cut])
            if found:
                return found
        return (1, 1)


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema for plain scalars; refuses scalars YAML 1.1 would read otherwise."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR_TAG
            for pattern, tag in ((_NULL, _NULL_TAG), (_BOOL, _BOOL_TAG), (_AMBIGUOUS, _AMBIGUOUS_TAG),
                                 (_INT, _INT_TAG), (_FLOAT, _FLOAT_TAG), (_SPECIAL_FLOAT, _FLOAT_TAG)):
                if pattern.match(value):
                    return tag
            return _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


class _PyComposer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
                  _Resolver):
    """Pure-Python composer that refuses anchors, aliases, tags and deep nesting as it meets them."""

    def __init__(self, text: str, file: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)
        self._file, self._depth = file, 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(self._file, line, col, f"alias '*{event.anchor}' is not allowed; write the value out",
                            "alias")
        if event.anchor is not None:
            raise YamlError(self._file, line, col, f"anchor '&{event.anchor}' is not allowed", "anchor")
        tag = getattr(event, "tag", None)
        if tag is not None and not (tag == "!" and isinstance(event, yaml.ScalarEvent)):
            raise YamlError(self._file, line, col, f"tag '{tag}' is not allowed", "tag")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlError(self._file, line, col, f"nesting deeper than {MAX_DEPTH} levels", "depth")
        try:
            node: Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


_yaml_rs: Any
try:
    import yaml_rs as _yaml_rs
except ImportError:  # the `fast` extra is not installed: every text takes the positioned reader
    _yaml_rs = None

# Left to the positioned reader, which decides (an overestimate only costs time): number forms YAML 1.2 parsers
# read as numbers and this reader does not (`0777`, `0x1F`, `0o17`, `0b1`, and underscores, which the native
# parser drops from a number anywhere: `1_000`, `_1`, `._5`), non-finite numbers (JSON has no infinity: orjson
# writes null, so a text is looked at for them only when its JSON has a null), tabs (YAML 1.2 takes some as
# separators, libyaml refuses them), document markers, and a text without a final line break (block scalars
# end differently).
_ZERO_FORM = re.compile(r"0[0-9xXoObB_]")
_NUMBERISH = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
                        r"(?:[eE][-+]?[0-9]+)?)")
_TOKEN_END = re.compile(r"[\s,\[\]{}#]|\Z")
_TOKEN_STARTS = " \n,[{"
_DIGIT_OR_POINT = frozenset("0123456789.")
_NON_FINITE = re.compile(r"\.(?:inf|Inf|INF|nan|NaN|NAN)")
_NUMERIC = bytes(b"9"[0] if b"0"[0] <= b <= b"9"[0] else b"e"[0] if b in b"eE" else b"+"[0] if b in b"+-" else b" "[0]
                 for b in range(256))
_OVERFLOWS = (b"9" * 309, b"e999", b"e+999")
# Flow collections follow different rules in YAML 1.1 and 1.2 (`{x:}`, `{>}`): only a provenance span written
# as `sleepdata format` writes it, and a bracket inside a block mapping's value written on one line as one
# single-quoted scalar or as a plain scalar that starts with none of YAML's indicators, are read natively; any
# other bracket leaves the text to the positioned reader.
_SPAN = re.compile(r"\{source: '[a-z0-9:-]+', start: [0-9]+, end: [0-9]+\}")
_ONE_LINE_VALUE = re.compile(r": (?:'[^'\n]*'|[^\s\[\]{}'\"&*!|>%@`#,?:\-][^\n]*)$", re.MULTILINE)
# An anchor, alias or tag starts a node: after white space or a flow indicator, or at the start of the text.
_NODE_MARKER = re.compile(r"(?<![^\s\[{,])[&*!]")
# In the native parser's value as JSON: a string (or key) that reads as a null, a boolean, a number or a YAML 1.1
# doubt (it was quoted, or it is one; with a final line break too, as `$` allows), and a forbidden character
# that an escape wrote. Any quote may start a match (an escaped one too): an overestimate only costs time.
_TYPED_FORMS = "|".join((_NULL_FORMS, _BOOL_FORMS, _AMBIGUOUS_FORMS, _INT_FORMS, _FLOAT_FORMS, _SPECIAL_FLOAT_FORMS))
_TYPED_JSON = re.compile(('"(?=[-+.0-9~=<nNtTfFyYoO"\\\\])(?:' + _TYPED_FORMS + ')(?:\\\\n)?"[\\]},:]').encode())
_ESCAPED_FORBIDDEN = re.compile(r"\\(?:u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|[bfr])|"
                                + _FORBIDDEN_IN_VALUE.pattern)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _has_markers(text: str) -> bool:
    """Whether the text may hold an anchor, an alias, a tag or a merge key (their characters appear in it)."""
    return "&" in text or "*" in text or "!" in text or "<<" in text


def _numberish(text: str, index: int) -> bool:
    """Whether the token around `index` (up to white space, a flow indicator or a comment) is a number once its
    underscores are dropped."""
    start = max(text.rfind(c, 0, index) for c in _TOKEN_STARTS) + 1
    end = _TOKEN_END.search(text, index).start()  # type: ignore[union-attr]
    return _NUMBERISH.fullmatch(text[start:end].replace("_", "")) is not None


def _plain_text(text: str) -> bool:
    """Whether the text holds nothing the native parser may read otherwise than the positioned reader."""
    if not text.endswith("\n") or "\t" in text or "<<" in text:
        return False
    if _has_markers(text) and _NODE_MARKER.search(text):
        return False
    if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return False
    for match in _ZERO_FORM.finditer(text):  # a number that starts with 0 (`0777`, `0x1F`), not a 0 inside one
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before in "_.") and _numberish(text, match.start()):
            return False
    underscore = text.find("_")
    while underscore != -1:  # `1_000`, `_1`, `._5`: an underscore beside a digit or a point
        if (text[underscore - 1 if underscore else 0] in _DIGIT_OR_POINT or text[underscore + 1] in _DIGIT_OR_POINT) \
                and _numberish(text, underscore):
            return False
        underscore = text.find("_", underscore + 1)
    if not _BRACKETS.search(_SPAN.sub("", text)):
        return True
    return not _BRACKETS.search(_ONE_LINE_VALUE.sub("", _SPAN.sub("", text)))


def _may_overflow(text: str) -> bool:
    """Whether the text may hold a non-finite number (`.inf`, `.nan`, `1e999`, 400 digits)."""
    digits = text.encode().translate(_NUMERIC)
    return bool(_NON_FINITE.search(text)) or any(form in digits for form in _OVERFLOWS)


def _depth_below(json: bytes, limit: int) -> bool:
    """Whether JSON nests fewer than `limit` levels (brackets in strings count too: an overestimate is harmless)."""
    brackets = json.translate(None, _NOT_BRACKETS)
    for _ in range(limit - 1):
        if not brackets:
            return True
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    return not brackets


def _native(text: str) -> tuple[dict[str, Any], bytes] | None:
    """The value of a text the native parser reads exactly as the positioned reader would, and its JSON; else None.

    None for anything a strict rule might concern (markers of anchors, aliases, tags and merge keys, number
    forms, ambiguous or non-string keys, ambiguous plain scalars, escaped forbidden characters, non-finite or
    overlong numbers, depth, several documents, a top level that is not a mapping, any parse error): the
    positioned reader then reads the text and reports the problem with its place, or accepts it.
    """
    if _yaml_rs is None or not _plain_text(text):
        return None
    try:
        value = _yaml_rs.loads(text, parse_datetime=False)
        json = orjson.dumps(value)  # refuses keys that are not strings and integers past 64 bits
    except Exception:  # duplicate keys, syntax: the positioned reader says where
        return None
    if not isinstance(value, dict) or _TYPED_JSON.search(json) or not _depth_below(json, MAX_DEPTH):
        return None
    if b"null" in json and _may_overflow(text):
        return None
    if "\\" in text and _ESCAPED_FORBIDDEN.search(json.decode()):
        return None
    return value, json


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(raw: bytes, file: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlError(file, 1, 1, "the file starts with a byte order mark; save it as UTF-8 without BOM", "bom")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position_of(raw[: exc.start].decode("utf-8", "replace"), exc.start)
        raise YamlError(file, line, col, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "encoding") from None
    if "\r" in text:
        line, col = _position_of(text, text.index("\r"))
        raise YamlError(file, line, col, "CR line ending; use LF line endings only", "line-ending")
    bad = _FORBIDDEN_CHAR.search(text)
    if bad:
        line, col = _position_of(text, bad.start())
        raise YamlError(file, line, col, _character_message(bad.group()), "character")
    return text


def _character_message(ch: str) -> str:
    return f"character U+{ord(ch):04X} is not allowed (control, line separator or invisible formatting character)"


def _flow_depth(text: str) -> int:
    """Deepest bracket nesting, counting brackets inside quotes too (an overestimate is harmless)."""
    depth = peak = 0
    for m in _BRACKETS.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        peak = max(peak, depth)
        if peak > MAX_DEPTH:
            break
    return peak


try:
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    class _CComposer(_CParser, _Resolver):
        """libyaml's composer with the YAML 1.2 resolver."""

except ImportError:  # PyYAML built without libyaml: every text takes the pure-Python composer
    _CComposer = None  # type: ignore[assignment, misc]


def _inside(text: str, line: int, col: int) -> tuple[int, int]:
    """A parser's position moved inside the file: the end of the stream is the end of the last line."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(col, len(lines[line - 1]) + 1)


def _compose(text: str, file: str) -> Node | None:
    # libyaml's composer is fast but cannot refuse anchors, tags or deep nesting as it meets them; such
    # texts take the pure-Python composer, which does.
    slow = _has_markers(text) or _flow_depth(text) > MAX_DEPTH
    loader: Any = _PyComposer(text, file) if slow or _CComposer is None else _CComposer(text)
    try:
        node = loader.get_node() if loader.check_node() else None
        if node is not None and loader.check_node():
            extra = loader.get_node()
            mark = extra.start_mark if extra is not None else None
            raise YamlError(file, (mark.line + 1) if mark else 1, (mark.column + 1) if mark else 1,
                            "more than one YAML document; put one record in each file", "multiple-documents")
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _inside(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(file, line, col, f"YAML syntax: {exc.problem or exc.context}", "syntax") from None
    except yaml.YAMLError as exc:
        raise YamlError(file, 1, 1, f"YAML syntax: {exc}", "syntax") from None
    finally:
        if hasattr(loader, "dispose"):
            loader.dispose()


class _Builder:
    """Turns composed nodes into plain values and records where each one stands."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        self._seen: set[int] = set()

    def _error(self, node: Node, message: str, code: str) -> YamlError:
        return YamlError(self.file, node.start_mark.line + 1, node.start_mark.column + 1, message, code)

    def build(self, node: Node, path: Path_) -> Any:
        if id(node) in self._seen:
            raise self._error(node, "alias is not allowed; write the value out", "alias")
        self._seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise self._error(node, f"nesting deeper than {MAX_DEPTH} levels", "depth")
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag != _MAP_TAG:
            raise self._error(node, f"tag '{node.tag}' is not allowed", "tag")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "<<" and key_node.style is None:
                raise self._error(key_node, "merge keys ('<<') are not allowed", "merge-key")
            key = self.build(key_node, (*path, "<key>"))
            if not isinstance(key, str) or not isinstance(key_node, ScalarNode):
                raise self._error(key_node, f"keys must be strings; got {type(key).__name__} {key!r}", "key-type")
            if key in out:
                first = self.key_positions[(*path, key)][0]
                raise self._error(key_node, f"duplicate key '{key}' (first at line {first})", "duplicate-key")
            self.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key))
        return out

    def _scalar(self, node: ScalarNode) -> Any:
        value, tag = node.value, node.tag
        # The same character policy as for the file's text, applied after escapes are decoded (`"\e"`, `"\L"`).
        bad = _FORBIDDEN_IN_VALUE.search(value)
        if bad:
            raise self._error(node, _character_message(bad.group()) + " (written as an escape)", "character")
        if tag == _STR_TAG:
            return value
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            return value.lower() == "true"
        if tag == _INT_TAG:
            if len(value.lstrip("+-")) > MAX_DIGITS:
                raise self._error(node, f"a number of {len(value.lstrip('+-'))} digits; the limit is {MAX_DIGITS}",
                                  "number-too-long")
            return int(value)
        if tag == _FLOAT_TAG:
            number = math.inf if _SPECIAL_FLOAT.match(value) else float(value)
            if not math.isfinite(number):
                raise self._error(node, f"'{_short(value)}' is not a finite number", "non-finite")
            return number
        if tag == _AMBIGUOUS_TAG:
            raise self._error(node, f"'{value}' means different things in YAML 1.1 and 1.2; quote it if it is "
                              "text, or write true/false or a plain number", "ambiguous-scalar")
        raise self._error(node, f"tag '{tag}' is not allowed", "tag")


def parse(text: str | bytes, file: str = "<string>") -> Document:
    """Parse one record file's content strictly; raise `YamlError` naming the place of the first problem."""
    return parse_json(text, file)[0]


def parse_json(text: str | bytes, file: str = "<string>") -> tuple[Document, bytes | None]:
    """`parse`, with the value's JSON when the native parser read it (None otherwise)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > MAX_BYTES:
        raise YamlError(file, 1, 1, f"file is {len(raw)} bytes; the limit is {MAX_BYTES}", "too-large")
    decoded = _decode(raw, file)
    native = _native(decoded)  # a text it reads has no flow collection but spans: nothing deep for it to walk
    if native is not None:
        return Document(file, native[0], text=decoded), native[1]
    node = _compose(decoded, file)
    if node is None:
        raise YamlError(file, 1, 1, "the file is empty; a record is a YAML mapping", "empty")
    if not isinstance(node, MappingNode):
        raise YamlError(file, node.start_mark.line + 1, node.start_mark.column + 1,
                        "the top level must be a mapping of field names to values", "not-a-mapping")
    builder = _Builder(file)
    data = builder.build(node, ())
    return Document(file, data, builder.positions, builder.key_positions), None


def read_bytes(path: Path | str, display: str | None = None, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes: its size is checked (on the open file) before any read, and no more than `limit` is read."""
    name = display or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size
            if size > limit:
                raise YamlError(name, 1, 1, f"file is {size} bytes; the limit is {limit}", "too-large")
            raw = os.read(fd, size + 1)  # a short read of a regular file is its end
            while size < len(raw) <= limit:  # the file grew after `fstat`: on to the limit
                more = os.read(fd, limit + 1 - len(raw))
                if not more:
                    break
                raw += more
        finally:
            os.close(fd)
    except OSError as exc:
        raise YamlError(name, 1, 1, f"cannot read the file: {exc.strerror or exc}", "unreadable") from None
    if len(raw) > limit:
        raise YamlError(name, 1, 1, f"file is over {limit} bytes", "too-large")
    return raw


def read(path: Path | str, display: str | None = None) -> Document:
    """Read and parse a record file, checking its size before reading it."""
    return parse(read_bytes(path, display), display or str(path))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line (spans: `{source: source:x, start: 1, end: 9}`)."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_mapping(_MAP_TAG, v.items(), flow_style=True))

#: Keys written after a mapping's other keys: the curator's judgement, then where the sources say it.
_LAST_KEYS = ("reading", "verdict", "note", "basis", "basis_document", "provenance", "same_claim")


def _canonical(value: Any) -> Any:
    """Spans on one line, the judgement and provenance after a mapping's other keys, 5.0 written as 5."""
    if isinstance(value, dict):
        if set(value) == {"source", "start", "end"}:
            return _Flow(value)
        keys = [k for k in value if k not in _LAST_KEYS] + [k for k in _LAST_KEYS if k in value]
        return {k: _canonical(value[k]) for k in keys}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def dump(data: dict[str, Any]) -> str:
    """Canonical YAML text for a record: block style (spans on one line), keys in model order, LF."""
    return yaml.dump(_canonical(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110,
                     default_flow_style=False, indent=2)
