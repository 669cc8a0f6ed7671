"""Writing artefacts so that a failed or killed run leaves the previous ones intact.

A file is written to a temporary sibling, flushed to disk and moved into place with `os.replace`. A folder
is built fresh beside its target and exchanged with it in one step (`renameat2(RENAME_EXCHANGE)` on Linux;
elsewhere two renames). `lock` keeps two builds of one checkout from racing.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_bytes(path: Path, data: bytes) -> Path:
    """Replace `path` with `data` in one step; on any failure the previous file is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """`write_bytes` of UTF-8 text with LF line endings; unchanged files are not rewritten."""
    data = text.encode("utf-8")
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    return write_bytes(path, data)


def fresh_dir(target: Path) -> Path:
    """An empty hidden folder beside `target` (same file system), to be built and then `swap`ped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two existing paths; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    return bool(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0)


def swap(new: Path, target: Path) -> Path | None:
    """Put the folder `new` in the place of `target`; return where the previous `target` now is (or None).

    The caller removes the returned folder when it no longer needs it (`discard`), or `swap`s it back.
    """
    if not target.exists():
        os.replace(new, target)
        return None
    if _exchange(new, target):
        return new
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    discard(old)
    os.replace(target, old)
    os.replace(new, target)
    return old


def discard(folder: Path | None) -> None:
    """Remove a folder left over by `fresh_dir` or `swap`."""
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def discard_leftovers(target: Path) -> None:
    """Remove the folders a killed run left beside `target` (`fresh_dir` and `swap` names)."""
    for pattern in (f".{target.name}.*.new", f".{target.name}.*.old"):
        for folder in target.parent.glob(pattern):
            discard(folder)


def _files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if not p.is_dir()}


def publish(staging: Path, out: Path) -> list[Path]:
    """Put every file of `staging` into `out`, then remove `staging`; return the paths now in `out`.

    When `out` holds nothing that `staging` does not replace, the folders are exchanged in one step; otherwise
    (other files live in `out` and are kept) each file is moved in one step.
    """
    names = sorted(_files(staging))
    if not out.exists() or _files(out) <= set(names):
        discard(swap(staging, out))
        return [out / name for name in names]
    for name in names:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
    discard(staging)
    return [out / name for name in names]


@contextlib.contextmanager
def lock(path: Path, waiting: str = "") -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if need be) for the block; wait for it, saying `waiting`."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                print(waiting, file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
