"""Formatting values as readers write them: doses without stray zeros, enum values as words, ranges with en
dashes. No escaping here: templates escape (see `render`)."""

from __future__ import annotations

import re
from decimal import Decimal

EN_DASH = "\u2013"


def amount(value: float) -> str:
    """A number as people write it: `20`, `7.5`, `0.5`, `3.75` (no trailing zeros, no naked decimal point)."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return "0" + text if text.startswith(".") else text


_UNITS = {"ug": "microgram", "Cel": "°C", "a": "years", "mo": "months", "wk": "weeks", "d": "days",
          "1": "", "{glass}": "glasses"}


def unit(ucum: str) -> str:
    """A UCUM unit as a reader expects it (`ug` is spelt out: `µg` is too easily misread as `mg`)."""
    return _UNITS.get(ucum, ucum)


def dose(value: float, ucum: str) -> str:
    """An amount with its unit: `7.5 mg`."""
    return f"{amount(value)} {unit(ucum)}"


_HYPHENATED = re.compile(r"non-standard|off-label|not-verifiable|next-day|over-the-counter|prescription-only|"
                         r"sleep-related|very-low|life-threatening|health-portal|non-drug|drug-class")


def span_range(low: object, high: object) -> str:
    """Two figures joined by an en dash, as in a range."""
    return f"{low}{EN_DASH}{high}"


def label(value: str) -> str:
    """An enum value or id as words: `non-standard-strength` → `non-standard strength`."""
    out, pos = [], 0
    for match in _HYPHENATED.finditer(value):
        out += [value[pos:match.start()].replace("-", " "), match.group()]
        pos = match.end()
    return "".join([*out, value[pos:].replace("-", " ")])


def capital(text: str) -> str:
    """First letter upper-cased, the rest left alone (`mRNA` stays)."""
    return text[:1].upper() + text[1:]


_ACRONYMS = {"cns": "CNS", "rem": "REM", "gaba": "GABA", "cbt": "CBT", "ssri": "SSRI", "eeg": "EEG", "rls": "RLS"}


def humanize(slug: str) -> str:
    """A readable title from an id: `zopiclone-3-75-mg-cns-effects` → `Zopiclone 3.75 mg CNS effects`."""
    words = label(re.sub(r"(?<=\d)-(?=\d+-(?:mg|ug|g)\b)", ".", slug)).split(" ")
    return capital(" ".join(_ACRONYMS.get(word, word) for word in words))
