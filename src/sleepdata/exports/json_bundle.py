"""JSON exports: one bundle of every record (`json`), or one JSON Lines file per kind (`jsonl`).

Records appear exactly as the models dump them (every field, with each claim's id, stance, reading, verdict,
note, basis and provenance spans), sorted by id; a span names its source, whose record carries the sha256.
The bundle carries the dataset's name, version, notice, licence and sources; the JSON Lines files are
accompanied by `manifest.json`, which carries the same and names each file with its record count. Both
envelopes have JSON Schemas in `schema/` (`bundle.json`, `manifest.json`), and each line is a record that its
kind's schema describes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import FOLDERS
from .common import dump, metadata, records_of, to_json, write_text

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset


def _by_kind(dataset: ValidatedDataset) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in dataset.collections}
    for kind, _, record in records_of(dataset):
        out[kind].append(dump(record))
    return out


def export_json(dataset: ValidatedDataset, out: Path) -> list[Path]:
    data = {**metadata(dataset), "records": _by_kind(dataset)}
    return [write_text(out / f"{data['name']}.json", to_json(data) + "\n")]


def export_jsonl(dataset: ValidatedDataset, out: Path) -> list[Path]:
    written = []
    files: dict[str, dict[str, Any]] = {}
    for kind, records in _by_kind(dataset).items():
        name = f"{FOLDERS[kind]}.jsonl"
        written.append(write_text(out / name, "".join(to_json(r) + "\n" for r in records)))
        files[kind] = {"path": name, "records": len(records)}
    manifest = {**metadata(dataset), "files": files}
    written.append(write_text(out / "manifest.json", to_json(manifest, indent=2) + "\n"))
    return written
