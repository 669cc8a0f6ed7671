"""Install size and time of the wheel, core and with every extra, with pip and with uv; writes bench/RESULTS.md.

    python bench/install.py                  # this checkout
    python bench/install.py --before REV     # also the wheel of an earlier commit, for comparison

Each install goes into a fresh virtual environment with a cold package cache, so download and build time
count. The figures replace the install section of RESULTS.md (between its markers); the rest is kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
START = "<!-- install:start (written by bench/install.py) -->"
END = "<!-- install:end -->"


def run(cmd: list[str], **kwargs: object) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]


def wheel_of(project: Path, out: Path) -> Path:
    """Build the project's wheel into `out` and return its path."""
    uv = shutil.which("uv")
    cmd = [uv, "build", "--wheel", "--out-dir", str(out), str(project)] if uv else \
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(project)]
    run(cmd)
    return next(out.glob("sleepdata-*.whl"))


def checkout(rev: str, into: Path) -> Path:
    """The files of commit `rev`, unpacked into `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def install(wheel: Path, extra: str, tool: str, tmp: Path) -> tuple[float, float, int]:
    """Seconds to install, megabytes of the environment, number of distributions in it."""
    env_dir = tmp / f"venv-{tool}-{extra or 'core'}"
    cache = tmp / f"cache-{tool}-{extra or 'core'}"
    target = f"{wheel}[{extra}]" if extra else str(wheel)
    env = {**os.environ, "PIP_CACHE_DIR": str(cache), "UV_CACHE_DIR": str(cache)}
    if tool == "uv":
        run(["uv", "venv", "-q", "--python", sys.executable, str(env_dir)], env=env)
        python = env_dir / "bin" / "python"
        started = time.perf_counter()
        run(["uv", "pip", "install", "-q", "--python", str(python), target], env=env)
    else:
        run([sys.executable, "-m", "venv", str(env_dir)])
        python = env_dir / "bin" / "python"
        started = time.perf_counter()
        run([str(python), "-m", "pip", "install", "-q", target], env=env)
    seconds = time.perf_counter() - started
    listed = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(len(list(m.distributions())))"],
                            check=True, capture_output=True, text=True).stdout
    run([str(python), "-c", "import sleepdata; print(len(sleepdata.load().treatments))"])
    megabytes = size_mb(env_dir)
    shutil.rmtree(env_dir)
    shutil.rmtree(cache, ignore_errors=True)
    return seconds, megabytes, int(listed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="also measure the wheel of this commit (core install only)")
    parser.add_argument("--runs", type=int, default=3, help="installs per row (default 3); the machine is noisy")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    tools = ["pip"] + (["uv"] if shutil.which("uv") else [])
    rows = []
    with tempfile.TemporaryDirectory(prefix="sleepdata-install-") as name:
        tmp = Path(name)
        targets = []
        if args.before:
            old = checkout(args.before, tmp / "before")
            targets.append((f"`{args.before}` (before)", wheel_of(old, tmp / "wheel-before"), [""]))
        targets.append(("this checkout", wheel_of(ROOT, tmp / "wheel"), ["", "all"]))
        for label, wheel, extras in targets:
            for extra in extras:
                for tool in tools:
                    runs = [install(wheel, extra, tool, tmp) for _ in range(args.runs)]
                    times = sorted(seconds for seconds, _, _ in runs)
                    _, megabytes, count = runs[-1]
                    what = f"`sleepdata[{extra}]`" if extra else "`sleepdata`"
                    rows.append(f"| {label} | {what} | {tool} | {times[0]:.1f} s | {statistics.median(times):.1f} s "
                                f"| {megabytes:.0f} MB | {count} |")
                    print(rows[-1], flush=True)
    section = [START, "", "## Install size and time", "",
               f"`python bench/install.py{' --before ' + args.before if args.before else ''}`: the wheel installed "
               "into a fresh virtual environment with a cold cache (download included); size of the whole "
               "environment, pip and setuptools included where the tool puts them there. pip runs as configured "
               "on the machine (its configuration may name local wheel folders), uv with its own defaults (PyPI). "
               "The machine is shared: times vary between runs, sizes do not.", "",
               f"| wheel | install | tool | time, min of {args.runs} | time, median | environment | distributions |",
               "|---|---|---|---|---|---|---|",
               *rows, "", END]
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmark results\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + "\n".join(section) + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
