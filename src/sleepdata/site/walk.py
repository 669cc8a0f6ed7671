"""Walking a record: every nested model, every span."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from ..models import Curation, Span


def models(model: BaseModel) -> Iterator[BaseModel]:
    """The model and every model nested in it, depth first."""
    yield model
    for name in type(model).model_fields:
        value = getattr(model, name)
        for child in value if isinstance(value, list | tuple) else [value]:
            if isinstance(child, BaseModel):
                yield from models(child)


def verdicts(model: BaseModel) -> Iterator[tuple[BaseModel, Curation]]:
    """Every nested model that carries the curator's verdict, with the verdict."""
    for m in models(model):
        curation = getattr(m, "curation", None)
        if isinstance(curation, Curation):
            yield m, curation


def spans(model: BaseModel) -> Iterator[Span]:
    """Every span a record cites, provenance and mentions alike."""
    return (m for m in models(model) if isinstance(m, Span))
