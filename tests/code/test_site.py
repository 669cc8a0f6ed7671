"""The documentation site: strict builds with both engines, a page per record, links, safety, doses, examples."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from contextlib import redirect_stdout
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from pydantic import BaseModel

from sleepdata.dataset import Dataset
from sleepdata.lookup import normalize
from sleepdata.models import FOLDERS, CurationStatus, Standing
from sleepdata.site import build_site
from sleepdata.site.text import amount, dose, label, md
from sleepdata.validation import validate

from ..conftest import DATASET, FIXTURES, ROOT

pytestmark = pytest.mark.slow

_BUILT: dict[str, Path] = {}


# -- building ---------------------------------------------------------------------------------------------------


def make_project(root: Path, dataset: Path) -> list[BaseModel]:
    """A copy of the project's site sources in `root`, and the validated records of `dataset`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(ROOT / "schema", root / "schema")
    if (ROOT / "CHANGELOG.md").is_file():
        shutil.copy(ROOT / "CHANGELOG.md", root)
    report = validate([dataset], None)
    assert report.valid, [str(p) for p in report.problems][:5]
    return [f.record for f in report.records]


def built_site(factory: pytest.TempPathFactory) -> Path:
    """The real dataset's site, built once per test session with `build_site` (mkdocs --strict)."""
    if "real" not in _BUILT:
        root = factory.mktemp("real-site")
        records = make_project(root, DATASET)
        assert build_site(root, records) == 0, "mkdocs build --strict failed"
        _BUILT["real"] = root
    return _BUILT["real"]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return Dataset.from_path(DATASET)


def page_of(root: Path, ref: str) -> Path:
    kind, _, rid = ref.partition(":")
    return root / "site" / "generated" / FOLDERS[kind] / rid / "index.html"


# -- reading built HTML -----------------------------------------------------------------------------------------


class Html(HTMLParser):
    """Links, ids, element attributes and visible text of one page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.text_parts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
            if name == "id" and value:
                self.ids.add(value)
            if name in {"href", "src"} and value:
                self.links.append(value)
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text_parts).append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def parse(path: Path) -> Html:
    return Html(path.read_text(encoding="utf-8"))


def admonitions(path: Path, title: str) -> int:
    return len(re.findall(rf'<p class="admonition-title">{re.escape(title)}</p>', path.read_text(encoding="utf-8")))


# -- the builds -------------------------------------------------------------------------------------------------


def test_every_record_and_strength_has_a_page(real_site: Path, data: Dataset) -> None:
    missing = [f"{kind}:{rid}" for kind, collection in data.collections.items() for rid in collection
               if not page_of(real_site, f"{kind}:{rid}").is_file()]
    assert not missing, f"records without a page: {missing[:10]}"
    for treatment in data.treatments.values():
        ids = parse(page_of(real_site, f"treatment:{treatment.id}")).ids
        assert all(f"strength-{s.id}" in ids for s in treatment.strengths), treatment.id
    for index in ("conditions", "causes", "treatments", "strengths", "warnings", "sources", "hierarchy", "curation",
                  "schema", "changelog"):
        assert (real_site / "site" / "generated" / index / "index.html").is_file(), index
    assert (real_site / "docs" / "generated" / "conditions" / "insomnia.md").is_file()


def test_every_internal_link_resolves(real_site: Path) -> None:
    site = real_site / "site"
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, html in pages.items():
        for link in html.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "data:")):
                continue
            base = site if parts.path.startswith("/") else page.parent  # 404.html links from the site's root
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert len(pages) > 250
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:10]}"


def test_zensical_builds_the_same_configuration_strictly(real_site: Path, tmp_path: Path, data: Dataset) -> None:
    shutil.copy(real_site / "mkdocs.yml", tmp_path)
    shutil.copytree(real_site / "overrides", tmp_path / "overrides")
    shutil.copytree(real_site / "docs", tmp_path / "docs")
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "--clean"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "No issues found" in result.stdout + result.stderr
    missing = [ref for ref in ("condition:restless-legs-syndrome", "treatment:zopiclone")
               if not page_of(tmp_path, ref).is_file()]
    assert not missing
    built = {p.parent.name for p in (tmp_path / "site" / "generated").rglob("index.html")}
    assert {rid for c in data.collections.values() for rid in c} <= built


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_strict_mode_really_fails_on_a_broken_link(engine: str, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [the page](gone.md) and [this](index.md#gone).\n")
    (tmp_path / "mkdocs.yml").write_text(
        (ROOT / "mkdocs.yml").read_text().split("\nnav:")[0].replace("extra_css:\n  - stylesheets/sleepdata.css\n",
                                                                    ""))
    command = {"mkdocs": ["-m", "mkdocs", "build", "--strict"], "zensical": ["-m", "zensical", "build", "--strict"]}
    result = subprocess.run([sys.executable, *command[engine]], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    assert "gone.md" in re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


class NavLinks(HTMLParser):
    """The links inside the primary navigation of a Material page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and (self.depth or "md-nav--primary" in (values.get("class") or "")):
            self.depth += 1
        elif tag == "a" and self.depth and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def test_navigation_lists_index_pages_not_records(real_site: Path) -> None:
    for ref in ("condition:insomnia", "treatment:zopiclone"):
        links = NavLinks(page_of(real_site, ref).read_text(encoding="utf-8")).links
        assert 10 <= len(links) <= 20, links
        assert not [link for link in links if re.search(r"/(insomnia|zopiclone|restless-legs-syndrome)/", link)]
    assert any(link.endswith("conditions/") for link in links)


def test_a_failing_engine_is_reported_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = make_project(tmp_path, FIXTURES / "valid" / "dataset")
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text() + "  - Gone: gone.md\n")
    assert build_site(tmp_path, records) == 1
    error = capsys.readouterr().err
    assert "Error: mkdocs build --strict failed" in error and "gone.md" in error


# -- what a reader sees -----------------------------------------------------------------------------------------


def test_zopiclone_page_warns_about_the_non_standard_strength(real_site: Path) -> None:
    page = page_of(real_site, "treatment:zopiclone")
    assert admonitions(page, "Non-standard strength — not a dosing recommendation") == 1
    assert admonitions(page, "Non-standard strength: 20 mg") == 1
    text = parse(page).text
    assert "⚠ non-standard strength" in text
    assert "3.75 mg" in text and "7.5 mg" in text and "20 mg" in text


def test_doses_have_no_trailing_zeros_or_naked_decimals(real_site: Path) -> None:
    assert [amount(x) for x in (0.5, 7.5, 20.0, 3.75, 100000.0, 0.125)] == ["0.5", "7.5", "20", "3.75", "100000",
                                                                           "0.125"]
    assert dose(250, "ug") == "250 microgram"
    for path in [real_site / "site/generated/strengths/index.html", page_of(real_site, "treatment:zopiclone"),
                 *(real_site / "site/generated/warnings").rglob("index.html")]:
        text = parse(path).text
        assert not re.search(r"\d\.0+ (mg|microgram|g)\b", text), path
        assert not re.search(r"(?<![\d.])\.\d+ (mg|microgram|g)\b", text), path
        assert not re.search(r"\d\.\d*0 (mg|microgram|g)\b", text), path


def test_disputed_facts_and_off_label_uses_stand_out(real_site: Path, data: Dataset) -> None:
    for condition in data.conditions.values():
        expected = Counter(f.curation.status for f in [*condition.features, *condition.diagnostics])
        expected.update(link.curation.status for _, links in data.causes_of(condition.id) for link in links)
        expected.update(use.curation.status for _, uses in data.treatments_for(condition.id) for use in uses)
        page = page_of(real_site, f"condition:{condition.id}")
        assert admonitions(page, "Disputed by the curator") == expected[CurationStatus.DISPUTED], condition.id
        assert admonitions(page, "Corrected by the curator") == expected[CurationStatus.CORRECTED], condition.id
    for treatment in data.treatments.values():
        html = page_of(real_site, f"treatment:{treatment.id}").read_text(encoding="utf-8")
        standings = Counter(use.standing for use in treatment.uses)
        for standing, words in ((Standing.OFF_LABEL, "off-label use"), (Standing.CONTESTED, "contested use")):
            badges = re.findall(rf'class="sd-badge sd-standing-{standing.value}"[^>]*>([^<]*)<', html)
            assert len(badges) == standings[standing], treatment.id
            assert all(text == words for text in badges), treatment.id


def test_synonyms_are_on_the_page_for_search(real_site: Path, data: Dataset) -> None:
    index = json.loads((real_site / "site/search/search_index.json").read_text(encoding="utf-8"))
    text_of: dict[str, str] = {}
    for doc in index["docs"]:
        key = doc["location"].split("#")[0]
        text_of[key] = text_of.get(key, "") + " " + doc["title"] + " " + doc["text"]
    for kind in ("condition", "cause", "treatment"):
        for record in data.collections[kind].values():
            names = [record.name, *(s.name for s in record.synonyms), *(b.name for b in getattr(record, "brands", []))]
            indexed = normalize(text_of[f"generated/{FOLDERS[kind]}/{record.id}/"])
            assert all(normalize(n) in indexed for n in names), f"{kind}:{record.id}"
    assert "anemia" in normalize(text_of["generated/causes/iron-deficiency-anaemia/"])


def test_condition_diagrams_link_causes_and_treatments(real_site: Path, data: Dataset) -> None:
    with_pictures = 0
    for condition in data.conditions.values():
        html = page_of(real_site, f"condition:{condition.id}").read_text(encoding="utf-8")
        refs = {f"causes/{c.id}/" for c, _ in data.causes_of(condition.id)}
        refs |= {f"treatments/{t.id}/" for t, _ in data.treatments_for(condition.id)}
        if not refs:
            assert "sd-diagram" not in html
            continue
        with_pictures += 1
        figure = html[html.index('<figure class="sd-diagram">'):]
        svg = figure[:figure.index("</svg>")]
        assert 'role="img"' in svg and "<script" not in svg
        assert all(f'href="../../{ref}"' in svg for ref in refs), condition.id
    assert with_pictures >= 5
    tree = parse(real_site / "site/generated/hierarchy/index.html")
    assert {f"../conditions/{c}/" for c in data.conditions} <= set(tree.links)


def test_source_pages_show_assessment_and_exclusions(real_site: Path, data: Dataset) -> None:
    for source in data.sources.values():
        text = parse(page_of(real_site, f"source:{source.id}")).text
        assert f"reliability: {label(source.assessment.reliability.value)}" in text
        assert all(" ".join(reason.split()) in text for reason in source.assessment.reasons)
        assert all(" ".join(e.note.split()) in text for e in source.exclusions), source.id


def test_spam_and_source_text_never_reach_the_site(real_site: Path, data: Dataset, sources_dir: Path) -> None:
    texts = [part for p in (real_site / "site").rglob("*.html") for part in parse(p).text_parts]
    site_text = " ".join(" ".join(texts).split())
    shingles = set()
    for part in texts:  # each text node alone: a run across two statements is no copy
        words = re.findall(r"[a-z0-9]+", part.lower())
        shingles |= {" ".join(words[i:i + 10]) for i in range(len(words) - 9)}
    for source in data.sources.values():
        text = (sources_dir / source.file_name).read_text(encoding="utf-8")
        for exclusion in source.exclusions:
            if exclusion.reason.value == "spam":
                spam = " ".join(text[exclusion.start:exclusion.end].split())
                assert spam not in site_text, f"spam of {source.id} at {exclusion.start} is on the site"
        source_words = re.findall(r"[a-z0-9]+", text.lower())
        runs = {" ".join(source_words[i:i + 10]) for i in range(len(source_words) - 9)}
        assert not runs & shingles, f"ten-word runs of {source.id} on the site: {sorted(runs & shingles)[:3]}"


# -- safety: text from the data is inert ------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> **bold** | pipe'


def test_record_text_cannot_inject_html_script_or_links(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "valid" / "dataset", dataset)
    insomnia = dataset / "conditions" / "insomnia.yaml"
    record = yaml.safe_load(insomnia.read_text())
    record["definition"] = f"Trouble sleeping. {HOSTILE}"
    record["synonyms"].append({"name": "<a href='javascript:alert(3)'>x</a>"})
    insomnia.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    warning = dataset / "warnings" / "examplon-adverse-effects.yaml"
    record = yaml.safe_load(warning.read_text())
    record["statement"] = f"Bitter taste. {HOSTILE}"
    warning.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))

    records = make_project(tmp_path / "project", dataset)
    assert build_site(tmp_path / "project", records) == 0
    project = tmp_path / "project"
    pages = [page_of(project, "condition:insomnia"), page_of(project, "warning:examplon-adverse-effects"),
             project / "site/generated/conditions/index.html"]
    for path in pages:
        html = parse(path)
        assert not any("alert" in script for script in html.scripts), path
        assert not [a for a in html.attributes if a[2].strip().lower().startswith("javascript:")], path
        assert not [a for a in html.attributes if a[1].startswith("on")], path
        assert not [a for a in html.attributes if a[0] == "img" and a[2] == "x"], path
        assert "<strong>bold</strong>" not in path.read_text(encoding="utf-8")
    text = parse(pages[0]).text
    assert '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> **bold** | pipe' \
        in text
    assert "<a href='javascript:alert(3)'>x</a>" in text
    site_text = " ".join(parse(p).text for p in (tmp_path / "project/site").rglob("*.html"))
    assert "Buy cheap pills now" not in site_text  # the demo source's spam line


def test_markdown_escaping_leaves_no_active_character() -> None:
    escaped = md("- a *b* _c_ `d` [e](f) <g> & h | i # j ! k {l} ~m~ ^n^ ==o==\n1. p")
    assert not re.search(r"[*_`\[\]<>|#!{}~^=]", re.sub(r"&#\d+;", "", escaped))
    assert escaped.startswith("&#45;") and "\n" not in escaped


# -- reference pages --------------------------------------------------------------------------------------------


def test_schema_reference_documents_every_field_and_enum(real_site: Path) -> None:
    for path in sorted((ROOT / "schema").glob("*.json")):
        schema = json.loads(path.read_text())
        text = parse(real_site / "site/generated/schema" / path.stem / "index.html").text
        for definition in [schema, *schema.get("$defs", {}).values()]:
            for name, field in definition.get("properties", {}).items():
                assert name in text, f"{path.name}: {name}"
                if field.get("description"):
                    assert squeeze(field["description"].replace("`", "")) in squeeze(text), f"{path.name}: {name}"
            for value in definition.get("enum", []):
                assert f'"{value}"' in text, f"{path.name}: {value}"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)


def test_api_page_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    python = _blocks(page, "python")
    assert len(python) >= 6
    for block in python:
        with redirect_stdout(io.StringIO()):
            exec(compile(block, "docs/api.md", "exec"), namespace)  # the page's own examples
    console = _blocks(page, "console")
    assert console
    for block in console:
        commands = re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]
        for command in commands:
            line, *expected = command.splitlines()
            args = line.split()
            assert args[0] == "sleepdata", line
            result = subprocess.run([sys.executable, "-m", "sleepdata.cli", *args[1:]], capture_output=True,
                                    text=True, cwd=tmp_path, timeout=120)
            assert result.returncode == 0, f"{line}: {result.stdout}{result.stderr}"
            assert all(e in result.stdout for e in expected), f"{line}: expected {expected} in {result.stdout[:500]}"


def test_changelog_is_on_the_site(real_site: Path) -> None:
    text = parse(real_site / "site/generated/changelog/index.html").text
    assert "0.1.0" in text
