"""Measurements that run in a fresh process: `python bench/probes.py NAME ARG...` prints one JSON object.

Each probe times its own work with `time.perf_counter` (the runner also times the whole process).
"""

from __future__ import annotations

import gc
import json
import random
import sys
import time
from pathlib import Path
from typing import Any


def _shim_c_parser() -> None:
    """What-if: make strict_yaml take libyaml's composer (PyYAML keeps CParser in yaml.cyaml, not in yaml)."""
    import yaml
    import yaml.cyaml

    yaml.CParser = yaml.cyaml.CParser  # type: ignore[attr-defined]


def cold_load(bundle: str) -> dict[str, Any]:
    started = time.perf_counter()
    import sleepdata

    imported = time.perf_counter()
    dataset = sleepdata.Dataset.from_bundle(Path(bundle))
    done = time.perf_counter()
    records = sum(map(len, dataset.collections.values()))
    return {"import": imported - started, "load": done - imported, "records": records}


def cold_installed() -> dict[str, Any]:
    started = time.perf_counter()
    import sleepdata

    imported = time.perf_counter()
    sleepdata.load()
    return {"import": imported - started, "load": time.perf_counter() - imported}


def installed_bundle() -> dict[str, Any]:
    from sleepdata.loading import bundle_path

    return {"path": str(bundle_path())}


def cold_parse(bundle: str) -> dict[str, Any]:
    """Floor: the fastest raw parse of the same bytes (orjson, garbage collector paused)."""
    import orjson

    raw = Path(bundle).read_bytes()
    gc.disable()
    started = time.perf_counter()
    orjson.loads(raw)
    parsed = time.perf_counter()
    gc.enable()
    return {"parse": parsed - started}


def lookups(bundle: str, what_if: str = "", sample: int = 2000) -> dict[str, Any]:
    """Per-lookup seconds: by id (first access builds the model; second is cached), by synonym (models built),
    and plain-dict floors of the same sizes.

    `what_if="freeze"` calls `gc.freeze()` after loading, as proposed for `sleepdata.load()`.
    """
    import orjson

    import sleepdata

    raw_bytes = Path(bundle).read_bytes()
    plain = {f"{kind}:{r['id']}": r for kind, records in orjson.loads(raw_bytes)["records"].items() for r in records}
    rng = random.Random(7)
    ids = rng.sample(sorted(plain), min(sample, len(plain)))
    named = sorted(ref for ref, r in plain.items() if ref.startswith("condition:") and r["synonyms"])
    pairs = [(ref, plain[ref]["synonyms"][0]["name"]) for ref in rng.sample(named, min(sample, len(named)))]
    names = [name for _, name in pairs]
    fresh = sleepdata.Dataset.from_bundle(raw_bytes)
    if what_if == "freeze":
        gc.freeze()

    def per_op(fn: Any, keys: list[str]) -> float:
        started = time.perf_counter()
        for key in keys:
            fn(key)
        return (time.perf_counter() - started) / len(keys)

    from sleepdata.dataset import normalize

    name_index = {normalize(n["name"]): ref for ref, r in plain.items() if ref.startswith("condition:")
                  for n in [r, *r["synonyms"]]}
    keys = [normalize(n) for n in names]
    first = per_op(fresh.__getitem__, ids)
    cached = per_op(fresh.__getitem__, ids)
    for name in names:  # build the models a name lookup returns, so that only the lookup is timed
        fresh.conditions.find(name)
    return {"by_id_first": first, "by_id_cached": cached, "by_synonym": per_op(fresh.conditions.find, names),
            "floor_dict": per_op(plain.__getitem__, ids), "floor_name_dict": per_op(name_index.__getitem__, keys),
            "found": all(ref in {f"condition:{c.id}" for c in fresh.conditions.find(n)} for ref, n in pairs),
            "hits": sum(len(fresh.conditions.find(n)) for n in names) / len(names), "sample": len(ids)}


def validate_dir(directory: str, what_if: str = "") -> dict[str, Any]:
    """`validate([dir])`; `what_if` is `c-parser` (strict_yaml takes libyaml's composer), `gc` (collector paused
    during validation) or `c-parser+gc`."""
    if "c-parser" in what_if:
        _shim_c_parser()
    from sleepdata import strict_yaml
    from sleepdata.validation import validate

    fast_path = getattr(strict_yaml, "_CComposer", None) is not None or hasattr(strict_yaml.yaml, "CParser")
    if "gc" in what_if:
        gc.disable()
    started = time.perf_counter()
    report = validate([Path(directory)])
    elapsed = time.perf_counter() - started
    return {"validate": elapsed, "valid": report.valid, "records": len(report.records), "c_fast_path": fast_path}


def yaml_floor(directory: str) -> dict[str, Any]:
    """Floor: read every file and parse it with libyaml's C loader (PyYAML CSafeLoader)."""
    import yaml

    files = sorted(Path(directory).rglob("*.yaml"))
    started = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return {"parse": time.perf_counter() - started, "files": len(files)}


def export_all(bundle: str, out: str, runs: int) -> dict[str, Any]:
    """Per format, seconds of each run; every run starts from a freshly loaded dataset (models not yet built)."""
    import orjson

    import sleepdata
    from sleepdata.exports import FORMATS, export

    raw = Path(bundle).read_bytes()
    times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
    floor = []
    for _ in range(runs):
        gc.disable()
        started = time.perf_counter()
        orjson.dumps(orjson.loads(raw))
        floor.append(time.perf_counter() - started)
        gc.enable()
        for fmt in FORMATS:
            dataset = sleepdata.Dataset.from_bundle(raw)
            started = time.perf_counter()
            written = export(dataset, fmt, Path(out) / fmt)
            times[fmt].append(time.perf_counter() - started)
            assert written
    return {"times": times, "floor": floor}


def memory(bundle: str) -> dict[str, Any]:
    """Bytes held by a loaded dataset (tracemalloc), then with every record's model built; and RSS growth."""
    import tracemalloc

    def rss() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    import sleepdata

    raw = Path(bundle).read_bytes()
    before = rss()
    tracemalloc.start()
    dataset = sleepdata.Dataset.from_bundle(raw)
    loaded = tracemalloc.get_traced_memory()[0]
    rss_loaded = rss() - before
    for collection in dataset.collections.values():
        for rid in collection:
            collection[rid]
    built = tracemalloc.get_traced_memory()[0]
    return {"json_bytes": len(raw), "loaded": loaded, "built": built, "rss_loaded": rss_loaded,
            "rss_built": rss() - before}


def docs_build(root: str) -> dict[str, Any]:
    """`sleepdata.site.build_site` over the dataset in `root/dataset`; the engine's own seconds if it says."""
    import contextlib
    import io
    import re

    from sleepdata import site
    from sleepdata.validation import validate

    report = validate([Path(root) / "dataset"])
    records = [f.record for f in report.records]
    output = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = site.build_site(Path(root), records)
    elapsed = time.perf_counter() - started
    engine = re.search(r"with \w+ in ([0-9.]+) s", output.getvalue())
    return {"build": elapsed, "code": code, "engine": float(engine.group(1)) if engine else None,
            "records": len(records), "output": output.getvalue()[-1500:]}


def worst(case: str, mode: str, runs: int) -> dict[str, Any]:
    """Seconds per parse of one adversarial input: `strict`, `strict-c` (what-if) or `libyaml` (floor)."""
    import worst_cases

    if mode == "strict-c":
        _shim_c_parser()
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
