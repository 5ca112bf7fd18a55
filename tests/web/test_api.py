"""The JSON API over a store holding both seed articles: every route, filter, pagination, errors."""

from __future__ import annotations

import pytest

from api_support import TOKEN

LISTS = ["/api/documents", "/api/entities", "/api/events", "/api/stories", "/api/quotes",
         "/api/review/corrections"]


def _entity(client, name: str) -> dict:
    found = client.get("/api/entities", params={"q": name}).json()["items"]
    assert found, name
    return found[0]


@pytest.fixture(scope="module")
def kim(client):
    return _entity(client, "Kim Jong-un")


@pytest.fixture(scope="module")
def putin(client):
    return _entity(client, "Vladimir Putin")


@pytest.mark.parametrize("url", LISTS)
def test_every_list_is_a_page(client, url):
    page = client.get(url, params={"limit": 2}).json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert page["limit"] == 2 and page["offset"] == 0 and len(page["items"]) <= 2
    if url != "/api/review/corrections":
        assert page["total"] >= 1


@pytest.mark.parametrize("url", ["/api/documents", "/api/entities", "/api/events", "/api/quotes"])
def test_pagination_walks_the_whole_list(client, url):
    total = client.get(url, params={"limit": 1}).json()["total"]
    assert total >= 2
    first = client.get(url, params={"limit": 1, "offset": 0}).json()["items"]
    second = client.get(url, params={"limit": 1, "offset": 1}).json()["items"]
    assert first != second
    everything = client.get(url, params={"limit": 500}).json()["items"]
    assert len(everything) == total
    assert client.get(url, params={"offset": total}).json()["items"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}])
def test_bad_paging_is_422(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_documents_filters_and_text_with_offsets(client, seed_store):
    docs = client.get("/api/documents").json()["items"]
    assert len(docs) == 2
    dated = [d for d in docs if d["published"]]
    assert dated and dated[0]["published"].startswith("2023-09")
    assert client.get("/api/documents", params={"since": "2023-09-01", "until": "2023-09-30"}).json()["total"] >= 1
    assert client.get("/api/documents", params={"since": "2030"}).json()["total"] == 0
    assert client.get("/api/documents", params={"q": "no such title words"}).json()["total"] == 0
    doc = client.get(f"/api/documents/{docs[0]['doc_id']}").json()
    text = doc["text"]
    for entity in doc["entities"]:
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for event in doc["events"]:
        if event["trigger"]:
            assert text[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
        assert doc["canonical_events"][event["id"]]
    assert doc["timexes"] and doc["quotes"] and "warnings" in doc
    assert set(doc["canonical_entities"]) == {e["id"] for e in doc["entities"]}


def test_unknown_records_are_404(client):
    for url in ["/api/documents/nope", "/api/entities/Enope", "/api/entities/Enope/graph", "/api/events/Vnope",
                "/api/stories/Snope", "/api/events?entity=Nobody%20Atall", "/api/dyads?a=Enope&b=Enope2"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "no " in response.json()["detail"]


def test_entities_search_type_country(client, kim):
    assert kim["name"] == "Kim Jong-un" and kim["type"] == "PERSON" and kim["country"] == "PRK"
    gpes = client.get("/api/entities", params={"type": "GPE", "limit": 500}).json()["items"]
    assert gpes and all(e["type"] == "GPE" for e in gpes)
    korean = client.get("/api/entities", params={"country": "PRK", "limit": 500}).json()["items"]
    assert kim["id"] in {e["id"] for e in korean} and all(e["country"] == "PRK" for e in korean)


def test_entity_profile(client, kim, putin):
    profile = client.get(f"/api/entities/{kim['id']}").json()
    assert len(profile["documents"]) == 2
    assert any(t["title"] == "leader" for t in profile["titles_over_time"])
    assert profile["events"] and all(kim["id"] in {a["id"] for a in e["actors"] + e["recipients"]}
                                     for e in profile["events"])
    assert putin["id"] in {c["id"] for c in profile["co_actors"]}
    assert {e["doc_id"] for e in profile["evidence"]} == set(profile["documents"])
    assert profile["corrections"] == []
    quotes = client.get(f"/api/entities/{putin['id']}").json()["quotes"]
    assert all(q["speaker"] == putin["id"] for q in quotes)


def test_graph_neighbourhood(client, kim, putin):
    graph = client.get(f"/api/entities/{kim['id']}/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["center"] == kim["id"] and kim["id"] in ids and putin["id"] in ids and len(ids) > 1
    assert all(e["weight"] >= 1 and e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert all(e["first"] <= e["last"] for e in graph["edges"] if e["first"])
    wider = client.get(f"/api/entities/{kim['id']}/graph", params={"depth": 2}).json()
    assert len(wider["nodes"]) >= len(graph["nodes"])
    narrow = client.get(f"/api/entities/{kim['id']}/graph", params={"since": "2030-01-01"}).json()
    assert [n["id"] for n in narrow["nodes"]] == [kim["id"]] and narrow["edges"] == []
    assert len(client.get(f"/api/entities/{kim['id']}/graph", params={"limit": 1}).json()["nodes"]) == 2
    assert client.get(f"/api/entities/{kim['id']}/graph", params={"depth": 3}).status_code == 422


def test_events_filters(client, kim, putin):
    everything = client.get("/api/events", params={"limit": 500}).json()["items"]
    dates = [e["sort_date"] for e in everything if e["sort_date"]]
    assert dates == sorted(dates)
    mine = client.get("/api/events", params={"entity": kim["id"], "limit": 500}).json()["items"]
    assert mine and all(kim["id"] in {a["id"] for a in e["actors"] + e["recipients"]} for e in mine)
    by_name = client.get("/api/events", params={"entity": "Kim Jong-un", "limit": 500}).json()["items"]
    assert [e["id"] for e in by_name] == [e["id"] for e in mine]
    pair = client.get("/api/events", params=[("pair", kim["id"]), ("pair", putin["id"]), ("limit", 500)]).json()
    assert pair["items"] and all({kim["id"], putin["id"]} <= {a["id"] for a in e["actors"] + e["recipients"]}
                                 for e in pair["items"])
    september = client.get("/api/events", params=[("pair", kim["id"]), ("pair", putin["id"]),
                                                  ("since", "2023-09-01"), ("until", "2023-09-30")]).json()
    assert september["items"] and all(e["sort_date"].startswith("2023-09") for e in september["items"])
    consult = client.get("/api/events", params={"type": "consult", "limit": 500}).json()["items"]
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    quad = client.get("/api/events", params={"quad": "verbal cooperation", "limit": 500}).json()["items"]
    assert {e["id"] for e in consult} <= {e["id"] for e in quad}
    assert all(e["quad"] == "verbal cooperation" for e in quad)
    for field, value in (("status", "happened"), ("modality", "asserted")):
        chosen = client.get("/api/events", params={field: value, "limit": 500}).json()["items"]
        assert chosen and all(e[field] == value for e in chosen)
    assert client.get("/api/events", params={"status": "no-such"}).json()["total"] == 0


@pytest.mark.parametrize("params", [{"quad": "friendship"}, {"pair": "Eonly"}, {"since": "Sept 2023"},
                                    {"until": "2023-13-45x"}])
def test_events_bad_filters_are_422(client, params):
    assert client.get("/api/events", params=params).status_code == 422


def test_event_page_reports_from_both_articles(client, kim, putin):
    pair = client.get("/api/events", params=[("pair", kim["id"]), ("pair", putin["id"]), ("limit", 500)]).json()
    shared = [e for e in pair["items"] if len(e["documents"]) == 2]
    assert shared, "an event of Kim and Putin reported by both seed articles"
    event = client.get(f"/api/events/{shared[0]['id']}").json()
    assert {r["doc_id"] for r in event["reports"]} == set(shared[0]["documents"])
    assert event["status_history"] and event["status_history"][0]["doc_id"]
    docs = {d: client.get(f"/api/documents/{d}").json()["text"] for d in shared[0]["documents"]}
    for report in event["reports"]:
        text = docs[report["doc_id"]]
        sentence, trigger = report["sentence"], report["trigger"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        for span in report["actors"] + report["recipients"]:
            assert sentence["start"] <= span["start"] and text[span["start"]:span["end"]] == span["text"]
    # a report may name its parties only by an unresolved pronoun ("said they would meet")
    assert any(report["actors"] or report["recipients"] for report in event["reports"])


def test_dyad(client, kim, putin):
    dyad = client.get("/api/dyads", params={"a": kim["id"], "b": putin["id"]}).json()
    assert dyad["a"]["id"] == kim["id"] and dyad["b"]["id"] == putin["id"]
    assert sum(dyad["quad_totals"].values()) >= 1 and dyad["by_month"]
    assert client.get("/api/dyads", params={"a": kim["id"]}).status_code == 422


def test_stories_quotes_search_stats(client, putin):
    stories = client.get("/api/stories").json()["items"]
    story = client.get(f"/api/stories/{stories[0]['id']}").json()
    assert story["documents"] and story["events"]
    by_putin = client.get("/api/quotes", params={"speaker": putin["id"]}).json()
    assert all(q["speaker"] == putin["id"] for q in by_putin["items"])
    by_text = client.get("/api/quotes", params={"speaker": "Analysts"}).json()["items"]
    assert by_text and all("analysts" in (q["speaker_text"] or "").lower() for q in by_text)
    found = client.get("/api/search", params={"q": "Vostochny"}).json()
    assert found["documents"] and found["query"] == "Vostochny"
    assert client.get("/api/search", params={"q": "Putin"}).json()["entities"]
    assert client.get("/api/search").status_code == 422
    stats = client.get("/api/stats").json()
    assert stats["counts"]["documents"] == 2 and stats["latest_events"] and stats["developing_stories"]
    assert "recent_status_changes" in stats and stats["corrections"] == 0
    vocab = client.get("/api/vocabularies").json()
    assert "CONSULT" in vocab["types"] and "merge" in vocab["correction_kinds"]


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ["/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/entities/{entity_id}",
                 "/api/entities/{entity_id}/graph", "/api/events", "/api/events/{event_id}", "/api/dyads",
                 "/api/stories", "/api/stories/{story_id}", "/api/quotes", "/api/search", "/api/stats",
                 "/api/review/corrections", "/api/review/corrections/{correction_id}"]:
        assert path in paths, path


def test_writes_need_the_token(client, kim, putin):
    body = {"kind": "merge", "targets": [kim["id"], putin["id"]]}
    assert client.post("/api/review/corrections", json=body).status_code == 401
    wrong = client.post("/api/review/corrections", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert client.delete("/api/review/corrections/1").status_code == 401
    assert client.get(f"/api/entities/{putin['id']}").status_code == 200  # nothing was merged


def test_read_only_refuses_writes(seed_store, kim, putin):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    reader = TestClient(create_app(seed_store, read_only=True, token=TOKEN))
    response = reader.post("/api/review/corrections", json={"kind": "merge", "targets": [kim["id"], putin["id"]]},
                           headers={"X-Newsgraph-Token": TOKEN})
    assert response.status_code == 403
    assert reader.get("/api/stats").status_code == 200


def test_page_session_needs_csrf(seed_store, kim, putin):
    from fastapi import Response
    from fastapi.testclient import TestClient
    from starlette.requests import Request

    from newsgraph.web import create_app, security

    app = create_app(seed_store, token=TOKEN)
    request = Request({"type": "http", "app": app, "headers": [], "method": "POST", "path": "/login"})
    response = Response()
    assert not security.start_session(request, response, "wrong")
    assert security.start_session(request, response, TOKEN)
    session = response.headers["set-cookie"].split(";")[0].split("=", 1)[1]
    browser = TestClient(app, cookies={security.SESSION_COOKIE: session, security.CSRF_COOKIE: "c1"})
    body = {"kind": "merge", "targets": [kim["id"], putin["id"]]}
    assert browser.post("/api/review/corrections", json=body).status_code == 403  # no CSRF header
    assert browser.post("/api/review/corrections", json=body, headers={"X-CSRF-Token": "c2"}).status_code == 403


def test_token_file_is_made_once_with_mode_0600(tmp_path, monkeypatch):
    from newsgraph.config import Settings
    from newsgraph.web import security

    monkeypatch.delenv(security.TOKEN_ENV, raising=False)
    settings = Settings(data_dir=tmp_path)
    token, created = security.load_or_create_token(settings)
    assert created and len(token) >= 32
    assert (security.token_path(settings).stat().st_mode & 0o777) == 0o600
    assert security.load_or_create_token(settings) == (token, False)
    monkeypatch.setenv(security.TOKEN_ENV, "from-env")
    assert security.load_or_create_token(settings) == ("from-env", False)


def test_errors_never_leak_tracebacks(seed_store, monkeypatch):
    from fastapi.testclient import TestClient

    from newsgraph.web import create_app

    app = create_app(seed_store, token=TOKEN)

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(seed_store.read, "documents_page", broken)
    plain = TestClient(app, raise_server_exceptions=False)
    response = plain.get("/api/documents")
    assert response.status_code == 500 and response.json() == {"detail": "internal error"}
    page = plain.get("/no/such/page")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "Traceback" not in page.text and "secret" not in response.text


HOSTILE = """<script>window.__pwned = 1</script> Kim <img src=x onerror="window.__pwned=2">Jong-un met
Vladimir Putin in Moscow on Tuesday, officials said. "We will <script>alert(1)</script> win," said
<a href="javascript:alert(3)">Sergei Lavrov</a>, Russia's foreign minister.
"""


def test_hostile_article_stays_data(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from newsgraph.corpus import ingest
    from newsgraph.store import Store
    from newsgraph.web import create_app

    path = tmp_path / "hostile.txt"
    path.write_text('<a href="javascript:alert(4)">Title</a> <script>x()</script>\n\n' + HOSTILE, encoding="utf-8")
    store = Store(tmp_path / "hostile.sqlite")
    assert ingest([str(path)], store, pipeline=pipeline).count("added") == 1
    api = TestClient(create_app(store, token=TOKEN))
    doc_id = api.get("/api/documents").json()["items"][0]["doc_id"]
    response = api.get(f"/api/documents/{doc_id}")
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    doc = response.json()
    assert "<script>" in doc["text"] or "script" in doc["text"]  # the text is returned as data, unchanged
    for url in ["/api/entities?limit=500", "/api/events?limit=500", "/api/quotes?limit=500",
                "/api/search?q=script", "/api/stats"]:
        hit = api.get(url)
        assert hit.status_code == 200 and hit.headers["content-type"].startswith("application/json"), url
    store.close()
