"""The built site in a real browser (Debian's chromium through Playwright): navigation, search, warnings.

Screenshots go to `screenshots/` (git-ignored). The test fails, never skips, when chromium is missing.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from sleepdata.dataset import Dataset
from sleepdata.models import TreatmentKind
from sleepdata.models.common import SynonymKind

from ..conftest import DATASET, ROOT
from .test_site import built_site

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "screenshots"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = built_site(tmp_path_factory) / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or CHROMIUM)
    assert executable.exists(), f"no chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def drug_alias(data: Dataset) -> tuple[str, str, str]:
    """A one-word other name of a drug (a misspelling if there is one) and the drug's id and name."""
    candidates = []
    for treatment in data.treatments.values():
        if treatment.kind is not TreatmentKind.DRUG:
            continue
        for synonym in treatment.synonyms:
            rank = 0 if synonym.kind in {SynonymKind.MISSPELLING, SynonymKind.MISTRANSLATION} else 1
            candidates.append((rank, synonym.name, treatment.id, treatment.name))
        candidates += [(2, brand.name, treatment.id, treatment.name) for brand in treatment.brands]
    words = sorted(c for c in candidates if re.fullmatch(r"[A-Za-z]{5,}", c[1])
                   and c[1].casefold() not in treatment_names(data))
    assert words, "no drug has a one-word synonym, misspelling or brand to search for"
    return words[0][1:]


def treatment_names(data: Dataset) -> set[str]:
    return {t.name.casefold() for t in data.treatments.values()}


def expect_title(page: Page, title: str) -> None:
    """The page's heading is `title` (followed by its permalink sign)."""
    expect(page.locator("h1")).to_have_text(re.compile(rf"^{re.escape(title)}\s*¶?$"))


def search(page: Page, term: str) -> None:
    """Type `term` into the search box as a reader would, once the search index has loaded."""
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(term, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def test_reader_finds_a_condition_a_drug_and_the_strength_warning(page: Page, base_url: str) -> None:
    data = Dataset.from_path(DATASET)

    # Home: what the dataset is, and the disclaimer.
    page.goto(base_url)
    expect_title(page, "sleepdata")
    expect(page.locator(".admonition.danger")).to_contain_text("Reference material, not medical advice")
    page.screenshot(path=SHOTS / "home.png")

    # Two clicks to a condition: the navigation's index page, then the record.
    page.locator("nav.md-nav--primary").get_by_role("link", name="Conditions", exact=True).click()
    expect_title(page, "Conditions")
    page.screenshot(path=SHOTS / "conditions-index.png")
    name = data.conditions["restless-legs-syndrome"].name
    page.locator("article").get_by_role("link", name=name, exact=True).first.click()
    expect_title(page, name)
    assert page.url.endswith("/generated/conditions/restless-legs-syndrome/")
    diagram = page.locator("figure.sd-diagram svg")
    expect(diagram).to_be_visible()
    assert diagram.locator("a").count() >= len({c.id for c, _ in data.causes_of("restless-legs-syndrome")})
    page.screenshot(path=SHOTS / "condition.png")
    page.locator("figure.sd-diagram").screenshot(path=SHOTS / "condition-diagram.png")
    disputed = page.locator(".sd-claim.admonition.danger", has_text="What is known instead").first
    disputed.scroll_into_view_if_needed()
    expect(disputed).to_be_visible()
    page.screenshot(path=SHOTS / "condition-disputed.png")

    # Search a drug by another name the sources use.
    alias, drug_id, drug_name = drug_alias(data)
    search(page, alias)
    hit = page.locator(f'.md-search-result__item a[href*="generated/treatments/{drug_id}/"]').first
    expect(hit).to_be_visible()
    page.screenshot(path=SHOTS / "search.png")
    hit.click()
    expect_title(page, drug_name)
    expect(page.locator(".sd-aka")).to_contain_text(alias)

    # Search by a misspelling the sources use, when a record has one.
    misspelt = [(s.name, f"{kind}s/{r.id}/") for kind, c in (("condition", data.conditions), ("treatment",
                data.treatments)) for r in c.values() for s in r.synonyms
                if s.kind is SynonymKind.MISSPELLING and re.fullmatch(r"[A-Za-z]{5,}", s.name)]
    if misspelt:
        search(page, misspelt[0][0])
        expect(page.locator(f'.md-search-result__item a[href*="{misspelt[0][1]}"]').first).to_be_visible()
        page.screenshot(path=SHOTS / "search-misspelling.png")
        page.keyboard.press("Escape")

    # Zopiclone through the treatments index: the non-standard strength cannot be missed.
    page.locator("nav.md-nav--primary").get_by_role("link", name="Treatments", exact=True).click()
    page.locator("article").get_by_role("link", name="zopiclone", exact=True).first.click()
    expect_title(page, "zopiclone")
    top = page.locator(".admonition.danger").first
    expect(top).to_be_visible()
    expect(top).to_contain_text("Strength not marketed or not verifiable: 20 mg")
    page.screenshot(path=SHOTS / "zopiclone.png")
    top.locator("a", has_text="20 mg").click()
    heading = page.locator("#strength-zopiclone-20-mg")
    expect(heading).to_have_text(re.compile(r"^20 mg"))
    expect(heading).to_be_in_viewport()
    expect(page.locator(".sd-marketed-not-marketed").first).to_have_text("⚠ not marketed")
    page.screenshot(path=SHOTS / "zopiclone-strength.png")
    assert {p.name for p in SHOTS.glob("*.png")} >= {"home.png", "condition.png", "search.png", "zopiclone.png"}


def first_result(page: Page, term: str) -> str:
    """The address of the first page the search lists for `term`, relative to the site."""
    search(page, term)
    page.wait_for_timeout(1500)  # results refine while the last keystrokes are processed
    href = page.locator(".md-search-result__item > a").first.get_attribute("href") or ""
    return re.sub(r"^https?://[^/]+/|\?.*$|#.*$", "", href)


@pytest.mark.parametrize(("term", "expected"), [
    ("zopiclone", "generated/treatments/zopiclone/"),
    ("zopiklone", "generated/treatments/zopiclone/"),
    ("Imovane", "generated/treatments/zopiclone/"),
    ("insomnia", "generated/conditions/insomnia/"),
    ("insomina", "generated/conditions/insomnia/"),
    ("clonazepam", "generated/treatments/clonazepam/"),
    ("myoclonus", "generated/conditions/myoclonus/"),
    ("restless legs", "generated/conditions/restless-legs-syndrome/"),
    ("valproate", "generated/treatments/valproic-acid/"),
])
def test_search_puts_the_record_page_first(page: Page, base_url: str, term: str, expected: str) -> None:
    page.goto(base_url)
    assert first_result(page, term) == expected
    snippet = page.locator(".md-search-result__item").first.inner_text()
    assert not re.search(r"[a-z][.:;][a-z]{2}", snippet), f"words run together: {snippet[:200]}"
    if term in ("zopiklone", "insomina", "Imovane"):
        page.screenshot(path=SHOTS / f"search-{term.lower()}.png")


def test_condition_page_reads_on_a_phone(browser: Browser, base_url: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base_url + "generated/conditions/restless-legs-syndrome/")
    figure = page.locator("figure.sd-diagram")
    figure.scroll_into_view_if_needed()
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('figure.sd-diagram svg text')]
        .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))""")
    box = figure.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert smallest >= 11, f"the smallest diagram text is {smallest:.1f} px at 390 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("figure.sd-diagram svg")).to_contain_text("The sources name no treatment")
    page.screenshot(path=SHOTS / "condition-390.png")
    figure.screenshot(path=SHOTS / "condition-diagram-390.png")
    page.goto(base_url + "generated/conditions/myoclonus/")
    page.locator("figure.sd-diagram").screenshot(path=SHOTS / "myoclonus-diagram-390.png")
    expect(page.locator("figure.sd-diagram svg")).to_contain_text("Treatments of its subtypes")
    context.close()


def test_a_claim_link_opens_scrolled_to_its_claim(page: Page, base_url: str) -> None:
    data = Dataset.from_path(DATASET)
    claim = data.conditions["restless-legs-syndrome"].features[-1].id
    page.goto(f"{base_url}generated/conditions/restless-legs-syndrome/#{claim}")
    target = page.locator(f"[id='{claim}']")
    expect(target).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 1000, "the page did not scroll to the claim"
    assert page.evaluate("document.querySelector(':target').id") == claim
    page.screenshot(path=SHOTS / "claim-anchor.png")


def test_release_page_lists_a_known_change(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.locator("nav.md-nav--primary").get_by_role("link", name="What changed in this release").click()
    expect_title(page, "What changed in 0.2.0")
    row = page.locator("tr", has_text="parkinsons-disease-link-restless-legs-syndrome")
    expect(row.first).to_contain_text("supported → unsupported")
    row.first.scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "release.png")
    row.first.locator("a", has_text="parkinsons-disease-link").click()
    assert "/generated/causes/parkinsons-disease/#parkinsons-disease-link-restless-legs-syndrome" in page.url
    claim = page.url.split("#", 1)[1]
    expect(page.locator(f"[id='{claim}']")).to_be_in_viewport()
    expect(page.locator(f"[id='{claim}']")).to_contain_text("re-judged")
    page.screenshot(path=SHOTS / "release-claim.png")


def test_hierarchy_is_drawn_as_a_tree(page: Page, base_url: str) -> None:
    data = Dataset.from_path(DATASET)
    page.goto(base_url + "generated/hierarchy/")
    myoclonus = page.locator(".sd-tree li", has=page.locator("> a", has_text=re.compile(r"^Myoclonus$")))
    kinds = myoclonus.locator("> ul > li")
    expect(kinds).to_have_count(len(data.children("myoclonus")))
    connector = kinds.first.evaluate("e => getComputedStyle(e, '::before').borderLeftStyle")
    assert connector == "solid", "subtypes are not joined to their parent by a line"
    page.screenshot(path=SHOTS / "hierarchy.png")
