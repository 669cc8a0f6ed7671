"""What every read-only record shares: immutable lists, frozen attributes, equality by value, a short repr.

The record classes themselves (`sleepdata.typed`) are generated from the pydantic models; this module and
they import nothing heavier than `enum`, so `load()` and the first record never import pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, SupportsIndex, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")


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


_LIMIT = 60


class ReadOnly:
    """A record, or an object inside one, read from validated data: typed attributes that cannot be changed.

    `validated()` gives the same object as its pydantic model (`sleepdata.models`), validated again.
    """

    __slots__ = ("_raw",)
    #: `kind:` prefix of a reference to it (`treatment`, `strength`…); None for an object inside a record.
    _kind: ClassVar[str | None] = None
    #: Where its pydantic model lives: (module under `sleepdata.models`, class name).
    _model: ClassVar[tuple[str, str]]
    _raw: dict[str, Any]

    def __setattr__(self, name: str, value: Any) -> NoReturn:
        raise TypeError(f"records are immutable: {type(self).__name__}.{name} cannot be set")

    def __delattr__(self, name: str) -> NoReturn:
        raise TypeError(f"records are immutable: {type(self).__name__}.{name} cannot be deleted")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._raw,))

    def __repr__(self) -> str:
        if self._kind is None:
            fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
            return f"{type(self).__name__}({fields})"
        name = getattr(self, "name", None) or getattr(self, "title", None) or getattr(self, "statement", None)
        shown = "" if name is None else " " + repr(name if len(name) <= _LIMIT else name[:_LIMIT - 1] + "…")
        return f"<{type(self).__name__} {self._kind}:{getattr(self, 'id', '?')}{shown}>"

    def validated(self) -> BaseModel:
        """This object as its pydantic model from `sleepdata.models`, validated (and frozen) again."""
        from importlib import import_module

        from .frozen import freeze

        module, name = self._model
        model: type[BaseModel] = getattr(import_module(f"sleepdata.models.{module}"), name)
        return freeze(model.model_validate(self._raw, strict=False))


__all__ = ["FrozenList", "ReadOnly"]
