"""Where every page lives, what every reference is called, and links between pages."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..models import FOLDERS, Condition, Source, Span, Warning
from .render import render
from .text import dose, humanize, span_range

if TYPE_CHECKING:
    from ..validated_view import ValidatedDataset

#: Folder of the generated pages inside `docs/`; git-ignored, rewritten by every build.
GENERATED = "generated"
HIERARCHY = f"{GENERATED}/hierarchy/index.md"
CURATION = f"{GENERATED}/curation/index.md"
SCHEMA = f"{GENERATED}/schema/index.md"
CHANGELOG = f"{GENERATED}/changelog/index.md"
RELEASE = f"{GENERATED}/release/index.md"

#: Worst first: the order in which a reader should worry.
RELIABILITY_ORDER = ["very-low", "low", "moderate", "high"]


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


def models(model: BaseModel) -> Iterator[BaseModel]:
    """The model and every model nested in it, depth first."""
    yield model
    for name in type(model).model_fields:
        value = getattr(model, name)
        for child in value if isinstance(value, list | tuple) else [value]:
            if isinstance(child, BaseModel):
                yield from models(child)


def spans(model: BaseModel) -> Iterator[Span]:
    """Every span a record cites, provenance and mentions alike."""
    return (m for m in models(model) if isinstance(m, Span))


@dataclass(frozen=True)
class Cited:
    """The spans of one source behind a claim, with the reliability of the source and of the articles hit."""

    source: str
    ranges: list[str]
    reliability: str
    articles: list[tuple[str, str]]  # (title, reliability)


@dataclass
class Site:
    """The dataset with the naming and addressing rules of the site."""

    data: ValidatedDataset
    changes: Any = None  # the release's claim-level changes (`releases.Changes`), when a previous release is known

    def target(self, ref: str) -> tuple[str, str]:
        """Page path and anchor of a reference (`condition:insomnia`, `strength:zopiclone-20-mg`, ...)."""
        kind, _, rid = ref.partition(":")
        if kind == "strength":
            return record_path("treatment", self.data.drug_of(rid).id), strength_anchor(rid)
        if kind == "claim":
            return self.claim_homes[rid]
        return record_path(kind, rid), ""

    def name(self, ref: str) -> str:
        """What a reference is called on the site (plain text; templates escape it)."""
        kind, _, rid = ref.partition(":")
        if kind == "strength":
            strength = self.data.strength(rid)
            return f"{self.data.drug_of(rid).name} {dose(strength.amount, strength.unit)}"
        if kind == "warning":
            return humanize(rid)
        if kind == "source":
            return self.data.sources[rid].title
        if kind == "claim":
            return rid
        return str(getattr(self.data[ref], "name", rid))

    def page(self, path: str, template: str, title: str, **context: Any) -> Page:
        return Page(self, path, template, title, context)

    @cached_property
    def claim_homes(self) -> dict[str, tuple[str, str]]:
        """Page and anchor of every claim id, on the page of the record that holds it."""
        from ..claims import claims_in

        homes: dict[str, tuple[str, str]] = {}
        for kind, collection in self.data.collections.items():
            for rid, record in collection.items():
                for _, claim in claims_in(record):
                    homes[claim.id] = (record_path(kind, rid), claim.id)
        return homes

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

    @cached_property
    def warnings_by_target(self) -> dict[str, list[Warning]]:
        """Warnings by every reference they apply to or name (red flags of conditions, contraindications)."""
        out: dict[str, list[Warning]] = {}
        for warning in self.data.warnings.values():
            for ref in dict.fromkeys([*warning.applies_to, *warning.conditions]):
                out.setdefault(ref, []).append(warning)
        return out

    def descendants(self, condition: Condition) -> list[Condition]:
        """Subtypes, their subtypes, ... (each once, never looping)."""
        out: list[Condition] = []
        stack = list(self.data.children(condition.id))
        while stack:
            child = stack.pop(0)
            if child.id != condition.id and child not in out:
                out.append(child)
                stack += self.data.children(child.id)
        return out

    def cited(self, spans: Sequence[Span]) -> list[Cited]:
        """The spans grouped by source, each source with its reliability and the reliability of its articles."""
        by_source: dict[str, list[Span]] = {}
        for span in spans:
            by_source.setdefault(span.source, []).append(span)
        out = []
        for ref, group in by_source.items():
            source: Source | None = self.data.sources.get(ref)
            if source is None:
                continue
            articles = {(a.title, a.assessment.reliability.value): None for s in group for a in source.articles
                        if a.start <= s.start and s.end <= a.end}
            ranges = [span_range(s.start, s.end) for s in group]
            out.append(Cited(ref, ranges, source.assessment.reliability.value, list(articles)))
        return out

    def worst_reliability(self, model: BaseModel) -> str | None:
        """The least reliable source (or article) any fact of a record comes from."""
        found = {r for c in self.cited(list(spans(model))) for r in [c.reliability, *(a[1] for a in c.articles)]}
        return next((r for r in RELIABILITY_ORDER if r in found), None)


@dataclass
class Page:
    """A generated page: where it goes under `docs/`, its template and what the template is given."""

    site: Site
    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    wide: bool = False  # hide the table of contents, for pages that are one wide table
    boost: float | None = None  # search boost of the page, for the record a name stands for
    tags: list[str] = field(default_factory=list)  # names the search index weighs most

    def url(self, ref: str) -> str:
        """Relative URL of a reference, as the engine serves pages (directory URLs)."""
        path, anchor = self.site.target(ref)
        return self.url_of(path, anchor)

    def url_of(self, path: str, anchor: str = "") -> str:
        """Relative URL of a page under `docs/` (and an anchor on it)."""
        if path == self.path:
            return f"#{anchor}" if anchor else "./"
        rel = posixpath.relpath(_url_dir(path), _url_dir(self.path))
        url = "./" if rel == "." else rel + "/"
        return f"{url}#{anchor}" if anchor else url

    def name(self, ref: str) -> str:
        return self.site.name(ref)

    def markdown(self) -> str:
        return render(self.template, page=self, site=self.site, data=self.site.data, **self.context)
