"""What validators run in their own CI: extension datasets, JSON and GitHub reports, third-party tools."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sleepdata
from sleepdata._version import __version__

from ..conftest import DATASET, FIXTURES, ROOT

EXTENSION = FIXTURES / "extension"
GOLDEN = FIXTURES / "golden"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sleepdata.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(EXTENSION / "bad", tmp_path / "bad")
    shutil.copytree(EXTENSION / "good", tmp_path / "good")
    return tmp_path


def test_extension_directory_references_the_installed_dataset(workdir: Path) -> None:
    result = run("validate", "good", cwd=workdir)
    assert result.returncode == 0, result.stdout
    data = sleepdata.load(extra=[workdir / "good"])
    assert data.parent("propriospinal-myoclonus") is data.conditions["spinal-myoclonus"]
    assert "late-caffeine" in [c.id for c, _ in data.causes_of("restless-legs-syndrome")]
    assert len(data.conditions) == len(sleepdata.load().conditions) + 1


def test_from_path_and_validate_treat_an_extension_like_load_extra(workdir: Path) -> None:
    data = sleepdata.Dataset.from_path(workdir / "good")
    assert "late-caffeine" in [c.id for c, _ in data.causes_of("restless-legs-syndrome")]
    assert len(data.conditions) == len(sleepdata.load(extra=[workdir / "good"]).conditions)
    with pytest.raises(sleepdata.DatasetError) as info:
        sleepdata.Dataset.from_path(workdir / "bad")
    assert "[id-collision]" in str(info.value) and "warning:" not in str(info.value)
    result = run("validate", "bad", cwd=workdir)
    assert result.returncode == 1
    collision = next(line for line in result.stdout.splitlines() if "[id-collision]" in line)
    assert "warning:" not in collision


def test_a_single_file_is_validated_with_its_dataset(workdir: Path) -> None:
    ours = run("validate", str(DATASET / "treatments" / "zopiclone.yaml"), cwd=workdir)
    assert ours.returncode == 0, ours.stdout
    assert ours.stdout.splitlines()[-1].startswith("1 record in 1 file: no errors")
    theirs = run("validate", "good/causes/late-caffeine.yaml", cwd=workdir)
    assert theirs.returncode == 0, theirs.stdout
    broken = run("validate", "bad/causes/late-caffeine.yaml", cwd=workdir)
    assert broken.returncode == 1
    assert all(line.startswith("bad/causes/late-caffeine.yaml") for line in broken.stdout.splitlines()[:-1])


def test_extension_collision_and_dangling_reference_are_refused(workdir: Path) -> None:
    with pytest.raises(sleepdata.DatasetError) as info:
        sleepdata.load(extra=[workdir / "bad"])
    message = str(info.value)
    assert "[id-collision]" in message and "did you mean 'restless-legs-syndrome'" in message
    assert "condition:insomnia" not in [f"condition:{c}" for c in sleepdata.load().conditions if c == "x"]


def _golden(name: str, text: str) -> str:
    return text.replace(__version__, "<version>")


@pytest.mark.parametrize(("fmt", "golden"), [("json", "validate.json"), ("github", "validate.github"),
                                             ("text", "validate.txt")])
def test_report_formats_match_their_golden_files(workdir: Path, fmt: str, golden: str) -> None:
    result = run("validate", "bad", "--format", fmt, cwd=workdir)
    assert result.returncode == 1
    expected = (GOLDEN / golden).read_text(encoding="utf-8")
    assert _golden(golden, result.stdout) == expected, (
        f"{golden} changed; if intended, regenerate with `sleepdata validate bad --format {fmt}` "
        f"from a copy of tests/fixtures/extension\n{result.stdout}")


def test_json_report_is_documented_shape(workdir: Path) -> None:
    report = json.loads(run("validate", "bad", "--format", "json", cwd=workdir).stdout)
    assert set(report) == {"report_format", "sleepdata_version", "valid", "counts", "files", "problems"}
    assert set(report["problems"][0]) == {"file", "line", "col", "record", "field", "message", "code", "expected",
                                          "found", "severity", "claim"}


def test_retired_reference_warns_and_fails_only_with_strict(tmp_path: Path) -> None:
    target = tmp_path / "ext"
    shutil.copytree(EXTENSION / "good", target)
    (target / "retired.yaml").write_text("condition:spinal-propriospinal-jerks: condition:propriospinal-myoclonus\n")
    cause = target / "causes" / "late-caffeine.yaml"
    cause.write_text(cause.read_text().replace("condition:restless-legs-syndrome",
                                               "condition:spinal-propriospinal-jerks"))
    lax = run("validate", "ext", "--format", "json", cwd=tmp_path)
    assert lax.returncode == 0
    (problem,) = json.loads(lax.stdout)["problems"]
    assert (problem["severity"], problem["code"], problem["expected"]) == (
        "warning", "deprecated-reference", "condition:propriospinal-myoclonus")
    assert run("validate", "ext", "--strict", cwd=tmp_path).returncode == 1
    data = sleepdata.load(extra=[target])
    with pytest.warns(DeprecationWarning, match="use condition:propriospinal-myoclonus"):
        assert data.conditions["spinal-propriospinal-jerks"].id == "propriospinal-myoclonus"


def test_a_retired_id_is_never_reused(tmp_path: Path) -> None:
    target = tmp_path / "ext"
    shutil.copytree(EXTENSION / "good", target)
    (target / "retired.yaml").write_text("cause:late-caffeine: cause:late-caffeine\n")
    result = run("validate", "ext", cwd=tmp_path)
    assert result.returncode == 1 and "[reused-id]" in result.stdout


def test_check_jsonschema_validates_the_dataset_and_rejects_bad_files() -> None:
    tool = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable)) or shutil.which("check-jsonschema")
    assert tool, "check-jsonschema is a test dependency"
    for kind, folder in (("source", "sources"), ("condition", "conditions"), ("cause", "causes"),
                         ("treatment", "treatments"), ("warning", "warnings")):
        files = sorted(str(p) for p in (DATASET / folder).glob("*.yaml"))
        good = subprocess.run([tool, "--schemafile", str(ROOT / "schema" / f"{kind}.json"), *files],
                              capture_output=True, text=True)
        assert good.returncode == 0, good.stdout + good.stderr
    bad = sorted(str(p) for p in (FIXTURES / "invalid" / "records" / "treatments").glob("*.yaml"))
    result = subprocess.run([tool, "--schemafile", str(ROOT / "schema" / "treatment.json"), *bad],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert all(Path(b).name in result.stdout + result.stderr for b in bad)


def _readme_hook_config() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("As a pre-commit hook", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "rev: " in block and "v0.1.0" not in block
    return block.replace("<this repository's URL>", str(ROOT))


@pytest.mark.slow
def test_pre_commit_hook_runs_in_another_repository(tmp_path: Path) -> None:
    """The README's configuration (pinned to a commit) in a scratch repository: passes, then fails a broken file."""
    tool = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    assert tool, "pre-commit is a test dependency"
    repo = tmp_path / "theirs"
    shutil.copytree(EXTENSION / "good", repo / "dataset")
    (repo / ".pre-commit-config.yaml").write_text(_readme_hook_config(), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("VIRTUAL_ENV", None)
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True, env=env)
    subprocess.run([*git, "add", "-A"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "records"], check=True, env=env)
    hook = [tool, "run", "sleepdata-validate"]
    good = subprocess.run([*hook, "--all-files"], cwd=repo, capture_output=True, text=True, env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    shutil.copy(EXTENSION / "bad" / "causes" / "late-caffeine.yaml", repo / "dataset" / "causes" / "late-caffeine.yaml")
    subprocess.run([*git, "add", "-A"], check=True, env=env)
    # As on commit: only the changed file is passed, and it is checked with the rest of its dataset.
    bad = subprocess.run([*hook, "--files", "dataset/causes/late-caffeine.yaml"], cwd=repo, capture_output=True,
                         text=True, env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "did you mean 'restless-legs-syndrome'" in bad.stdout
    assert "dataset/causes/late-caffeine.yaml" in bad.stdout
    # And the hook of this working tree behaves the same.
    tried = subprocess.run([tool, "try-repo", str(ROOT), "sleepdata-validate", "--files",
                            "dataset/causes/late-caffeine.yaml"], cwd=repo, capture_output=True, text=True, env=env)
    assert tried.returncode == 1 and "did you mean 'restless-legs-syndrome'" in tried.stdout, tried.stdout
