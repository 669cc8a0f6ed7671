"""Benchmarks of sleepdata on synthetic datasets shaped like ours; writes `bench/RESULTS.md`.

    python bench/run.py             # 1,000, 10,000 and 100,000 records (about 15 minutes on 2 cores)
    python bench/run.py --quick     # 1,000 and 10,000 records only

Every figure stands beside a floor measured in the same run (the raw parse of the same bytes with the
fastest parser at hand, or Python's own start-up) and the ratio of their minima. Work that must start
cold runs in a fresh process (`bench/probes.py`). "What-if" rows apply, inside the probe only, the
change proposed in RESULTS.md, to show what it would buy; they change no file.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import synthetic
import worst_cases

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROBES = HERE / "probes.py"


@dataclass
class Row:
    """One measurement beside its floor; `ratio` compares the minima."""

    label: str
    size: str
    times: list[float]
    floor_label: str = ""
    floor: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return min(self.times) / min(self.floor) if self.floor and min(self.floor) > 0 else None


def probe(name: str, *args: object) -> tuple[float, dict[str, Any]]:
    """Run a probe in a fresh process: (wall seconds, its JSON result); a crash is reported, not raised."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(PROBES), name, *map(str, args)], capture_output=True, text=True,
                            cwd=HERE, check=False)
    wall = time.perf_counter() - started
    if result.returncode < 0:
        return wall, {"crashed": f"killed by signal {-result.returncode}"}
    if result.returncode:
        raise RuntimeError(f"probe {name} failed:\n{result.stderr[-2000:]}")
    return wall, json.loads(result.stdout)


def wall(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=HERE)
    return time.perf_counter() - started


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.2f} µs"


def table(rows: list[Row]) -> list[str]:
    lines = ["| measurement | size | runs | min | median | floor | floor min | floor median | ratio |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        floor = (f"{r.floor_label} | {seconds(min(r.floor))} | {seconds(statistics.median(r.floor))}"
                 if r.floor else f"{r.floor_label or '—'} | — | —")
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        lines.append(f"| {r.label}{f' ({r.note})' if r.note else ''} | {r.size} | {len(r.times)} | "
                     f"{seconds(min(r.times))} | {seconds(statistics.median(r.times))} | {floor} | {ratio} |")
    return lines


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                            check=False).stdout.strip()
    versions = []
    for module in ("pydantic", "orjson", "yaml", "pyarrow"):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            versions.append(f"{module} absent")
    return [f"- CPU: {cpu}; nproc: {nproc}; RAM: {mem / 1024 / 1024:.1f} GiB",
            f"- Python {platform.python_version()} ({platform.python_implementation()}); {platform.system()} "
            f"{platform.release()}",
            f"- {', '.join(versions)}; libyaml: {'yes' if __import__('yaml').__with_libyaml__ else 'no'}",
            f"- checkout: {commit} with uncommitted work in progress"]


def startup(runs: int) -> tuple[list[Row], float]:
    plain = [wall("pass") for _ in range(runs)]
    rows = [Row("`python -c pass`", "—", plain)]
    for module in ("orjson", "pydantic", "sleepdata"):
        rows.append(Row(f"`python -c 'import {module}'`", "—", [wall(f"import {module}") for _ in range(runs)],
                        "`python -c pass`", plain))
    parts: dict[str, list[float]] = {}
    for _ in range(runs):
        trace = subprocess.run([sys.executable, "-X", "importtime", "-c", "import sleepdata"], capture_output=True,
                               text=True, check=True, cwd=HERE).stderr
        for line in trace.splitlines()[1:]:
            _, cumulative, module = (part.strip() for part in line.split("|"))
            if module in ("pydantic", "sleepdata.models", "sleepdata.dataset", "sleepdata"):
                parts.setdefault(module, []).append(int(cumulative) / 1e6)
    rows += [Row(f"… `import {m}` inside `import sleepdata` (cumulative, `-X importtime`)", "—", t,
                 "`python -c pass`", plain) for m, t in parts.items()]
    return rows, min(plain)


def loads(data: dict[int, synthetic.Synthetic], runs: int, start: float) -> tuple[list[Row], dict[str, float]]:
    rows, ratios = [], {}
    _, found = probe("installed_bundle")
    targets = [("installed", found["path"], "cold_installed")] + [
        (f"{n:,}", str(s.bundle), "cold_load") for n, s in data.items()]
    for size, bundle, name in targets:
        load_wall, parse_wall, load_in, parse_in = [], [], [], []
        for _ in range(runs):
            seconds_, result = probe(name, *([bundle] if name == "cold_load" else []))
            load_wall.append(seconds_)
            load_in.append(result["load"])
            seconds_, result = probe("cold_parse", bundle)
            parse_wall.append(seconds_)
            parse_in.append(result["parse"])
        net = (min(load_wall) - start) / max(min(parse_wall) - start, 1e-9)
        what = "`sleepdata.load()`" if name == "cold_installed" else "`Dataset.from_bundle`"
        rows.append(Row(f"cold `import sleepdata` + {what}, fresh process", size, load_wall,
                        "orjson.loads, GC paused, fresh process", parse_wall, f"net of start-up {net:.2f}x"))
        rows.append(Row(f"{what} alone, in process", size, load_in, "orjson.loads, GC paused, in process", parse_in))
        ratios[size] = rows[-2].ratio or 0.0
    return rows, ratios


def lookups(data: dict[int, synthetic.Synthetic], runs: int) -> tuple[list[Row], dict[str, dict[int, float]]]:
    rows: list[Row] = []
    per_op: dict[str, dict[int, float]] = {"by_id_first": {}, "by_id_cached": {}, "by_synonym": {}}
    labels = {"by_id_first": "`data[ref]`, first access (builds the model)", "by_id_cached": "`data[ref]`, cached",
              "by_synonym": "by synonym, `conditions.find(name)`, models built"}
    for n, s in data.items():
        results = [probe("lookups", s.bundle)[1] for _ in range(runs)]
        frozen = [probe("lookups", s.bundle, "freeze")[1] for _ in range(runs)]
        assert all(r["found"] for r in results + frozen), "a synonym lookup missed its record"
        for key, label in labels.items():
            floor_key = "floor_name_dict" if key == "by_synonym" else "floor_dict"
            rows.append(Row(f"{label}, per lookup", f"{s.records:,}", [r[key] for r in results],
                            "plain dict of the same size", [r[floor_key] for r in results]))
            per_op[key][n] = min(r[key] for r in results)
        rows.append(Row(f"{labels['by_id_first']}, what-if `gc.freeze()` after load", f"{s.records:,}",
                        [r["by_id_first"] for r in frozen], "plain dict of the same size",
                        [r["floor_dict"] for r in frozen]))
        per_op.setdefault("by_id_first_frozen", {})[n] = min(r["by_id_first"] for r in frozen)
    return rows, per_op


def validation(data: dict[int, synthetic.Synthetic], runs: int) -> tuple[list[Row], dict[str, dict[int, float]], bool]:
    """Rows, the median seconds by variant (`as is`, what-ifs) and size, and whether libyaml's path is on."""
    rows: list[Row] = []
    median_by_size: dict[str, dict[int, float]] = {"as is": {}}
    fast_path = True
    for n, s in data.items():
        repeat = runs if n <= 1_000 else 2 if n <= 10_000 else 1
        as_is = [probe("validate_dir", s.dataset_dir)[1] for _ in range(repeat)]
        assert all(r["valid"] for r in as_is), "a synthetic dataset did not validate"
        fast_path = fast_path and all(r["c_fast_path"] for r in as_is)
        floor = [probe("yaml_floor", s.dataset_dir)[1]["parse"] for _ in range(repeat)]
        times = [r["validate"] for r in as_is]
        median_by_size["as is"][n] = statistics.median(times)
        per_record = f"{min(times) / s.records * 1e6:.0f} µs per record"
        rows.append(Row("`validate(dir)`, as is", f"{s.records:,}", times, "libyaml CSafeLoader, same files",
                        floor, per_record))
        variants = {"gc": "GC paused"} if fast_path else {
            "c-parser": "libyaml composer", "gc": "GC paused", "c-parser+gc": "libyaml composer + GC paused"}
        for what_if, label in variants.items():
            if n > 10_000 and len(variants) > 1 and what_if != "c-parser+gc":
                continue
            once = 1 if n >= 10_000 else repeat  # what-ifs run once at the larger sizes, to keep the budget
            times = [probe("validate_dir", s.dataset_dir, what_if)[1]["validate"] for _ in range(once)]
            median_by_size.setdefault(label, {})[n] = statistics.median(times)
            rows.append(Row(f"`validate(dir)`, what-if: {label}", f"{s.records:,}", times,
                            "libyaml CSafeLoader, same files", floor,
                            f"{min(times) / s.records * 1e6:.0f} µs per record"))
    return rows, median_by_size, fast_path


def exports(data: dict[int, synthetic.Synthetic], runs: int,
            tmp: Path) -> tuple[list[Row], dict[str, dict[int, float]]]:
    rows, per_record = [], {}
    for n, s in data.items():
        result = probe("export_all", s.bundle, tmp / f"export-{n}", runs if n <= 10_000 else 2)[1]
        shutil.rmtree(tmp / f"export-{n}", ignore_errors=True)
        for fmt, times in result["times"].items():
            rows.append(Row(f"`export(..., {fmt!r})`", f"{s.records:,}", times, "orjson loads + dumps of the bundle",
                            result["floor"], f"{min(times) / s.records * 1e6:.0f} µs per record"))
            per_record.setdefault(fmt, {})[n] = min(times) / s.records
    return rows, per_record


def docs(s: synthetic.Synthetic, runs: int, tmp: Path, start: float) -> tuple[list[Row], str]:
    """The docs build for one synthetic dataset, if `sleepdata.site.build_site` is there and not a stub."""
    import inspect

    try:
        from sleepdata.site import build_site
    except ImportError:
        return [], "not measured: `sleepdata.site.build_site` does not exist yet"
    if "not built yet" in inspect.getsource(build_site):
        return [], "not measured: `sleepdata.site.build_site` is still a stub"
    root = tmp / "docs-root"
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "dataset").symlink_to(s.dataset_dir)
    results = [probe("docs_build", root)[1] for _ in range(runs)]
    failed = [r for r in results if r["code"]]
    if failed:
        return [], "not measured: the build failed:\n\n```\n" + failed[0]["output"] + "\n```"
    rows = [Row("`build_site(root, records)`: pages + `mkdocs build --strict`", f"{s.records:,}",
                [r["build"] for r in results], "`python -c pass`", [start] * len(results),
                f"{min(r['build'] for r in results) / s.records * 1e3:.1f} ms per record")]
    if all(r["engine"] is not None for r in results):
        rows.append(Row("… of which the engine (`mkdocs build --strict`)", f"{s.records:,}",
                        [r["engine"] for r in results], "`python -c pass`", [start] * len(results)))
    return rows, ""


def worst(runs: int) -> list[Row]:
    rows = []
    for case in worst_cases.CASES:
        results = {mode: probe("worst", case, mode, runs)[1] for mode in ("strict", "strict-c", "libyaml")}
        floor = results["libyaml"]
        floor_label = "libyaml CSafeLoader: " + floor.get("crashed", floor.get("outcome", ""))
        floor_times = floor.get("times", [])
        size = f"{results['strict']['bytes'] / 1024:.0f} KB"
        rows.append(Row(f"{case}: `strict_yaml.parse` as is", size, results["strict"]["times"], floor_label,
                        floor_times, results["strict"]["outcome"]))
        rows.append(Row(f"{case}: what-if libyaml composer", size, results["strict-c"]["times"], floor_label,
                        floor_times, results["strict-c"]["outcome"]))
    return rows


def memory(data: dict[int, synthetic.Synthetic]) -> tuple[list[str], dict[int, float]]:
    lines = ["| records | JSON bundle | loaded (tracemalloc) | ratio | every model built | ratio | RSS growth, loaded "
             "| RSS growth, built |", "|---|---|---|---|---|---|---|---|"]
    ratios = {}
    for n, s in data.items():
        r = probe("memory", s.bundle)[1]
        mb = 1024 * 1024
        ratios[n] = r["loaded"] / r["json_bytes"]
        lines.append(f"| {s.records:,} | {r['json_bytes'] / mb:.1f} MB | {r['loaded'] / mb:.1f} MB | "
                     f"{ratios[n]:.2f}x | {r['built'] / mb:.1f} MB | {r['built'] / r['json_bytes']:.2f}x | "
                     f"{r['rss_loaded'] / mb:.1f} MB | {r['rss_built'] / mb:.1f} MB |")
    return lines, ratios


_KEEP = "<!-- Hand-written below this line; bench/run.py keeps it when it rewrites the file. -->"


def verdict(ok: bool, text: str) -> str:
    return f"- {'met' if ok else '**missed**'}: {text}"


def growth(values: dict[int, float]) -> float:
    """How much the per-item figure grows from the smallest to the largest size."""
    return values[max(values)] / values[min(values)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-record dataset")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    sizes = [1_000, 10_000] + ([] if args.quick else [100_000])
    started = time.perf_counter()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {text}", flush=True)

    report = ["# Benchmark results", "", f"`python bench/run.py{' --quick' if args.quick else ''}` — "
              "ratios hold better than absolute times. Ratio = min / floor min.", "", "## Machine", "", *machine()]
    with tempfile.TemporaryDirectory(prefix="sleepdata-bench-") as name:
        tmp = Path(name)
        say("reading the template (our dataset)")
        tpl = synthetic.template(ROOT / "dataset")
        data = {}
        for n in sizes:
            data[n] = synthetic.make(tpl, n, tmp / str(n))
            say(f"wrote {data[n].records:,} records: {data[n].yaml_bytes / 1e6:.1f} MB YAML, "
                f"{data[n].bundle_bytes / 1e6:.1f} MB bundle")
        report += ["", f"Synthetic data: {len(tpl.records)} real records copied with renamed ids, references and "
                   "names; sizes " + ", ".join(f"{s.records:,}" for s in data.values()) + " records.", ""]
        say("start-up")
        start_rows, start = startup(max(args.runs, 5))
        say("cold loads")
        load_rows, load_ratio = loads(data, args.runs, start)
        say("lookups")
        lookup_rows, per_lookup = lookups(data, args.runs)
        say("validation")
        validate_rows, validate_median, fast_path = validation(data, args.runs)
        say("exports")
        export_rows, export_per_record = exports(data, args.runs, tmp)
        say("docs build")
        docs_rows, docs_note = docs(data[1_000], 2, tmp, start)
        say("strict YAML worst cases")
        worst_rows = worst(5)
        say("memory")
        memory_lines, memory_ratio = memory(data)

    report += ["## Start-up and cold load", "", *table(start_rows + load_rows), "",
               "## Lookups (2,000 random records of any kind; synonyms of 2,000 random conditions)", "",
               *table(lookup_rows), "",
               "## Validation of a directory", "", *table(validate_rows), "",
               "## Exports (each run from a freshly loaded dataset, so building the models counts)", "",
               *table(export_rows), "", "## Docs build", "", *(table(docs_rows) if docs_rows else [docs_note]), "",
               "## Strict YAML reader, worst-case inputs (5 runs each)", "", *table(worst_rows), "",
               "## Memory of a loaded dataset", "", *memory_lines, ""]
    largest = max(sizes)
    per_record_validate = {n: validate_median["as is"][n] / n for n in sizes}
    report += ["## Targets", "",
               verdict(load_ratio["installed"] <= 3, f"load of the installed dataset within 3x of a raw parse: "
                       f"{load_ratio['installed']:.2f}x (fresh process, wall); {load_ratio[f'{largest:,}']:.2f}x at "
                       f"{largest:,} records"),
               verdict(max(growth(v) for v in per_lookup.values()) <= 2, "lookups O(1): per-lookup time grows "
                       + ", ".join(f"{growth(v):.2f}x ({k})" for k, v in per_lookup.items())
                       + f" from {min(sizes):,} to {largest:,} records"),
               verdict(growth(per_record_validate) <= 1.5, f"validation linear: time per record grows "
                       f"{growth(per_record_validate):.2f}x from {min(sizes):,} to {largest:,} records"),
               verdict(max(growth(v) for v in export_per_record.values()) <= 1.5, "exports linear: time per record "
                       "grows " + ", ".join(f"{growth(v):.2f}x ({k})" for k, v in export_per_record.items())),
               verdict(validate_median["as is"][10_000] < 10, f"`validate` of 10,000 records under 10 s: "
                       f"{validate_median['as is'][10_000]:.1f} s (median, as is; strict_yaml's libyaml fast path "
                       f"{'active' if fast_path else 'inactive'})" + "".join(
                           f"; what-if {k}: {v[10_000]:.1f} s" for k, v in validate_median.items() if k != "as is")),
               verdict(memory_ratio[largest] < 10, f"memory of a loaded {largest:,}-record dataset under 10x its JSON "
                       f"size: {memory_ratio[largest]:.2f}x"), ""]
    say("writing " + str(args.out))
    kept = ""
    if args.out.exists() and _KEEP in args.out.read_text(encoding="utf-8"):
        kept = args.out.read_text(encoding="utf-8").split(_KEEP, 1)[1]
    report += [f"Full run took {time.perf_counter() - started:.0f} s.", "", _KEEP]
    args.out.write_text("\n".join(report) + (kept or "\n"), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
