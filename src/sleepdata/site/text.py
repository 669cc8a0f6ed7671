"""Escaping and formatting: text from the data reaches a page as plain text, doses without stray zeros."""

from __future__ import annotations

import re
from decimal import Decimal

# Characters that Markdown, its extensions (tables, attr_list, admonitions) or HTML would act on. Each is
# written as a numeric character reference, which every Markdown engine passes through as literal text.
_ACTIVE = set("\\`*_{}[]<>&|!#~^=")
EN_DASH, CHEVRON = "\u2013", "\u203a"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# What would open a list if the text began a line: `- `, `+ `, `1. `, `2) `.
_LINE_START = re.compile(r"^(\d*)([-+.)])")


def md(text: str) -> str:
    """Text from the data as inert Markdown: no markup, link, HTML tag or line break can come from it."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    escaped = "".join(f"&#{ord(ch)};" if ch in _ACTIVE else ch for ch in flat)
    return _LINE_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", escaped, count=1)


def code(text: str, css: str = "") -> str:
    """Literal text shown as inline code (HTML, so that pipes and backticks stay literal)."""
    return f'<code class="{css}">{md(text)}</code>' if css else f"<code>{md(text)}</code>"


def prose(text: str) -> str:
    """Our own descriptive text (schema descriptions) with `code spans` kept, everything else escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return md(text)
    return "".join(code(part) if i % 2 else md(part) for i, part in enumerate(parts))


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


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
