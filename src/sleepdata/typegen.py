"""Generate `sleepdata/typed.py`, the read-only record classes, from the pydantic models.

    python -m sleepdata.typegen           # write src/sleepdata/typed.py
    python -m sleepdata.typegen --check   # exit 1 when the committed file differs from the models

The models stay the single source of truth: the generated classes have the same names, fields and types,
read data the models have already validated (the bundle), and import no pydantic.
"""

from __future__ import annotations

import argparse
import enum
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .models import KINDS, Strength

TARGET = Path(__file__).with_name("typed.py")
COMMAND = "python -m sleepdata.typegen"


def _models() -> list[type[BaseModel]]:
    """Every model reachable from the record kinds, each after the models its fields hold."""
    ordered: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in ordered:
            return
        for info in model.model_fields.values():
            for inner in _inner(info.annotation):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    visit(inner)
        ordered.append(model)

    for model in KINDS.values():
        visit(model)
    names = [m.__name__ for m in ordered]
    clashing = {n for n in names if names.count(n) > 1}
    if clashing:
        raise SystemExit(f"models share a class name, which the generated module cannot: {sorted(clashing)}")
    return ordered


def _q(value: object) -> str:
    """A literal in the generated source (double-quoted strings)."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _inner(annotation: Any) -> list[Any]:
    args = get_args(annotation)
    return [annotation] if not args else [a for arg in args for a in _inner(arg)]


def _plain(annotation: Any) -> Any:
    """The annotation without `Annotated[...]` constraints (the data has met them already)."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _optional(annotation: Any) -> tuple[Any, bool]:
    annotation = _plain(annotation)
    if get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        if len(rest) == 1 and len(get_args(annotation)) == 2:
            return _plain(rest[0]), True
    return annotation, False


def _type(annotation: Any, enums: set[str]) -> str:
    """The annotation as it reads in the generated module."""
    annotation, optional = _optional(annotation)
    if get_origin(annotation) is list:
        text = f"FrozenList[{_type(get_args(annotation)[0], enums)}]"
    elif get_origin(annotation) is Literal:
        text = f"Literal[{', '.join(_q(a) for a in get_args(annotation))}]"
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        enums.add(annotation.__name__)
        text = annotation.__name__
    elif isinstance(annotation, type):
        text = annotation.__name__
    else:
        raise SystemExit(f"no read-only form for the annotation {annotation!r}")
    return f"{text} | None" if optional else text


def _convert(annotation: Any, value: str) -> str:
    """An expression that turns the JSON `value` into the attribute's value."""
    annotation, optional = _optional(annotation)
    if get_origin(annotation) is list:
        item = get_args(annotation)[0]
        inner = _convert(item, "i")
        text = f"FrozenList({value})" if inner == "i" else f"FrozenList([{inner} for i in {value}])"
    elif isinstance(annotation, type) and (issubclass(annotation, (enum.Enum, BaseModel))):
        text = f"{annotation.__name__}({value})"
    elif annotation is float:
        text = f"float({value})"
    else:
        return value
    return f"None if {value} is None else {text}" if optional and value != "i" else text


def _default(info: Any) -> str | None:
    """The literal a missing key stands for (the model's default), or None for a required field."""
    if info.default_factory is not None:
        return "()"
    if info.default is PydanticUndefined:
        return None
    value = info.default
    return _q(value.value if isinstance(value, enum.Enum) else value)


def _class(model: type[BaseModel], enums: set[str]) -> list[str]:
    fields = model.model_fields
    kind = next((k for k, m in KINDS.items() if m is model), "strength" if model is Strength else None)
    doc = (model.__doc__ or model.__name__).strip().replace('"""', "'''")
    lines = [f"class {model.__name__}(ReadOnly):", f'    """{doc}"""', "",
             f"    __slots__ = ({''.join(f'{_q(n)}, ' for n in fields).rstrip()})",
             f"    _model = ({_q(model.__module__.rsplit('.', 1)[1])}, {_q(model.__name__)})"]
    if kind:
        lines.append(f"    _kind = {_q(kind)}")
    lines.append("")
    for name, info in fields.items():
        if info.description:
            lines.append(f"    #: {' '.join(info.description.split())}")
        lines.append(f"    {name}: {_type(info.annotation, enums)}")
    lines += ["", "    def __init__(self, raw: dict[str, Any]) -> None:", "        put = object.__setattr__",
              '        put(self, "_raw", raw)']
    for name, info in fields.items():
        default = _default(info)
        value = (f"raw[{_q(name)}]" if default is None else f"raw.get({_q(name)})" if default == "None"
                 else f"raw.get({_q(name)}, {default})")
        if _convert(info.annotation, "v") != "v" and "None if" in _convert(info.annotation, "v"):
            lines.append(f"        v = {value}")
            lines.append(f"        put(self, {_q(name)}, {_convert(info.annotation, 'v')})")
        else:
            lines.append(f"        put(self, {_q(name)}, {_convert(info.annotation, value)})")
    module = model.__module__.rsplit(".", 1)[1]
    lines += ["", "    if TYPE_CHECKING:", f"        def validated(self) -> _{module}.{model.__name__}: ...", ""]
    return lines


def render() -> str:
    """The text of `typed.py`."""
    enums: set[str] = set()
    body: list[str] = []
    ordered = _models()
    for model in ordered:
        body += ["", *_class(model, enums)]
    kinds = ", ".join(f"{_q(k)}: {m.__name__}" for k, m in KINDS.items())
    head = [f'"""Read-only record classes, generated from the pydantic models by `{COMMAND}`: do not edit.',
            "",
            "`load()` gives these: the same names, fields and types as `sleepdata.models`, read from data the models",
            "have validated, without importing pydantic. `record.validated()` gives the pydantic model.",
            '"""', "",
            "# ruff: noqa: E501, RUF023  (generated: long lines; slots in the models' field order)", "",
            "from __future__ import annotations", "",
            "from typing import TYPE_CHECKING, Any, Literal", "",
            "from .readonly import FrozenList, ReadOnly",
            "from .vocabulary import (", *(f"    {e}," for e in sorted(enums)), ")", "",
            "if TYPE_CHECKING:",
            *(f"    from .models import {m} as _{m}" for m in sorted({m.__module__.split(".")[-1] for m in ordered})),
            ""]
    tail = ["", "#: The record class of each kind.",
            f"KINDS: dict[str, type[ReadOnly]] = {{{kinds}}}", "",
            f"__all__ = [{', '.join(_q(n) for n in ['KINDS', *sorted(m.__name__ for m in ordered)])}]", ""]
    return "\n".join([*head, *body, *tail])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed module differs")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            print(f"{TARGET.name} differs from the models; run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    from . import atomic

    atomic.write_text(TARGET, text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
