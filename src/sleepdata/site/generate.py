"""Writing the generated Markdown pages into `docs/generated/` (rewritten from scratch by every build)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ..dataset import Dataset
from .causes import cause_page
from .conditions import condition_page, hierarchy_page
from .context import CHANGELOG, GENERATED, Page, Site
from .indexes import (
    causes_index,
    conditions_index,
    curation_index,
    sources_index,
    strengths_index,
    treatments_index,
    warnings_index,
)
from .reference import schema_pages
from .safety import warning_page
from .sources import source_page
from .treatments import treatment_page


def _changelog(site: Site, root: Path) -> Page:
    page = site.page(CHANGELOG)
    path = root / "CHANGELOG.md"
    page.add(path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\nNo `CHANGELOG.md` yet.")
    return page


def pages(site: Site, root: Path) -> Iterator[Page]:
    """Every generated page: indexes, one page per record, the hierarchy, the references."""
    data = site.data
    clash = [f"{kind}:index" for kind, c in data.collections.items() if "index" in c]
    if clash:
        raise ValueError(f"the id 'index' is reserved for the index pages: {', '.join(clash)}")
    yield from (conditions_index(site), causes_index(site), treatments_index(site), strengths_index(site),
                warnings_index(site), sources_index(site), curation_index(site), hierarchy_page(site))
    yield from (condition_page(site, c) for c in data.conditions.values())
    yield from (cause_page(site, c) for c in data.causes.values())
    yield from (treatment_page(site, t) for t in data.treatments.values())
    yield from (warning_page(site, w) for w in data.warnings.values())
    yield from (source_page(site, s) for s in data.sources.values())
    yield from schema_pages(site, root / "schema")
    yield _changelog(site, root)


def write_pages(root: Path, records: list[BaseModel], target: Path | None = None) -> int:
    """Render the records into `target` (default `root/docs/generated/`, replaced); return the number of pages.

    Every page is rendered before the first is written: a record that cannot be rendered leaves `target` alone.
    """
    site = Site(Dataset.from_records(records))
    rendered = list(pages(site, root))
    target = target or root / "docs" / GENERATED
    if target.exists():
        shutil.rmtree(target)
    for page in rendered:
        path = target / Path(page.path).relative_to(GENERATED)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown(), encoding="utf-8")
    return len(rendered)
