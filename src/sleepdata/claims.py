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
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .claim_data import NOT_CLAIMS as NOT_CLAIMS  # re-exported: their home before claim_data
from .claim_data import is_raw_claim as is_raw_claim
from .claim_data import raw_claims as raw_claims
from .errors import Problem
from .models import Claim, Judged, Note, Strength, Synonym, TreatmentKind, Verdict
from .models.treatment import DoseAppropriateness
from .outline import DEFAULT_VERDICT, Outline, Parts, SourceFacts

if TYPE_CHECKING:
    from .integrity import Finding, Placer

Path = tuple[str | int, ...]

#: Wording that says the evidence is missing or the claim is wrong; it cannot stand under `supported`.
CONTRADICTS_SUPPORTED = re.compile(
    r"\b(no (good |reliable |clinical |convincing |real |scientific )?evidence|not established|unproven|"
    r"not (been )?(shown|proven|demonstrated)|lacks? (good )?evidence|is (wrong|false|incorrect)|"
    r"contradicts established|no established (role|benefit|use)|nothing shows|no (trial|study) shows|"
    r"rather than a specific (remedy|treatment)|not a specific (remedy|treatment))\b", re.IGNORECASE)

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


Item = tuple[int, Outline]
_PARTNER_KINDS = frozenset({TreatmentKind.DRUG, TreatmentKind.DRUG_CLASS, TreatmentKind.SUBSTANCE, TreatmentKind.HERBAL,
                            TreatmentKind.SUPPLEMENT})


def check_outlines(items: list[Item], placer: Placer) -> list[Problem]:
    """All claim-level problems across the outlined records (`items`: index and outline of each valid record)."""
    found: dict[str, tuple[int, int]] = {}
    problems: list[Problem] = []
    for i, record in items:
        for k, (cid, _) in enumerate(record.claims):
            if cid in found and placer.claim(*found[cid]) != placer.claim(i, k):
                path = placer.claim(i, k)[0]
                problems.append(placer.at(i, (*path, "id") if path else ("id",), f"claim id '{cid}' is already used "
                                          f"by {placer.ref(found[cid][0])}; a claim id is unique in the dataset",
                                          "duplicate-claim-id"))
                continue
            found[cid] = (i, k)
    kinds = {o.id: o.treatment_kind for _, o in items if o.kind == "treatment"}
    for i, record in items:
        problems += _same_claims(i, record, found, placer)
        for k, target in enumerate(record.classes):
            tid = target.split(":", 1)[1]
            if tid != record.id and tid in kinds and kinds[tid] != TreatmentKind.DRUG_CLASS:
                problems.append(placer.at(i, ("classes", k, "drug_class"), f"treatment:{tid} is a {kinds[tid]}, not a "
                                          "drug class", "not-a-class", expected="drug-class", found=kinds[tid]))
        if record.kind == "warning":
            problems += _warning(i, record, kinds, placer)
    return problems


def _same_claims(i: int, record: Outline, found: dict[str, tuple[int, int]], placer: Placer) -> list[Problem]:
    problems = []
    for k, link, other_id in record.same:
        if other_id not in found:
            continue
        j, other_k = found[other_id]
        other, own = placer.outlines[j].claims[other_k][1], record.claims[k][1]  # type: ignore[union-attr]
        if other is not None and other != own:
            path = placer.claim(i, k)[0]
            problems.append(placer.at(i, (*path, "same_claim", link), f"the same claim as {other_id} but judged "
                                      f"'{own}' there '{other}'; one claim has one verdict", "same-claim-verdict"))
    return problems


def _warning(i: int, record: Outline, kinds: dict[str, str | None], placer: Placer) -> list[Problem]:
    problems = []
    classes = [t for t in record.applies_to if kinds.get(t.removeprefix("treatment:")) == TreatmentKind.DRUG_CLASS]
    if classes and record.members is None:
        problems.append(placer.at(i, ("applies_to",), f"applies to the drug class {classes[0]}: say whether it "
                                  "reaches its members with `members: all`, `some` or `class-only`", "class-members"))
    for k, partner in enumerate(record.partners):
        kind = kinds.get(partner.removeprefix("treatment:"))
        if kind is not None and kind not in _PARTNER_KINDS:
            problems.append(placer.at(i, ("interactions", k, "partner"), f"an interaction partner is a drug, class or "
                                      f"substance; {partner} is a {kind}", "partner-kind"))
    return problems


def verdict_findings(found: Parts) -> list[Finding]:
    """Claims judged `supported` whose note says the evidence is missing or the claim is wrong."""
    findings: list[Finding] = []
    for path, claim, model in found.claims:
        note = claim.get("note")
        words = CONTRADICTS_SUPPORTED.search(note) if note and issubclass(model, Judged) and claim.get(
            "verdict", DEFAULT_VERDICT) == Verdict.SUPPORTED else None
        if words:
            findings.append(((*path, "verdict"), f"the note says '{words.group(0)}' but the verdict is 'supported'; "
                             "judge it unsupported or disputed, or reword the note", "verdict-note", {}))
    return findings


def article_findings(source: SourceFacts) -> list[Finding]:
    """A compilation's articles lie inside its text, in order, without overlapping."""
    findings: list[Finding] = []
    previous = None
    for i, (_, start, end) in enumerate(source.articles):
        if end <= start or end > source.length:
            findings.append((("articles", i, "end"), f"expected an end after {start} and at most {source.length}; "
                             f"got {end}", "span-bounds", {}))
        if previous is not None and start < previous:
            findings.append((("articles", i, "start"), f"overlaps articles[{i - 1}]", "article-overlap", {}))
        previous = end
    return findings


def article_of(articles: tuple[tuple[str, int, int], ...], start: int, end: int) -> str | None:
    """The id of the article (id, start, end) that holds the span [start, end), or None."""
    for aid, first, last in articles:
        if first <= start and end <= last:
            return aid
    return None
