"""Helpers every export shares: records in a stable order, which claims may stand as plain facts, the
metadata every export carries (version, licence, sources), and writing files whole or not at all."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..vocabulary import SynonymKind

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset


NAME = "sleepdata"
NOTICE = "Reference material, not medical advice: facts as the sources state them, with the curator's verdict."
BASE_IRI = "urn:sleepdata:"
#: The data licence (SPDX id, name, URL); the code is MIT (LICENSE). README says why this one.
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}


def records_of(dataset: ValidatedDataset) -> Iterator[tuple[str, str, Any]]:
    """(kind, id, record) of every record, kinds in dependency order and ids sorted."""
    for kind, collection in dataset.collections.items():
        for rid in sorted(collection):
            yield kind, rid, collection[rid]


def dump(record: BaseModel) -> dict[str, Any]:
    """A record as JSON-ready data, every field present, in model order."""
    return record.model_dump(mode="json")


def alternate_names(record: Any) -> list[str]:
    """The other names that stand for the record itself: a narrower term a source uses is not one of them."""
    return [s.name for s in getattr(record, "synonyms", ()) if s.kind is not SynonymKind.NARROWER_TERM]


def plain_fact(claim: Any) -> bool:
    """Whether a claim may stand as a plain fact: judged supported, not negated by its source, not a contested
    use. Everything else is exported only as a claim with its verdict (see docs/exports.md)."""
    verdict = getattr(claim, "verdict", None)
    if verdict is not None and verdict.value != "supported":
        return False
    stance = getattr(claim, "stance", None)
    if stance is not None and stance.value == "negated":
        return False
    standing = getattr(claim, "standing", None)
    return standing is None or standing.value != "contested"


def sources(dataset: ValidatedDataset) -> list[dict[str, Any]]:
    """Each source as export metadata: reference, title, file name, sha256."""
    return [{"id": f"source:{s.id}", "title": s.title, "file_name": s.file_name, "sha256": s.sha256}
            for s in (dataset.sources[sid] for sid in sorted(dataset.sources))]


def metadata(dataset: ValidatedDataset) -> dict[str, Any]:
    """What every export states about itself: name, version, notice, data licence and sources."""
    return {"name": NAME, "version": dataset.version, "notice": NOTICE, "licence": LICENCE,
            "sources": sources(dataset)}


def to_json(data: Any, *, indent: int | None = None) -> str:
    """JSON text that refuses NaN and infinities; compact unless `indent` is given."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def write_atomic(path: Path, fill: Callable[[Path], None]) -> Path:
    """Have `fill` write a temporary file beside `path`, then move it into place: a reader sees the old file
    or the complete new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        fill(temporary)
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes the file private; an export is for sharing
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text as given (no newline translation), atomically; the bytes depend only on `text`."""
    def fill(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    return write_atomic(path, fill)


def finite(value: Any) -> Any:
    """The value, or a ValueError when it is a NaN or infinite float (no export ever writes one)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"refusing to export a non-finite number: {value}")
    return value
