"""The pre-built JSON bundle the installed package loads: every record, already validated."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import atomic
from ._version import __version__
from .models import KINDS
from .readonly import ReadOnly


def bundle_data(records: Sequence[BaseModel | ReadOnly], retired: dict[str, str] | None = None) -> dict[str, Any]:
    """Every record as JSON-ready data, by kind and sorted by id, with the dataset version and retired ids."""
    kind_of = {model: kind for kind, model in KINDS.items()}
    by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    for record in records:
        if isinstance(record, ReadOnly):  # a record of a loaded dataset: its data as validated
            by_kind[str(record._kind)].append(copy.deepcopy(record._raw))
        else:
            by_kind[kind_of[type(record)]].append(record.model_dump(mode="json"))
    for items in by_kind.values():
        items.sort(key=lambda r: r["id"])
    retired_ids = dict(sorted((retired or {}).items()))
    return {"name": "sleepdata", "version": __version__, "records": by_kind, "retired": retired_ids}


def render(records: Sequence[BaseModel | ReadOnly], retired: dict[str, str] | None = None) -> str:
    return json.dumps(bundle_data(records, retired), ensure_ascii=False, separators=(",", ":")) + "\n"


def write(records: Sequence[BaseModel | ReadOnly], path: Path, retired: dict[str, str] | None = None) -> Path:
    """Write the bundle atomically: a failed write leaves the previous bundle in place."""
    return atomic.write_text(path, render(records, retired))
