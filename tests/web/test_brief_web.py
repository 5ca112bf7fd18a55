"""Briefing, alert and watchlist routes of the workbench (API and pages) through a test client:
the brief the CLI makes, alerts raised by an ingest shown and marked read, watchlists added and
removed; 401 without the token, 403 read-only or without CSRF, 404 unknown, 422 invalid; escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from fastapi.testclient import TestClient  # noqa: E402

from api_support import copy_store  # noqa: E402
from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path  # noqa: E402
from newsgraph import corpus, watch  # noqa: E402
from newsgraph.brief import build_briefing, render  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.web.app import create_app  # noqa: E402
from pages_support import WRITE_TOKEN  # noqa: E402

JANUARY = "2024-01-17"
AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}
EVIL = '<script>window.__pwned=1</script>'


@pytest.fixture(scope="module")
def alerted_db(tmp_path_factory, pipeline) -> Path:
    """September seed, a watchlist on Kim Jong-un, then the January seed: alerts raised."""
    path = tmp_path_factory.mktemp("brief-web") / "store.sqlite"
    store = Store(path)
    corpus.ingest([str(seed_path(SEED_SUMMIT_PREVIEW))], store, pipeline=pipeline)
    watch.add(store, watch.rule_from_dict({"name": "kim", "entity": "Kim Jong-un"}))
    corpus.ingest([str(seed_path(SEED_CHOE_VISIT))], store, pipeline=pipeline, published=JANUARY)
    assert store.alerts.alerts(unread=True), "the January seed raised no alert"
    store.close()
    return path


@pytest.fixture()
def store(alerted_db: Path, tmp_path: Path):
    copy = copy_store(alerted_db, tmp_path / "copy.sqlite")
    yield copy
    copy.close()


@pytest.fixture()
def client(store) -> TestClient:
    return TestClient(create_app(store, token=WRITE_TOKEN), raise_server_exceptions=False)


def login(client: TestClient) -> str:
    """Log in through the form; the page's CSRF token."""
    assert client.post("/login", data={"token": WRITE_TOKEN, "next": "/"}, follow_redirects=False).status_code == 303
    page = client.get("/watchlists").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


# -- briefing --------------------------------------------------------------------------------

def test_api_brief_is_the_json_renderer_of_the_cli_briefing(client: TestClient, store) -> None:
    got = client.get("/api/brief", params={"since": "2024-01-01", "until": "2024-01-31"})
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/json")
    expected = json.loads(render(build_briefing(store, "2024-01-01", "2024-01-31", base_url="http://testserver"),
                                 "json"))
    assert got.json() == expected
    lines = [ev for group in expected["stories"] for ev in group["events"]]
    assert any(ev["date"] == "2024-01-16" and "Choe Son-hui" in ev["actors"] for ev in lines)
    assert all(ev["url"].startswith("http://testserver/events/") for ev in lines)


def test_api_brief_filters_and_defaults(client: TestClient, store) -> None:
    kim = client.get("/api/brief", params={"since": "2024-01", "until": "2024-01", "entity": "Kim Jong-un"}).json()
    assert kim["entities"] == ["Kim Jong-un"] and kim["since"] == "2024-01-01" and kim["until"] == "2024-01-31"
    default = client.get("/api/brief").json()  # the week up to the newest stored article
    assert default["until"] == JANUARY and default["since"] == "2024-01-11"
    last = client.get("/api/brief", params={"last": "2w", "until": "2024-01-31"}).json()
    assert last["since"] == "2024-01-18"


@pytest.mark.parametrize("params", [{"since": "2024-13-45"}, {"last": "7x"}, {"since": "yesterday"},
                                    {"since": "2024-02-01", "until": "2024-01-01"},
                                    {"since": "0001-01-05", "until": "0001-01-10"},  # no period before it
                                    {"last": "99999999d", "until": "2024-01-01"}])
def test_api_brief_refuses_bad_periods(client: TestClient, params) -> None:
    assert client.get("/api/brief", params=params).status_code == 422


def test_api_brief_unknown_story_is_404(client: TestClient) -> None:
    assert client.get("/api/brief", params={"story": "no-such-story"}).status_code == 404


def test_brief_page_shows_the_same_lines_with_event_links(client: TestClient, store) -> None:
    page = client.get("/brief", params={"since": "2024-01-01", "until": "2024-01-31"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    briefing = build_briefing(store, "2024-01-01", "2024-01-31")
    for group in briefing.stories:
        for ev in group.events:
            assert f'href="/events/{ev.event_id}"' in page.text
    for ev in briefing.upcoming:
        assert f'data-event="{ev.event_id}"' in page.text
    assert "solid-fuel" in page.text and "2024-01-16" in page.text
    assert 'src="data:image/svg+xml;base64,' in page.text  # the pair chart, as an image
    assert "Upcoming" in page.text and "Quotes" in page.text


def test_brief_page_refuses_a_bad_period_with_the_form(client: TestClient) -> None:
    page = client.get("/brief", params={"last": "soon"})
    assert page.status_code == 422 and 'class="problem"' in page.text and 'action="/brief"' in page.text


def test_brief_file_is_the_cli_file(client: TestClient, store) -> None:
    got = client.get("/brief/file", params={"format": "html", "since": "2024-01-01", "until": "2024-01-31"})
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    assert got.text == render(build_briefing(store, "2024-01-01", "2024-01-31", base_url="http://testserver"), "html")
    assert client.get("/brief/file", params={"format": "pdf"}).status_code == 422


def test_brief_page_escapes_what_it_is_given(client: TestClient) -> None:
    page = client.get("/brief", params={"entity": EVIL, "since": "2024-01-01", "until": "2024-01-31"})
    assert page.status_code == 200 and EVIL not in page.text and "&lt;script&gt;" in page.text


# -- alerts ----------------------------------------------------------------------------------

def test_api_alerts_lists_and_filters(client: TestClient, store) -> None:
    every = client.get("/api/alerts").json()
    assert every["total"] == len(store.alerts.alerts()) > 0
    first = every["items"][0]
    assert first["watchlist"] == "kim" and first["reason"] and first["evidence"]
    assert [a["id"] for a in every["items"]] == sorted((a["id"] for a in every["items"]), reverse=True)
    assert client.get("/api/alerts", params={"unread": "true"}).json()["total"] == every["total"]
    assert client.get("/api/alerts", params={"since": "2999-01-01"}).json()["total"] == 0
    assert client.get("/api/alerts", params={"limit": 0}).status_code == 422


def test_api_ack_needs_the_token_and_known_ids(client: TestClient, store) -> None:
    alert_id = store.alerts.alerts()[0].id
    assert client.post("/api/alerts/ack", json={"ids": [alert_id]}).status_code == 401
    assert client.post("/api/alerts/ack", json={"ids": [alert_id, 999999]}, headers=AUTH).status_code == 404
    assert not store.alerts.alerts(ids=[alert_id])[0].read  # nothing marked by the refused call
    assert client.post("/api/alerts/ack", json={"ids": []}, headers=AUTH).status_code == 422
    done = client.post("/api/alerts/ack", json={"ids": [alert_id]}, headers=AUTH)
    assert done.status_code == 200 and done.json() == {"acknowledged": 1}
    unread = client.get("/api/alerts", params={"unread": "true"}).json()["items"]
    assert alert_id not in {a["id"] for a in unread}


def test_home_page_shows_unread_alerts_and_the_form_marks_them_read(client: TestClient, store) -> None:
    unread = store.alerts.alerts(unread=True)
    home = client.get("/").text
    assert "Unread alerts" in home and f'data-alert="{unread[-1].id}"' in home
    assert 'action="/alerts/ack"' not in home  # not logged in: no form
    csrf = login(client)
    home = client.get("/").text
    assert 'action="/alerts/ack"' in home
    done = client.post("/alerts/ack", data={"csrf_token": csrf, "id": [str(unread[0].id)], "next": "/"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert store.alerts.alerts(ids=[unread[0].id])[0].read
    client.post("/alerts/ack", data={"csrf_token": csrf, "all": "1"}, follow_redirects=False)
    assert not store.alerts.alerts(unread=True)
    assert "No alerts." in client.get("/").text
    assert client.get("/alerts").status_code == 200 and "read" in client.get("/alerts").text


def test_alerts_form_needs_login_and_csrf(client: TestClient, store) -> None:
    alert_id = str(store.alerts.alerts()[0].id)
    assert client.post("/alerts/ack", data={"id": alert_id}).status_code == 401
    login(client)
    assert client.post("/alerts/ack", data={"id": alert_id, "csrf_token": "wrong"}).status_code == 403
    assert not store.alerts.alerts(ids=[int(alert_id)])[0].read


def test_alerts_page_lists_alerts_with_links(client: TestClient, store) -> None:
    page = client.get("/alerts")
    assert page.status_code == 200
    for alert in store.alerts.alerts():
        assert f'data-alert="{alert.id}"' in page.text
        if alert.kind in ("event", "status"):
            assert f'href="/events/{alert.subject}"' in page.text


# -- watchlists ------------------------------------------------------------------------------

RULE = {"name": "putin-conflict", "entity": ["Vladimir Putin"], "with": ["Kim Jong-un"], "types": ["THREATEN"],
        "quad": ["material-conflict"], "status_change": True, "quotes": True, "first_seen": False,
        "delivery": "none", "target": None}


def test_api_watchlists_add_list_remove(client: TestClient, store) -> None:
    assert client.post("/api/watchlists", json=RULE).status_code == 401
    made = client.post("/api/watchlists", json=RULE, headers=AUTH)
    assert made.status_code == 201 and made.json()["replaced"] is False
    assert made.json()["with"] == ["Kim Jong-un"] and made.json()["quad"] == ["material-conflict"]
    again = client.post("/api/watchlists", json={**RULE, "quotes": False}, headers=AUTH)
    assert again.json()["replaced"] is True
    listed = {r["name"]: r for r in client.get("/api/watchlists").json()["items"]}
    assert set(listed) == {"kim", "putin-conflict"} and listed["putin-conflict"]["quotes"] is False
    stored = {r.name: r for r in watch.rules(store)}["putin-conflict"]
    assert stored.with_entities == ["Kim Jong-un"] and stored.quads == ["material conflict"] and stored.status_change
    assert client.delete("/api/watchlists/putin-conflict").status_code == 401
    assert client.delete("/api/watchlists/putin-conflict", headers=AUTH).json()["name"] == "putin-conflict"
    assert client.delete("/api/watchlists/putin-conflict", headers=AUTH).status_code == 404
    assert [r.name for r in watch.rules(store)] == ["kim"]


@pytest.mark.parametrize("bad", [{"types": ["FLY"]}, {"quad": ["lukewarm"]}, {"delivery": "pigeon"},
                                 {"delivery": "webhook", "target": "ftp://x"}, {"name": " "}, {"colour": "red"}])
def test_api_watchlists_refuse_bad_rules(client: TestClient, bad) -> None:
    assert client.post("/api/watchlists", json={**RULE, **bad}, headers=AUTH).status_code == 422


def test_watchlists_page_adds_and_removes(client: TestClient, store) -> None:
    page = client.get("/watchlists")
    assert page.status_code == 200 and 'data-watchlist="kim"' in page.text and 'action="/watchlists"' not in page.text
    csrf = login(client)
    form = {"csrf_token": csrf, "name": "drills", "entity": "South Korea, Japan", "types": ["COOPERATE", "MOBILIZE"],
            "quad": "material-cooperation", "first_seen": "1", "delivery": "none"}
    assert client.post("/watchlists", data=form, follow_redirects=False).status_code == 303
    rule = {r.name: r for r in watch.rules(store)}["drills"]
    assert rule.entities == ["South Korea", "Japan"] and rule.types == ["COOPERATE", "MOBILIZE"]
    assert rule.quads == ["material cooperation"] and rule.first_seen and not rule.quotes
    assert 'data-watchlist="drills"' in client.get("/watchlists").text
    bad = client.post("/watchlists", data={**form, "name": "x", "types": "FLY"})
    assert bad.status_code == 422 and "FLY" in bad.text and 'class="problem"' in bad.text
    removed = client.post("/watchlists/drills/remove", data={"csrf_token": csrf}, follow_redirects=False)
    assert removed.status_code == 303 and "drills" not in {r.name for r in watch.rules(store)}
    assert client.post("/watchlists/drills/remove", data={"csrf_token": csrf}).status_code == 404


def test_watchlist_forms_need_login_and_csrf(client: TestClient, store) -> None:
    assert client.post("/watchlists", data={"name": "x", "entity": "Kim Jong-un"}).status_code == 401
    assert client.post("/watchlists/kim/remove", data={}).status_code == 401
    login(client)
    assert client.post("/watchlists", data={"name": "x", "csrf_token": "nope"}).status_code == 403
    assert client.post("/watchlists/kim/remove", data={"csrf_token": "nope"}).status_code == 403
    assert [r.name for r in watch.rules(store)] == ["kim"]


def test_watchlist_names_are_escaped(client: TestClient, store) -> None:
    made = client.post("/api/watchlists", json={**RULE, "name": EVIL, "entity": [EVIL]}, headers=AUTH)
    assert made.status_code == 201
    page = client.get("/watchlists").text
    assert EVIL not in page and "&lt;script&gt;" in page


def test_read_only_refuses_every_write(store) -> None:
    client = TestClient(create_app(store, read_only=True), raise_server_exceptions=False)
    alert_id = store.alerts.alerts()[0].id
    assert client.post("/api/alerts/ack", json={"ids": [alert_id]}, headers=AUTH).status_code == 403
    assert client.post("/api/watchlists", json=RULE, headers=AUTH).status_code == 403
    assert client.delete("/api/watchlists/kim", headers=AUTH).status_code == 403
    assert client.post("/alerts/ack", data={"id": str(alert_id)}).status_code == 403
    assert client.post("/watchlists", data={"name": "x"}).status_code == 403
    assert client.post("/watchlists/kim/remove", data={}).status_code == 403
    for path in ("/", "/alerts", "/watchlists", "/brief", "/api/alerts", "/api/watchlists", "/api/brief"):
        assert client.get(path).status_code == 200, path
    assert 'action="/alerts/ack"' not in client.get("/alerts").text
    assert not store.alerts.alerts(ids=[alert_id])[0].read and [r.name for r in watch.rules(store)] == ["kim"]
