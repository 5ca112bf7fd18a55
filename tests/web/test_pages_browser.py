"""The workbench in real headless Chromium: timeline → event, entity graph, a merge on the page
that survives a re-ingest, a hostile article that runs nothing, and a screenshot of each page."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from newsgraph.query import Corpus  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.web.app import create_app  # noqa: E402
from pages_support import HOSTILE, HOSTILE_MARK, WRITE_TOKEN, seed_store_path, serve_app  # noqa: E402
from service_support import service_missing  # noqa: E402
from web_support import ROOT, screenshot_path  # noqa: E402

VENDOR = ROOT / "src" / "newsgraph" / "web" / "static" / "vendor"
VENDOR_SCRIPTS = ("vis-timeline-graph2d.min.js", "cytoscape.min.js", "chart.umd.min.js")


@pytest.fixture(scope="module", autouse=True)
def vendor_files() -> None:
    missing = [name for name in VENDOR_SCRIPTS if not (VENDOR / name).is_file()]
    if missing:
        service_missing(f"web vendor files missing ({', '.join(missing)}): run `make assets` (needs npm)")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, pipeline) -> Path:
    return seed_store_path(tmp_path_factory.mktemp("browser-seeds"), pipeline)


@pytest.fixture()
def served(seed_db: Path, tmp_path: Path) -> Iterator[tuple[str, Store]]:
    """The app over a private copy of the seed store, served on loopback: (base URL, store)."""
    copy = tmp_path / "store.sqlite"
    shutil.copy(seed_db, copy)
    store = Store(copy)
    with serve_app(create_app(store, token=WRITE_TOKEN)) as base_url:
        yield base_url, store


def watch_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    return errors


def summit(store: Store) -> dict[str, Any]:
    events = Corpus(store).timeline(pair=("Vladimir Putin", "Kim Jong-un"), type="CONSULT",
                                    since="2023-09", until="2023-09")
    both = [e for e in events if len(e["documents"]) == 2]
    assert both, "the seed articles' summit is not one canonical event"
    return both[0]


def test_timeline_shows_the_summit_and_its_event_page_highlights_both_reports(browser_page, served) -> None:
    base_url, store = served
    event = summit(store)
    errors = watch_errors(browser_page)
    browser_page.goto(f"{base_url}/timeline")
    item = browser_page.locator(f'.vis-item [data-event="{event["id"]}"]')
    item.wait_for(state="visible", timeout=15000)
    assert "Vladimir Putin" in item.inner_text() and "Kim Jong-un" in item.inner_text()
    browser_page.screenshot(path=str(screenshot_path("timeline.png")))
    item.click()
    browser_page.wait_for_url(f"**/events/{event['id']}", timeout=15000)
    mentions = browser_page.locator("article.mention")
    docs = {mentions.nth(i).get_attribute("data-doc") for i in range(mentions.count())}
    assert docs == set(store.doc_ids()) and len(docs) == 2
    for i in range(mentions.count()):
        assert mentions.nth(i).locator("mark.m-trigger").count() >= 1
    assert browser_page.locator("article.mention mark.m-actor").count() >= 2
    assert browser_page.locator("tr.changed").count() >= 1  # the report that changed its status
    browser_page.screenshot(path=str(screenshot_path("event.png")), full_page=True)
    link = mentions.first.locator("header a").first
    link.click()
    browser_page.wait_for_url("**/documents/**", timeout=15000)
    assert browser_page.locator("#focus").count() == 1
    browser_page.screenshot(path=str(screenshot_path("document.png")))
    assert not errors, errors


def test_kim_jong_un_entity_page_draws_his_graph_and_a_node_click_moves(browser_page, served) -> None:
    base_url, store = served
    kim = Corpus(store).resolve_name("Kim Jong-un")
    errors = watch_errors(browser_page)
    browser_page.goto(f"{base_url}/entities/{kim['id']}")
    browser_page.wait_for_selector("#graph[data-nodes]", timeout=15000)
    nodes = int(browser_page.get_attribute("#graph", "data-nodes") or 0)
    assert nodes > 1
    assert browser_page.locator("#graph canvas").count() >= 1
    browser_page.screenshot(path=str(screenshot_path("entity.png")), full_page=True)
    target = browser_page.evaluate(
        "() => { const n = window.newsgraphGraph.nodes('[centre = 0]')[0]; const p = n.renderedPosition();"
        " const box = document.getElementById('graph').getBoundingClientRect();"
        " return {id: n.id(), x: box.left + p.x, y: box.top + p.y}; }")
    browser_page.mouse.click(target["x"], target["y"])
    browser_page.wait_for_url(f"**/entities/{target['id']}", timeout=15000)
    assert not errors, errors


def test_other_pages_render_and_are_screenshotted(browser_page, served) -> None:
    base_url, store = served
    errors = watch_errors(browser_page)
    pages = {"home": "/", "search": "/search?q=Vostochny", "stories": "/stories", "review": "/review",
             "dyad": "/dyad?a=Vladimir+Putin&b=Kim+Jong-un"}
    for name, path in pages.items():
        browser_page.goto(base_url + path)
        if name == "dyad":
            browser_page.wait_for_selector("#dyad-chart[data-ready]", timeout=15000)
        browser_page.screenshot(path=str(screenshot_path(f"{name}.png")), full_page=name != "home")
    assert not errors, errors
    assert browser_page.locator("#dyad-chart").count() == 1


def login(page: Any, base_url: str, next_path: str) -> None:
    page.goto(f"{base_url}/login?next={next_path}")
    page.fill("input[name=token]", WRITE_TOKEN)
    page.click("form[action='/login'] button")
    page.wait_for_url(f"**{next_path}", timeout=15000)


def test_merge_made_on_the_page_survives_a_reingest(browser_page, served, pipeline) -> None:
    pytest.importorskip("newsgraph.review", reason="newsgraph.review (corrections) comes with branch i12api")
    from newsgraph.corpus import ingest, remove

    base_url, store = served
    corpus = Corpus(store)
    keep, drop = corpus.resolve_name("United Nations"), corpus.resolve_name("United Nations Security Council")
    assert keep["id"] != drop["id"]
    login(browser_page, base_url, f"/entities/{keep['id']}")
    browser_page.select_option("#merge-form select[name=other]", drop["id"])
    browser_page.fill("#merge-form input[name=reason]", "one body, two names")
    browser_page.click("#merge-form button")
    browser_page.wait_for_selector(".corrections li.active", timeout=15000)
    assert "merge" in browser_page.inner_text(".corrections")
    assert corpus.resolve_name("United Nations Security Council")["id"] == corpus.resolve_name("United Nations")["id"]

    doc = store.load_document(store.doc_ids()[0])
    assert doc is not None and doc.source.path
    remove([doc.doc_id], store)
    report = ingest([doc.source.path], store, pipeline=pipeline, published=doc.published)
    assert report.count("added") == 1
    merged = corpus.resolve_name("United Nations")
    assert corpus.resolve_name("United Nations Security Council")["id"] == merged["id"]
    browser_page.goto(f"{base_url}/entities/{merged['id']}")
    assert "united nations security council" in browser_page.inner_text("main").lower()
    assert "one body, two names" in browser_page.inner_text(".corrections")
    browser_page.screenshot(path=str(screenshot_path("entity_after_merge.png")), full_page=True)


def test_hostile_article_runs_none_of_its_scripts(browser_page, tmp_path: Path, pipeline) -> None:
    store = Store(seed_store_path(tmp_path, pipeline, hostile=True))
    dialogs: list[str] = []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile_entities = [e["id"] for e in store.read.canonical_entities() if "<" in e["name"]]
    events = [e["id"] for e in Corpus(store).timeline() if HOSTILE["id"] in e["documents"]]
    assert hostile_entities and events
    paths = ["/", "/timeline", f"/documents/{HOSTILE['id']}", "/search?q=Putin", "/stories",
             *(f"/entities/{e}" for e in hostile_entities[:4]), *(f"/events/{e}" for e in events[:4])]
    with serve_app(create_app(store, token=WRITE_TOKEN)) as base_url:
        for path in paths:
            browser_page.goto(base_url + path)
            browser_page.wait_for_load_state("load")
            for element in browser_page.locator("main a, main mark, main b, .vis-item").all()[:80]:
                element.dispatch_event("mouseover")  # would fire any onmouseover that got into the page
            assert browser_page.evaluate(f"() => window.{HOSTILE_MARK}") is None, path
            assert browser_page.locator("a[href^='javascript:' i]").count() == 0, path
            assert browser_page.locator("main script:not([type='application/json']), main img").count() == 0, path
        browser_page.goto(f"{base_url}/documents/{HOSTILE['id']}")
        assert "<script>" in browser_page.inner_text("h1")  # shown as text, not run
        browser_page.screenshot(path=str(screenshot_path("hostile_document.png")))
    assert not dialogs, dialogs
