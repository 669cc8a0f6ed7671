"""Helpers every export shares: the records in a stable order, deterministic file writing, the notice."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..dataset import Dataset

NAME = "sleepdata"
NOTICE = "Reference material, not medical advice: facts as the sources state them, with the curator's verdict."
BASE_IRI = "urn:sleepdata:"


def records_of(dataset: Dataset) -> Iterator[tuple[str, str, Any]]:
    """(kind, id, record) of every record, kinds in dependency order and ids sorted."""
    for kind, collection in dataset.collections.items():
        for rid in sorted(collection):
            yield kind, rid, collection[rid]


def dump(record: BaseModel) -> dict[str, Any]:
    """A record as JSON-ready data, every field present, in model order."""
    return record.model_dump(mode="json")


def to_json(data: Any, *, indent: int | None = None) -> str:
    """JSON text that refuses NaN and infinities; compact unless `indent` is given."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text with LF line endings; the file's bytes depend only on `text`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def finite(value: Any) -> Any:
    """The value, or a ValueError when it is a NaN or infinite float (no export ever writes one)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"refusing to export a non-finite number: {value}")
    return value
