"""A user's script that uses every documented call; `mypy --strict` must pass on it and it must run."""

from __future__ import annotations

import sleepdata
from sleepdata import Dataset, Match, Related
from sleepdata.typed import Cause, CauseLink, Condition, Diagnostic, Strength, Treatment, Use, Warning


def main() -> None:
    data: Dataset = sleepdata.load()
    zopiclone: Treatment = data.treatments["zopiclone"]
    nothing: Treatment | None = data.treatments.get("nothing")
    assert nothing is None
    rls: Condition = data.conditions.lookup("Willis-Ekbom disease")
    found: list[Condition] = data.conditions.find("Ekbom syndrome")
    record = data.lookup("restless-legs-syndrome")
    assert isinstance(record, Condition) and record == rls == found[0]
    hits: list[Match[sleepdata.AnyRecord]] = data.search("zopiklone")
    best: float = hits[0].score
    assert hits[0].ref in ("treatment:zopiclone", "cause:zopiclone") and best > 80
    coded: list[Treatment] = data.treatments.by_code("atc", "N05CF01")
    assert coded == [zopiclone] and data.by_code("icd-10-cm", "G25.81") == [rls]
    try:
        data.lookup("zopiclone")
    except sleepdata.RecordLookupError as exc:  # a LookupError that says which records it could mean
        candidates: list[str] = exc.candidates
        assert "treatment:zopiclone" in candidates
    strength: Strength = data.strength("zopiclone-20-mg")
    assert strength.marketed.value == "not-marketed"
    for item in zopiclone.strengths:
        print(item.amount, item.unit, item.marketed.value, [(d.condition, d.fit.value) for d in item.doses])
    record, claim = data.claim("zopiclone-use-insomnia-widely-prescribed-treat")
    assert record is zopiclone and claim.verdict.value == "supported"
    classes: list[Treatment] = data.classes_of("clonazepam")
    members: list[Treatment] = data.members_of("benzodiazepines")
    assert "benzodiazepines" in [c.id for c in classes] and members
    assert any(w.interactions for w in data.warnings_for("treatment:clonazepam"))
    diagnosed: list[Related[Condition, Diagnostic]] = data.conditions_diagnosed_by("electroencephalography")
    assert diagnosed and data.diagnostics_for(diagnosed[0].record.id)
    causes: list[Related[Cause, CauseLink]] = data.causes_of("restless-legs-syndrome")
    treatments: list[Related[Treatment, Use]] = data.treatments_for("myoclonus", include_subtypes=True)
    for treatment, uses in treatments:
        print(treatment.name, [use.standing.value for use in uses])
    assert causes and data.conditions_caused_by(causes[0].record.id)
    treated: list[Related[Condition, Use]] = data.conditions_treated_by("zopiclone")
    warnings: list[Warning] = data.warnings_for("strength:zopiclone-20-mg")
    subtypes: list[Condition] = data.subtypes("myoclonus")
    parent: Condition | None = data.parent("epileptic-myoclonus")
    raw: dict[str, object] = data.treatments.raw("zopiclone")
    print(len(treated), len(warnings), len(subtypes), parent, len(raw), repr(zopiclone))
    print(data.drug_of("strength:zopiclone-20-mg").name, data.children("myoclonus"), data["condition:insomnia"])


if __name__ == "__main__":
    main()
