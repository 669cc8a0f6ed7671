"""sleepdata: a curated, schema-validated dataset of sleep-related conditions, causes, treatments and warnings.

    >>> import sleepdata
    >>> data = sleepdata.load()
    >>> data.treatments["zopiclone"].inn
    'zopiclone'

Reference material, not medical advice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .dataset import AnyRecord, Collection, Dataset, Related
from .loading import StaleBundleWarning, load

if TYPE_CHECKING:
    from .errors import DatasetError, Problem
    from .lookup import AmbiguousLookupError, Match, NotFoundError, RecordLookupError

# Imported when first asked for: `import sleepdata; load()` needs neither the lookups nor the error types.
_LAZY = {"AmbiguousLookupError": "lookup", "Match": "lookup", "NotFoundError": "lookup",
         "RecordLookupError": "lookup", "DatasetError": "errors", "Problem": "errors"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'sleepdata' has no attribute '{name}'")

__all__ = ["AmbiguousLookupError", "AnyRecord", "Collection", "Dataset", "DatasetError", "Match", "NotFoundError",
           "Problem", "RecordLookupError", "Related", "StaleBundleWarning", "__version__", "load"]
