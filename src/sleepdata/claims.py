"""Claim-level checks across records: the rules of schema 0.2 that no single record can express.

- every claim id is unique in the dataset (claim ids, warning ids and strength ids share one namespace);
- the claims a `same_claim` link joins carry the same verdict (references resolve like any other);
- a verdict agrees with its note: a `supported` claim whose note says the evidence is missing is an error;
- a class membership names a drug class (cycles, self-membership included, are found by `integrity`);
- a use or warning stated for a drug class says whether it reaches the members (`members`);
- an interaction partner is a drug, a drug class or a substance;
- in a compilation with articles, every span lies inside one article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from .claim_data import NOT_CLAIMS as NOT_CLAIMS  # re-exported: their home before claim_data
from .claim_data import is_raw_claim as is_raw_claim
from .claim_data import raw_claims as raw_claims
from .errors import Problem
from .models import Claim, Fact, Note, Source, Span, Strength, Synonym, Treatment, TreatmentKind, Verdict, Warning
from .models.treatment import DoseAppropriateness
from .records import RecordFile

Path = tuple[str | int, ...]

#: Wording that says the evidence is missing or the claim is wrong; it cannot stand under `supported`.
CONTRADICTS_SUPPORTED = re.compile(
    r"\b(no (good |reliable |clinical |convincing |real |scientific )?evidence|not established|unproven|"
    r"not (been )?(shown|proven|demonstrated)|lacks? (good )?evidence|is (wrong|false|incorrect)|"
    r"contradicts established|no established (role|benefit|use))\b", re.IGNORECASE)

_CLAIMS = (Claim, Note, Strength, DoseAppropriateness)
_CONTAINERS = (BaseModel, list, tuple)


def walk(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value inside a record with its path, models and lists included."""
    yield path, value
    if isinstance(value, BaseModel):
        items: Iterable[tuple[str | int, Any]] = ((name, getattr(value, name)) for name in type(value).model_fields)
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return
    for key, item in items:  # leaves are yielded here, not walked into: most of a record is leaves
        if isinstance(item, _CONTAINERS):
            yield from walk(item, (*path, key))
        else:
            yield (*path, key), item


def claims_in(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every object with a claim id inside a record, with its path."""
    if isinstance(value, _CLAIMS) or (isinstance(value, Synonym) and value.id is not None):
        yield path, value
    # Only models and lists can hold a claim: leaves are not walked into (most of a record is leaves).
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, _CONTAINERS):
                yield from claims_in(item, (*path, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            if isinstance(item, _CONTAINERS):
                yield from claims_in(item, (*path, i))


def check(files: list[RecordFile]) -> list[Problem]:
    """All claim-level problems among `files`."""
    found: dict[str, tuple[RecordFile, Path, Any]] = {}
    problems: list[Problem] = []
    for f in files:
        for path, claim in claims_in(f.record):
            cid = claim.id
            if cid in found and found[cid][1:] != (path, claim):
                other = found[cid][0]
                problems.append(f.problem((*path, "id") if path else ("id",), f"claim id '{cid}' is already used by "
                                          f"{other.ref}; a claim id is unique in the dataset", "duplicate-claim-id"))
                continue
            found[cid] = (f, path, claim)
    kinds = {f.record.id: f.record.kind for f in files if isinstance(f.record, Treatment)}
    for f in files:
        problems += _facts(f, found)
        if isinstance(f.record, Treatment):
            problems += _classes(f, kinds)
        if isinstance(f.record, Warning):
            problems += _warning(f, kinds)
        if isinstance(f.record, Source):
            problems += _articles(f)
    return problems


def _facts(f: RecordFile, found: dict[str, tuple[RecordFile, Path, Any]]) -> list[Problem]:
    problems = []
    for path, claim in claims_in(f.record):
        note = getattr(claim, "note", None)
        if getattr(claim, "verdict", None) is Verdict.SUPPORTED and note and CONTRADICTS_SUPPORTED.search(note):
            words = CONTRADICTS_SUPPORTED.search(note).group(0)  # type: ignore[union-attr]
            problems.append(f.problem((*path, "verdict"), f"the note says '{words}' but the verdict is 'supported'; "
                                      "judge it unsupported or disputed, or reword the note", "verdict-note"))
        if not isinstance(claim, Fact):
            continue
        for i, ref in enumerate(claim.same_claim):
            other_id = ref.removeprefix("claim:")
            if other_id in found and found[other_id][2].verdict is not claim.verdict:
                other = found[other_id][2]
                problems.append(f.problem((*path, "same_claim", i), f"the same claim as {other_id} but judged "
                                          f"'{claim.verdict.value}' there '{other.verdict.value}'; one claim has one "
                                          "verdict", "same-claim-verdict"))
    return problems


def _classes(f: RecordFile, kinds: dict[str, TreatmentKind]) -> list[Problem]:
    record: Treatment = f.record  # type: ignore[assignment]
    problems = []
    for i, membership in enumerate(record.classes):
        target = membership.drug_class.split(":", 1)[1]
        if target != record.id and target in kinds and kinds[target] != TreatmentKind.DRUG_CLASS:
            problems.append(f.problem(("classes", i, "drug_class"), f"treatment:{target} is a {kinds[target]}, not a "
                                      "drug class", "not-a-class", expected="drug-class", found=kinds[target]))
    return problems


def _warning(f: RecordFile, kinds: dict[str, TreatmentKind]) -> list[Problem]:
    record: Warning = f.record  # type: ignore[assignment]
    problems = []
    classes = [t for t in record.applies_to if kinds.get(t.removeprefix("treatment:")) == TreatmentKind.DRUG_CLASS]
    if classes and record.members is None:
        problems.append(f.problem(("applies_to",), f"applies to the drug class {classes[0]}: say whether it reaches "
                                  "its members with `members: all`, `some` or `class-only`", "class-members"))
    for i, interaction in enumerate(record.interactions):
        kind = kinds.get(interaction.partner.removeprefix("treatment:"))
        if kind is not None and kind not in (TreatmentKind.DRUG, TreatmentKind.DRUG_CLASS, TreatmentKind.SUBSTANCE,
                                             TreatmentKind.HERBAL, TreatmentKind.SUPPLEMENT):
            problems.append(f.problem(("interactions", i, "partner"), f"an interaction partner is a drug, class or "
                                      f"substance; {interaction.partner} is a {kind}", "partner-kind"))
    return problems


def _articles(f: RecordFile) -> list[Problem]:
    source: Source = f.record  # type: ignore[assignment]
    problems = []
    previous = None
    for i, article in enumerate(source.articles):
        if article.end <= article.start or article.end > source.length:
            problems.append(f.problem(("articles", i, "end"), f"expected an end after {article.start} and at most "
                                      f"{source.length}; got {article.end}", "span-bounds"))
        if previous is not None and article.start < previous.end:
            problems.append(f.problem(("articles", i, "start"), f"overlaps articles[{i - 1}]", "article-overlap"))
        previous = article
    return problems


def article_of(source: Source, span: Span) -> str | None:
    """The id of the article of `source` that holds `span`, or None."""
    for article in source.articles:
        if article.start <= span.start and span.end <= article.end:
            return article.id
    return None
