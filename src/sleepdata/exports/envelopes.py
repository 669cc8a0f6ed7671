"""The envelopes of the JSON exports as models, so that their JSON Schemas are generated like the records':
the bundle (`sleepdata.json`) and the JSON Lines manifest (`manifest.json`). Each JSON Lines line is a record
that its kind's own schema describes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..models import Cause, Condition, Source, Treatment, Warning

Version = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Licence(_Closed):
    """The data licence: SPDX id, title and URL."""

    name: str = Field(description="SPDX licence id.")
    title: str
    path: str = Field(description="The licence's URL.")


class SourceEntry(_Closed):
    """A source document the data comes from, pinned by its sha256."""

    id: Annotated[str, StringConstraints(pattern=r"^source:[a-z0-9]+(-[a-z0-9]+)*$")]
    title: str
    file_name: str
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _About(_Closed):
    name: Literal["sleepdata"]
    version: Version = Field(description="The dataset version (SemVer).")
    notice: str
    licence: Licence
    sources: list[SourceEntry]


class Records(_Closed):
    """Every record, by kind, sorted by id."""

    source: list[Source]
    condition: list[Condition]
    cause: list[Cause]
    treatment: list[Treatment]
    warning: list[Warning]


class Bundle(_About):
    """The JSON export: every record of the dataset in one file, with the dataset's version, licence and sources."""

    records: Records


class FileEntry(_Closed):
    path: Annotated[str, StringConstraints(pattern=r"^[a-z]+\.jsonl$")]
    records: int = Field(ge=0, description="Number of lines (records) in the file.")


class Manifest(_About):
    """The JSON Lines export's manifest: one file per kind, each line a record of that kind."""

    files: dict[Literal["source", "condition", "cause", "treatment", "warning"], FileEntry]


#: Schema file name -> envelope model.
ENVELOPES: dict[str, type[BaseModel]] = {"bundle": Bundle, "manifest": Manifest}
