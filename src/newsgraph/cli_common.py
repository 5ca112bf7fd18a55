"""What the ``newsgraph`` command modules share: the Typer app, the error console, settings
from options, the ``--published`` check, the events table.  ``cli`` (extract, demo) and
``cli_corpus`` (ingest, queries, export) both import from here, never from each other."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from .config import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read news articles into an evidence-backed knowledge graph.")
err = Console(stderr=True)
PIPED_WIDTH = 10_000  # output to a file or pipe: tables as wide as their content, never cut at 80


def out_console(**options: Any) -> Console:
    """The console for standard output: the terminal's width on a terminal; as wide as the
    content when piped (unless COLUMNS says otherwise)."""
    if not sys.stdout.isatty() and "COLUMNS" not in os.environ:
        options.setdefault("width", PIPED_WIDTH)
    return Console(**options)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("newsgraph")
        except PackageNotFoundError:
            from . import __version__ as number
        typer.echo(f"newsgraph {number}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Read news articles into an evidence-backed knowledge graph."""


ENGINE_HELP = "Where the pipeline runs: serial (this machine; --workers processes) or dask (see --scheduler)."
SCHEDULER_HELP = "With --engine dask: the scheduler's address (tcp://HOST:PORT); without it a local cluster starts."
WORKERS_HELP = "Worker processes for the pipeline (--engine dask without --scheduler: default one per CPU)."


class Engine(str, Enum):
    """``--engine``: see :mod:`newsgraph.engines`."""

    serial = "serial"
    dask = "dask"


def _settings(model: str | None) -> Settings:
    settings = Settings()
    if model:
        settings.spacy_model = model
    return settings


def _check_published(published: str | None) -> str | None:
    """The --published value if it is an ISO date (YYYY-MM-DD) or datetime; exits otherwise."""
    from .corpus import check_published

    try:
        return check_published(published)
    except ValueError:
        err.print(f"error: --published must be an ISO date such as 2023-09-11, not {published!r}")
        raise typer.Exit(2) from None


def _event_line(e: dict) -> list[str]:
    actors = ", ".join(a["name"] for a in e["actors"]) or "?"
    recipients = ", ".join(r["name"] for r in e["recipients"]) or "-"
    date = e["date"]["value"] or (f"~{e['sort_date']}" if e["sort_date"] else "?")
    return [date, e["type"], e["status"], actors, recipients, str(len(e["mentions"])), e["id"]]


def events_table(events: list[dict], title: str) -> Table:
    """Canonical events (as :class:`newsgraph.query.Corpus` gives them), one row each."""
    table = Table(title=title)
    for col in ("date", "type", "status", "actors", "recipients", "reports", "id"):
        table.add_column(col)
    for e in events:
        table.add_row(*_event_line(e))
    return table
