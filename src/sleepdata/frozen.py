"""Deep immutability for pydantic records (`validated()`): every list inside becomes a read-only, hashable list.

The models are frozen, so their fields cannot be reassigned; `freeze` also closes the lists they
hold, so `treatment.strengths.append(...)` raises instead of changing a cached record, and a record can be
hashed (a set member, a dict key).
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from .readonly import FrozenList

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


def freeze(record: M) -> M:
    """Make `record` and everything in it read-only, in place; return it."""
    for name, value in record.__dict__.items():
        if isinstance(value, list) and not isinstance(value, FrozenList):
            object.__setattr__(record, name, FrozenList(_freeze_item(v) for v in value))
        elif isinstance(value, BaseModel):
            freeze(value)
    return record


def _freeze_item(value: T) -> T:
    if isinstance(value, BaseModel):
        freeze(value)
    return value
