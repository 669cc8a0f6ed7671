"""A failed, killed or concurrent run leaves the previous artefacts byte-identical.

`sleepdata build` and `sleepdata export` are started as processes and killed at several moments. Killed
while working, they leave the schemas, bundle, manifest, exports and site exactly as before; killed after
their last rename (while the interpreter exits) they have put everything in place. Never a mix of the two,
never a partial file.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sleepdata import atomic
from sleepdata.building import build

from ..conftest import FIXTURES, ROOT

ARTEFACTS = ("schema", "src/sleepdata/data", "exports", "site")
#: The demo project's sources, named so that a SLEEPDATA_SOURCES of the environment does not apply.
BUILD = ("build", "--sources", str(FIXTURES / "valid" / "texts"))


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for folder in ("overrides", "docs", "schema"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(FIXTURES / "valid" / "dataset", root / "dataset")
    return root


def _snapshot(folder: Path, names: tuple[str, ...] = ARTEFACTS) -> dict[str, bytes]:
    """Every file under the named folders (hidden leftovers of a killed run aside) with its bytes."""
    out = {}
    for name in names:
        for path in (folder / name).rglob("*"):
            relative = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts) \
                    and path.name != "sitemap.xml.gz":  # gzip stamps the build time into its header
                out[str(relative)] = path.read_bytes()
    return out


def _change(dataset: Path) -> None:
    path = dataset / "conditions" / "insomnia.yaml"
    text = path.read_text(encoding="utf-8")
    assert "definition: " in text
    path.write_text(text.replace("definition: ", "definition: Changed. ", 1), encoding="utf-8")


def _cli(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "sleepdata.cli", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _kill_at(moments: list[float], launch: Callable[[], subprocess.Popen[bytes]],
             snapshot: Callable[[], dict[str, bytes]]) -> tuple[int, list[tuple[float, dict[str, bytes]]]]:
    """Start a run for each moment and kill it then if it still runs; return the kills and what each left."""
    kills, left = 0, []
    for moment in moments:
        process = launch()
        time.sleep(moment)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.stderr is not None
        assert b"Traceback" not in process.stderr.read()
        if process.returncode == -signal.SIGKILL:
            kills += 1
            left.append((moment, snapshot()))
    return kills, left


def _all_or_nothing(left: list[tuple[float, dict[str, bytes]]], previous: dict[str, bytes],
                    new: dict[str, bytes]) -> int:
    """Check each state a kill left is the previous one or the new one; return how many were the previous."""
    assert previous != new
    for moment, state in left:
        if state != new:
            changed = sorted(name for name in set(state) | set(previous) if state.get(name) != previous.get(name))
            assert not changed, f"killed after {moment:.2f} s: {changed[:10]}"
    return sum(state == previous for _, state in left)


@pytest.mark.slow
def test_killed_build_leaves_previous_artefacts_intact(tmp_path: Path) -> None:
    root = _project(tmp_path)
    started = time.perf_counter()
    first = subprocess.run([sys.executable, "-m", "sleepdata.cli", *BUILD], cwd=root, capture_output=True, text=True)
    duration = time.perf_counter() - started
    assert first.returncode == 0, first.stdout + first.stderr
    previous = _snapshot(root)
    assert any(name.startswith("site/") for name in previous) and "src/sleepdata/data/dataset.json" in previous
    _change(root / "dataset")

    moments = [duration * f for f in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8)]
    kills, left = _kill_at(moments, lambda: _cli(*BUILD, cwd=root), lambda: _snapshot(root))
    final = subprocess.run([sys.executable, "-m", "sleepdata.cli", *BUILD], cwd=root, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    assert b"Changed." in (root / "src/sleepdata/data/dataset.json").read_bytes()
    assert b"Changed." in (root / "exports/json/sleepdata.json").read_bytes()
    untouched = _all_or_nothing(left, previous, _snapshot(root))
    assert untouched >= 3, f"only {untouched} of {kills} kills came before the end (a build took {duration:.1f} s)"
    leftovers = [p for p in [*root.glob(".*"), *(root / "docs").glob(".*")] if p.name != ".sleepdata-build.lock"]
    assert not leftovers, leftovers


@pytest.mark.slow
def test_killed_export_leaves_previous_files_intact(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "valid" / "dataset", dataset)
    out = tmp_path / "out"
    args = ("export", "--format", "all", "--out", str(out), "--dataset", str(dataset))
    started = time.perf_counter()
    assert subprocess.run([sys.executable, "-m", "sleepdata.cli", *args], capture_output=True).returncode == 0
    duration = time.perf_counter() - started
    previous = _snapshot(tmp_path, ("out",))
    _change(dataset)

    kills, left = _kill_at([duration * f for f in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8)],
                           lambda: _cli(*args, cwd=tmp_path), lambda: _snapshot(tmp_path, ("out",)))
    assert subprocess.run([sys.executable, "-m", "sleepdata.cli", *args], capture_output=True).returncode == 0
    untouched = _all_or_nothing(left, previous, _snapshot(tmp_path, ("out",)))
    assert untouched >= 3, f"only {untouched} of {kills} kills came before the end (an export took {duration:.1f} s)"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
def test_two_builds_at_once_both_succeed(tmp_path: Path) -> None:
    root = _project(tmp_path)
    runs = [_cli(*BUILD, cwd=root) for _ in range(2)]
    codes = [run.wait(timeout=600) for run in runs]
    errors = [run.stderr.read().decode() for run in runs if run.stderr is not None]
    assert codes == [0, 0], errors
    assert any("waiting for another build" in e for e in errors)
    assert (root / "site" / "generated" / "conditions" / "insomnia" / "index.html").is_file()


def test_failed_write_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "dataset.json"
    path.write_text("previous")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        atomic.write_text(path, "new " * 1000)
    assert path.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["dataset.json"]


def test_failed_export_leaves_the_previous_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sleepdata.dataset import Dataset
    from sleepdata.exports import csv_package, export

    data = Dataset.from_path(FIXTURES / "valid" / "dataset")
    export(data, "csv", tmp_path / "csv")
    previous = _snapshot(tmp_path, ("csv",))

    def broken(*args: object, **kwargs: object) -> str:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(csv_package, "to_json", broken)
    with pytest.raises(OSError):
        export(data, "csv", tmp_path / "csv")
    assert _snapshot(tmp_path, ("csv",)) == previous
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_schema_reference_is_made_from_the_schemas_of_the_same_build(tmp_path: Path) -> None:
    """The site's schema pages come from the schemas the build writes, not from those it is about to replace."""
    root = _project(tmp_path)
    stale = root / "schema" / "cause.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"former-name",', '"former-name-stale",'),
                     encoding="utf-8")
    assert build(root, None) == 0
    assert '"former-name-stale"' not in (root / "schema" / "cause.json").read_text(encoding="utf-8")
    page = (root / "docs" / "generated" / "schema" / "cause.md").read_text(encoding="utf-8")
    assert "former-name" in page and "former-name-stale" not in page


def test_build_refused_by_the_site_rewrites_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert build(root, None) == 0
    previous = _snapshot(root)
    for folder in ("conditions",):
        source = root / "dataset" / folder / "insomnia.yaml"
        source.rename(source.with_name("index.yaml"))
        text = source.with_name("index.yaml").read_text(encoding="utf-8")
        source.with_name("index.yaml").write_text(text.replace("id: insomnia", "id: index"), encoding="utf-8")
    for path in (root / "dataset").rglob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("condition:insomnia", "condition:index"),
                        encoding="utf-8")
    assert build(root, None) == 1
    assert _snapshot(root) == previous


@pytest.mark.slow
def test_failing_engine_keeps_previous_pages_and_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    assert build(root, None) == 0
    previous = _snapshot(root, ("site", "docs", "schema", "exports", "src"))
    _change(root / "dataset")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - Gone: gone.md\n", encoding="utf-8")
    assert build(root, None) == 1
    assert "gone.md" in capsys.readouterr().err
    assert _snapshot(root, ("site", "docs", "schema", "exports", "src")) == previous
