"""The data manifest and `sleepdata verify`: what the installed package holds against what it shipped.

`MANIFEST.json` lists the sha256 of every data file; the wheel's `RECORD` lists the hash of every file of the
package, code and manifest included, so a data file edited together with its manifest is still noticed.
Entries that would lead out of their folder (`..`, absolute paths) are refused, never opened.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from . import atomic
from ._version import __version__
from .loading import MANIFEST

MAX_MANIFEST_BYTES = 1024 * 1024


def sha256(path: Path) -> str:
    """The hex sha256 of a file, read in blocks."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _tree(folder: Path, skip: tuple[str, ...] = ()) -> Iterator[str]:
    """Every file and every empty folder under `folder` as a relative POSIX path; symbolic links not followed."""
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        relative = PurePosixPath(Path(here).relative_to(folder).as_posix())
        if not dirs and not files and str(relative) != ".":
            yield f"{relative}/"
        for name in sorted(files):
            yield str(relative / name) if str(relative) != "." else name


def render(data_dir: Path) -> str:
    files = {name: sha256(data_dir / name) for name in _tree(data_dir) if name != MANIFEST and not name.endswith("/")}
    return json.dumps({"version": __version__, "algorithm": "sha256", "files": files}, indent=2) + "\n"


def write(data_dir: Path) -> Path:
    return atomic.write_text(data_dir / MANIFEST, render(data_dir))


def _unsafe(name: str) -> bool:
    """Whether a listed name could lead out of its folder."""
    path = PurePosixPath(name)
    return not name or "\\" in name or path.is_absolute() or ".." in path.parts or "\x00" in name


def _read_manifest(path: Path) -> tuple[dict[str, str] | None, list[str]]:
    """The listed files, or why the manifest cannot be trusted (missing, truncated, partial)."""
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None, [f"{path}: manifest is over {MAX_MANIFEST_BYTES} bytes"]
        data: Any = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None, [f"{path}: no manifest"]
    except OSError as exc:
        return None, [f"{path}: cannot read the manifest: {exc.strerror or exc}"]
    except ValueError as exc:
        return None, [f"{path}: the manifest is not valid JSON (truncated or edited?): {exc}"]
    problems = []
    if not isinstance(data, dict):
        return None, [f"{path}: the manifest is not a JSON object"]
    if data.get("version") != __version__:
        problems.append(f"{path}: manifest is for version {data.get('version')!r}; the package is {__version__}")
    if data.get("algorithm") != "sha256":
        problems.append(f"{path}: expected algorithm 'sha256'; got {data.get('algorithm')!r}")
    files = data.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None, [*problems, f"{path}: the manifest has no 'files' mapping of names to sha256 digests"]
    return files, problems


def verify(data_dir: Path) -> list[str]:
    """Problems with an installed data folder: files missing, changed or unlisted (hidden files and sub-folders
    included), unsafe entries, or a manifest that is missing, truncated or for another version."""
    path = data_dir / MANIFEST
    files, problems = _read_manifest(path)
    if files is None:
        return problems
    for name, digest in files.items():
        file = data_dir / name
        if _unsafe(name):
            problems.append(f"{path}: refused entry {name!r}: it leads out of the data folder")
        elif file.is_symlink() or not file.is_file():
            problems.append(f"{file}: {'a symbolic link' if file.is_symlink() else 'missing'}")
        elif sha256(file) != digest:
            problems.append(f"{file}: sha256 differs from the manifest (the file was changed after release)")
    listed = set(files) | {MANIFEST}
    problems += [f"{data_dir / name}: not in the manifest" for name in _tree(data_dir) if name not in listed]
    return problems


def _record_digest(path: Path) -> str:
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
    return "sha256=" + base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


def verify_package(package_dir: Path) -> tuple[list[str], str]:
    """The installed package tree against the wheel's RECORD: problems, and what was checked.

    Compiled files in `__pycache__` are left out (Python writes them after installation).
    """
    from importlib import metadata

    try:
        dist = metadata.distribution("sleepdata")
    except metadata.PackageNotFoundError:
        return [], "no installed distribution; the package tree was not checked"
    entries = {str(f): f for f in dist.files or () if str(f).startswith(f"{package_dir.name}/")}
    if not entries or Path(str(dist.locate_file(f"{package_dir.name}/__init__.py"))).resolve() != \
            (package_dir / "__init__.py").resolve():
        return [], "an editable or source install: the package tree was not checked against RECORD"
    problems = []
    for name, entry in entries.items():
        relative = name.removeprefix(f"{package_dir.name}/")
        file = package_dir / relative
        if _unsafe(relative):
            problems.append(f"RECORD: refused entry {name!r}: it leads out of the package")
        elif "__pycache__" in PurePosixPath(relative).parts:
            continue
        elif not file.is_file() or file.is_symlink():
            problems.append(f"{file}: missing")
        elif entry.hash is not None and _record_digest(file) != f"{entry.hash.mode}={entry.hash.value}":
            problems.append(f"{file}: differs from the wheel's RECORD (changed after installation)")
    listed = {name.removeprefix(f"{package_dir.name}/") for name in entries}
    problems += [f"{package_dir / name}: not in the wheel's RECORD" for name in _tree(package_dir, ("__pycache__",))
                 if name not in listed]
    return problems, f"{len(entries)} files checked against the wheel's RECORD"
