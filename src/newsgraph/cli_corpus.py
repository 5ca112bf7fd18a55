"""Corpus commands of the ``newsgraph`` CLI: ingest, remove, timeline, entity, dyad, search,
quotes, export.  They register themselves on :data:`newsgraph.cli_common.app`; the work is
done by :mod:`newsgraph.corpus`, :mod:`newsgraph.query` and :mod:`newsgraph.export`."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from .cli_common import (
    ENGINE_HELP,
    SCHEDULER_HELP,
    WORKERS_HELP,
    Engine,
    _check_published,
    _settings,
    app,
    err,
    events_table,
    out_console,
)

DB_HELP = "Store: a SQLite file path or a SQLAlchemy URL (default: <data folder>/newsgraph.sqlite)."


class ViewFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    parquet = "parquet"
    neo4j = "neo4j"


def _open(db: str | None, model: str | None = None, create: bool = False):
    """The store named by ``--db``; only ingest (``create``) makes a new one.  A store that
    cannot be opened ends the command with one line."""
    from .store import Store, StoreError

    try:
        return Store(db, _settings(model), create=create)
    except StoreError as exc:
        _fail(escape(str(exc)))


def _corpus(db: str | None):
    from .query import Corpus

    return Corpus(_open(db))


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _fail(message: str) -> None:
    err.print(f"[red]error[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


# --- ingest / remove -----------------------------------------------------------------

@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for standard input."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    workers: int | None = typer.Option(None, "--workers", help=WORKERS_HELP),
    engine: Engine = typer.Option(Engine.serial, "--engine", help=ENGINE_HELP),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
    published: str | None = typer.Option(None, help="Publication date YYYY-MM-DD for inputs without one."),
    id: str | None = typer.Option(None, "--id", help="Document id (only with one input)."),
    model: str | None = typer.Option(None, help="spaCy model name (default: best installed)."),
) -> None:
    """Process articles and store them (incremental: stored texts are skipped, changed ones replaced).

    Streams: each document is stored as soon as it is processed, so an interrupted run
    resumes where it stopped when run again."""
    from . import corpus
    from .progress import StreamProgress

    if id and len(paths) != 1:
        _fail("--id needs exactly one input")
    if scheduler and engine is not Engine.dask:
        _fail("--scheduler needs --engine dask")
    published = _check_published(published)
    store = _open(db, model, create=True)

    with StreamProgress(err, "ingest", paths, enabled=err.is_terminal) as bar:
        def show(item: corpus.IngestItem, done: int, total: int) -> None:
            if item.status == "failed":
                err.print(f"[red]error[/red] {escape(str(item))}", highlight=False, soft_wrap=True)
            elif item.warnings:
                err.print(f"[yellow]warning[/yellow] {escape(str(item))}", highlight=False, soft_wrap=True)
            bar.advance()

        report = corpus.ingest(paths, store, settings=_settings(model), workers=workers, published=published,
                               doc_id=id, progress=show, engine=engine.value, scheduler=scheduler)
    if report.stopped:
        _fail(escape(report.stopped))
    err.print(escape(report.summary()) + f" ({store.url})", highlight=False, soft_wrap=True)
    if report.failed:
        err.print(f"{len(report.failed)} input(s) failed")
        raise typer.Exit(1)


@app.command()
def remove(
    doc_ids: list[str] = typer.Argument(..., help="Ids of stored documents."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Delete documents and every fact derived from them; canonical entities and events keep
    their other mentions."""
    from . import corpus

    store = _open(db)
    report = corpus.remove(doc_ids, store)
    for d in report.missing:
        err.print(f"[red]error[/red] {d}: no such document in {store.url}", highlight=False, soft_wrap=True)
    if report.missing:
        raise typer.Exit(1)
    err.print(f"removed {len(doc_ids)} document(s)")


@app.command("resolve")
def resolve_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    full: bool = typer.Option(False, "--full", help="Re-resolve the whole store (after a change of rules); "
                                                     "by default only what changed since the last resolution."),
) -> None:
    """Bring the canonical layer (entities, events, stories) up to date."""
    from . import corpus

    store = _open(db)
    summary = corpus.resolve(store, full=full)
    if summary is None:
        err.print("nothing to resolve: the canonical layer is up to date (use --full to re-run it all)")
        return
    how = "full pass" if summary.full else "incremental"
    err.print(f"{how}: {summary.entities} entity and {summary.events} event rows resolved; "
              f"{summary.canonical_entities} entities, {summary.canonical_events} events, {summary.stories} stories "
              f"in {summary.seconds:.1f}s")


# --- queries --------------------------------------------------------------------------

@app.command()
def timeline(
    entity: list[str] | None = typer.Option(None, "--entity", "-e", help="Entity name; give two for a pair."),
    type: str | None = typer.Option(None, "--type", "-t", help="PLOVER event type."),
    since: str | None = typer.Option(None, help="From this date (YYYY[-MM[-DD]])."),
    until: str | None = typer.Option(None, help="Up to this date, inclusive."),
    limit: int | None = typer.Option(None, help="At most this many events."),
    format: ViewFormat = typer.Option(ViewFormat.text, "--format", "-f"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Canonical events in date order."""
    from .query import NotFound

    entity = entity or []
    if len(entity) > 2:
        _fail("give at most two --entity names")
    corpus = _corpus(db)
    try:
        events = corpus.timeline(entity=entity[0] if len(entity) == 1 else None,
                                 pair=tuple(entity) if len(entity) == 2 else None,
                                 type=type, since=since, until=until, limit=limit)
    except NotFound as exc:
        _fail(str(exc))
    if format is ViewFormat.json:
        _print_json(events)
    else:
        out_console().print(events_table(events, "timeline"))


@app.command("entity")
def entity_profile(
    name: str = typer.Argument(..., help="Entity name (any spelling or alias)."),
    format: ViewFormat = typer.Option(ViewFormat.text, "--format", "-f"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Profile: titles over time, affiliations, quotes, events, co-actors, resolution evidence."""
    from .query import NotFound

    try:
        profile = _corpus(db).entity_profile(name)
    except NotFound as exc:
        _fail(str(exc))
    if format is ViewFormat.json:
        _print_json(profile)
        return
    out = out_console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{escape(profile['name'])}[/bold] ({profile['type']}, {profile['country'] or '?'}) {profile['id']}"
              f"  kb: {profile['kb_id'] or '-'}  in {len(profile['documents'])} document(s)")
    out.print("aliases: " + escape(", ".join(profile["aliases"])))
    for t in profile["titles"]:
        out.print(f"title: {escape(t['title'])}{' (former)' if t['former'] else ''}  "
                  f"{t['first_reported']} .. {t['last_reported']}")
    for a in profile["affiliations"]:
        out.print(f"{a['relation']}: {escape(a['name'])} ({a['reports']} report(s))")
    out.print("co-actors: " + escape(", ".join(f"{c['name']} ({c['events']})" for c in profile["co_actors"][:15])))
    out.print(events_table(profile["events"], "events"))
    for q in profile["quotes"]:
        out.print(f"{q['published'] or '?'} {q['doc_id']}: \u201c{escape(q['text'])}\u201d")
    out.print("evidence:")
    for ev in profile["evidence"]:
        out.print(f"  {ev['doc_id']} {ev['entity']}: {ev['reason']} - {escape(ev['detail'])}")


@app.command()
def dyad(
    a: str = typer.Argument(...), b: str = typer.Argument(...),
    format: ViewFormat = typer.Option(ViewFormat.text, "--format", "-f"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Interactions of two actors over time, with PLOVER quad classes."""
    from .query import QUAD_CLASSES, NotFound

    try:
        result = _corpus(db).dyad(a, b)
    except NotFound as exc:
        _fail(str(exc))
    if format is ViewFormat.json:
        _print_json(result)
        return
    out = out_console(highlight=False, soft_wrap=True)
    table = Table(title=f"{result['a']['name']} / {result['b']['name']}")
    table.add_column("month")
    for q in QUAD_CLASSES:
        table.add_column(q)
    for row in result["by_month"]:
        table.add_row(row["month"], *(str(row[q]) for q in QUAD_CLASSES))
    out.print(table)
    out.print(events_table(result["events"], "events"))


@app.command()
def search(
    text: str = typer.Argument(..., help="Words to find (all of them)."),
    limit: int = typer.Option(20, help="At most this many hits of each kind."),
    format: ViewFormat = typer.Option(ViewFormat.text, "--format", "-f"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Full-text search over stored documents and quotes."""
    hits = _corpus(db).search(text, limit=limit)
    if format is ViewFormat.json:
        _print_json(hits)
        return
    out = out_console(highlight=False, soft_wrap=True)
    for d in hits["documents"]:
        out.print(f"[bold]{d['doc_id']}[/bold] {d['published'] or ''} {escape(d['title'] or '')}\n  "
                  f"{escape(d['snippet'] or '')}")
    for q in hits["quotes"]:
        out.print(f"quote {q['doc_id']} {escape(q['speaker'] or '?')}: \u201c{escape(q['text'])}\u201d")


@app.command()
def quotes(
    by: str = typer.Option(..., "--by", help="Speaker name."),
    format: ViewFormat = typer.Option(ViewFormat.text, "--format", "-f"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Quotes by one speaker, across the corpus, oldest first."""
    found = _corpus(db).quotes_by(by)
    if format is ViewFormat.json:
        _print_json(found)
        return
    out = out_console(highlight=False, soft_wrap=True)
    for q in found:
        out.print(f"{q['published'] or '?'} {q['doc_id']} ({q['kind']}): \u201c{escape(q['text'])}\u201d")
    if not found:
        err.print(f"no quotes by {by!r}")


@app.command("export")
def export_command(
    format: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f"),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="File (json, graphml) or folder (parquet, neo4j); json defaults to stdout."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export the corpus: json (CONTRACT section 2), graphml, parquet tables, neo4j CSV set."""
    from .export import export

    try:
        written = export(_open(db), format.value, out)
    except OSError as exc:
        _fail(escape(f"export failed, {out or 'the output'} left as it was: {exc.strerror or exc}"))
    if written is not None:
        err.print(f"wrote {written}")
