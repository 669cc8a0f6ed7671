"""JSON Schema files generated from the models: one draft 2020-12 file per record kind, and one per envelope
of the JSON exports (`bundle.json`, `manifest.json`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import atomic
from ._version import __version__
from .models import KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_URI = "urn:sleepdata:schema"


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind or export envelope, with a versioned `$id`."""
    from .exports.envelopes import ENVELOPES

    model = KINDS.get(kind) or ENVELOPES[kind]
    body = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": f"{BASE_URI}:{__version__}:{kind}", **body}


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def files() -> dict[str, str]:
    """File name -> text of every schema file."""
    from .exports.envelopes import ENVELOPES

    return {f"{kind}.json": render(kind) for kind in (*KINDS, *ENVELOPES)}


def write(directory: Path) -> list[Path]:
    """Write every schema file into `directory` (each replaced in one step); return the paths written."""
    return [atomic.write_text(directory / name, text) for name, text in files().items()]
