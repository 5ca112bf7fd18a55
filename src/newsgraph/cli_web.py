"""Workbench commands of the ``newsgraph`` CLI: ``serve`` (the web app under uvicorn) and
``review`` (corrections: list, merge, split, reject-event, reject-mention, retype, set-entity,
undo).  Thin: the work is done by :mod:`newsgraph.web` and :mod:`newsgraph.review`."""

from __future__ import annotations

import json
import sys

import typer

from .cli_common import _settings, app, err

DB_HELP = "Store: a SQLite file path or a SQLAlchemy URL (default: <data folder>/newsgraph.sqlite)."
review_app = typer.Typer(no_args_is_help=True, help="Corrections of what resolution decided (kept and re-applied).")
app.add_typer(review_app, name="review")


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Interface to bind (loopback unless told otherwise)."),
    port: int = typer.Option(8000, help="TCP port."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (review)."),
) -> None:
    """Serve the analyst's workbench (pages and JSON API, OpenAPI at /openapi.json)."""
    import uvicorn

    from .store import Store
    from .web import create_app
    from .web.security import load_or_create_token, token_path

    settings = _settings(None)
    token = None
    if not read_only:
        token, created = load_or_create_token(settings)
        if created:
            err.print(f"Write token (stored in {token_path(settings)}, shown once): {token}", highlight=False)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning[/yellow] serving on {host}: reachable from other machines", highlight=False)
    application = create_app(Store(db, settings), read_only=read_only, token=token)
    uvicorn.run(application, host=host, port=port, log_level="info")


def _store(db: str | None):
    from .store import Store

    return Store(db, _settings(None))


def _correct(db: str | None, kind: str, targets: list[str], params: dict, author: str, reason: str) -> None:
    from . import review

    try:
        statement = review.correct(_store(db), kind, targets, params, author=author, reason=reason)
    except review.ReviewError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    sys.stdout.write(json.dumps(statement, ensure_ascii=False) + "\n")


AUTHOR = typer.Option("analyst", "--by", help="Who makes the correction.")
REASON = typer.Option("", "--why", help="Why.")
DB = typer.Option(None, "--db", help=DB_HELP)


@review_app.command("list")
def review_list(db: str | None = DB, active: bool = typer.Option(False, help="Leave out withdrawn ones.")) -> None:
    """Every correction (JSON Lines), oldest first."""
    from . import review

    for statement in review.corrections(_store(db), active_only=active):
        sys.stdout.write(json.dumps(statement, ensure_ascii=False) + "\n")


@review_app.command()
def merge(keep: str, drop: str, db: str | None = DB, by: str = AUTHOR, why: str = REASON) -> None:
    """Canonical entities KEEP and DROP are one (DROP is folded into KEEP)."""
    _correct(db, "merge", [keep, drop], {}, by, why)


@review_app.command()
def split(entity: str, doc_id: str, local_id: str, db: str | None = DB, by: str = AUTHOR, why: str = REASON) -> None:
    """Document DOC_ID's entity LOCAL_ID is not canonical ENTITY: give it one of its own."""
    _correct(db, "split", [entity], {"doc_id": doc_id, "local_id": local_id}, by, why)


@review_app.command("reject-event")
def reject_event(event: str, db: str | None = DB, by: str = AUTHOR, why: str = REASON) -> None:
    """Canonical EVENT is wrong (its status becomes rejected)."""
    _correct(db, "reject-event", [event], {}, by, why)


@review_app.command("reject-mention")
def reject_mention(event: str, doc_id: str, local_id: str, db: str | None = DB, by: str = AUTHOR,
                   why: str = REASON) -> None:
    """Document DOC_ID's event LOCAL_ID does not report canonical EVENT."""
    _correct(db, "reject-mention", [event], {"doc_id": doc_id, "local_id": local_id}, by, why)


@review_app.command()
def retype(event: str, type: str, db: str | None = DB, by: str = AUTHOR, why: str = REASON) -> None:
    """Canonical EVENT is of PLOVER type TYPE."""
    _correct(db, "retype", [event], {"type": type.upper()}, by, why)


@review_app.command("set-entity")
def set_entity(entity: str, type: str | None = typer.Option(None, "--type"),
               country: str | None = typer.Option(None, "--country", help="ISO 3166 alpha-3."),
               db: str | None = DB, by: str = AUTHOR, why: str = REASON) -> None:
    """Canonical ENTITY's type and/or country."""
    _correct(db, "set-entity", [entity], {"type": type, "country": country}, by, why)


@review_app.command()
def undo(correction_id: int, db: str | None = DB, by: str = AUTHOR) -> None:
    """Withdraw correction CORRECTION_ID and resolve again (the others are re-applied)."""
    from . import review

    try:
        statement = review.undo(_store(db), correction_id, by=by)
    except review.ReviewError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    sys.stdout.write(json.dumps(statement, ensure_ascii=False) + "\n")
