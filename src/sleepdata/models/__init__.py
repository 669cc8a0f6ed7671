"""The pydantic models: the single source of truth for the dataset's shape."""

from pydantic import BaseModel

from ..vocabulary import (
    Advice,
    Basis,
    CauseKind,
    CodeSystem,
    ConditionCategory,
    DiagnosticMethod,
    DiagnosticPurpose,
    DoseFit,
    ExclusionReason,
    FeatureKind,
    Frequency,
    Mapping,
    Marketed,
    Members,
    Origin,
    PopulationGroup,
    Reading,
    Relation,
    Severity,
    SourceKind,
    Stance,
    Standing,
    StrengthBasis,
    Translation,
    TreatmentKind,
    Verdict,
    WarningKind,
)
from .cause import Cause, CauseLink
from .common import Claim, Code, Fact, Judged, Note, Population, Quantity, Span, Synonym
from .condition import Condition, Diagnostic, Feature
from .source import Article, Exclusion, Source
from .treatment import Brand, DoseAppropriateness, Strength, Treatment, Use
from .warning import Effect, Interaction, Warning

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
