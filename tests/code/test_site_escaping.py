"""Text from the data never becomes markup: a site whose every free-text field holds a payload, parsed as HTML.

Free-text fields are found without naming them: a string value that still validates when replaced by the
payload is one a curator could write anything into.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from sleepdata import strict_yaml
from sleepdata.records import KIND_OF_FOLDER, validate_document
from sleepdata.site import build_site

from ..conftest import FIXTURES
from .html_safety import Elements, foreign
from .test_browser import _Quiet, browser  # noqa: F401  (the fixture)
from .test_site import make_project

PAYLOAD = ('</title><script>alert("T1")</script><img src=x onerror=alert(1)>"\' onmouseover=alert(2) x="'
           '<svg onload=alert(3)>[c](javascript:alert(4)){: onclick="alert(5)"} <a href="javascript:alert(6)">a</a>'
           " &#60;i&#62; `code` **b** | q")
# Shorter payloads for fields with a length limit (names, codes).
PAYLOADS = (PAYLOAD, '</title><script>alert("T1")</script><img src=x onerror=alert(1)>', '"><b onclick=x>')


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path] if isinstance(value, str) else []


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def poison(dataset: Path, texts: tuple[str, ...] = PAYLOADS) -> int:
    """Put the longest of `texts` that a field takes into every free-text field of every record under `dataset`;
    return how many fields took one."""
    count = 0
    for path in sorted(dataset.glob("*/*.yaml")):
        kind = KIND_OF_FOLDER[path.parent.name]
        data = strict_yaml.parse(path.read_bytes(), str(path)).data
        for leaf in _leaves(data):
            if leaf[-1:] == ("id",):
                continue
            for text in texts:
                trial = json.loads(json.dumps(data))
                _set(trial, leaf, text)
                record, _ = validate_document(kind, strict_yaml.Document(str(path), trial, {}, {}))
                if record is not None:
                    data, count = trial, count + 1
                    break
        path.write_text(strict_yaml.dump(data), encoding="utf-8")
    return count


def _site_elements(site: Path) -> tuple[Elements, list[Elements]]:
    pages = [Elements(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    union = Elements("")
    for page in pages:
        union.tags |= page.tags
        union.pairs |= page.pairs
    return union, pages


def _index_fragments(site: Path) -> list[Elements]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [Elements(doc.get(field, "")) for doc in index["docs"] for field in ("title", "text")]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo site as it is, and with a payload in every free-text field."""
    tmp_path = tmp_path_factory.mktemp("escaping")
    clean = tmp_path / "clean"
    assert build_site(clean, make_project(clean, FIXTURES / "valid" / "dataset")) == 0
    dataset = tmp_path / "dataset"
    shutil.copytree(FIXTURES / "valid" / "dataset", dataset)
    fields = poison(dataset)
    assert fields >= 20  # names, titles, synonyms, definitions, statements, notes, codes, ...
    hostile = tmp_path / "hostile"
    assert build_site(hostile, make_project(hostile, dataset)) == 0
    return clean, hostile


@pytest.mark.slow
def test_payload_in_every_text_field_builds_no_foreign_element(sites: tuple[Path, Path]) -> None:
    clean, hostile = sites
    allowed, _ = _site_elements(clean / "site")
    allowed_index = Elements("")
    for fragment in _index_fragments(clean / "site"):
        allowed_index.tags |= fragment.tags
        allowed_index.pairs |= fragment.pairs
    _, pages = _site_elements(hostile / "site")
    problems = [problem for page in pages for problem in foreign(page, allowed)]
    problems += [problem for fragment in _index_fragments(hostile / "site") for problem in foreign(fragment,
                                                                                                 allowed_index)]
    assert not problems, problems[:20]
    titles = [p for p in (hostile / "site" / "generated").rglob("index.html")
              if '</title><script>alert("T1")' in Elements(p.read_text(encoding="utf-8")).text]
    assert titles, "the payload should be shown as text (in <title> and headings)"
    visible = " ".join(page.text for page in pages)
    assert " ".join(PAYLOAD.split()) in visible


@pytest.mark.slow
def test_no_script_from_data_runs_in_chromium(sites: tuple[Path, Path], browser: Browser) -> None:  # noqa: F811
    site = sites[1] / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dialogs: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        titles: list[str] = []
        pages = sorted((site / "generated").rglob("index.html"))
        assert len(pages) > 10
        for path in pages:
            url = f"http://127.0.0.1:{server.server_address[1]}/{path.parent.relative_to(site).as_posix()}/"
            page.goto(url)
            page.wait_for_load_state("load")
            titles.append(page.title())
            for element in page.query_selector_all("img[onerror], svg[onload], [onclick], [onmouseover]"):
                raise AssertionError(f"{url}: {element.evaluate('e => e.outerHTML')[:120]}")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert dialogs == []
    assert any('</title><script>alert("T1")</script>' in title for title in titles), titles  # shown as text
