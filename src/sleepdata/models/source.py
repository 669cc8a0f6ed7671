"""Source records: the documents the facts come from, and what of them was left out."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from ..vocabulary import ArticleKind, ExclusionReason, Reliability, SourceKind, Translation
from .common import Name, Record, Slug, Strict, Text


class Exclusion(Strict):
    """A span of the source that holds no fact for the dataset, with the reason."""

    start: int = Field(ge=0, le=10_000_000)
    end: int = Field(ge=1, le=10_000_000)
    reason: ExclusionReason
    note: Text = Field(description="What the span is, in our words (never the span's text).")
    names: list[Name] = Field(default_factory=list, description="Products or drugs the excluded span names or "
                              "advertises (e.g. a spam link for modafinil), so a reader sees they were seen and "
                              "deliberately left out.")


class Assessment(Strict):
    """The curator's judgement of a source as a whole."""

    reliability: Reliability
    reasons: list[Text] = Field(min_length=1, description="Why: commercial intent, spam links, machine translation, "
                                "hedged or uncited claims, self-contradiction, and what speaks for it.")


class Article(Strict):
    """One article inside a compilation: its boundaries and its own reliability."""

    id: Slug
    start: int = Field(ge=0, le=10_000_000)
    end: int = Field(ge=1, le=10_000_000)
    title: Name = Field(description="A title in our words.")
    kind: ArticleKind
    assessment: Assessment


class Source(Record):
    """One source document. The sha256 pins its text; spans elsewhere point into it."""

    file_name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+$", max_length=200)] = Field(
        description="File name of the document in the sources directory.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the file's bytes.")
    length: int = Field(ge=1, description="Length of the text in Unicode code points.")
    title: Name = Field(description="A title in our words.")
    description: Text = Field(description="What the document is and covers, in our words.")
    kind: SourceKind
    author: Name | None = Field(default=None, description="The author as the document names them; absent when it "
                                "names none.")
    published: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")] | None = Field(
        default=None, description="Publication date (ISO 8601, as precise as known); absent when the document gives "
        "none.")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] = Field(
        description="ISO 639 code of the text's language.")
    original_language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = Field(
        default=None, description="ISO 639 code of the language translated from, when known.")
    translation: Translation = Field(description="original, or a human or machine translation.")
    assessment: Assessment
    articles: list[Article] = Field(default_factory=list, description="For a compilation: the articles in it, in "
                                    "order, each with its own assessment. Every span falls inside one (checked).")
    exclusions: list[Exclusion] = Field(default_factory=list, description="Spans that do not become data.")
