"""The workbench's pages: server-rendered Jinja2 templates over the store, with small scripts.

``router`` (a FastAPI ``APIRouter``) is included by :func:`newsgraph.web.app.create_app`, which
puts the :class:`~newsgraph.store.Store` on ``app.state.store`` (and ``app.state.read_only``).
Pages: ``/`` (corpus home), ``/timeline``, ``/events/{id}``, ``/entities/{id}``,
``/documents/{doc_id}`` (reader; ``?hl=START-END`` marks a span), ``/search``, ``/dyad``,
``/stories``, ``/review`` (corrections), ``/login``; briefing, alert and watchlist pages are in
:mod:`.brief_pages` (the home page shows the unread alerts). Review forms post to ``/review`` and
``/review/{id}/undo`` with the CSRF token of :mod:`newsgraph.web.security`, after a login with the
write token; they call :mod:`newsgraph.review`, the same statements the ``/api/review`` routes make.

Escaping: every value reaches HTML through Jinja's autoescape (no ``|safe`` on data); data for
the scripts travels as JSON in ``<script type="application/json">`` (``|tojson`` escapes ``<``,
``>``, ``&``, ``'``) and the scripts put it in the page with ``textContent`` only. Each page is
sent with a Content-Security-Policy that allows scripts from ``/static`` alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..model import ENTITY_TYPES, PLOVER_TYPES
from ..query import QUAD_CLASSES
from ..store import Store
from . import page_data, security
from .highlight import external_link, page_link

HERE = Path(__file__).parent
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")
STATUSES = ("happened", "confirmed", "planned", "expected", "alleged", "denied", "negated", "hypothetical",
            "requested", "asserted", "rejected")

environment = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                 undefined=jinja2.StrictUndefined)
environment.globals.update(page_link=page_link, external_link=external_link, quad_classes=QUAD_CLASSES)
templates = Jinja2Templates(env=environment)
router = APIRouter(include_in_schema=False)


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` with the page's common context, sent with the CSP header."""
    read_only = bool(getattr(request.app.state, "read_only", False))
    writer = not read_only and security.is_writer(request)
    common = {"read_only": read_only, "writer": writer, "csrf": security.csrf_token(request) if writer else "",
              "here": request.url.path + (f"?{request.url.query}" if request.url.query else "")}
    response = templates.TemplateResponse(request, name, {**common, **context}, status_code=status_code)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} is not stored")


# -- reading pages ------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home_page(request: Request) -> HTMLResponse:
    from .brief_pages import unread_alerts

    store = store_of(request)
    alerts, n_unread = unread_alerts(request)
    return render(request, "home.html", **page_data.home_view(store), corrections=_recent_corrections(store),
                  alerts=alerts, n_unread=n_unread)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, actor: str = "", type: str = "", status: str = "") -> HTMLResponse:  # noqa: A002
    view = page_data.timeline_view(store_of(request), actor.strip(), type.strip().upper(), status.strip())
    return render(request, "timeline.html", **view, types=PLOVER_TYPES, statuses=STATUSES)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    store = store_of(request)
    event = page_data.event_view(store, event_id)
    if event is None:
        raise not_found(f"event {event_id}")
    return render(request, "event.html", event=event, types=PLOVER_TYPES,
                  corrections=_corrections_on(store, event_id))


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    store = store_of(request)
    entity = page_data.entity_view(store, entity_id)
    if entity is None:
        raise not_found(f"entity {entity_id}")
    return render(request, "entity.html", entity=entity, entity_types=ENTITY_TYPES,
                  corrections=_corrections_on(store, entity_id))


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, hl: str = "") -> HTMLResponse:
    view = page_data.document_view(store_of(request), doc_id, _span(hl))
    if view is None:
        raise not_found(f"document {doc_id}")
    return render(request, "document.html", **view)


def _span(value: str) -> tuple[int, int] | None:
    found = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value.strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    return render(request, "search.html", **page_data.search_view(store_of(request), q[:200]))


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, a: str = "", b: str = "") -> HTMLResponse:
    return render(request, "dyad.html", **page_data.dyad_view(store_of(request), a.strip()[:200], b.strip()[:200]))


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    return render(request, "stories.html", **page_data.stories_view(store_of(request)))


# -- login ----------------------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002
    return render(request, "login.html", next=_local(next), problem=None)


@router.post("/login", response_model=None)
def login(request: Request, token: str = Form(""), next: str = Form("/")) -> Response:  # noqa: A002
    response = RedirectResponse(_local(next), status_code=303)
    if getattr(request.app.state, "read_only", False) or not security.start_session(request, response, token):
        return render(request, "login.html", status_code=401, next=_local(next),
                      problem="That is not the write token (or the workbench is read-only).")
    return response


@router.post("/logout", dependencies=[Depends(security.verify_writer_form)])
def logout(request: Request) -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    security.end_session(response)
    return response


def _local(path: str) -> str:
    """Only a path on this site is a redirect target ("/x", never "//host" or "javascript:")."""
    return path if re.fullmatch(r"/(?![/\\])[^\s]*", path or "") else "/"


# -- review ---------------------------------------------------------------------------------------

REVIEW_FIELDS = ("doc_id", "local_id", "type", "country")


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    return render(request, "review.html", corrections=_all_corrections(store_of(request)))


@router.post("/review", dependencies=[Depends(security.verify_writer_form)], response_model=None)
async def review_submit(request: Request) -> Response:
    """A correction from one of the pages' review forms: stored, applied, then back to the page."""
    from .. import review

    form = await request.form()
    value = {name: str(form.get(name) or "").strip() for name in ("kind", "target", "other", "reason", "next",
                                                                    "member", *REVIEW_FIELDS)}
    if value["member"] and "/" in value["member"]:  # "doc_id/local_id" of the split form
        value["doc_id"], value["local_id"] = value["member"].rsplit("/", 1)
    targets = [t for t in (value["target"], value["other"]) if t]
    params = {name: value[name].upper() if name in ("type", "country") else value[name] for name in REVIEW_FIELDS}
    try:
        review.correct(store_of(request), value["kind"], targets, params,
                       author=security.author(request), reason=value["reason"][:500])
    except review.ReviewError as error:
        return render(request, "review.html", status_code=422, problem=str(error),
                      corrections=_all_corrections(store_of(request)))
    return RedirectResponse(_after_review(value), status_code=303)


def _after_review(value: dict[str, str]) -> str:
    """Back where the form was, except after a merge away from the page's entity (it may be gone)."""
    if value["kind"] == "merge":
        return page_link("entities", value["target"])
    return _local(value["next"])


@router.post("/review/{correction_id}/undo", dependencies=[Depends(security.verify_writer_form)], response_model=None)
async def review_undo(request: Request, correction_id: int) -> Response:
    from .. import review

    form = await request.form()
    try:
        review.undo(store_of(request), correction_id, by=security.author(request))
    except review.NotFound as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
    return RedirectResponse(_local(str(form.get("next") or "/review")), status_code=303)


def _all_corrections(store: Store) -> list[dict[str, Any]]:
    try:
        from .. import review
    except ImportError:
        return []
    return list(reversed(review.corrections(store)))


def _corrections_on(store: Store, target: str) -> list[dict[str, Any]]:
    try:
        from .. import review
    except ImportError:
        return []
    return review.corrections(store, target=target)


def _recent_corrections(store: Store) -> list[dict[str, Any]]:
    return _all_corrections(store)[:8]


def search_link(**query: str) -> str:
    return "/search?" + urlencode(query)


environment.globals.update(search_link=search_link)
