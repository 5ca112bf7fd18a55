"""The workbench's briefing, alert and watchlist pages: ``/brief`` (the same
:class:`~newsgraph.brief.Briefing` the CLI renders, through a template; ``/brief/file`` the
self-contained HTML, Markdown or JSON file itself), ``/alerts`` (mark read) and ``/watchlists``
(add, remove).  Writes are forms that need a login and the CSRF token
(:func:`newsgraph.web.security.verify_writer_form`); they call what the API routes of
:mod:`.brief_api` call.  Everything reaches HTML through Jinja's autoescape; the pair chart is
the HTML renderer's SVG, embedded as a ``data:`` image (never as markup).
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import watch
from ..brief import render as render_briefing
from ..brief.render import actor_lists, cite, dyad_chart, quad_share, sentence, status_words, story_heading, when
from ..model import DELIVERY_KINDS, PLOVER_TYPES, Alert
from ..query import QUAD_CLASSES
from . import security
from .brief_api import acknowledge, add_rule, briefing_for
from .highlight import page_link
from .pages import _local, environment, render, store_of

router = APIRouter(include_in_schema=False)
FILE_TYPES = {"html": "text/html; charset=utf-8", "markdown": "text/markdown; charset=utf-8",
              "json": "application/json"}


def chart_image(dyads: list[Any]) -> str:
    """The HTML renderer's pair chart as a ``data:image/svg+xml`` URL ("" with no pairs)."""
    svg = dyad_chart(dyads)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii") if svg else ""


environment.globals.update(brief_when=when, brief_sentence=sentence, brief_status=status_words, brief_cite=cite,
                           story_heading=story_heading, actor_lists=actor_lists, quad_share=quad_share,
                           chart_image=chart_image)


# -- the briefing ---------------------------------------------------------------------------

def _entities(values: list[str]) -> list[str]:
    """Names from the form: each field may hold several, comma-separated."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()][:20]


@router.get("/brief", response_class=HTMLResponse)
def brief_page(request: Request, since: str = "", until: str = "", last: str = "",
               entity: list[str] = Query([]), story: str = "") -> HTMLResponse:  # noqa: B008
    """The form, and the briefing of the period it names (by default the week up to the newest article)."""
    form = {"since": since.strip()[:10], "until": until.strip()[:10], "last": last.strip()[:5],
            "entity": ", ".join(_entities(entity)), "story": story.strip()[:200]}
    try:
        briefing = briefing_for(store_of(request), form["since"] or None, form["until"] or None,
                                form["last"] or None, _entities(entity), form["story"] or None, None)
    except HTTPException as exc:
        return render(request, "brief.html", status_code=exc.status_code, form=form, briefing=None,
                      problem=str(exc.detail), file_query="")
    query = urlencode({"since": briefing.since, "until": briefing.until, "story": form["story"]} |
                      ({"entity": form["entity"]} if form["entity"] else {}))
    return render(request, "brief.html", form=form, briefing=briefing, problem=None, file_query=query)


@router.get("/brief/file", response_model=None)
def brief_file(request: Request, format: str = "html", since: str = "", until: str = "",  # noqa: A002
               last: str = "", entity: list[str] = Query([]), story: str = "") -> Response:  # noqa: B008
    """The briefing as the CLI writes it (``--format html|markdown|json``), to save or mail."""
    if format not in FILE_TYPES:
        raise HTTPException(422, f"format is one of {', '.join(FILE_TYPES)}")
    base = str(request.base_url).rstrip("/")
    briefing = briefing_for(store_of(request), since.strip()[:10] or None, until.strip()[:10] or None,
                            last.strip()[:5] or None, _entities(entity), story.strip()[:200] or None, base)
    name = f"briefing-{briefing.since}-{briefing.until}.{'md' if format == 'markdown' else format}"
    return Response(render_briefing(briefing, format), media_type=FILE_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"})


# -- alerts ---------------------------------------------------------------------------------

def alert_view(alert: Alert) -> dict[str, Any]:
    """An alert for the templates, with a link to what it is about."""
    link = None
    if alert.kind in ("event", "status"):
        link = page_link("events", alert.subject)
    elif alert.kind == "first-seen":
        link = page_link("entities", alert.subject)
    elif alert.evidence and alert.evidence[0].get("doc_id"):
        link = page_link("documents", str(alert.evidence[0]["doc_id"]))
    return {"id": alert.id, "watchlist": alert.watchlist, "kind": alert.kind, "reason": alert.reason,
            "created_at": alert.created_at, "read": alert.read, "link": link, "evidence": alert.evidence[-3:]}


def unread_alerts(request: Request, limit: int = 8) -> tuple[list[dict[str, Any]], int]:
    """(the newest ``limit`` unread alerts, how many are unread) for the home page."""
    found = store_of(request).alerts.alerts(unread=True)
    return [alert_view(a) for a in reversed(found[-limit:])], len(found)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, unread: bool = False) -> HTMLResponse:
    found = store_of(request).alerts.alerts(unread=unread)
    return render(request, "alerts.html", alerts=[alert_view(a) for a in reversed(found)], unread=unread,
                  n_unread=sum(1 for a in found if not a.read) if not unread else len(found))


@router.post("/alerts/ack", dependencies=[Depends(security.verify_writer_form)], response_model=None)
async def alerts_ack(request: Request) -> Response:
    """Mark the ticked alerts (``id`` fields) read, or all unread ones with ``all=1``."""
    form = await request.form()
    store = store_of(request)
    if form.get("all"):
        ids = [a.id for a in store.alerts.alerts(unread=True) if a.id is not None]
    else:
        try:
            ids = [int(str(v)) for v in form.getlist("id")]
        except ValueError as exc:
            raise HTTPException(422, "alert ids are numbers") from exc
    if ids:
        acknowledge(store, ids)
    return RedirectResponse(_local(str(form.get("next") or "/alerts")), status_code=303)


# -- watchlists -----------------------------------------------------------------------------

def _watchlists_page(request: Request, status_code: int = 200, problem: str | None = None,
                     entered: dict[str, Any] | None = None) -> HTMLResponse:
    rules = [watch.rule_to_dict(r) for r in watch.rules(store_of(request))]
    return render(request, "watchlists.html", status_code=status_code, rules=rules, problem=problem,
                  entered=entered or {}, types=PLOVER_TYPES, quads=QUAD_CLASSES, deliveries=DELIVERY_KINDS)


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists_page(request: Request) -> HTMLResponse:
    return _watchlists_page(request)


def _rule_from_form(form: Any) -> dict[str, Any]:
    """The documented dict form of a rule from the page's form fields."""
    def names(field: str) -> list[str]:
        return [n.strip() for v in form.getlist(field) for n in str(v).split(",") if n.strip()]
    return {"name": str(form.get("name") or "").strip()[:200], "entity": names("entity"), "with": names("with"),
            "types": [t.upper() for t in names("types")], "quad": names("quad"),
            "status_change": bool(form.get("status_change")), "quotes": bool(form.get("quotes")),
            "first_seen": bool(form.get("first_seen")), "delivery": str(form.get("delivery") or "none"),
            "target": str(form.get("target") or "").strip() or None}


@router.post("/watchlists", dependencies=[Depends(security.verify_writer_form)], response_model=None)
async def watchlists_add(request: Request) -> Response:
    data = _rule_from_form(await request.form())
    try:
        add_rule(store_of(request), data)
    except HTTPException as exc:
        return _watchlists_page(request, exc.status_code, str(exc.detail), data)
    return RedirectResponse("/watchlists", status_code=303)


@router.post("/watchlists/{name}/remove", dependencies=[Depends(security.verify_writer_form)],
             response_model=None)
def watchlists_remove(request: Request, name: str) -> Response:
    if not watch.remove(store_of(request), name):
        raise HTTPException(404, f"no watchlist {name!r}")
    return RedirectResponse("/watchlists", status_code=303)
