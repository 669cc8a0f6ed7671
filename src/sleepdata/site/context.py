"""Where every page lives, what every reference is called, and links between pages."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..dataset import Dataset
from ..models import FOLDERS
from .text import dose, humanize, md
from .walk import spans

#: Folder of the generated pages inside `docs/`; git-ignored, rewritten by every build.
GENERATED = "generated"
HIERARCHY = f"{GENERATED}/hierarchy/index.md"
CURATION = f"{GENERATED}/curation/index.md"
SCHEMA = f"{GENERATED}/schema/index.md"
CHANGELOG = f"{GENERATED}/changelog/index.md"


def record_path(kind: str, rid: str) -> str:
    """The page of a record, relative to `docs/`."""
    return f"{GENERATED}/{FOLDERS[kind]}/{rid}.md"


def index_path(kind: str) -> str:
    """The index page of a kind (or of `strengths`), relative to `docs/`."""
    return f"{GENERATED}/{FOLDERS.get(kind, kind)}/index.md"


def strength_anchor(strength_id: str) -> str:
    return f"strength-{strength_id}"


def _url_dir(path: str) -> str:
    """The folder a page is served from with directory URLs (`a/b.md` → `a/b`, `a/index.md` → `a`)."""
    stem = path.removesuffix(".md")
    return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem


@dataclass
class Site:
    """The dataset with the naming and addressing rules of the site."""

    data: Dataset

    def target(self, ref: str) -> tuple[str, str]:
        """Page path and anchor of a reference (`condition:insomnia`, `strength:zopiclone-20-mg`, ...)."""
        kind, _, rid = ref.partition(":")
        if kind == "strength":
            return record_path("treatment", self.data.drug_of(rid).id), strength_anchor(rid)
        return record_path(kind, rid), ""

    def name(self, ref: str) -> str:
        """What a reference is called on the site (plain text, not escaped)."""
        kind, _, rid = ref.partition(":")
        if kind == "strength":
            strength = self.data.strength(rid)
            return f"{self.data.drug_of(rid).name} {dose(strength.amount, strength.unit)}"
        if kind == "warning":
            return humanize(rid)
        if kind == "source":
            return self.data.sources[rid].title
        return str(getattr(self.data[ref], "name", rid))

    def page(self, path: str) -> Page:
        return Page(self, path)

    @cached_property
    def class_members(self) -> dict[str, list[str]]:
        """Treatment references of the members of each drug class, by the class's reference."""
        members: dict[str, list[str]] = {}
        for treatment in self.data.treatments.values():
            for membership in treatment.classes:
                members.setdefault(membership.drug_class, []).append(f"treatment:{treatment.id}")
        return {ref: list(dict.fromkeys(refs)) for ref, refs in members.items()}

    @cached_property
    def citations(self) -> dict[str, Counter[str]]:
        """For each source reference: how many spans each record cites from it."""
        out: dict[str, Counter[str]] = {}
        for kind, collection in self.data.collections.items():
            for rid, record in collection.items():
                for span in spans(record):
                    out.setdefault(span.source, Counter())[f"{kind}:{rid}"] += 1
        return out

    @cached_property
    def causes_by_treatment(self) -> dict[str, list[str]]:
        """Cause references that stand for the same substance as a treatment, by the treatment's reference."""
        out: dict[str, list[str]] = {}
        for cause in self.data.causes.values():
            if cause.treatment:
                out.setdefault(cause.treatment, []).append(f"cause:{cause.id}")
        return out


@dataclass
class Page:
    """A Markdown page being written: its path under `docs/` and its lines."""

    site: Site
    path: str
    lines: list[str] = field(default_factory=list)
    wide: bool = False  # hide the table of contents, for pages that are one wide table

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def href(self, path: str, anchor: str = "") -> str:
        """Relative Markdown link to another page (checked by the engine's strict mode)."""
        rel = posixpath.relpath(path, posixpath.dirname(self.path))
        return f"{rel}#{anchor}" if anchor else rel

    def link(self, ref: str, text: str | None = None) -> str:
        """`[name](relative.md)` for a reference; the name is escaped."""
        path, anchor = self.site.target(ref)
        return f"[{md(text if text is not None else self.site.name(ref))}]({self.href(path, anchor)})"

    def url(self, ref: str) -> str:
        """Relative URL of a reference for raw HTML (SVG), as the engine serves pages (directory URLs)."""
        path, anchor = self.site.target(ref)
        rel = posixpath.relpath(_url_dir(path), _url_dir(self.path))
        url = "./" if rel == "." else rel + "/"
        return f"{url}#{anchor}" if anchor else url

    def markdown(self) -> str:
        front = ["---", "hide:", "  - toc", "---", ""] if self.wide else []
        return "\n".join([*front, *self.lines]).rstrip() + "\n"
