"""Measurements that run in a fresh process: `python bench/probes.py NAME ARG...` prints one JSON object.

Each probe times its own work with `time.perf_counter`; the runner takes the peak RSS from the kernel.
A floor keeps what it parsed alive until its timer has stopped, so that freeing it is not timed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any


def _files(directory: str) -> list[Path]:
    return sorted(Path(directory).rglob("*.yaml"))


def validate_dir(directory: str) -> dict[str, Any]:
    """A dataset folder validated as `sleepdata validate DIR` validates it (keeping no record; the cache as the
    environment says)."""
    from sleepdata.context import validate_in_context

    started = time.perf_counter()
    report = validate_in_context([Path(directory)], records=False)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "valid": report.valid, "records": len(report.checked),
            "problems": [str(p) for p in report.problems[:5]]}


def parse_floor(directory: str, parser: str) -> dict[str, Any]:
    """Read every file and parse it (`csafe`, `yaml_rs`, `ryml`), or only read and hash it (`hash`)."""
    files = _files(directory)
    kept: list[Any] = []
    if parser == "csafe":
        import yaml

        def one(path: Path) -> Any:
            return yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    elif parser == "yaml_rs":
        import yaml_rs

        def one(path: Path) -> Any:
            return yaml_rs.loads(path.read_text(encoding="utf-8"))
    elif parser == "ryml":
        import ryml

        def one(path: Path) -> Any:
            return ryml.parse_in_arena(path.read_bytes())
    else:
        def one(path: Path) -> Any:
            return hashlib.sha256(path.read_bytes()).hexdigest()
    started = time.perf_counter()
    for path in files:
        kept.append(one(path))
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "files": len(kept)}


def load_bundle(bundle: str) -> dict[str, Any]:
    import sleepdata

    raw = Path(bundle).read_bytes()
    started = time.perf_counter()
    dataset = sleepdata.Dataset.from_bundle(raw)
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "records": sum(map(len, dataset.collections.values()))}


def orjson_floor(bundle: str) -> dict[str, Any]:
    """Floor: orjson parse of the same bytes with the collector paused; the tree is kept."""
    import orjson

    raw = Path(bundle).read_bytes()
    gc.disable()
    started = time.perf_counter()
    tree = orjson.loads(raw)
    elapsed = time.perf_counter() - started
    gc.enable()
    return {"seconds": elapsed, "kinds": len(tree["records"])}


def lookups(bundle: str, sample: int = 2000) -> dict[str, Any]:
    """Per-lookup seconds: by id (first access builds the record; second is cached), by synonym (records
    built), and plain-dict floors of the same sizes."""
    import orjson

    import sleepdata
    from sleepdata.lookup import normalize

    raw_bytes = Path(bundle).read_bytes()
    plain = {f"{kind}:{r['id']}": r for kind, records in orjson.loads(raw_bytes)["records"].items() for r in records}
    rng = random.Random(7)
    ids = rng.sample(sorted(plain), min(sample, len(plain)))
    named = sorted(ref for ref, r in plain.items() if ref.startswith("condition:") and r["synonyms"])
    pairs = [(ref, plain[ref]["synonyms"][0]["name"]) for ref in rng.sample(named, min(sample, len(named)))]
    names = [name for _, name in pairs]
    fresh = sleepdata.Dataset.from_bundle(raw_bytes)

    def per_op(fn: Any, keys: list[str]) -> float:
        started = time.perf_counter()
        for key in keys:
            fn(key)
        return (time.perf_counter() - started) / len(keys)

    name_index = {normalize(n["name"]): ref for ref, r in plain.items() if ref.startswith("condition:")
                  for n in [r, *r["synonyms"]]}
    keys = [normalize(n) for n in names]
    first = per_op(fresh.__getitem__, ids)
    cached = per_op(fresh.__getitem__, ids)
    for name in names:  # build the records a name lookup returns, so that only the lookup is timed
        fresh.conditions.find(name)
    return {"by_id_first": first, "by_id_cached": cached, "by_synonym": per_op(fresh.conditions.find, names),
            "floor_dict": per_op(plain.__getitem__, ids), "floor_name_dict": per_op(name_index.__getitem__, keys),
            "found": all(ref in {f"condition:{c.id}" for c in fresh.conditions.find(n)} for ref, n in pairs)}


def worst(case: str, mode: str, runs: int) -> dict[str, Any]:
    """Seconds per parse of one adversarial input: `strict` (ours) or `libyaml` (floor)."""
    import worst_cases
    import yaml

    from sleepdata import strict_yaml

    text = worst_cases.CASES[case]()
    times, outcome = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            if mode == "libyaml":
                yaml.load(text, Loader=yaml.CSafeLoader)
            else:
                strict_yaml.parse(text)
            outcome = "accepted"
        except strict_yaml.YamlError as error:
            outcome = f"rejected [{error.code}] at {error.line}:{error.col}"
        except Exception as error:
            outcome = f"{type(error).__name__}"
        times.append(time.perf_counter() - started)
    return {"times": times, "outcome": outcome, "bytes": len(text.encode())}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    name, *args = sys.argv[1:]
    converted: list[Any] = [int(a) if a.isdigit() else a for a in args]
    print(json.dumps(globals()[name](*converted)))
