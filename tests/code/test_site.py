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

from sleepdata.claims import claims_in
from sleepdata.dataset import Dataset
from sleepdata.lookup import normalize
from sleepdata.models import FOLDERS, Origin, Span, Standing, Verdict
from sleepdata.site import build_site
from sleepdata.site.names import aliases, misspellings, search_tags
from sleepdata.site.releases import compare
from sleepdata.site.text import amount, dose, label
from sleepdata.validation import validate

from ..conftest import DATASET, ROOT
from .html_safety import Elements, foreign

pytestmark = pytest.mark.slow

_BUILT: dict[str, Path] = {}


# -- building ---------------------------------------------------------------------------------------------------


def make_project(root: Path, dataset: Path) -> list[BaseModel]:
    """A copy of the project's site sources in `root`, and the validated records of `dataset`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("generated"))
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "schema", root / "schema")
    shutil.copytree(ROOT / "releases", root / "releases")
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
    return Dataset.from_path(DATASET).validated()  # the site reads the pydantic models, and so do these tests


def page_of(root: Path, ref: str) -> Path:
    kind, _, rid = ref.partition(":")
    return root / "site" / "generated" / FOLDERS[kind] / rid / "index.html"


# -- reading built HTML -----------------------------------------------------------------------------------------


def parse(path: Path) -> Elements:
    return Elements(path.read_text(encoding="utf-8"))


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
                  "schema", "changelog", "release"):
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
    shutil.copytree(real_site / "docs", tmp_path / "docs")
    shutil.copytree(real_site / "overrides", tmp_path / "overrides")
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
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [the page](gone.md) and [this](index.md#gone).\n")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
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
    records = make_project(tmp_path, DATASET)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text() + "  - Gone: gone.md\n")
    assert build_site(tmp_path, records) == 1
    error = capsys.readouterr().err
    assert "Error: mkdocs build --strict failed" in error and "gone.md" in error


# -- what a reader sees -----------------------------------------------------------------------------------------


def test_zopiclone_page_warns_about_the_non_standard_strength(real_site: Path) -> None:
    page = page_of(real_site, "treatment:zopiclone")
    assert admonitions(page, "Strength not marketed or not verifiable: 20 mg") == 1
    html = page.read_text(encoding="utf-8")
    assert re.search(r'id="strength-zopiclone-20-mg"', html)
    badges = re.findall(r'class="sd-badge sd-marketed-([a-z-]+)"[^>]*>([^<]*)<', html)
    assert ("not-marketed", "⚠ not marketed") in badges
    text = parse(page).text
    assert "3.75 mg" in text and "7.5 mg" in text and "20 mg" in text
    assert "Nothing on this page is a dosing recommendation" in text


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


FLAG_TITLES = {Verdict.DISPUTED: "Disputed: established knowledge contradicts this claim",
               Verdict.UNSUPPORTED: "Unsupported: no good evidence either way",
               Verdict.OUTDATED: "Outdated: once held, now superseded"}


def test_disputed_and_unsupported_claims_never_look_plain(real_site: Path, data: Dataset) -> None:
    for condition in data.conditions.values():
        shown = [condition, *condition.features, *condition.diagnostics]
        shown += [link for _, links in data.causes_of(condition.id) for link in links]
        shown += [u for _, uses in data.treatments_for(condition.id) for u in uses]
        expected = Counter(c.verdict for c in shown)
        page = page_of(real_site, f"condition:{condition.id}")
        for verdict, title in FLAG_TITLES.items():
            assert admonitions(page, title) == expected[verdict], (condition.id, verdict)
        html = page.read_text(encoding="utf-8")
        figure = html[html.index('<figure class="sd-diagram">'):]
        svg = figure[:figure.index("</svg>")]
        for cause, link in ((c, x) for c, links in data.causes_of(condition.id) for x in links):
            if link.verdict in (Verdict.DISPUTED, Verdict.UNSUPPORTED):
                assert re.search(rf'href="\.\./\.\./causes/{cause.id}/"><title>[^<]*</title><text [^>]*class="sd-item '
                                 r'sd-grade-(disputed|unsupported)">.*?—\u00a0(disputed|unsupported)</tspan>', svg), (
                    condition.id, cause.id)
    for treatment in data.treatments.values():
        html = page_of(real_site, f"treatment:{treatment.id}").read_text(encoding="utf-8")
        standings = Counter(use.standing for use in treatment.uses)
        for standing, words in ((Standing.OFF_LABEL, "off-label use"), (Standing.CONTESTED, "contested use")):
            badges = re.findall(rf'class="sd-badge sd-standing-{standing.value}"[^>]*>([^<]*)<', html)
            assert len(badges) == standings[standing], treatment.id
            assert all(text == words for text in badges), treatment.id


def _claim_blocks(html: str) -> dict[str, str]:
    """Each claim's block on a page, by its id (the claim anchor)."""
    starts = [(m.group(1), m.start()) for m in re.finditer(r'<div class="sd-claim[^"]*" id="([^"]+)"', html)]
    return {cid: html[start:html.index("</div>", start)] for cid, start in starts}


def test_every_claim_has_an_anchor_and_its_judgement(real_site: Path, data: Dataset) -> None:
    checked = curator = 0
    for kind, collection in data.collections.items():
        for rid, record in collection.items():
            page = page_of(real_site, f"{kind}:{rid}")
            html = page.read_text(encoding="utf-8")
            ids, blocks = parse(page).ids, _claim_blocks(html)
            assert '<p class="sd-trust"><strong>Trust at a glance:</strong>' in html or kind == "source", rid
            for _, claim in claims_in(record):
                assert claim.id in ids, f"{kind}:{rid} has no anchor for claim {claim.id}"
                block = blocks.get(claim.id)
                if block is None:  # names: a list item, not a claim block
                    continue
                checked += 1
                verdict = getattr(claim, "verdict", None)
                if verdict is not None:
                    assert f"sd-verdict-{verdict.value}" in block, claim.id
                    assert ("corrected reading" if claim.reading.value == "corrected" else "read as written") in block
                if getattr(claim, "origin", None) is Origin.CURATOR or hasattr(claim, "text"):
                    curator += 1
                    assert "curator knowledge" in block and "basis: " in block, claim.id
                source_links = re.findall(r'href="\.\./\.\./sources/[^"]+/"', block)
                reliability = re.findall(r'class="sd-badge sd-reliability-[a-z-]+"[^>]*>source reliability', block)
                assert len(source_links) == len(reliability), f"{claim.id}: a source link without its reliability"
    assert checked > 800 and curator > 10


def test_record_pages_open_with_a_trust_summary(real_site: Path, data: Dataset) -> None:
    condition = data.conditions["restless-legs-syndrome"]
    text = parse(page_of(real_site, "condition:restless-legs-syndrome")).text
    summary = text[text.index("Trust at a glance:"):text.index("Also known as")]
    shown = [condition, *condition.features, *condition.diagnostics]
    shown += [link for _, links in data.causes_of(condition.id) for link in links]
    shown += [u for _, uses in data.treatments_for(condition.id) for u in uses]
    shown += [c for _, c in claims_in(condition) if not hasattr(c, "verdict")]
    disputed = sum(1 for c in shown if getattr(c, "verdict", None) is Verdict.DISPUTED)
    assert f"{disputed} disputed" in summary and "Weakest source: source reliability: very-low" in summary


def _search_index(site: Path) -> tuple[dict[str, str], dict[str, dict[str, object]]]:
    index = json.loads((site / "site/search/search_index.json").read_text(encoding="utf-8"))
    text_of: dict[str, str] = {}
    top: dict[str, dict[str, object]] = {}
    for doc in index["docs"]:
        key = doc["location"].split("#")[0]
        text_of[key] = text_of.get(key, "") + " " + doc["title"] + " " + doc["text"]
        if "#" not in doc["location"]:
            top[key] = doc
    return text_of, top


def test_names_misspellings_and_weights_are_in_the_search_index(real_site: Path, data: Dataset) -> None:
    text_of, top = _search_index(real_site)
    for kind in ("condition", "cause", "treatment"):
        for record in data.collections[kind].values():
            key = f"generated/{FOLDERS[kind]}/{record.id}/"
            names = [record.name, *(s.name for s in record.synonyms), *(b.name for b in getattr(record, "brands", []))]
            indexed = normalize(text_of[key])
            assert all(normalize(n) in indexed for n in names), f"{kind}:{record.id}"
            assert top[key]["tags"][0] == search_tags(record.name)[0] and float(top[key]["boost"]) > 1  # type: ignore[arg-type]
    assert "anemia" in normalize(text_of["generated/causes/iron-deficiency-anaemia/"])
    assert "zopiklone" in text_of["generated/treatments/zopiclone/"]
    assert "insomina" in text_of["generated/conditions/insomnia/"]
    assert "valproate_" in top["generated/treatments/valproic-acid/"]["tags"]  # a usual synonym is a search tag
    assert "Imovane" in text_of["generated/treatments/zopiclone/"]
    assert not re.search(r"[a-z][.:;][a-z]", re.sub(r"<[^>]+>|https?://\S+|\d[.:]\d", " ", text_of[
        "generated/warnings/zopiclone-common-adverse-effects/"])), "words run together in the snippet text"
    for index in ("conditions", "causes", "treatments", "warnings", "sources"):  # table cells keep a space apart
        cells = re.sub(r"<[^>]+>", " ", text_of[f"generated/{index}/"])
        assert not re.search(r"[a-z][A-Z]|\d[A-Za-z]{3}", cells), index


def test_misspellings_cover_swaps_sounds_and_doubled_letters() -> None:
    assert "insomina" in misspellings("insomnia")
    assert "zopiklone" in misspellings("zopiclone")
    assert "clonazepan" not in misspellings("clonazepam")  # one edit of a known kind, not any edit
    assert "slep" in misspellings("sleep") and misspellings("RLS") == []
    assert "Imovane" in aliases("treatment:zopiclone", ["zopiclone"])
    assert "zopiclone" not in aliases("treatment:zopiclone", ["zopiclone"])


def test_condition_diagrams_link_causes_treatments_and_subtypes(real_site: Path, data: Dataset) -> None:
    with_pictures = 0
    for condition in data.conditions.values():
        html = page_of(real_site, f"condition:{condition.id}").read_text(encoding="utf-8")
        refs = {f"causes/{c.id}/" for c, _ in data.causes_of(condition.id)}
        refs |= {f"treatments/{t.id}/" for t, _ in data.treatments_for(condition.id)}
        figure = html[html.index('<figure class="sd-diagram">'):]
        svg = figure[:figure.index("</svg>")]
        assert 'role="img"' in svg and "<script" not in svg
        assert all(f'href="../../{ref}"' in svg for ref in refs), condition.id
        sizes = [float(x) for x in re.findall(r'<svg viewBox="0 0 (\d+) ', svg)]
        assert sizes == [340], condition.id  # drawn at 340 units: about 1:1 on a 390 px phone
        with_pictures += bool(refs)
        if not data.treatments_for(condition.id):
            assert "The sources name no treatment" in svg, condition.id
            assert f"The sources name no treatment for {condition.name}" in parse(
                page_of(real_site, f"condition:{condition.id}")).text, condition.id
    assert with_pictures >= 5
    myoclonus = page_of(real_site, "condition:myoclonus").read_text(encoding="utf-8")
    subtype_drugs = {t.id for sub in data.children("myoclonus") for t, _ in data.treatments_for(sub.id)}
    assert subtype_drugs and "Treatments of its subtypes" in myoclonus
    assert all(f'href="../../treatments/{t}/"' in myoclonus for t in subtype_drugs)
    assert "from a subtype" in parse(page_of(real_site, "condition:myoclonus")).text
    tree = parse(real_site / "site/generated/hierarchy/index.html")
    assert {f"../conditions/{c}/" for c in data.conditions} <= set(tree.links)
    hierarchy = (real_site / "site/generated/hierarchy/index.html").read_text(encoding="utf-8")
    assert re.search(r'<li><a href="\.\./conditions/myoclonus/">Myoclonus</a>\s*<ul>', hierarchy, re.IGNORECASE)


def test_source_pages_show_assessment_and_exclusions(real_site: Path, data: Dataset) -> None:
    for source in data.sources.values():
        text = parse(page_of(real_site, f"source:{source.id}")).text
        assert f"reliability: {label(source.assessment.reliability.value)}" in text
        assert all(" ".join(reason.split()) in text for reason in source.assessment.reasons)
        assert all(" ".join(e.note.split()) in text for e in source.exclusions), source.id


def test_spam_and_source_text_never_reach_the_site(real_site: Path, data: Dataset, sources_dir: Path) -> None:
    texts = [part for p in (real_site / "site").rglob("*.html") for part in parse(p).texts]
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

TITLE = "Sleep </title><script>alert(4)</script> paralysis"
HOSTILE = '<script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> **bold** | pipe'


def test_record_text_cannot_inject_html_script_or_links(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    shutil.copytree(DATASET, dataset)
    path = dataset / "conditions" / "sleep-paralysis.yaml"
    record = yaml.safe_load(path.read_text())
    record["name"] = TITLE
    record["definition"] = f"Trouble sleeping. {HOSTILE}"
    record["synonyms"].append({"name": "<a href='javascript:alert(3)'>x</a>"})
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    path = dataset / "warnings" / "zopiclone-common-adverse-effects.yaml"
    record = yaml.safe_load(path.read_text())
    record["statement"] = f"Bitter taste. {HOSTILE}"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))

    records = make_project(tmp_path / "project", dataset)
    assert build_site(tmp_path / "project", records) == 0
    project = tmp_path / "project"
    pages = [page_of(project, "condition:sleep-paralysis"),
             page_of(project, "warning:zopiclone-common-adverse-effects"),
             project / "site/generated/conditions/index.html", page_of(project, "treatment:zopiclone")]
    for path in pages:
        html = parse(path)
        assert not foreign(html), path
        assert not [a for a in html.values if a[0] == "img" and a[2] == "x"], path
        assert "<strong>bold</strong>" not in path.read_text(encoding="utf-8")
    raw = pages[0].read_text(encoding="utf-8")
    title = raw[raw.index("<title>"):raw.index("</head>")]
    assert "&lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in title.split("</title>")[0], title[:300]
    assert parse(pages[0]).text.startswith(TITLE) or TITLE in parse(pages[0]).text
    text = parse(pages[0]).text
    assert HOSTILE in text and "<a href='javascript:alert(3)'>x</a>" in text
    index = (project / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "javascript:alert(3)'>" not in index
    site_text = " ".join(parse(p).text for p in (project / "site").rglob("*.html"))
    assert HOSTILE in site_text


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


# -- what changed -----------------------------------------------------------------------------------------------


def test_release_page_lists_claim_level_changes_from_the_previous_release(real_site: Path, data: Dataset) -> None:
    page = real_site / "site/generated/release/index.html"
    text = parse(page).text
    assert "from release 0.1.0 to release 0.2.0" in text and "has no claim ids" in text
    row = re.search(r"parkinsons-disease-link-restless-legs-syndrome-[a-z0-9-]+ .{0,120}? supported → unsupported",
                    text)
    assert row, "the re-judged Parkinson's disease link is not listed"
    assert "../causes/parkinsons-disease/#parkinsons-disease-link-restless-legs-syndrome" in page.read_text(
        encoding="utf-8")
    record = parse(page_of(real_site, "cause:parkinsons-disease")).text
    assert "Changed in 0.2.0" in record and "re-judged" in record and "supported → unsupported" in record
    old = json.loads((ROOT / "releases/0.1.0.json").read_text(encoding="utf-8"))["records"]
    new = sorted(f"{kind}:{rid}" for kind, c in data.collections.items() for rid in c
                 if rid not in {r["id"] for r in old.get(kind, [])})
    assert new and "release 0.1.0 had no such record" in parse(page_of(real_site, new[0])).text


_STATUS = {("as-written", "supported"): "accepted", ("corrected", "supported"): "corrected",
           ("as-written", "disputed"): "disputed"}


def _old(link: dict[str, object], **changes: object) -> dict[str, object]:
    """A link as release 0.1.0 wrote it: no claim id, a curation status instead of reading and verdict."""
    judgement = (link.get("reading", "as-written"), link.get("verdict", "supported"))
    old = {k: v for k, v in link.items() if k not in ("id", "reading", "verdict", "note", "basis")}
    return {**old, "curation": {"status": _STATUS.get(judgement, "accepted")}, **changes}  # type: ignore[arg-type]


def test_claim_diff_matches_by_text_then_position(data: Dataset) -> None:
    cause = next(c for c in data.causes.values() if len(c.links) >= 3
                 and all((link.reading.value, link.verdict.value) in _STATUS for link in c.links))
    links = cause.model_dump(mode="json")["links"]
    flipped = "accepted" if links[1].get("verdict", "supported") == "disputed" else "disputed"
    old_links = [_old(links[0], statement="Worded otherwise in the old release."),  # same place, new words
                 _old(links[1], curation={"status": flipped}),  # same words, judged otherwise
                 *(_old(link) for link in links[2:]),  # unchanged
                 {"statement": "A claim the new release dropped.", "curation": {"status": "accepted"}}]
    old = {"version": "0.1.0", "records": {"cause": [{"id": cause.id, "links": old_links}]}}
    changes = compare(old, data)
    mine = sorted((c.kind, c.claim or "") for c in changes.of(f"cause:{cause.id}") if c.where == "links")
    assert mine == sorted([("reworded", links[0]["id"]), ("re-judged", links[1]["id"]), ("removed", "")])
    assert "no claim ids" in changes.method


def test_claim_diff_between_releases_with_claim_ids_follows_the_ids(data: Dataset) -> None:
    cause = next(c for c in data.causes.values() if len(c.links) >= 3)
    warning = next(iter(data.warnings.values()))
    records = {kind: [collection.raw(rid) for rid in collection] for kind, collection in data.collections.items()}
    old_cause = next(r for r in records["cause"] if r["id"] == cause.id)
    links = old_cause["links"]
    links[0]["statement"] = "Worded otherwise in the old release."
    links[1]["verdict"] = "disputed" if links[1]["verdict"] == "supported" else "supported"
    links.append({**links[2], "id": "a-claim-the-new-release-dropped", "statement": "A dropped claim."})
    links.reverse()  # the order of a list is no change
    old_warning = next(r for r in records["warning"] if r["id"] == warning.id)
    old_warning["reading"] = "corrected" if old_warning["reading"] == "as-written" else "as-written"
    changes = compare({"version": "0.1.9", "records": records}, data)
    assert changes.method == "claims matched by claim id"
    mine = sorted((c.kind, c.claim or "") for c in changes.of(f"cause:{cause.id}"))
    reworded, rejudged = cause.links[0].id, cause.links[1].id
    assert mine == sorted([("reworded", reworded), ("re-judged", rejudged), ("removed", "")])
    assert [c.kind for c in changes.of(f"warning:{warning.id}")] == ["re-judged"]
    assert len(changes.changes) == 4 and not changes.added_records and not changes.removed_records


def test_kept_release_bundle_matches_its_published_ids() -> None:
    bundle = json.loads((ROOT / "releases" / "0.1.0.json").read_text(encoding="utf-8"))
    ids = {f"{kind}:{r['id']}" for kind, records in bundle["records"].items() for r in records}
    ids |= {f"strength:{s['id']}" for r in bundle["records"]["treatment"] for s in r.get("strengths", [])}
    assert bundle["version"] == "0.1.0"
    assert ids == set((ROOT / "releases" / "0.1.0.ids").read_text(encoding="utf-8").split())


def test_provenance_names_the_reliability_of_the_article_it_falls_in(data: Dataset) -> None:
    from sleepdata.models import Article
    from sleepdata.site.context import Site

    source = data.sources["myoclonus-health-portal-compilation"]
    article = Article.model_validate({"id": "rls", "start": 0, "end": 5000, "title": "Restless legs, a forum answer",
                                      "kind": "forum-thread", "assessment": {"reliability": "very-low",
                                                                             "reasons": ["Anonymous advice."]}},
                                     strict=False)
    site = Site(data.extended([source.model_copy(update={"articles": [article]})]))
    inside = Span(source=f"source:{source.id}", start=10, end=20)
    outside = Span(source=f"source:{source.id}", start=6000, end=6010)
    [cited] = site.cited([inside, outside])
    assert cited.reliability == source.assessment.reliability.value
    assert cited.articles == [("Restless legs, a forum answer", "very-low")]
    assert cited.ranges == ["10\u201320", "6000\u20136010"]
