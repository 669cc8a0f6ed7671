"""sleepdata: a curated, schema-validated dataset of sleep-related conditions, causes, treatments and warnings.

    >>> import sleepdata
    >>> data = sleepdata.load()
    >>> data.treatments["zopiclone"].inn
    'zopiclone'

Reference material, not medical advice.
"""

from __future__ import annotations

from ._version import __version__
from .dataset import AnyRecord, Collection, Dataset, Related
from .errors import DatasetError, Problem
from .loading import StaleBundleWarning, load
from .lookup import AmbiguousLookupError, Match, NotFoundError

__all__ = ["AmbiguousLookupError", "AnyRecord", "Collection", "Dataset", "DatasetError", "Match", "NotFoundError",
           "Problem", "Related", "StaleBundleWarning", "__version__", "load"]
