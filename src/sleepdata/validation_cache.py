"""A content-addressed cache of validation runs, so that re-validating unchanged files costs reading them.

Two entries per way of calling `validate` (the same paths, sources folder and extension mode):

- the run: its key is the sha256 of every file's bytes (with its name and kind), the package version, a digest
  of the rules (the source of every module that judges a file or a dataset), the retired ids, the installed
  ids an extension resolves into and the source texts; it holds the run's problems. Unchanged files: the run
  is not done again;
- the files: what checking each file on its own found (its problems, and the outline the checks across records
  need), keyed by its name, kind and sha256, for the same version and rules (and, for all but sources, the same
  source articles and texts). One changed file: that file alone is read again, the checks across records run.

Entries are JSON (never pickle: an entry is data, not code), each with a header that names its key and the
sha256 of its body: an entry that cannot be read, does not parse, names another key or has another sum is
ignored and rewritten, never trusted. Only runs that keep no records (`sleepdata validate`) use the cache.
Disabled by `SLEEPDATA_NO_CACHE=1` or `sleepdata validate --no-cache`.

Location: `$XDG_CACHE_HOME/sleepdata` (else `~/.cache/sleepdata`) on Linux and other Unix systems,
`~/Library/Caches/sleepdata` on macOS, `%LOCALAPPDATA%\\sleepdata\\Cache` on Windows.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from ._version import __version__
from .errors import Problem
from .file_checks import FileResult, Target
from .strict_yaml import YamlError, read_bytes

FORMAT = 3  # bumped when an entry's shape changes

#: The modules whose code decides what a run finds: a change to any of them is a new schema.
_RULES = ("models", "strict_yaml.py", "records.py", "textsafe.py", "errors.py", "_version.py", "outline.py",
          "integrity.py", "claims.py", "graphs.py", "file_checks.py", "validation.py")


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
    """sha256 over the source of the models, the reader and the checks (the rules a dataset is judged by)."""
    digest = hashlib.sha256()
    for name in _RULES:
        target = package / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Outcome:
    """A finished run's problems (those of its files and across them) and the files whose record passed."""

    problems: list[Problem]
    checked: list[str]


@dataclass
class Run:
    """A run as the cache sees it: its key, the files' sha256, and what earlier runs already found."""

    slot: str
    key: dict[str, Any]
    files: dict[str, str]  # display name -> sha256, for the files that could be read
    result: Outcome | None = None  # the whole run, when it was done before
    known: dict[int, FileResult] = field(default_factory=dict)  # target index -> that file's earlier result
    context: str | None = None  # the source articles and texts the known results were checked against


class Cache:
    """Entries under one folder, for one package version and one set of rules."""

    def __init__(self, folder: Path | None = None, version: str | None = None, rules: str | None = None) -> None:
        self.folder = (folder or cache_dir()) / f"validation-{FORMAT}"
        self.version, self.rules = version or __version__, rules or rules_digest()

    def run(self, paths: Sequence[Path], targets: Sequence[Target], sources_dir: Path | None,
            external: Mapping[str, set[str]] | None, retired: Any) -> Run:
        """Read and hash every file; the run's key, and what the cache holds for it (`retired`: the retired ids and
        their places)."""
        slot = _sha(orjson.dumps([[str(p.resolve()) for p in paths], str(sources_dir), external is not None]))
        files: dict[str, str] = {}
        every = hashlib.sha256()
        for path, kind, display in targets:
            with contextlib.suppress(YamlError):
                files[display] = _sha(read_bytes(path, display))
            every.update(f"{display}\0{kind}\0{files.get(display)}\n".encode())
        key = {"version": self.version, "rules": self.rules, "files": every.hexdigest(),
               "retired": _sha(orjson.dumps(retired, option=orjson.OPT_SORT_KEYS)),
               "external": None if external is None else _sha(orjson.dumps(
                   {kind: sorted(ids) for kind, ids in external.items()}, option=orjson.OPT_SORT_KEYS)),
               "sources": _texts(sources_dir)}
        run = Run(slot, key, files)
        done = self._load(f"{slot}.run", key)
        if isinstance(done, dict):
            with contextlib.suppress(TypeError, KeyError, ValueError):
                run.result = Outcome([Problem(**p) for p in done["problems"]], [str(c) for c in done["checked"]])
                return run
        known = self._load(f"{slot}.files", {"version": self.version, "rules": self.rules})
        with contextlib.suppress(TypeError, KeyError, ValueError, AttributeError):
            run.context = str(known["context"])
            entries = known["files"]
            for i, (_, kind, display) in enumerate(targets):
                entry = entries.get(display)
                if entry and entry[0] == kind and entry[1] == files.get(display):
                    run.known[i] = FileResult.from_json(entry[2])
        return run

    def remember(self, run: Run, context: str, targets: Sequence[Target], results: Sequence[FileResult]) -> None:
        """Store each file's result (read again next time only when its bytes change)."""
        entries = {display: [kind, result.digest, result.to_json()]
                   for (_, kind, display), result in zip(targets, results, strict=True) if result.digest}
        self._save(f"{run.slot}.files", {"version": self.version, "rules": self.rules},
                   {"context": context, "files": entries})

    def finish(self, run: Run, problems: list[Problem], checked: list[str]) -> None:
        """Store the run's outcome under its key."""
        self._save(f"{run.slot}.run", run.key, {"problems": [p.to_dict() for p in problems], "checked": checked})

    def _load(self, name: str, key: dict[str, Any]) -> Any:
        """An entry's body, or None when there is no trustworthy entry under `key`."""
        try:
            header, _, body = (self.folder / f"{name}.json").read_bytes().partition(b"\n")
            if orjson.loads(header) != {"format": FORMAT, "key": key, "sha256": _sha(body)}:
                return None
            return orjson.loads(body)
        except (OSError, ValueError):
            return None

    def _save(self, name: str, key: dict[str, Any], value: Any) -> None:
        """Store an entry atomically; a cache that cannot be written is no error (the next run checks again)."""
        body = orjson.dumps(value)
        data = orjson.dumps({"format": FORMAT, "key": key, "sha256": _sha(body)}) + b"\n" + body
        path = self.folder / f"{name}.json"
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole to a temporary name, then renamed: a reader sees the old entry, none, or the new one.
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise


def _texts(sources_dir: Path | None) -> dict[str, str | None] | None:
    """sha256 of each file in the sources folder (the span checks read them)."""
    if sources_dir is None:
        return None
    found: dict[str, str | None] = {}
    with contextlib.suppress(OSError):
        for path in sorted(sources_dir.iterdir()):
            try:
                found[path.name] = _sha(path.read_bytes()) if path.is_file() else None
            except OSError:
                found[path.name] = None
    return found
