"""The data manifest: the sha256 of every data file the package ships, and `sleepdata verify` against it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ._version import __version__

MANIFEST = "MANIFEST.json"


def render(data_dir: Path) -> str:
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(data_dir.iterdir()) if p.is_file() and p.name != MANIFEST and not p.name.startswith(".")}
    return json.dumps({"version": __version__, "algorithm": "sha256", "files": files}, indent=2) + "\n"


def write(data_dir: Path) -> Path:
    path = data_dir / MANIFEST
    path.write_text(render(data_dir), encoding="utf-8")
    return path


def verify(data_dir: Path) -> list[str]:
    """Problems with an installed copy: files missing, changed or unlisted, or a version that does not match."""
    path = data_dir / MANIFEST
    if not path.is_file():
        return [f"{path}: no manifest"]
    manifest = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    if manifest.get("version") != __version__:
        problems.append(f"{path}: manifest is for version {manifest.get('version')}; the package is {__version__}")
    for name, digest in manifest["files"].items():
        file = data_dir / name
        if not file.is_file():
            problems.append(f"{file}: missing")
        elif hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            problems.append(f"{file}: sha256 differs from the manifest (the file was changed after release)")
    listed = set(manifest["files"]) | {MANIFEST}
    problems += [f"{p}: not in the manifest" for p in sorted(data_dir.iterdir())
                 if p.is_file() and p.name not in listed and not p.name.startswith(".")]
    return problems
