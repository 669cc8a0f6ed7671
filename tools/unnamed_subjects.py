"""List claims whose cited text names neither their record nor the condition they link to.

    python tools/unnamed_subjects.py --sources ../shared/seeds

A claim's subject often comes from a heading or a lead-in ("The following causes the problem:") that the claim
must then cite too. This sweep finds candidates: claims none of whose spans contains a distinctive word of the
record's name or synonyms (or, for a link or use, of its condition's). It is a heuristic for a curator to read
through, not a check: a span may name its subject in other words.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from sleepdata.claims import claims_in
from sleepdata.validation import validate

# Words too common in these names to show that a span names one record rather than another.
COMMON = frozenset({
    "sleep", "syndrome", "disorder", "disorders", "disease", "diseases", "myoclonus", "jerks", "falling", "asleep",
    "night", "nocturnal", "during", "other", "chronic", "acute", "state", "condition", "severe", "treatment",
    "therapy", "drugs", "drug",
})


def stems(record: object) -> set[str]:
    names = [getattr(record, "name", "") or ""] + [s.name for s in getattr(record, "synonyms", None) or []]
    words = (w for n in names for w in re.findall(r"[^\W\d_]+", n.lower()))
    return {w[:6] for w in words if len(w) >= 4 and w not in COMMON}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--dataset", type=Path, default=Path("dataset"))
    args = parser.parse_args()
    report = validate([args.dataset], args.sources)
    texts = {f.record.id: (args.sources / f.record.file_name).read_text(encoding="utf-8")  # type: ignore[attr-defined]
             for f in report.records if f.kind == "source"}
    words = {f.ref: stems(f.record) for f in report.records}
    count = 0
    for f in report.records:
        if f.kind not in ("condition", "cause", "treatment"):
            continue
        for path, claim in claims_in(f.record):
            spans = getattr(claim, "provenance", None) or []
            if not spans or (path and path[0] == "synonyms"):
                continue
            cited = " ".join(texts[s.source.split(":", 1)[1]][s.start:s.end] for s in spans).lower()
            subjects = [f.ref] + [c for c in [getattr(claim, "condition", None)] if c and c != f.ref]
            unnamed = [r for r in subjects if words.get(r) and not any(w in cited for w in words[r])]
            if unnamed:
                count += 1
                print(f"claim:{claim.id} ({f.ref}): cited text names no word of {', '.join(unnamed)}")
    print(f"{count} claims to read")


if __name__ == "__main__":
    main()
