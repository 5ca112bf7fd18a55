"""The JSON API of briefings, alerts and watchlists (``/api/brief``, ``/api/alerts``,
``/api/watchlists``), thin over :mod:`newsgraph.brief`, :mod:`newsgraph.alerts` and
:mod:`newsgraph.watch` (the same calls the CLI makes).  Writes need the token (401), answer 403
in read-only mode; an unknown watchlist or alert is a 404, a bad rule or period a 422."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from .. import alerts as alert_logic
from .. import watch
from ..brief import Briefing, build_briefing, period, render
from ..resolve.events import value_interval
from ..store import Store
from . import schemas as S
from .security import require_writer

router = APIRouter(prefix="/api", tags=["api"])

Day = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                  description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Last = Annotated[str | None, Query(max_length=5, pattern=r"^\d{1,4}[dwDW]$", description="7d, 2w ...")]
Names = Annotated[list[str] | None, Query(max_length=20, description="entity names (repeatable)")]
Story = Annotated[str | None, Query(max_length=200)]
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": S.ErrorOut}, 403: {"model": S.ErrorOut},
                                                 404: {"model": S.ErrorOut}, 422: {"model": S.ErrorOut}}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(_store)]


# -- briefing -------------------------------------------------------------------------------

def briefing_for(store: Store, since: str | None, until: str | None, last: str | None,
                 entities: list[str], story: str | None, base_url: str | None) -> Briefing:
    """The briefing the CLI's ``brief`` makes for these options, except that with neither
    ``until`` nor a bare ``since`` the period ends on the newest stored article's day (not
    today).  422 for a bad period, 404 for an unknown story."""
    for name, value in (("since", since), ("until", until)):
        if value and value_interval(value) is None:
            raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    newest = (store.read.newest_published() or "")[:10] or None
    try:
        start, end = period(since, until or (None if since and not last else newest), last)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
    if start > end:
        raise HTTPException(422, f"the period starts ({start}) after it ends ({end})")
    if story and store.read.story(story) is None:
        raise HTTPException(404, f"no story {story!r}")
    names = [n.strip()[:200] for n in entities if n.strip()]
    return build_briefing(store, start, end, names, story or None, base_url)


@router.get("/brief", responses={404: {"model": S.ErrorOut}, 422: {"model": S.ErrorOut}})
def brief(request: Request, store: StoreDep, since: Day = None, until: Day = None, last: Last = None,
          entity: Names = None, story: Story = None) -> Response:
    """The briefing of a period as the JSON renderer writes it (``newsgraph brief --format json``),
    event links pointing at this server's event pages.  With neither ``since`` nor ``last``: the
    seven days up to ``until``; with no ``until``: up to the newest stored article (up to today
    after a bare ``since``)."""
    base = str(request.base_url).rstrip("/")
    text = render(briefing_for(store, since, until, last, list(entity or []), story, base), "json")
    return Response(text, media_type="application/json")


# -- alerts ---------------------------------------------------------------------------------

class AlertOut(BaseModel):
    id: int
    key: str
    watchlist: str
    kind: str
    subject: str
    reason: str
    evidence: list[dict[str, Any]] = []
    detail: dict[str, Any] = {}
    created_at: str | None = None
    read: bool = False


class AckIn(BaseModel):
    ids: list[Annotated[int, Field(ge=1, le=2**62)]] = Field(min_length=1, max_length=1000)


class AckOut(BaseModel):
    acknowledged: int


@router.get("/alerts", response_model=S.Page[AlertOut])
def list_alerts(store: StoreDep, unread: bool = False,
                since: Annotated[str | None, Query(max_length=40, pattern=r"^\d{4}-\d{2}-\d{2}[\dT:.+Z-]*$")] = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 100,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
    """Alerts, the newest first; only unread ones with ``unread=true``, only those raised at or
    after ``since`` (an ISO date or time)."""
    found = list(reversed(alert_logic.list_alerts(store, unread=unread, since=since)))
    items = [alert_logic.alert_payload(a) for a in found[offset:offset + limit]]
    return {"items": items, "total": len(found), "limit": limit, "offset": offset}


def acknowledge(store: Store, ids: list[int]) -> int:
    """Mark the alerts read; 404 (and nothing marked) when one of them is not stored."""
    wanted = set(ids)
    known = {a.id for a in store.alerts.alerts(ids=wanted)}
    missing = sorted(wanted - known)
    if missing:
        raise HTTPException(404, f"no alert {', '.join(map(str, missing[:20]))}")
    return alert_logic.ack(store, wanted)


@router.post("/alerts/ack", response_model=AckOut, responses=WRITE_ERRORS)
def ack_alerts(body: AckIn, store: StoreDep, writer: Annotated[str, Depends(require_writer)]) -> dict[str, Any]:
    """Mark alerts read (as ``newsgraph alerts ack ID ...``)."""
    return {"acknowledged": acknowledge(store, body.ids)}


# -- watchlists -----------------------------------------------------------------------------

Words = list[Annotated[str, Field(max_length=200)]]


class WatchRuleIn(BaseModel):
    """A watchlist in the documented file format of :mod:`newsgraph.watch`."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")
    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    entity: Words = Field(default=[], max_length=50)
    with_: Words = Field(default=[], max_length=50, alias="with")
    types: Words = Field(default=[], max_length=20)
    quad: Words = Field(default=[], max_length=4)
    status_change: bool = False
    quotes: bool = False
    first_seen: bool = False
    delivery: str = Field(default="none", max_length=20)
    target: str | None = Field(default=None, max_length=2000)


class WatchRuleOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    name: str
    entity: list[str] = []
    with_: list[str] = Field(default=[], alias="with")
    types: list[str] = []
    quad: list[str] = []
    status_change: bool = False
    quotes: bool = False
    first_seen: bool = False
    delivery: str = "none"
    target: str | None = None
    replaced: bool | None = None


def add_rule(store: Store, data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Validate and store a rule given in its dict form; (its dict form, replaced?); 422 when invalid."""
    try:
        rule = watch.rule_from_dict(data)
    except watch.RuleError as exc:
        raise HTTPException(422, str(exc)) from exc
    replaced = watch.add(store, rule)
    return watch.rule_to_dict(rule), replaced


@router.get("/watchlists", response_model=S.Page[WatchRuleOut], response_model_by_alias=True)
def list_watchlists(store: StoreDep) -> dict[str, Any]:
    """Every watchlist, by name, in the file format ``newsgraph watch load`` reads."""
    items = [watch.rule_to_dict(r) for r in watch.rules(store)]
    return {"items": items, "total": len(items), "limit": max(1, len(items)), "offset": 0}


@router.post("/watchlists", response_model=WatchRuleOut, response_model_by_alias=True, status_code=201,
             responses=WRITE_ERRORS)
def post_watchlist(body: WatchRuleIn, store: StoreDep,
                   writer: Annotated[str, Depends(require_writer)]) -> dict[str, Any]:
    """Add a watchlist, or replace the one of the same name (``replaced`` says which)."""
    rule, replaced = add_rule(store, body.model_dump(by_alias=True))
    return {**rule, "replaced": replaced}


@router.delete("/watchlists/{name}", response_model=WatchRuleOut, response_model_by_alias=True,
               responses=WRITE_ERRORS)
def delete_watchlist(name: Annotated[str, Path(min_length=1, max_length=200)], store: StoreDep,
                     writer: Annotated[str, Depends(require_writer)]) -> dict[str, Any]:
    """Remove a watchlist (its alerts stay); the removed rule."""
    found = [r for r in watch.rules(store) if r.name == name]
    if not found or not watch.remove(store, name):
        raise HTTPException(404, f"no watchlist {name!r}")
    return watch.rule_to_dict(found[0])

