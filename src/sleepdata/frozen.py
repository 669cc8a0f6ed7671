"""Deep immutability for records: every list inside a record becomes a read-only, hashable list.

Records are frozen pydantic models, so their fields cannot be reassigned; `freeze` also closes the lists they
hold, so `treatment.strengths.append(...)` raises instead of changing what every later `load()` returns, and a
record can be hashed (a set member, a dict key).
"""

from __future__ import annotations

from typing import Any, NoReturn, SupportsIndex, TypeVar

from pydantic import BaseModel

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class FrozenList(list[T]):
    """A list that refuses every change and hashes like a tuple (it stays a `list` for serialisation)."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("records are immutable: copy the list (`list(...)`) to change it")

    append = extend = insert = remove = clear = sort = reverse = _refuse
    __setitem__ = __delitem__ = _refuse

    def pop(self, index: SupportsIndex = -1) -> NoReturn:
        self._refuse()

    def __iadd__(self, other: Any) -> NoReturn:  # type: ignore[misc]
        self._refuse()

    def __imul__(self, other: Any) -> NoReturn:  # type: ignore[misc]
        self._refuse()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenList, (list(self),))


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
