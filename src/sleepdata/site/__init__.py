"""The documentation site: pages rendered from the data as Markdown, then built by the docs engine.

`build_site` renders the generated pages into a fresh folder and swaps it in as `docs/generated/`
(git-ignored), runs `mkdocs build --strict` into a fresh folder and swaps that in as `site/`. When the engine
fails, the previous pages are swapped back; a failed or killed build leaves the previous `site/` as it was.
The same `mkdocs.yml` also builds with `zensical build --strict`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from .. import atomic
from . import engine
from .context import GENERATED
from .generate import write_pages

__all__ = ["build_site", "stage_site", "write_pages"]


def build_site(root: Path, records: list[BaseModel], engine_name: str = "mkdocs") -> int:
    """Write the generated pages and build the site into `root/site`; 0 on success, 1 with a message if not."""
    staged = stage_site(root, records, engine_name)
    if staged is None:
        return 1
    atomic.discard(staged())
    return 0


def stage_site(root: Path, records: list[BaseModel], engine_name: str = "mkdocs",
               schema_dir: Path | None = None) -> Callable[[], Path | None] | None:
    """Build the site into a fresh folder; None (with a message) when that fails, else a function that swaps it in
    as `root/site` and returns the previous site's folder, for the caller to discard when all is in place.
    `schema_dir` holds the schemas the schema reference is made from (default `root/schema`)."""
    generated = root / "docs" / GENERATED
    for target in (generated, root / "site"):
        atomic.discard_leftovers(target)
    pages = atomic.fresh_dir(generated)
    try:
        count = write_pages(root, records, pages, schema_dir)
    except (OSError, ValueError) as error:
        atomic.discard(pages)
        print(f"Error: could not write the site's pages: {error}", file=sys.stderr)
        return None
    previous_pages = atomic.swap(pages, generated)
    print(f"wrote {count} generated pages to docs/generated/")
    site = atomic.fresh_dir(root / "site") if engine_name == "mkdocs" else None
    code, output, seconds = engine.run(root, engine_name, site)
    if code:
        atomic.discard(site)
        if previous_pages is not None:
            atomic.discard(atomic.swap(previous_pages, generated))
        problems = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        print(f"Error: {engine_name} build --strict failed (exit status {code}); the site was not built:",
              file=sys.stderr)
        print("\n".join(problems or output.splitlines()[-20:]), file=sys.stderr)
        return None
    atomic.discard(previous_pages)
    print(f"built the site with {engine_name} in {seconds:.1f} s")

    def commit() -> Path | None:
        return atomic.swap(site, root / "site") if site is not None else None

    return commit
