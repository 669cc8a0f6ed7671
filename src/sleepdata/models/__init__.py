"""The pydantic models: the single source of truth for the dataset's shape."""

from pydantic import BaseModel

from .cause import Cause, CauseKind, CauseLink, Relation
from .common import (
    Basis,
    Claim,
    Code,
    CodeSystem,
    Fact,
    Judged,
    Mapping,
    Note,
    Origin,
    Population,
    PopulationGroup,
    Quantity,
    Reading,
    Span,
    Stance,
    Synonym,
    Verdict,
)
from .condition import (
    Condition,
    ConditionCategory,
    Diagnostic,
    DiagnosticMethod,
    DiagnosticPurpose,
    Feature,
    FeatureKind,
)
from .source import Article, Exclusion, ExclusionReason, Source, SourceKind, Translation
from .treatment import (
    Brand,
    DoseAppropriateness,
    DoseFit,
    Marketed,
    Members,
    Standing,
    Strength,
    StrengthBasis,
    Treatment,
    TreatmentKind,
    Use,
)
from .warning import Advice, Effect, Frequency, Interaction, Severity, Warning, WarningKind

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
    "FOLDERS", "KINDS", "Advice", "Article", "Basis", "Brand", "Cause", "CauseKind", "CauseLink", "Claim", "Code",
    "CodeSystem", "Condition", "ConditionCategory", "Diagnostic", "DiagnosticMethod", "DiagnosticPurpose",
    "DoseAppropriateness", "DoseFit", "Effect", "Exclusion", "ExclusionReason", "Fact", "Feature", "FeatureKind",
    "Frequency", "Interaction", "Judged", "Mapping", "Marketed", "Members", "Note", "Origin", "Population",
    "PopulationGroup", "Quantity", "Reading", "Relation", "Severity", "Source", "SourceKind", "Span", "Stance",
    "Standing", "Strength", "StrengthBasis", "Synonym", "Translation", "Treatment", "TreatmentKind", "Use", "Verdict",
    "Warning", "WarningKind",
]
