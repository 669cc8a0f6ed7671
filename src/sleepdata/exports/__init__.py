"""Exports of a dataset: JSON, JSON Lines, CSV (a Frictionless Data Package), Parquet, SQLite, FHIR R5,
JSON-LD and a Biolink graph (KGX).

    >>> from sleepdata.exports import export
    >>> export(sleepdata.load(), "csv", Path("out"))   # doctest: +SKIP

Every fact in every export carries its claim id, stance, reading, verdict, basis and provenance (source,
span, the source's sha256); no disputed, unsupported or contested claim is stated as a plain fact
(docs/exports.md says how each format keeps them apart). Every export carries the version, the data licence
and the sources, marks a strength that is not marketed, writes no NaN, is deterministic (the same dataset
gives the same bytes), and writes each file whole: to a temporary file first, then moved into place.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from .. import atomic
from ..dataset import Dataset
from ..validated_view import ValidatedDataset

#: Format name -> (module, function) that writes it.
_WRITERS: dict[str, tuple[str, str]] = {
    "json": ("json_bundle", "export_json"),
    "jsonl": ("json_bundle", "export_jsonl"),
    "csv": ("csv_package", "export"),
    "parquet": ("parquet_tables", "export"),
    "sqlite": ("sqlite_db", "export"),
    "fhir": ("fhir_bundle", "export"),
    "jsonld": ("jsonld_graph", "export"),
    "kgx": ("kgx_graph", "export"),
}
FORMATS: tuple[str, ...] = tuple(_WRITERS)
#: Formats that need an optional library (its extra): format -> (module, extra).
NEEDS: dict[str, tuple[str, str]] = {"parquet": ("pyarrow", "parquet")}


def available() -> tuple[str, ...]:
    """The formats whose libraries are installed."""
    return tuple(f for f in FORMATS if f not in NEEDS or find_spec(NEEDS[f][0]) is not None)


def export(dataset: Dataset, fmt: str, out: Path) -> list[Path]:
    """Write `dataset` in format `fmt` into the directory `out`; return the paths written."""
    return export_formats(dataset, {fmt: Path(out)})[fmt]


def export_formats(dataset: Dataset, targets: dict[str, Path], staged: bool = True) -> dict[str, list[Path]]:
    """Write `dataset` in each format into its folder; return the paths written by format.

    Every format is written into one fresh folder first; only when all are complete are they moved into place
    (`atomic.publish`): a failed or killed export leaves the previous files as they were. `staged=False` writes
    straight into the targets, for a caller that already writes into a fresh folder.
    """
    dataset = dataset.validated()  # the exports read the pydantic models (`model_dump`, their field metadata)
    unknown = [fmt for fmt in targets if fmt not in _WRITERS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}; expected one of {', '.join(FORMATS)}")
    targets = {fmt: Path(out) for fmt, out in targets.items()}
    for out in targets.values():
        if out.exists() and not out.is_dir():
            raise NotADirectoryError(f"{out} is a file; an export is written into a folder")
    common = Path(os.path.commonpath([out.resolve() for out in targets.values()]))
    if staged:
        atomic.discard_leftovers(common)  # of an export that was killed
    staging = atomic.fresh_dir(common) if staged else common
    # An export allocates millions of short-lived acyclic objects; with the collector on, its full passes over
    # a large loaded dataset make the export's cost grow faster than the dataset (see bench/RESULTS.md).
    enabled = gc.isenabled()
    gc.disable()
    try:
        written = {}
        for fmt, out in targets.items():
            module, function = _WRITERS[fmt]
            writer: Callable[[ValidatedDataset, Path], list[Path]] = getattr(import_module(f".{module}", __name__),
                                                                             function)
            folder = staging / out.resolve().relative_to(common)
            folder.mkdir(parents=True, exist_ok=True)
            written[fmt] = [out / path.relative_to(folder) for path in writer(dataset, folder)]
        if staged:
            atomic.publish(staging, common)
        return written
    finally:
        if staged:
            atomic.discard(staging)
        if enabled:
            gc.enable()


__all__ = ["FORMATS", "NEEDS", "available", "export", "export_formats"]
