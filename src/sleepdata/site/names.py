"""The names a record goes by, for readers and for the search index: synonyms, brands, US spellings, and the
likely misspellings a reader types (generated here, so that search finds the page without a fuzzy matcher in
the browser)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .text import capital, label

#: British medical spellings and their US forms, so that a search in either spelling finds the record.
_US_SPELLINGS = [("haem", "hem"), ("aem", "em"), ("oedema", "edema"), ("oesophag", "esophag"), ("paed", "ped"),
                 ("oestr", "estr"), ("isation", "ization"), ("behaviour", "behavior"), ("tumour", "tumor"),
                 ("fibre", "fiber"), ("centre", "center")]

#: Letters readers swap for one another when they spell a drug or disease name by ear.
_SOUNDS = [("c", "k"), ("k", "c"), ("ph", "f"), ("f", "ph"), ("y", "i"), ("i", "y"), ("z", "s"), ("s", "z"),
           ("x", "ks"), ("qu", "kw"), ("ae", "e"), ("th", "t")]


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


def misspellings(word: str) -> list[str]:
    """Likely misspellings of one word of five letters or more: neighbouring letters swapped, a doubled letter
    written once, a letter written twice, and letters that sound alike swapped one at a time."""
    w = word.casefold()
    if len(w) < 5 or not w.isalpha():
        return []
    out = [w[:i] + w[i + 1] + w[i] + w[i + 2:] for i in range(len(w) - 1) if w[i] != w[i + 1]]
    out += [w[:i] + w[i + 1:] for i in range(1, len(w)) if w[i] == w[i - 1]]
    for old, new in _SOUNDS:
        out += [w[:m.start()] + new + w[m.end():] for m in re.finditer(re.escape(old), w)]
    return [x for x in dict.fromkeys(out) if x != w]


@cache
def extra_aliases() -> dict[str, list[str]]:
    """Search-only terms by reference, from `search_aliases.yaml` (names a reader types that the data lacks)."""
    text = resources.files("sleepdata.site").joinpath("search_aliases.yaml").read_text(encoding="utf-8")
    raw: dict[str, Any] = yaml.safe_load(text) or {}
    return {ref: [str(t) for t in entry["terms"]] for ref, entry in raw.items()}


def record_names(record: Any) -> list[str]:
    """The record's name, INN, synonyms and brands, each once."""
    names = [record.name, getattr(record, "inn", None) or "", *(s.name for s in record.synonyms),
             *(b.name for b in getattr(record, "brands", []))]
    return list(dict.fromkeys(n for n in names if n))


def aliases(ref: str, names: Iterable[str]) -> list[str]:
    """What search should also find the page under: likely misspellings of each one-word name (a longer name is
    found by the prefixes of its words) and the search-only terms of `search_aliases.yaml`."""
    known = {n.casefold() for n in names}
    out: list[str] = list(extra_aliases().get(ref, []))
    for name in known:
        out += misspellings(name)
    return [a for a in dict.fromkeys(out) if a.casefold() not in known]


def search_tags(name: str, *others: str) -> list[str]:
    """The record's name (and its other usual names) each as one search token: lower case, letters and digits
    only, `_` added.

    The search index weighs tags most and splits them into words only at spaces and hyphens, and a query matches
    every token it begins. The whole name as one token therefore ranks the page a name stands for above pages whose
    names merely contain the word (`insomnia` above `primary insomnia`), and the `_` keeps the token rare, so that
    it is not weighed down by the same word in the text of every page.
    """
    return list(dict.fromkeys(re.sub(r"\W+", "", n.casefold()) + "_" for n in (name, *others)))


def search_boost(base: float, name: str) -> float:
    """The search weight of a record's page: `base`, up to twice that for a short name, so that a query that
    begins two names (`myoclonus` → Myoclonus, Myoclonus after physical exertion) ranks the shorter first."""
    return round(base * (1 + 1 / len(name.split())), 2)


def synonym_label(kind: str, name: str) -> str:
    return name if kind == "synonym" else f"{name} ({label(kind)})"
