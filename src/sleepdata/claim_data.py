"""Claims in plain record data (the bundle's dicts): found without building a model, so without pydantic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: Lists whose items have ids but are no claims: the articles of a compilation.
NOT_CLAIMS = frozenset({"articles"})


def raw_claims(value: Any, path: str = "") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(claim id, path, claim dict) for every claim below a record's root, in plain record data."""
    if isinstance(value, dict):
        if path and is_raw_claim(value):
            yield value["id"], path, value
        for key, item in value.items():
            if key not in NOT_CLAIMS:
                yield from raw_claims(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from raw_claims(item, f"{path}[{i}]")


def is_raw_claim(value: Any) -> bool:
    """Whether a piece of record data (a plain dict) is a claim: it has an id."""
    return isinstance(value, dict) and bool(value.get("id"))
