"""The workbench pages through a test client: status codes, escaping, review forms, CSRF, read-only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install -e '.[web]')")

from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.query import Corpus  # noqa: E402
from newsgraph.store import Store  # noqa: E402
from newsgraph.web.app import create_app  # noqa: E402
from newsgraph.web.highlight import Mark, external_link, paragraphs, segments  # noqa: E402
from pages_support import HOSTILE, HOSTILE_MARK, WRITE_TOKEN, seed_store_path  # noqa: E402


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, pipeline) -> Path:
    return seed_store_path(tmp_path_factory.mktemp("pages-seeds"), pipeline)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory, pipeline) -> Path:
    return seed_store_path(tmp_path_factory.mktemp("pages-hostile"), pipeline, hostile=True)


@pytest.fixture()
def client(seed_db: Path, tmp_path: Path) -> TestClient:
    copy = tmp_path / "store.sqlite"
    shutil.copy(seed_db, copy)
    return TestClient(create_app(Store(copy), token=WRITE_TOKEN), raise_server_exceptions=False)


def summit_id(store: Store) -> str:
    """The September 2023 Putin–Kim summit, reported by both seed articles."""
    events = Corpus(store).timeline(pair=("Vladimir Putin", "Kim Jong-un"), type="CONSULT",
                                    since="2023-09", until="2023-09")
    both = [e for e in events if len(e["documents"]) == 2]
    assert both, "the seed articles' summit is not one canonical event"
    return str(both[0]["id"])


def kim_id(store: Store) -> str:
    return str(Corpus(store).resolve_name("Kim Jong-un")["id"])


def test_every_page_answers(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    doc_id = store.doc_ids()[0]
    for path in ["/", "/timeline", "/timeline?actor=Kim+Jong-un&type=consult&status=happened", "/stories",
                 f"/events/{summit_id(store)}", f"/entities/{kim_id(store)}", f"/documents/{doc_id}?hl=0-40",
                 "/search?q=Vostochny", "/search", "/dyad?a=Russia&b=North+Korea", "/dyad", "/review", "/login"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "text/html" in response.headers["content-type"]
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_missing_records_are_404_pages_without_tracebacks(client: TestClient) -> None:
    for path in ["/events/Vnope", "/entities/Enope", "/documents/nope"]:
        response = client.get(path)
        assert response.status_code == 404
        assert "Traceback" not in response.text and "is not stored" in response.text


def test_event_page_shows_history_and_highlighted_mentions_from_both_articles(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    html = client.get(f"/events/{summit_id(store)}").text
    assert set(re.findall(r'<article class="mention" data-doc="([^"]+)"', html)) == set(store.doc_ids())
    assert html.count('class="m-trigger"') >= 2 and 'class="m-actor"' in html
    assert "changed by this report" in html  # planned → happened
    assert re.search(r'href="/documents/[0-9a-f]+\?hl=\d+-\d+#focus"', html)


def test_unknown_actor_on_the_timeline_is_said_not_raised(client: TestClient) -> None:
    response = client.get("/timeline?actor=Nobody+Atall")
    assert response.status_code == 200 and "no stored entity" in response.text


def test_reader_marks_facts_and_the_focused_span(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    doc_id = store.doc_ids()[0]
    html = client.get(f"/documents/{doc_id}?hl=0-30").text
    for kind in ("m-entity", "m-quote", "m-timex", "m-event"):
        assert kind in html, kind
    assert 'id="focus"' in html


def test_review_needs_login_and_a_csrf_token(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    event_id = summit_id(store)
    form = {"kind": "retype", "target": event_id, "type": "MOBILIZE", "next": f"/events/{event_id}"}
    assert client.post("/review", data=form).status_code == 401
    assert client.post("/login", data={"token": "wrong", "next": "/"}).status_code == 401
    assert client.post("/login", data={"token": WRITE_TOKEN, "next": "/"}, follow_redirects=False).status_code == 303
    assert client.post("/review", data={**form, "csrf_token": "forged"}).status_code == 403
    page = client.get(f"/events/{event_id}").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token, "a logged-in page carries the CSRF token in its forms"
    assert 'name="kind" value="reject-event"' in page and 'value="reject-mention"' in page


def test_read_only_workbench_has_no_forms_and_no_login(seed_db: Path) -> None:
    client = TestClient(create_app(Store(seed_db), read_only=True, token=WRITE_TOKEN), raise_server_exceptions=False)
    store = client.app.state.store  # type: ignore[attr-defined]
    assert client.post("/login", data={"token": WRITE_TOKEN}).status_code == 401
    html = client.get(f"/entities/{kim_id(store)}").text
    assert 'action="/review"' not in html and "read-only" in html


def test_login_redirects_only_to_this_site(client: TestClient) -> None:
    for target in ["//evil.example/x", "javascript:alert(1)", "https://evil.example/"]:
        response = client.post("/login", data={"token": WRITE_TOKEN, "next": target}, follow_redirects=False)
        assert response.headers["location"] == "/"


def test_hostile_article_is_escaped_on_every_page(hostile_db: Path) -> None:
    client = TestClient(create_app(Store(hostile_db), token=WRITE_TOKEN), raise_server_exceptions=False)
    store = client.app.state.store  # type: ignore[attr-defined]
    hostile_entities = [e["id"] for e in store.read.canonical_entities() if "<" in e["name"]]
    assert hostile_entities, "the hostile names were stored"
    events = [e["id"] for e in Corpus(store).timeline() if HOSTILE["id"] in e["documents"]]
    paths = ["/", "/timeline", "/stories", f"/documents/{HOSTILE['id']}", "/search?q=Putin",
             *(f"/entities/{e}" for e in hostile_entities), *(f"/events/{e}" for e in events)]
    for path in paths:
        html = client.get(path).text
        for raw in (f"<script>window.{HOSTILE_MARK}", "<img src=x", "<b onmouseover"):
            assert raw not in html, (path, raw)
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), path
    reader = client.get(f"/documents/{HOSTILE['id']}").text
    assert "&lt;script&gt;window." in reader and "&lt;img src=x onerror=" in reader


def test_segments_cut_at_every_boundary_and_keep_the_innermost_link() -> None:
    text = "Kim met Putin."
    marks = [Mark(0, 13, "quote"), Mark(0, 3, "entity", "/entities/E1", "PERSON"), Mark(4, 7, "event", "/events/V1")]
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.href) for p in pieces][:3] == [("Kim", "/entities/E1"), (" ", None), ("met", "/events/V1")]
    assert pieces[0].kinds == ["entity", "quote"]
    assert [len(p) for p in paragraphs(segments("a\n\nb", []))] == [1, 1]
    assert segments(text, [Mark(0, 3, "onclick")]) == segments(text, [])


def test_only_http_links_are_links() -> None:
    assert external_link("https://example.org/a") == "https://example.org/a"
    for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "http://a\nb", None, ""]:
        assert external_link(bad) is None
