"""A content-addressed cache of record files that passed their own checks, so that re-validation is cheap.

An entry is keyed by the sha256 of the file's bytes, the package version and a digest of the rules that judge
a single file (the models and the strict reader); it holds the parsed value as JSON (never pickle: an entry is
data, not code; positions are found again from the file's text when a problem needs one). An entry that cannot
be read, does not parse or names another key is ignored and rewritten. Only files with no problem of their own
are stored; cross-record checks always run over every record. Disabled by `SLEEPDATA_NO_CACHE=1` or `sleepdata
validate --no-cache`.

Location: `$XDG_CACHE_HOME/sleepdata` (else `~/.cache/sleepdata`) on Linux and other Unix systems,
`~/Library/Caches/sleepdata` on macOS, `%LOCALAPPDATA%\\sleepdata\\Cache` on Windows.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from ._version import __version__
from .strict_yaml import Document

FORMAT = 2  # bumped when an entry's shape changes

#: The modules whose code decides whether one file passes on its own: a change to any of them is a new schema.
_RULES = ("models", "strict_yaml.py", "records.py", "textsafe.py", "errors.py", "_version.py")


def enabled() -> bool:
    return os.environ.get("SLEEPDATA_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path:
    """The platform's per-user cache folder for sleepdata."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "sleepdata" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "sleepdata"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "sleepdata"


@cache
def rules_digest(package: Path = Path(__file__).parent) -> str:
    """sha256 over the source of the models and the strict reader (the schema a file is judged by)."""
    digest = hashlib.sha256()
    for name in _RULES:
        target = package / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Cache:
    """Entries under one folder, for one package version and one set of rules."""

    def __init__(self, folder: Path | None = None, version: str | None = None, rules: str | None = None) -> None:
        self.folder = (folder or cache_dir()) / f"validation-{FORMAT}"
        self.version, self.rules = version or __version__, rules or rules_digest()

    def _key(self, sha256: str, kind: str) -> dict[str, str]:
        return {"sha256": sha256, "kind": kind, "version": self.version, "rules": self.rules}

    def _path(self, key: dict[str, str]) -> Path:
        name = hashlib.sha256(orjson.dumps(key, option=orjson.OPT_SORT_KEYS)).hexdigest()
        return self.folder / name[:2] / f"{name}.json"

    def get(self, sha256: str, kind: str, text: str, display: str) -> tuple[str, Document] | None:
        """The record's JSON text and its document (`text` is the file's, for positions when one is asked
        for), or None when there is no trustworthy entry."""
        key = self._key(sha256, kind)
        try:
            entry = orjson.loads(self._path(key).read_bytes())
            if entry["key"] != key or not isinstance(entry["json"], str):
                return None
            data = orjson.loads(entry["json"])
            return (entry["json"], Document(display, data, text=text)) if isinstance(data, dict) else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, sha256: str, kind: str, record_json: str) -> None:
        """Store an entry atomically; a cache that cannot be written is no error (the next run re-reads)."""
        key = self._key(sha256, kind)
        entry: dict[str, Any] = {"key": key, "json": record_json}
        path = self._path(key)
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole to a temporary name, then renamed: a reader sees the old entry, none, or the new
            # one. Not fsynced: an entry a crash truncates fails to parse and is ignored.
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(orjson.dumps(entry))
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
