"""Running the docs engine (MkDocs, or Zensical, which reads the same `mkdocs.yml`) as a subprocess."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {
    "mkdocs": ["-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
    "zensical": ["-m", "zensical", "build", "--strict", "--clean"],
}


def run(root: Path, engine: str = "mkdocs") -> tuple[int, str, float]:
    """Build the site of the project at `root`; return the exit status, the engine's output and the seconds taken."""
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, *COMMANDS[engine]], cwd=root, capture_output=True, text=True,
                                check=False)
    except OSError as error:
        return 1, f"could not start {engine}: {error}", time.perf_counter() - started
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started
