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
from sleepdata.changes import compare, open_release, release_ids, render_text
from sleepdata.manifest import verify, write

from ..conftest import ROOT


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def releases(demo_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two releases of the demo dataset: a strength inserted and one changed, an effect removed, effects
    reordered, a claim re-judged, and a condition renamed with a retirement entry."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(demo_dir, old)
    shutil.copytree(demo_dir, new)
    drug = new / "treatments" / "examplon.yaml"
    _edit(drug, "  dose_form: tablet\n  marketed: marketed\n  context: article-mention\n  provenance:\n"
          "  - {source: 'source:demo-notes', start: 124",
          "  dose_form: capsule\n  marketed: marketed\n  context: article-mention\n  provenance:\n"
          "  - {source: 'source:demo-notes', start: 124")
    _edit(drug, "strengths:\n", "strengths:\n- id: examplon-2-5-mg\n  amount: 2.5\n  unit: mg\n  marketed: marketed\n"
          "  context: article-mention\n  provenance:\n  - {source: 'source:demo-notes', start: 115, end: 119}\n")
    effects = new / "warnings" / "examplon-adverse-effects.yaml"
    _edit(effects, "- id: examplon-adverse-effects-effect-bitter-taste\n  name: bitter taste\n", "")
    cause = new / "causes" / "stress.yaml"
    _edit(cause, "  provenance:", "  verdict: unsupported\n  note: No study links them.\n  basis: reference-text\n"
          "  provenance:")
    (new / "conditions" / "hypnic-jerks.yaml").rename(new / "conditions" / "sleep-starts.yaml")
    starts = new / "conditions" / "sleep-starts.yaml"
    _edit(starts, "id: hypnic-jerks", "id: sleep-starts")
    _edit(cause, "condition:hypnic-jerks", "condition:sleep-starts")
    (new / "retired.yaml").write_text("condition:hypnic-jerks: condition:sleep-starts\n"
                                      "claim:examplon-adverse-effects-effect-bitter-taste: "
                                      "claim:examplon-adverse-effects-effect-next-day-drowsiness\n")
    return old, new


def test_diff_is_claim_level(releases: tuple[Path, Path]) -> None:
    old, new = releases
    report = compare(open_release(old), open_release(new))
    assert report["added"] == ["condition:sleep-starts"]
    assert report["removed"] == [{"id": "condition:hypnic-jerks", "replaced_by": "condition:sleep-starts"}]
    claims = report["claims"]
    # An inserted strength is an added claim, not a changed list: the other strengths keep their identity.
    assert [c["id"] for c in claims["added"]] == ["examplon-2-5-mg"]
    assert claims["changed"]["examplon-10-mg"] == [{"path": "dose_form", "old": "tablet", "new": "capsule"}]
    assert "examplon-5-mg" not in claims["changed"] and "treatment:examplon" not in report["changed"]
    assert [c["id"] for c in claims["removed"]] == ["examplon-adverse-effects-effect-bitter-taste"]
    link = "stress-link-hypnic-jerks-stress-said-possibly"
    assert claims["rejudged"] == [{"id": link, "record": "cause:stress", "reading": ["as-written", "as-written"],
                                   "verdict": ["supported", "unsupported"]}]
    assert {"path": "condition", "old": "condition:hypnic-jerks", "new": "condition:sleep-starts"} in \
        claims["changed"][link]
    assert report["bump"] == "minor"
    text = render_text(report)
    assert "+ claim:examplon-2-5-mg (treatment:examplon strengths[0])" in text
    assert "~ claim:examplon-10-mg\n    dose_form: 'tablet' -> 'capsule'" in text
    assert "- condition:hypnic-jerks (retired; use condition:sleep-starts)" in text


def test_reordering_claims_changes_nothing(demo_dir: Path, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(demo_dir, old)
    shutil.copytree(demo_dir, new)
    effects = new / "warnings" / "examplon-adverse-effects.yaml"
    first = "- id: examplon-adverse-effects-effect-bitter-taste\n  name: bitter taste\n"
    second = "- id: examplon-adverse-effects-effect-next-day-drowsiness\n  name: next-day drowsiness\n"
    _edit(effects, first + second, second + first)
    report = compare(open_release(old), open_release(new))
    assert report["bump"] == "none" and not report["claims"]["changed"] and not report["changed"]


def test_removal_without_retirement_is_a_major_change(releases: tuple[Path, Path]) -> None:
    old, new = releases
    (new / "retired.yaml").unlink()
    report = compare(open_release(old), open_release(new))
    assert report["bump"] == "major"


def test_release_0_1_to_0_2_is_a_schema_break_with_no_id_lost() -> None:
    report = compare(open_release(ROOT / "releases" / "0.1.0.json"),
                     open_release(ROOT / "src" / "sleepdata" / "data" / "dataset.json"))
    assert report["bump"] == "major"
    assert "treatment.strengths.status" in report["fields_dropped"]
    assert [r for r in report["removed"] if r["replaced_by"] is None] == []
    assert len(report["claims"]["added"]) > 900


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
    bundle_file.write_text(bundle_file.read_text().replace('"not-marketed"', '"marketed"', 1))
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


def test_committed_release_ids_match_the_dataset() -> None:
    data = open_release(ROOT / "dataset")
    committed = (ROOT / "releases" / f"{data.version}.ids").read_text(encoding="utf-8").split()
    assert committed == release_ids(data), "run `sleepdata build` and commit releases/"
    assert any(ref.startswith("claim:") for ref in committed)
