"""Watchlists, alerts and the briefing in real headless Chromium: log in, add a watchlist on the
page, ingest the January 2024 seed through the corpus API, see its alert on the home page, mark
it read; screenshots of the home, brief and alerts pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path  # noqa: E402
from newsgraph import corpus  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.web.app import create_app  # noqa: E402
from pages_support import WRITE_TOKEN, serve_app  # noqa: E402
from web_support import screenshot_path  # noqa: E402


@pytest.fixture(scope="module")
def september_db(tmp_path_factory, pipeline) -> Path:
    path = tmp_path_factory.mktemp("brief-browser") / "store.sqlite"
    store = Store(path)
    corpus.ingest([str(seed_path(SEED_SUMMIT_PREVIEW))], store, pipeline=pipeline)
    store.close()
    return path


@pytest.fixture()
def served(september_db: Path, tmp_path: Path) -> Iterator[tuple[str, Store]]:
    copy = tmp_path / "store.sqlite"
    shutil.copy(september_db, copy)
    store = Store(copy)
    with serve_app(create_app(store, token=WRITE_TOKEN)) as base_url:
        yield base_url, store
    store.close()


def watch_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    return errors


def log_in(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/login?next=/watchlists")
    page.fill("input[name=token]", WRITE_TOKEN)
    page.click("form.narrow button")
    page.wait_for_url("**/watchlists", timeout=15000)


def test_watchlist_added_on_the_page_alerts_on_ingest_and_is_marked_read(browser_page, served, pipeline) -> None:
    base_url, store = served
    page = browser_page
    errors = watch_errors(page)
    log_in(page, base_url)
    page.fill("form.watch-add input[name=name]", "kim")
    page.fill("form.watch-add input[name=entity]", "Kim Jong-un")
    page.check("form.watch-add input[name=status_change]")
    page.click("form.watch-add button")
    page.locator('tr[data-watchlist="kim"]').wait_for(timeout=15000)
    assert [r.name for r in store.alerts.watchlists()] == ["kim"]
    assert store.alerts.watchlists()[0].entities == ["Kim Jong-un"]

    report = corpus.ingest([str(seed_path(SEED_CHOE_VISIT))], store, pipeline=pipeline, published="2024-01-17")
    assert report.count("added") == 1, report.summary()
    raised = store.alerts.alerts(unread=True)
    assert raised, "the January seed raised no alert"

    page.goto(f"{base_url}/")
    shown = page.locator(".unread-alerts li.alert.unread")
    assert shown.count() == min(8, len(raised))
    newest = raised[-1]
    item = page.locator(f'.unread-alerts li[data-alert="{newest.id}"]')
    assert newest.reason in item.inner_text() and "[kim]" in item.inner_text()
    page.screenshot(path=str(screenshot_path("home-alerts.png")), full_page=True)
    item.locator("input[type=checkbox]").check()
    page.click(".unread-alerts button:has-text('Mark selected read')")
    page.wait_for_load_state()
    assert page.locator(f'.unread-alerts li[data-alert="{newest.id}"]').count() == 0
    assert store.alerts.alerts(ids=[newest.id])[0].read
    assert len(store.alerts.alerts(unread=True)) == len(raised) - 1

    page.goto(f"{base_url}/alerts")
    assert page.locator(f'li.alert.read[data-alert="{newest.id}"]').count() == 1
    page.screenshot(path=str(screenshot_path("alerts.png")), full_page=True)

    page.goto(f"{base_url}/brief?since=2024-01-01&until=2024-01-31")
    assert "2024-01-16" in page.inner_text("section.brief") and "Choe Son-hui" in page.inner_text("section.brief")
    assert page.locator("img.chart").evaluate("img => img.naturalWidth") > 0  # the chart image decoded
    page.screenshot(path=str(screenshot_path("brief.png")), full_page=True)
    first_event = page.locator("li.brief-event a:has-text('event page')").first
    first_event.click()
    page.wait_for_url("**/events/**", timeout=15000)
    assert not errors, errors
