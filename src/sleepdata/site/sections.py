"""Sections that several kinds of record page share: names, codes, notes, mentions."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import quote

from ..models import Code, CodeSystem, Origin, Span, Synonym
from .context import Page
from .facts import badge, provenance
from .text import capital, code, label, md

SYSTEMS = {CodeSystem.ICD_10_CM: "ICD-10-CM", CodeSystem.ICD_11: "ICD-11", CodeSystem.MESH: "MeSH",
           CodeSystem.ATC: "ATC"}


#: British medical spellings and their US forms, so that a search in either spelling finds the record.
_US_SPELLINGS = [("haem", "hem"), ("aem", "em"), ("oedema", "edema"), ("oesophag", "esophag"), ("paed", "ped"),
                 ("oestr", "estr"), ("isation", "ization"), ("behaviour", "behavior"), ("tumour", "tumor"),
                 ("fibre", "fiber"), ("centre", "center")]


def _keep_case(american: str) -> Callable[[re.Match[str]], str]:
    return lambda match: capital(american) if match.group()[0].isupper() else american


def us_spellings(names: Sequence[str]) -> list[str]:
    """US spellings of names spelt the British way, leaving out any that are already among the names."""
    known = {n.casefold() for n in names}
    out: list[str] = []
    for name in names:
        variant = name
        for british, american in _US_SPELLINGS:
            variant = re.sub(british, _keep_case(american), variant, flags=re.IGNORECASE)
        if variant.casefold() not in known:
            known.add(variant.casefold())
            out.append(variant)
    return out


def also_known_as(names: Sequence[str], primary: str = "") -> str:
    """The line under the title that lists other names (and US spellings), for readers and the search index."""
    parts = [f"Also known as: {', '.join(md(n) for n in names)}"] if names else []
    if variants := us_spellings([primary, *names] if primary else list(names)):
        parts.append(f"US spelling: {', '.join(md(v) for v in variants)}")
    return f'<p class="sd-aka">{"; ".join(parts)}</p>' if parts else ""


def synonym_names(synonyms: Sequence[Synonym]) -> list[str]:
    return [s.name if s.kind.value == "synonym" else f"{s.name} ({label(s.kind.value)})" for s in synonyms]


def synonym_table(page: Page, synonyms: Sequence[Synonym]) -> str:
    if not synonyms:
        return ""
    rows = ["| Name | Kind | Where a source uses it |", "|---|---|---|"]
    for s in synonyms:
        where = provenance(page, s.provenance) if s.provenance else badge("curator", "curator",
                                                                          "Added by the curator")
        style = "misspelling" if s.kind.value in {"misspelling", "mistranslation"} else "kind"
        rows.append(f"| {md(s.name)} | {badge(label(s.kind.value), style)} | {where} |")
    return "\n".join(rows)


def code_table(codes: Sequence[Code]) -> str:
    if not codes:
        return ""
    rows = ["| System | Code | Label | Assigned by |", "|---|---|---|---|"]
    for c in codes:
        shown = code(c.code)
        if c.system is CodeSystem.ATC:
            shown = f"[{shown}](https://atcddd.fhi.no/atc_ddd_index/?code={quote(c.code)})"
        origin = badge("curator", "curator", "Curator knowledge, not a source fact") if c.origin is Origin.CURATOR \
            else "the source"
        rows.append(f"| {SYSTEMS[c.system]} | {shown} | {md(c.label)} | {origin} |")
    return "\n".join(rows)


def mention_list(page: Page, mentions: Sequence[Span]) -> str:
    return f"Named or introduced in: {provenance(page, mentions)}." if mentions else ""


def note_list(notes: Sequence[str]) -> str:
    return "\n".join(f"- {md(n)}" for n in notes)


def section(title: str, anchor: str, *parts: str) -> list[str]:
    """A `##` section with an explicit anchor, or nothing when every part is empty."""
    body = [p for p in parts if p]
    if not body:
        return []
    return [f"## {title} {{#{anchor}}}", "", *[x for p in body for x in (p, "")]]
