"""A short, informative `repr` for records: `<Treatment treatment:zopiclone 'zopiclone'>`.

Installed on the record classes when the dataset builds its first record (the models stay the single source
of the records' shape; this only changes how they print). `model_dump()` still gives every field.
"""

from __future__ import annotations

from pydantic import BaseModel

_LIMIT = 60


def short_repr(record: BaseModel) -> str:
    """`<Kind reference 'name'>`, the name cut to 60 characters."""
    from .lookup import reference

    name = getattr(record, "name", None) or getattr(record, "title", None) or getattr(record, "statement", None)
    shown = "" if name is None else " " + repr(name if len(name) <= _LIMIT else name[:_LIMIT - 1] + "…")
    return f"<{type(record).__name__} {reference(record)}{shown}>"


def install(*models: type[BaseModel]) -> None:
    """Give these record classes the short repr."""
    for model in models:
        model.__repr__ = short_repr  # type: ignore[method-assign]
