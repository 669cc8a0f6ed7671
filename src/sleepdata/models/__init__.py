"""The pydantic models: the single source of truth for the dataset's shape."""

from pydantic import BaseModel

from .cause import Cause, CauseKind, CauseLink, Relation
from .common import Code, CodeSystem, Curation, CurationStatus, Fact, Origin, Quantity, Span, Stance, Synonym
from .condition import Condition, ConditionCategory, Diagnostic, Feature, FeatureKind
from .source import Exclusion, ExclusionReason, Source, SourceKind
from .treatment import Brand, Standing, Strength, StrengthStatus, Treatment, TreatmentKind, Use
from .warning import Warning, WarningKind

#: Record kinds in dependency order: the folder under `dataset/`, the model, the reference prefix.
KINDS: dict[str, type[BaseModel]] = {
    "source": Source,
    "condition": Condition,
    "cause": Cause,
    "treatment": Treatment,
    "warning": Warning,
}
FOLDERS: dict[str, str] = {
    "source": "sources",
    "condition": "conditions",
    "cause": "causes",
    "treatment": "treatments",
    "warning": "warnings",
}

__all__ = [
    "FOLDERS",
    "KINDS",
    "Brand",
    "Cause",
    "CauseKind",
    "CauseLink",
    "Code",
    "CodeSystem",
    "Condition",
    "ConditionCategory",
    "Curation",
    "CurationStatus",
    "Diagnostic",
    "Exclusion",
    "ExclusionReason",
    "Fact",
    "Feature",
    "FeatureKind",
    "Origin",
    "Quantity",
    "Relation",
    "Source",
    "SourceKind",
    "Span",
    "Stance",
    "Standing",
    "Strength",
    "StrengthStatus",
    "Synonym",
    "Treatment",
    "TreatmentKind",
    "Use",
    "Warning",
    "WarningKind",
]
