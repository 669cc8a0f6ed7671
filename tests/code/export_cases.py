"""Claims every export test asks about, checked against the dataset first so that a re-curation that changes
them fails loudly here rather than making an export test vacuous."""

from __future__ import annotations

from functools import cache

from sleepdata import Dataset
from sleepdata.models import CauseLink, Marketed, Standing, Use, Verdict

from ..conftest import ROOT

#: A cause of restless legs syndrome judged disputed, and one judged supported (with provenance).
DISPUTED_LINK = "epileptic-activity-link-restless-legs-syndrome-all-this-epileptic-impulses"
DISPUTED_CAUSE = "epileptic-activity"
SUPPORTED_LINK = "iron-deficiency-anaemia-link-restless-legs-syndrome-iron-deficiency-anaemia"
SUPPORTED_CAUSE = "iron-deficiency-anaemia"
#: A contested use judged disputed, and an approved, supported use.
DISPUTED_USE = "alimemazine-use-symptomatic-myoclonus-listed-teralen-among"
SUPPORTED_USE = "zopiclone-use-insomnia-widely-prescribed-treat"
#: The strength no licensed product has.
NOT_MARKETED = "zopiclone-20-mg"
RLS = "restless-legs-syndrome"


@cache
def dataset() -> Dataset:
    data = Dataset.from_path(ROOT / "dataset")
    links = {link.id: link for cause in data.causes.values() for link in cause.links}
    uses = {use.id: use for t in data.treatments.values() for use in t.uses}
    _expect(links[DISPUTED_LINK], Verdict.DISPUTED, RLS)
    _expect(links[SUPPORTED_LINK], Verdict.SUPPORTED, RLS)
    assert links[SUPPORTED_LINK].provenance
    assert uses[DISPUTED_USE].verdict is Verdict.DISPUTED and uses[DISPUTED_USE].standing is Standing.CONTESTED
    assert uses[SUPPORTED_USE].verdict is Verdict.SUPPORTED and uses[SUPPORTED_USE].standing is Standing.APPROVED
    assert data.strength(NOT_MARKETED).marketed is Marketed.NOT_MARKETED
    return data


def _expect(claim: CauseLink | Use, verdict: Verdict, condition: str) -> None:
    assert claim.verdict is verdict and claim.condition == f"condition:{condition}", claim.id
