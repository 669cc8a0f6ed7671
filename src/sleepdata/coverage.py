"""Coverage of the sources: every sentence is cited by a record or excluded with a reason.

A sentence counts as covered when the provenance spans and exclusion spans that touch it cover at least
`THRESHOLD` of its non-space characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .integrity import walk
from .models import Source, Span

THRESHOLD = 0.5
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?…]+[\"”’)]*(?=\s)|$)", re.MULTILINE)  # noqa: RUF001


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    covered: float

    def line(self, text: str) -> int:
        return text.count("\n", 0, self.start) + 1


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text: split at line breaks and at sentence-final punctuation."""
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
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
