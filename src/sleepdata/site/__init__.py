"""The documentation site: pages rendered from the data as Markdown, then built by the docs engine.

`build_site` writes the generated pages into `docs/generated/` (git-ignored) and runs
`mkdocs build --strict` into `site/`. The same `mkdocs.yml` also builds with `zensical build --strict`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel

from . import engine
from .generate import write_pages

__all__ = ["build_site", "write_pages"]


def build_site(root: Path, records: list[BaseModel], engine_name: str = "mkdocs") -> int:
    """Write the generated pages and build the site into `root/site`; 0 on success, 1 with a message if not."""
    try:
        count = write_pages(root, records)
    except (OSError, ValueError) as error:
        print(f"Error: could not write the site's pages: {error}", file=sys.stderr)
        return 1
    print(f"wrote {count} generated pages to docs/generated/")
    code, output, seconds = engine.run(root, engine_name)
    if code:
        problems = [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        print(f"Error: {engine_name} build --strict failed (exit status {code}); the site was not built:",
              file=sys.stderr)
        print("\n".join(problems or output.splitlines()[-20:]), file=sys.stderr)
        return 1
    print(f"built the site into site/ with {engine_name} in {seconds:.1f} s")
    return 0
