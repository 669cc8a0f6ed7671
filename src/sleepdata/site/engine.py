"""Running the docs engine (MkDocs, or Zensical, which reads the same `mkdocs.yml`) as a subprocess."""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import subprocess
import sys
import time
from pathlib import Path

_PR_SET_PDEATHSIG = 1

COMMANDS = {
    "mkdocs": ["-m", "mkdocs", "build", "--strict", "--site-dir", "{site_dir}"],
    "zensical": ["-m", "zensical", "build", "--strict", "--clean"],  # builds into the configured site_dir
}


def _die_with_parent() -> None:
    """In the engine's process: end when the build that started it ends (killed builds leave no engine behind)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def run(root: Path, engine: str = "mkdocs", site_dir: Path | None = None) -> tuple[int, str, float]:
    """Build the site of the project at `root` (into `site_dir` where the engine allows); return the exit status,
    the engine's output and the seconds taken."""
    started = time.perf_counter()
    folder = str(site_dir or root / "site")
    command = [part.replace("{site_dir}", folder) for part in COMMANDS[engine]]
    try:
        result = subprocess.run([sys.executable, *command], cwd=root, capture_output=True, text=True, check=False,
                                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    except OSError as error:
        return 1, f"could not start {engine}: {error}", time.perf_counter() - started
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started
