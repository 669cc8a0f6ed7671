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
from .errors import DatasetError, Problem
from .loading import StaleBundleWarning, load

if TYPE_CHECKING:
    from .lookup import AmbiguousLookupError, Match, NotFoundError, RecordLookupError

# From .lookup, imported when first asked for: `import sleepdata` stays as quick as it was.
_LAZY = {"AmbiguousLookupError", "Match", "NotFoundError", "RecordLookupError"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import lookup

        return getattr(lookup, name)
    raise AttributeError(f"module 'sleepdata' has no attribute '{name}'")

__all__ = ["AmbiguousLookupError", "AnyRecord", "Collection", "Dataset", "DatasetError", "Match", "NotFoundError",
           "Problem", "RecordLookupError", "Related", "StaleBundleWarning", "__version__", "load"]
