"""Draw a seeded random sample of claims, stratified by kind of claim, for an independent review.

    python tools/review_sample.py --seed 2026 --size 60 --sources ../shared/seeds > sample.md

Each claim is printed with its record, its fields, its judgement and the text of every span it cites, so a
reviewer can judge it against the source without opening the files. The sheet quotes the sources: keep it out
of the repository.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from sleepdata.claims import claims_in
from sleepdata.validation import validate


def stratum(path: tuple[str | int, ...], kind: str) -> str:
    names = [p for p in path if isinstance(p, str)]
    return f"{kind}.{'.'.join(names)}" if names else kind


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--dataset", type=Path, default=Path("dataset"))
    args = parser.parse_args()
    report = validate([args.dataset], args.sources)
    texts = {}
    for f in report.records:
        if f.kind == "source":
            texts[f.record.id] = (args.sources / f.record.file_name).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    strata: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for f in report.records:
        for path, claim in claims_in(f.record):
            strata[stratum(path, f.kind)].append((f.ref, claim))  # a warning is itself a claim (path ())
    rng = random.Random(args.seed)
    total = sum(len(v) for v in strata.values())
    names = sorted(strata)
    # Proportional allocation, at least one per stratum while the size allows, largest remainders first.
    quota = {n: max(1, int(args.size * len(strata[n]) / total)) for n in names}
    while sum(quota.values()) > args.size:
        biggest = max(quota, key=lambda n: quota[n])
        quota[biggest] -= 1
    rest = sorted(names, key=lambda n: args.size * len(strata[n]) / total - quota[n], reverse=True)
    for n in rest[: args.size - sum(quota.values())]:
        quota[n] += 1
    picked = [(n, item) for n in names for item in rng.sample(strata[n], min(quota[n], len(strata[n])))]
    print(f"# Review sample: seed {args.seed}, {len(picked)} claims of {total}, {len(names)} strata\n")
    for number, (name, (ref, claim)) in enumerate(picked, 1):
        data = claim.model_dump(mode="json", exclude_defaults=True)
        spans = data.pop("provenance", [])
        print(f"## {number}. claim:{claim.id} — {ref} ({name})\n")
        print("```json\n" + json.dumps(data, indent=1, ensure_ascii=False)[:2500] + "\n```")
        for span in spans:
            sid = span["source"].split(":", 1)[1]
            print(f"- span {span['source']} [{span['start']}, {span['end']}): «{texts[sid][span['start']:span['end']]}»")
        print()


if __name__ == "__main__":
    main()
