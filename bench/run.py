"""Benchmarks of sleepdata against floors and peers measured in the same run; writes `bench/RESULTS.md`.

    python bench/run.py             # 1,000, 10,000 and 100,000 records (about 20 minutes on 2 cores)
    python bench/run.py --quick     # 1,000 and 10,000 records, fewer runs (a few minutes)

Rules the figures follow:
- a floor is a floor: `python -c pass` for a whole process; the same files parsed by the fastest parser at
  hand with the parsed tree kept alive until the timer stops (its deallocation is not timed);
- peers run in the same run: pycountry and bioregistry for the first record of a fresh process;
- the things compared run interleaved (one of each per round, in a shuffled order) and are reported by
  their medians; a ratio is median / floor median;
- memory is the peak RSS of a child process as GNU time reports it, never measured with tracemalloc on;
- every row measures code the package runs; this file writes RESULTS.md, no one edits it by hand.

Needs the `bench` extra (`pip install -e ".[bench]"`).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import install
import synthetic
import worst_cases

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROBES = HERE / "probes.py"
MB = 1024 * 1024
TIME = "/usr/bin/time"  # GNU time (Debian: apt-get install time)

#: The first record as a user meets it, and the peers' equivalents; each runs as a whole fresh process.
FIRST_RECORD = """
import sleepdata
d = sleepdata.load()
t = d.treatments["zopiclone"]
s = t.strengths[0]
s.amount, s.unit, s.marketed
assert d.conditions.find("actional myoclonus")
assert d.treatments_for("insomnia")
"""
PROCESSES = {
    "python -c pass": "pass",
    "pycountry: `countries.get(alpha_2='DE')`": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    "bioregistry: `get_name('chebi')`": "import bioregistry; bioregistry.get_name('chebi')",
    "sleepdata: `import sleepdata; load()`": "import sleepdata; sleepdata.load()",
    "sleepdata: first record (lookup, a strength's fields, a synonym, a relation)": FIRST_RECORD,
}


@dataclass
class Run:
    """One child process: wall seconds, peak RSS in bytes, and its JSON output (for probes)."""

    wall: float
    rss: int
    out: dict[str, Any]


def measured(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a child to completion: wall seconds, and its peak RSS as GNU time reports it.

    Not `wait4` on our own child: a forked child starts with this process's high-water mark, which it keeps
    after `exec`. `/usr/bin/time` forks from a process of its own size, so the figure is the child's.
    """
    with tempfile.NamedTemporaryFile("r") as rss, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        code = subprocess.call([TIME, "-f", "%M", "-o", rss.name, *argv], stdout=out, stderr=err, cwd=HERE,
                               env={**os.environ, **(env or {})})
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        text = out.read()
        if code:
            raise RuntimeError(f"{argv[-3:]} failed:\n{err.read().decode()[-2000:]}")
        peak = int(rss.read().split()[-1]) * 1024
    return Run(wall, peak, json.loads(text) if text.strip().startswith(b"{") else {})


def probe_argv(name: str, *args: object) -> list[str]:
    return [sys.executable, str(PROBES), name, *map(str, args)]


def interleaved(commands: dict[str, tuple[list[str], dict[str, str] | None]], runs: int) -> dict[str, list[Run]]:
    """Each command once per round, in a shuffled order, `runs` rounds."""
    results: dict[str, list[Run]] = {label: [] for label in commands}
    rng = random.Random(14)
    for _ in range(runs):
        order = list(commands)
        rng.shuffle(order)
        for label in order:
            argv, env = commands[label]
            results[label].append(measured(argv, env))
    return results


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.1f} µs"


def med(values: list[float]) -> float:
    return statistics.median(values)


@dataclass
class Row:
    label: str
    size: str
    times: list[float]
    floor_label: str
    floor: list[float]
    rss: float | None = None
    floor_rss: float | None = None

    @property
    def ratio(self) -> float:
        return med(self.times) / med(self.floor)


def table(rows: list[Row]) -> list[str]:
    lines = ["| measurement | size | runs | median | floor or peer | its median | ratio | peak RSS | its peak RSS |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        rss = f"{r.rss / MB:.0f} MB" if r.rss is not None else "—"
        floor_rss = f"{r.floor_rss / MB:.0f} MB" if r.floor_rss is not None else "—"
        lines.append(f"| {r.label} | {r.size} | {len(r.times)} | {seconds(med(r.times))} | {r.floor_label} | "
                     f"{seconds(med(r.floor))} | {r.ratio:.2f}x | {rss} | {floor_rss} |")
    return lines


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT, check=False).stdout.strip()


def machine() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    versions = []
    for module in ("pydantic", "orjson", "yaml", "yaml_rs", "ryml", "pycountry", "bioregistry"):
        try:
            from importlib.metadata import version

            dist = {"yaml": "pyyaml", "yaml_rs": "yaml-rs", "ryml": "rapidyaml"}.get(module, module)
            versions.append(f"{dist} {version(dist)}")
        except Exception:
            versions.append(f"{module} absent")
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                           text=True, cwd=ROOT, check=False).stdout.rstrip("\n")  # each line: 'XY path
    return [f"- CPU: {cpu}; nproc: {os.cpu_count()}; RAM: {mem / 1024 / 1024:.1f} GiB",
            f"- Python {platform.python_version()} ({platform.python_implementation()}); {platform.system()} "
            f"{platform.release()}",
            f"- {', '.join(versions)}; libyaml: {'yes' if __import__('yaml').__with_libyaml__ else 'no'}",
            f"- commit {git('rev-parse', '--short', 'HEAD')}, working tree "
            + ("clean" if not dirty else "**not clean** (" + ", ".join(line[3:] for line in dirty.splitlines()) + ")")]


def first_record(runs: int) -> tuple[list[Row], dict[str, float]]:
    """Whole fresh processes, interleaved: the floor, the peers, and ours."""
    results = interleaved({label: ([sys.executable, "-c", code], None) for label, code in PROCESSES.items()},
                          runs)
    walls = {label: [r.wall for r in runs_] for label, runs_ in results.items()}
    rss = {label: med([r.rss for r in runs_]) for label, runs_ in results.items()}
    pycountry = next(label for label in PROCESSES if label.startswith("pycountry"))
    rows = [Row(f"`{label}`" if label == "python -c pass" else label, "installed", walls[label],
                "`python -c pass`", walls["python -c pass"], rss[label], rss["python -c pass"])
            for label in PROCESSES if label != "python -c pass"]
    ours = next(label for label in PROCESSES if "first record" in label)
    rows.append(Row(ours, "installed", walls[ours], pycountry, walls[pycountry], rss[ours], rss[pycountry]))
    return rows, {"time": med(walls[ours]) / med(walls[pycountry]), "rss": rss[ours] / rss[pycountry]}


def validation(s: synthetic.Synthetic, runs: int, cache: Path) -> tuple[list[Row], dict[str, float]]:
    """`validate` (no cache) beside parse-only floors; then with a warm cache beside reading and hashing."""
    d = s.dataset_dir
    no_cache = {"SLEEPDATA_NO_CACHE": "1"}
    warm = {"XDG_CACHE_HOME": str(cache), "SLEEPDATA_NO_CACHE": ""}
    measured(probe_argv("validate_dir", d), warm)  # fills the cache (when there is one)
    results = interleaved({
        "validate": (probe_argv("validate_dir", d), no_cache),
        "csafe": (probe_argv("parse_floor", d, "csafe"), None),
        "yaml_rs": (probe_argv("parse_floor", d, "yaml_rs"), None),
        "ryml": (probe_argv("parse_floor", d, "ryml"), None),
        "warm": (probe_argv("validate_dir", d), warm),
        "hash": (probe_argv("parse_floor", d, "hash"), None),
    }, runs)
    assert all(r.out["valid"] for r in results["validate"] + results["warm"]), "a synthetic dataset is not valid"
    t = {k: [r.out["seconds"] for r in v] for k, v in results.items()}
    rss = {k: med([r.rss for r in v]) for k, v in results.items()}
    n = f"{s.records:,}"
    rows = [Row("`validate(dir)`, no cache", n, t["validate"], "libyaml CSafeLoader, tree kept", t["csafe"],
                rss["validate"], rss["csafe"]),
            Row("`validate(dir)`, no cache", n, t["validate"], "yaml-rs `loads`, tree kept", t["yaml_rs"],
                rss["validate"], rss["yaml_rs"]),
            Row("`validate(dir)`, no cache", n, t["validate"], "rapidyaml into its C++ tree, tree kept", t["ryml"],
                rss["validate"], rss["ryml"]),
            Row("`validate(dir)` again, unchanged files, warm cache", n, t["warm"],
                "read and sha256 every file", t["hash"], rss["warm"], rss["hash"])]
    return rows, {"validate": rows[0].ratio, "revalidate": rows[3].ratio, "rss": rss["validate"],
                  "yaml_bytes": s.yaml_bytes, "per_record": med(t["validate"]) / s.records}


def loading(s: synthetic.Synthetic, runs: int) -> tuple[list[Row], float]:
    results = interleaved({"load": (probe_argv("load_bundle", s.bundle), None),
                           "orjson": (probe_argv("orjson_floor", s.bundle), None)}, runs)
    t = {k: [r.out["seconds"] for r in v] for k, v in results.items()}
    rss = {k: med([r.rss for r in v]) for k, v in results.items()}
    row = Row("`Dataset.from_bundle`, in process", f"{s.records:,}", t["load"],
              "orjson.loads, GC paused, tree kept", t["orjson"], rss["load"], rss["orjson"])
    return [row], row.ratio


def lookups(s: synthetic.Synthetic, runs: int) -> list[Row]:
    results = [measured(probe_argv("lookups", s.bundle)).out for _ in range(runs)]
    assert all(r["found"] for r in results), "a synonym lookup missed its record"
    n = f"{s.records:,}"
    return [Row("`data[ref]`, first access (builds the record), per lookup", n, [r["by_id_first"] for r in results],
                "plain dict of the same size", [r["floor_dict"] for r in results]),
            Row("`data[ref]`, cached, per lookup", n, [r["by_id_cached"] for r in results],
                "plain dict of the same size", [r["floor_dict"] for r in results]),
            Row("by synonym, `conditions.find(name)`, records built, per lookup", n,
                [r["by_synonym"] for r in results], "plain dict of normalised names",
                [r["floor_name_dict"] for r in results])]


def worst(runs: int) -> list[Row]:
    rows = []
    for case in worst_cases.CASES:
        ours = measured(probe_argv("worst", case, "strict", runs)).out
        floor = measured(probe_argv("worst", case, "libyaml", runs)).out
        label = f"{case}: `strict_yaml.parse` → {ours['outcome']}"
        rows.append(Row(label, f"{ours['bytes'] / 1024:.0f} KB", ours["times"],
                        f"libyaml CSafeLoader → {floor['outcome']}", floor["times"]))
    return rows


def install_section(out: Path) -> str:
    """The section `bench/install.py` writes into the same file, kept as it is."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if install.START not in text or install.END not in text:
        return ""
    return "\n" + install.START + text.split(install.START, 1)[1].split(install.END, 1)[0] + install.END + "\n"


def verdict(ok: bool, text: str) -> str:
    return f"- {'met' if ok else '**missed**'}: {text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 records only, fewer runs")
    parser.add_argument("--runs", type=int, help="rounds per interleaved comparison (default 5, --quick 3)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    sizes = [1_000, 10_000] + ([] if args.quick else [100_000])
    started = time.perf_counter()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.0f} s] {text}", flush=True)

    # As pip does when it installs a wheel: without bytecode (PYTHONDONTWRITEBYTECODE, a read-only checkout)
    # every process would compile sleepdata from source while the peers, installed, load theirs.
    package = Path(importlib.util.find_spec("sleepdata").origin or "").parent  # type: ignore[union-attr]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, capture_output=True)
    command = f"python bench/run.py{' --quick' if args.quick else ''}{f' --runs {args.runs}' if args.runs else ''}"
    report = ["# Benchmark results", "", f"Written by `{command}`; do not edit. Ratio = median / floor (or peer) "
              "median, both measured in this run, interleaved. Peak RSS is each child process's, from GNU time. "
              f"sleepdata is imported from `{package.relative_to(ROOT) if package.is_relative_to(ROOT) else package}` "
              "with its bytecode compiled first, as an installation compiles it.", "",
              "## Machine", "", *machine()]
    sections: list[tuple[str, list[Row]]] = []
    with tempfile.TemporaryDirectory(prefix="sleepdata-bench-") as name:
        tmp = Path(name)
        say("reading the template (our dataset)")
        tpl = synthetic.template(ROOT / "dataset")
        data = {n: synthetic.make(tpl, n, tmp / str(n)) for n in sizes}
        for s in data.values():
            say(f"{s.records:,} records: {s.yaml_bytes / MB:.1f} MB YAML, {s.bundle_bytes / MB:.1f} MB bundle")
        report += ["", f"Synthetic data: {len(tpl.records)} real records copied with renamed ids, claim ids, "
                   "references and names (each copy validates); sizes "
                   + ", ".join(f"{s.records:,}" for s in data.values()) + " records.", ""]
        say("first record, whole processes")
        first_rows, first = first_record(max(runs, 7) if not args.quick else 5)
        sections.append(("First record in a fresh process (interleaved)", first_rows))
        checks: dict[int, dict[str, float]] = {}
        load_ratio: dict[int, float] = {}
        for n, s in data.items():
            say(f"validation, {n:,}")
            rows, checks[n] = validation(s, runs if n <= 10_000 else 1, tmp / f"cache-{n}")
            sections.append((f"Validation of {s.records:,} records", rows))
            say(f"loading, {n:,}")
            rows, load_ratio[n] = loading(s, runs)
            sections.append((f"Loading a bundle of {s.records:,} records", rows))
        say("lookups")
        sections.append(("Lookups (2,000 random records; synonyms of 2,000 random conditions)",
                         [row for s in data.values() for row in lookups(s, runs)]))
        say("strict YAML worst cases")
        sections.append(("Strict YAML reader, worst-case inputs (5 parses each)", worst(5)))

    for title, rows in sections:
        report += ["", f"## {title}", "", *table(rows)]
    largest = max(sizes)
    rss_largest = checks[largest]["rss"]
    report += ["", "## Targets", "",
               verdict(first["time"] <= 1.2, f"first record within 1.2x the pycountry process: {first['time']:.2f}x"),
               verdict(first["rss"] <= 1.5, f"its peak RSS within 1.5x pycountry's: {first['rss']:.2f}x"),
               verdict(checks[10_000]["validate"] <= 1.0, "`validate` of 10,000 records within 1.0x the CSafeLoader "
                       f"floor: {checks[10_000]['validate']:.2f}x "
                       f"({checks[10_000]['per_record'] * 1e6:.0f} µs per record)"),
               verdict(checks[10_000]["revalidate"] <= 2.0, "re-validation of an unchanged 10,000 within 2x reading "
                       f"and hashing the files: {checks[10_000]['revalidate']:.2f}x"),
               verdict(largest >= 100_000 and rss_largest < 1024 * MB, f"`validate` of {largest:,} files peaks at "
                       f"{rss_largest / MB:.0f} MB RSS ({rss_largest / checks[largest]['yaml_bytes']:.1f}x the YAML)"
                       + ("" if largest >= 100_000 else "; the 1 GiB target is for 100,000 files (full run)")),
               verdict(largest >= 100_000 and load_ratio[largest] <= 1.5, f"`load` at {largest:,} within 1.5x the "
                       f"GC-paused orjson parse with the tree kept: {load_ratio[largest]:.2f}x"
                       + ("" if largest >= 100_000 else " (the target is at 100,000: full run)")),
               "", f"Run took {time.perf_counter() - started:.0f} s.", ""]
    say(f"writing {args.out}")
    args.out.write_text("\n".join(report) + install_section(args.out), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
