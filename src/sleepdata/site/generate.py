"""Writing the generated pages into `docs/generated/` (rewritten from scratch by every build)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from pydantic import BaseModel

from ..dataset import Dataset
from .causes import cause_page
from .conditions import condition_page, hierarchy_page
from .context import CHANGELOG, GENERATED, RELEASE, Page, Site
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
from .releases import compare, previous_release
from .safety import warning_page
from .sources import source_page
from .treatments import treatment_page

if TYPE_CHECKING:
    pass


def _changelog(site: Site, root: Path) -> Page:
    path = root / "CHANGELOG.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\nNo `CHANGELOG.md` yet."
    return site.page(CHANGELOG, "markdown.md.j2", "Changelog", body=Markup(text))  # the project's own Markdown


def _release(site: Site, ref: str) -> dict[str, Any]:
    """What a record page is told about the release: the changes to its claims, by claim id."""
    if site.changes is None:
        return {"release": None}
    page_of = site.target(ref)[0]
    items, changed = [], {}
    for c in site.changes.of(ref):
        href = "#" + c.claim if c.claim and site.claim_homes.get(c.claim, ("", ""))[0] == page_of else ""
        items.append({"kind": c.kind, "what": c.text, "href": href, "detail": c.detail})
        if c.claim:
            changed[c.claim] = f"{c.kind}: {c.detail}" if c.detail else c.kind
    return {"release": site.changes, "release_page": RELEASE, "record_changes": items, "changed": changed,
            "new_record": ref in site.changes.added_records}


def pages(site: Site, root: Path, schema_dir: Path | None = None) -> Iterator[Page]:
    """Every generated page: indexes, one page per record, the hierarchy, the release, the references (from the
    JSON Schemas in `schema_dir`, default `root/schema`)."""
    data = site.data
    clash = [f"{kind}:index" for kind, c in data.collections.items() if "index" in c]
    if clash:
        raise ValueError(f"the id 'index' is reserved for the index pages: {', '.join(clash)}")
    yield from (conditions_index(site), causes_index(site), treatments_index(site), strengths_index(site),
                warnings_index(site), sources_index(site), curation_index(site), hierarchy_page(site))
    yield site.page(RELEASE, "release.md.j2", f"What changed in {data.version}", changes=site.changes)
    yield from (condition_page(site, c, _release(site, f"condition:{c.id}")) for c in data.conditions.values())
    yield from (cause_page(site, c, _release(site, f"cause:{c.id}")) for c in data.causes.values())
    yield from (treatment_page(site, t, _release(site, f"treatment:{t.id}")) for t in data.treatments.values())
    yield from (warning_page(site, w, _release(site, f"warning:{w.id}")) for w in data.warnings.values())
    yield from (source_page(site, s, _release(site, f"source:{s.id}")) for s in data.sources.values())
    yield from schema_pages(site, schema_dir or root / "schema")
    yield _changelog(site, root)


def write_pages(root: Path, records: list[BaseModel], target: Path | None = None,
                schema_dir: Path | None = None) -> int:
    """Render the records into `target` (default `root/docs/generated/`, replaced); return the number of pages.
    A build passes the schemas it has just written (`schema_dir`), which are not yet in `root/schema`.

    Every page is rendered before the first is written: a record that cannot be rendered leaves `target` alone.
    """
    data = Dataset.from_records(records).validated()  # pages read the models (their fields, `model_dump`)
    previous = previous_release(root, data.version)
    site = Site(data, compare(previous, data) if previous else None)
    rendered = [(page.path, page.markdown()) for page in pages(site, root, schema_dir)]
    target = target or root / "docs" / GENERATED
    if target.exists():
        shutil.rmtree(target)
    for path, text in rendered:
        out = target / Path(path).relative_to(GENERATED)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return len(rendered)
