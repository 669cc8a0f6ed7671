"""Coverage of the sources: every sentence is cited by a record or excluded with a reason.

A sentence counts as covered when the provenance spans and exclusion spans that touch it cover at least
`THRESHOLD` of its non-space characters. Sentences are found line by line by pysbd, a maintained rule-based
segmenter that knows abbreviations (Dr., p., e.g., etc.) which a punctuation regex splits at.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .claims import walk
from .models import Source, Span

THRESHOLD = 0.5
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    covered: float

    def line(self, text: str) -> int:
        return text.count("\n", 0, self.start) + 1


@functools.cache
def _segmenter() -> Any:
    try:
        import pysbd  # type: ignore[import-untyped]
    except ImportError:
        raise ImportError('splitting sources into sentences needs pysbd: pip install "sleepdata[curate]"') from None
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text: split at line breaks, then by pysbd; surrounding space trimmed."""
    out = []
    for line in _LINE.finditer(text):
        for span in _segmenter().segment(line.group()):
            start, end = line.start() + span.start, line.start() + span.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if any(ch.isalnum() for ch in text[start:end]):
                out.append((start, end))
    return out


def cited_spans(records: list[Any]) -> dict[str, list[tuple[int, int]]]:
    """Every provenance span and exclusion of the records, by source id."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for record in records:
        if isinstance(record, Source):
            spans.setdefault(record.id, []).extend((e.start, e.end) for e in record.exclusions)
        for _, value in walk(record):
            if isinstance(value, Span):
                spans.setdefault(value.source.split(":", 1)[1], []).append((value.start, value.end))
    return spans


def measure(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    """Each sentence of `text` with the share of its non-space characters that `spans` cover."""
    marked = bytearray(len(text))
    for start, end in spans:
        marked[start:end] = b"\x01" * (min(end, len(text)) - start)
    out = []
    for start, end in sentences(text):
        chars = [i for i in range(start, end) if not text[i].isspace()]
        share = sum(marked[i] for i in chars) / len(chars) if chars else 1.0
        out.append(Sentence(start, end, share))
    return out


def uncovered(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    return [s for s in measure(text, spans) if s.covered < THRESHOLD]
