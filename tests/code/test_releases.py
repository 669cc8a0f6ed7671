"""Releases: field-level diffs with the version bump they imply, reproducible wheels, verifiable data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sleepdata import bundle
from sleepdata.changes import compare, open_release, render_text
from sleepdata.manifest import verify, write

from ..conftest import ROOT


@pytest.fixture
def releases(demo_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(demo_dir, old)
    shutil.copytree(demo_dir, new)
    drug = new / "treatments" / "examplon.yaml"
    drug.write_text(drug.read_text().replace("dose_form: tablet\n  status: standard\n  context: article-mention\n"
                                             "  provenance:\n  - {source: 'source:demo-notes', start: 124",
                                             "dose_form: capsule\n  status: standard\n  context: article-mention\n"
                                             "  provenance:\n  - {source: 'source:demo-notes', start: 124"))
    (new / "conditions" / "hypnic-jerks.yaml").rename(new / "conditions" / "sleep-starts.yaml")
    starts = new / "conditions" / "sleep-starts.yaml"
    starts.write_text(starts.read_text().replace("id: hypnic-jerks", "id: sleep-starts"))
    cause = new / "causes" / "stress.yaml"
    cause.write_text(cause.read_text().replace("condition:hypnic-jerks", "condition:sleep-starts"))
    (new / "retired.yaml").write_text("condition:hypnic-jerks: condition:sleep-starts\n")
    return old, new


def test_diff_reports_added_removed_and_changed_fields(releases: tuple[Path, Path]) -> None:
    old, new = releases
    report = compare(open_release(old), open_release(new))
    assert report["added"] == ["condition:sleep-starts"]
    assert report["removed"] == [{"id": "condition:hypnic-jerks", "replaced_by": "condition:sleep-starts"}]
    assert report["changed"]["treatment:examplon"] == [
        {"path": "strengths[1].dose_form", "old": "tablet", "new": "capsule"}]
    assert report["changed"]["cause:stress"][0]["path"] == "links[0].condition"
    assert report["bump"] == "minor"
    text = render_text(report)
    assert "~ treatment:examplon\n    strengths[1].dose_form: 'tablet' -> 'capsule'" in text
    assert "- condition:hypnic-jerks (retired; use condition:sleep-starts)" in text


def test_removal_without_retirement_is_a_major_change(releases: tuple[Path, Path]) -> None:
    old, new = releases
    (new / "retired.yaml").unlink()
    report = compare(open_release(old), open_release(new))
    assert report["bump"] == "major"


def test_diff_between_bundles_via_the_cli(releases: tuple[Path, Path], tmp_path: Path) -> None:
    paths = []
    for release in releases:
        data = open_release(release)
        path = tmp_path / f"{release.name}.json"
        path.write_text(bundle.render([r for c in data.collections.values() for r in c.values()], data.retired))
        paths.append(str(path))
    result = subprocess.run([sys.executable, "-m", "sleepdata.cli", "diff", *paths, "--format", "json"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert json.loads(result.stdout)["added"] == ["condition:sleep-starts"]


def test_verify_catches_a_tampered_data_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "src" / "sleepdata" / "data", data)
    assert verify(data) == []
    bundle_file = data / "dataset.json"
    bundle_file.write_text(bundle_file.read_text().replace('"non-standard"', '"standard"', 1))
    problems = verify(data)
    assert len(problems) == 1 and "sha256 differs" in problems[0]
    result = subprocess.run([sys.executable, "-m", "sleepdata.cli", "verify", "--data-dir", str(data)],
                            capture_output=True, text=True)
    assert result.returncode == 1


def test_committed_manifest_matches_the_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "src" / "sleepdata" / "data", data)
    committed = (data / "MANIFEST.json").read_text()
    write(data)
    assert (data / "MANIFEST.json").read_text() == committed, "run `sleepdata build` and commit src/sleepdata/data"


@pytest.mark.slow
def test_two_wheel_builds_are_byte_identical(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    wheels = []
    for name in ("a", "b"):
        out = tmp_path / name
        subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                       check=True, capture_output=True, env=env)
        (wheel,) = out.glob("*.whl")
        wheels.append(wheel.read_bytes())
        assert "sleepdata/data/MANIFEST.json" in zipfile.ZipFile(wheel).namelist()
    assert wheels[0] == wheels[1]
