"""The dataset's version (SemVer): major for a schema break, minor for new records, patch for corrections."""

__version__ = "0.2.0"
