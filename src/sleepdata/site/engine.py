"""Running the docs engine (MkDocs, or Zensical, which reads the same `mkdocs.yml`) as a subprocess."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

COMMANDS = {
    "mkdocs": ["-m", "mkdocs", "build", "--strict", "--site-dir", "{site_dir}"],
    "zensical": ["-m", "zensical", "build", "--strict", "--clean"],  # builds into the configured site_dir
}


def run(root: Path, engine: str = "mkdocs", site_dir: Path | None = None) -> tuple[int, str, float]:
    """Build the site of the project at `root` (into `site_dir` where the engine allows); return the exit status,
    the engine's output and the seconds taken."""
    started = time.perf_counter()
    folder = str(site_dir or root / "site")
    command = [part.replace("{site_dir}", folder) for part in COMMANDS[engine]]
    try:
        result = subprocess.run([sys.executable, *command], cwd=root, capture_output=True, text=True, check=False)
    except OSError as error:
        return 1, f"could not start {engine}: {error}", time.perf_counter() - started
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - started
