"""Briefing, watchlist and alert commands of the ``newsgraph`` CLI (thin over
:mod:`newsgraph.brief`, :mod:`newsgraph.watch` and :mod:`newsgraph.alerts`)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from .cli_common import app, err
from .cli_corpus import DB_HELP, _fail, _open


class BriefFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
def brief(
    since: str | None = typer.Option(None, help="From this date (YYYY[-MM[-DD]])."),
    last: str | None = typer.Option(None, "--last", help="The last N days or weeks: 7d, 2w."),
    until: str | None = typer.Option(None, help="Up to this date, inclusive (default: today)."),
    entity: list[str] = typer.Option([], "--entity", "-e", help="Only events of these entities (repeatable)."),
    story: str | None = typer.Option(None, "--story", help="Only this story id."),
    fmt: BriefFormat = typer.Option(BriefFormat.markdown, "--format", "-f"),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write to this file."),
    base_url: str | None = typer.Option(None, "--base-url", help="Link events to {base_url}/events/{id}."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """A digest of a period: new events and status changes by story, upcoming plans, quotes,
    new and rising actors, cooperation vs conflict per pair; every line cites its article."""
    from .brief import build_briefing, period, render

    try:
        start, end = period(since, until, last)
    except ValueError as exc:
        _fail(str(exc))
    text = render(build_briefing(_open(db), start, end, entity, story, base_url), fmt.value)
    if out:
        out.write_text(text, encoding="utf-8")
        err.print(f"wrote {out}")
    else:
        sys.stdout.write(text)


watch_app = typer.Typer(no_args_is_help=True, help="Watchlists: what to be alerted about.")
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add(
    name: str = typer.Argument(..., help="The watchlist's name."),
    entity: list[str] = typer.Option([], "--entity", "-e", help="A watched entity (repeatable)."),
    with_: list[str] = typer.Option([], "--with", help="... taking part with this one (repeatable)."),
    types: str | None = typer.Option(None, "--types", help="PLOVER types, comma-separated."),
    quad: list[str] = typer.Option([], "--quad", help="PLOVER quad class, e.g. material-conflict."),
    status_change: bool = typer.Option(False, "--status-change", help="Also alert on status changes."),
    quotes: bool = typer.Option(False, "--quotes", help="Alert on new quotes by the watched entities."),
    first_seen: bool = typer.Option(False, "--first-seen", help="Alert on actors seen for the first time."),
    delivery: str = typer.Option("none", "--delivery", help="none | jsonl | webhook"),
    target: str | None = typer.Option(None, "--target", help="The JSON Lines file or the webhook URL."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add (or replace) a watchlist."""
    from . import watch

    try:
        rule = watch.rule_from_dict({"name": name, "entity": entity, "with": with_, "types": types, "quad": quad,
                                     "status_change": status_change, "quotes": quotes, "first_seen": first_seen,
                                     "delivery": delivery, "target": target})
    except watch.RuleError as exc:
        _fail(str(exc))
    replaced = watch.add(_open(db, create=True), rule)  # a watchlist may come before the first ingest
    err.print(f"{'replaced' if replaced else 'added'} watchlist {name}")


@watch_app.command("list")
def watch_list(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """The watchlists, as JSON Lines in the file format ``watch load`` reads."""
    from . import watch

    for rule in watch.rules(_open(db)):
        sys.stdout.write(json.dumps(watch.rule_to_dict(rule), ensure_ascii=False) + "\n")


@watch_app.command("remove")
def watch_remove(name: str = typer.Argument(...), db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Remove a watchlist (its alerts stay)."""
    from . import watch

    if not watch.remove(_open(db), name):
        _fail(f"no watchlist called {name!r}")
    err.print(f"removed watchlist {name}")


@watch_app.command("load")
def watch_load(path: Path = typer.Argument(..., help="A JSON file of rules (see newsgraph.watch)."),
               db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Add (or replace) the watchlists written in a file."""
    from . import watch

    try:
        rules = watch.load(_open(db, create=True), path)
    except (watch.RuleError, OSError, json.JSONDecodeError) as exc:
        _fail(str(exc))
    err.print(f"loaded {len(rules)} watchlist(s)")


alerts_app = typer.Typer(help="Alerts raised by ingests against the watchlists.", invoke_without_command=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.callback()
def alerts_list(
    ctx: typer.Context,
    unread: bool = typer.Option(False, "--unread", help="Only alerts not acknowledged."),
    since: str | None = typer.Option(None, "--since", help="Raised at or after this date/time (ISO)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """List alerts (oldest first)."""
    if ctx.invoked_subcommand is not None:
        return
    from . import alerts

    for a in alerts.list_alerts(_open(db), unread=unread, since=since):
        if as_json:
            sys.stdout.write(json.dumps(alerts.alert_payload(a), ensure_ascii=False) + "\n")
        else:
            mark = " " if a.read else "*"
            sys.stdout.write(f"{mark} {a.id:>5} {a.created_at} [{a.watchlist}] {a.kind}: {a.reason}\n")


@alerts_app.command("ack")
def alerts_ack(ids: list[int] = typer.Argument(..., help="Alert ids."),
               db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Mark alerts read."""
    from . import alerts

    n = alerts.ack(_open(db), ids)
    err.print(f"marked {n} alert(s) read")
    if n < len(set(ids)):
        raise typer.Exit(1)


@alerts_app.command("deliver")
def alerts_deliver(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Retry every pending delivery now."""
    from . import alerts

    done = alerts.deliver_pending(_open(db), all_pending=True)
    err.print(f"delivered {done['delivered']}, still pending {done['failed']}")
    if done["failed"]:
        raise typer.Exit(1)
