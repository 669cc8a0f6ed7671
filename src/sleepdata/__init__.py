"""sleepdata: a curated, schema-validated dataset of sleep-related conditions, causes, treatments and warnings.

    >>> import sleepdata
    >>> data = sleepdata.load()
    >>> data.treatments["zopiclone"].inn
    'zopiclone'

Reference material, not medical advice.
"""

from __future__ import annotations

from ._version import __version__
from .dataset import Collection, Dataset
from .errors import DatasetError, Problem
from .loading import load

__all__ = ["Collection", "Dataset", "DatasetError", "Problem", "__version__", "load"]
