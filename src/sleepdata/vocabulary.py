"""The closed vocabularies of the records: every enumeration the models use, with what each value means.

Plain `StrEnum`s, free of pydantic, so that the read-only records (`sleepdata.typed`) share them with the
models (`sleepdata.models`), which define everything else about the records' shape.
"""

from __future__ import annotations

from enum import StrEnum

# -- common ----------------------------------------------------------------------------------------------


class Stance(StrEnum):
    """How the source states a fact."""

    ASSERTED = "asserted"
    HEDGED = "hedged"
    THEORY = "theory"
    ANECDOTAL = "anecdotal"
    RECOMMENDED = "recommended"
    CAUTIONED = "cautioned"
    IMPLIED = "implied"  # not stated: inferred from what the source advises or assumes
    NEGATED = "negated"


class Reading(StrEnum):
    """How the source's wording was taken."""

    AS_WRITTEN = "as-written"
    CORRECTED = "corrected"


class Verdict(StrEnum):
    """What established knowledge says of the claim as read."""

    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"
    DISPUTED = "disputed"
    OUTDATED = "outdated"


class Basis(StrEnum):
    """Where curator knowledge comes from. No citation is invented: the basis names a kind of document."""

    PRODUCT_INFORMATION = "product-information"
    CLINICAL_GUIDELINE = "clinical-guideline"
    REFERENCE_TEXT = "reference-text"
    CURATOR_JUDGEMENT = "curator-judgement"


class Origin(StrEnum):
    """Where a piece of knowledge comes from."""

    SOURCE = "source"
    CURATOR = "curator"


class CodeSystem(StrEnum):
    """Terminologies whose codes the dataset carries."""

    ICD_10_CM = "icd-10-cm"
    ICD_11 = "icd-11"
    MESH = "mesh"
    ATC = "atc"


class Mapping(StrEnum):
    """How the code's concept relates to the record (SKOS mapping relations)."""

    EXACT = "exact"
    BROADER = "broader"
    NARROWER = "narrower"
    RELATED = "related"


class SynonymKind(StrEnum):
    """What sort of alternative name this is."""

    SYNONYM = "synonym"
    ABBREVIATION = "abbreviation"
    MISSPELLING = "misspelling"
    MISTRANSLATION = "mistranslation"
    FORMER_NAME = "former-name"
    NARROWER_TERM = "narrower-term"  # a source's name for a subtype, kept so the record is found by it


class PopulationGroup(StrEnum):
    """The closed list of groups a fact or warning can concern."""

    NEWBORNS = "newborns"
    INFANTS = "infants"
    CHILDREN = "children"
    ADOLESCENTS = "adolescents"
    ADULTS = "adults"
    OLDER_ADULTS = "older-adults"
    WOMEN = "women"
    MEN = "men"
    PREGNANCY = "pregnancy"
    BREASTFEEDING = "breastfeeding"
    HEPATIC_IMPAIRMENT = "hepatic-impairment"
    RENAL_IMPAIRMENT = "renal-impairment"
    RESPIRATORY_IMPAIRMENT = "respiratory-impairment"
    SUBSTANCE_MISUSE_HISTORY = "substance-misuse-history"
    COMORBID_CONDITION = "comorbid-condition"
    GENETIC_VARIANT = "genetic-variant"  # carriers of a gene variant, named by `condition`
    CONCURRENT_MEDICATION = "concurrent-medication"
    GENERAL_POPULATION = "general-population"

# -- source ----------------------------------------------------------------------------------------------


class SourceKind(StrEnum):
    """What sort of document a source is."""

    PHARMACY_MARKETING_PAGE = "pharmacy-marketing-page"
    PRODUCT_PAGE = "product-page"
    HEALTH_PORTAL_COMPILATION = "health-portal-compilation"
    HEALTH_ARTICLE = "health-article"


class Reliability(StrEnum):
    """How far the curator trusts a source as a whole."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"


class ExclusionReason(StrEnum):
    """Why a span of a source does not become data."""

    SPAM = "spam"
    BOILERPLATE = "boilerplate"
    DISCLAIMER = "disclaimer"
    COMMENT = "comment"
    NAVIGATION = "navigation"
    OFF_TOPIC = "off-topic"
    HEADING = "heading"
    BYLINE = "byline"
    CAPTION = "caption"
    NARRATIVE = "narrative"
    NON_FACTUAL = "non-factual"


class Translation(StrEnum):
    """Whether the text is the original or a translation, and of which sort."""

    ORIGINAL = "original"
    HUMAN = "human"
    MACHINE = "machine"
    UNKNOWN = "unknown"


class ArticleKind(StrEnum):
    """What sort of piece an article of a compilation is."""

    HEALTH_ARTICLE = "health-article"
    FORUM_THREAD = "forum-thread"
    QUESTION_AND_ANSWER = "question-and-answer"
    ADVICE_LIST = "advice-list"
    OFF_TOPIC = "off-topic"

# -- condition -------------------------------------------------------------------------------------------


class ConditionCategory(StrEnum):
    """Broad grouping of a condition."""

    SLEEP_DISORDER = "sleep-disorder"
    SLEEP_RELATED_MOVEMENT_DISORDER = "sleep-related-movement-disorder"
    PARASOMNIA = "parasomnia"
    MOVEMENT_DISORDER = "movement-disorder"
    EPILEPSY = "epilepsy"
    NEUROLOGICAL_DISORDER = "neurological-disorder"
    NEUROMUSCULAR_DISORDER = "neuromuscular-disorder"
    RESPIRATORY_DISORDER = "respiratory-disorder"
    PSYCHIATRIC_DISORDER = "psychiatric-disorder"
    PAIN_DISORDER = "pain-disorder"
    PHYSIOLOGICAL_PHENOMENON = "physiological-phenomenon"
    SYMPTOM = "symptom"


class FeatureKind(StrEnum):
    """What a feature says about the condition. Tests and examinations are diagnostics, not features."""

    SYMPTOM = "symptom"
    SIGN = "sign"
    COURSE = "course"
    TIMING = "timing"
    EPIDEMIOLOGY = "epidemiology"
    MECHANISM = "mechanism"
    CLASSIFICATION = "classification"
    PROGNOSIS = "prognosis"
    COMPLICATION = "complication"
    INDIVIDUAL_VARIATION = "individual-variation"


class DiagnosticMethod(StrEnum):
    """How the diagnostic step is done."""

    HISTORY = "history"
    EXAMINATION = "examination"
    LABORATORY = "laboratory"
    IMAGING = "imaging"
    NEUROPHYSIOLOGY = "neurophysiology"
    SLEEP_STUDY = "sleep-study"
    SPECIALIST_ASSESSMENT = "specialist-assessment"


class DiagnosticPurpose(StrEnum):
    """What the step is for."""

    CONFIRM = "confirm"
    EXCLUDE = "exclude"
    DIFFERENTIATE = "differentiate"
    FIND_CAUSE = "find-cause"

# -- cause -----------------------------------------------------------------------------------------------


class CauseKind(StrEnum):
    """What sort of thing the cause is."""

    DISEASE = "disease"
    EXPOSURE = "exposure"
    PHYSIOLOGICAL_STATE = "physiological-state"
    PSYCHOLOGICAL_STATE = "psychological-state"
    MEDICATION = "medication"
    MEDICATION_WITHDRAWAL = "medication-withdrawal"
    HABIT = "habit"
    DEFICIENCY = "deficiency"
    INJURY = "injury"
    GENETIC = "genetic"
    PROCEDURE = "procedure"
    MECHANISM = "mechanism"


class Relation(StrEnum):
    """How the cause is tied to the condition."""

    CAUSE = "cause"
    RISK_FACTOR = "risk-factor"
    TRIGGER = "trigger"
    ASSOCIATION = "association"

# -- treatment -------------------------------------------------------------------------------------------


class TreatmentKind(StrEnum):
    """What sort of thing the record is. A `substance` (alcohol) is no treatment: safety facts name it."""

    DRUG = "drug"
    DRUG_CLASS = "drug-class"
    HERBAL = "herbal"
    SUPPLEMENT = "supplement"
    NON_DRUG = "non-drug"
    PROCEDURE = "procedure"
    SUBSTANCE = "substance"


class Standing(StrEnum):
    """The standing of a use: approved (licensed), established (guideline or standard care where no licence
    applies), off-label, merely suggested, or contested."""

    APPROVED = "approved"
    ESTABLISHED = "established"
    OFF_LABEL = "off-label"
    SUGGESTED = "suggested"
    CONTESTED = "contested"


class Members(StrEnum):
    """Whether a claim stated for a drug class reaches its members."""

    ALL = "all"
    SOME = "some"
    CLASS_ONLY = "class-only"


class BrandStatus(StrEnum):
    IDENTIFIED = "identified"
    UNIDENTIFIED = "unidentified"


class Marketed(StrEnum):
    """Whether a strength is on the market: a fact about products, not about doses."""

    MARKETED = "marketed"
    NOT_MARKETED = "not-marketed"
    NOT_VERIFIABLE = "not-verifiable"


class MentionContext(StrEnum):
    """Where the strength appears: a product listing or a keyword is not a prescribing recommendation."""

    PRODUCT_LISTING = "product-listing"
    KEYWORD = "keyword"
    GUIDELINE_STATEMENT = "guideline-statement"
    ARTICLE_MENTION = "article-mention"


class StrengthBasis(StrEnum):
    """What the amount is of: the active moiety (valproic acid) or a salt (sodium valproate)."""

    ACTIVE_MOIETY = "active-moiety"
    SALT = "salt"
    NOT_STATED = "not-stated"


class DoseFit(StrEnum):
    """How a strength, taken as one dose, stands for a given use."""

    USUAL_DOSE = "usual-dose"
    REDUCED_DOSE = "reduced-dose"
    ABOVE_USUAL_MAXIMUM = "above-usual-maximum"
    NOT_ESTABLISHED = "not-established"


class LegalStatusKind(StrEnum):
    PRESCRIPTION_ONLY = "prescription-only"
    CONTROLLED = "controlled"
    OVER_THE_COUNTER = "over-the-counter"

# -- warning ---------------------------------------------------------------------------------------------


class WarningKind(StrEnum):
    """What the warning is about."""

    ADVERSE_EFFECT = "adverse-effect"
    INTERACTION = "interaction"
    CONTRAINDICATION = "contraindication"
    CAUTION = "caution"
    SPECIAL_POPULATION = "special-population"
    DEPENDENCE = "dependence"
    TOLERANCE = "tolerance"
    WITHDRAWAL = "withdrawal"
    DURATION_LIMIT = "duration-limit"
    MISUSE = "misuse"
    NEXT_DAY_IMPAIRMENT = "next-day-impairment"
    NON_STANDARD_STRENGTH = "non-standard-strength"
    MONITORING = "monitoring"
    INDIVIDUAL_VARIATION = "individual-variation"
    CONSULT_A_PROFESSIONAL = "consult-a-professional"
    RED_FLAG = "red-flag"


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SERIOUS = "serious"
    LIFE_THREATENING = "life-threatening"


class Frequency(StrEnum):
    """CIOMS frequency categories: very common (≥ 1/10) … very rare (< 1/10,000), or not known."""

    VERY_COMMON = "very-common"
    COMMON = "common"
    UNCOMMON = "uncommon"
    RARE = "rare"
    VERY_RARE = "very-rare"
    NOT_KNOWN = "not-known"


class Advice(StrEnum):
    """What to do about an interaction."""

    AVOID = "avoid"
    AVOID_OR_ADJUST = "avoid-or-adjust"
    CAUTION = "caution"
    MONITOR = "monitor"
    NOT_STATED = "not-stated"


__all__ = [
    "Advice", "ArticleKind", "Basis", "BrandStatus", "CauseKind", "CodeSystem", "ConditionCategory",
    "DiagnosticMethod", "DiagnosticPurpose", "DoseFit", "ExclusionReason", "FeatureKind", "Frequency",
    "LegalStatusKind", "Mapping", "Marketed", "Members", "MentionContext", "Origin", "PopulationGroup", "Reading",
    "Relation", "Reliability", "Severity", "SourceKind", "Stance", "Standing", "StrengthBasis", "SynonymKind",
    "Translation", "TreatmentKind", "Verdict", "WarningKind",
]
