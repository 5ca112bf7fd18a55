"""The ``newsgraph`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from importlib import resources
from pathlib import Path

import typer
from rich.console import Console
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
    out_console,
)
from .config import ConfigurationError, Settings
from .ingest import IngestError, expand_inputs, read_one
from .model import Document
from .render import render_document


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    text = "text"




def _run_extract(paths: list[str], settings: Settings, fmt: OutputFormat, published: str | None,
                 doc_id: str | None, workers: int | None, done: list | None = None, engine: str = "serial",
                 scheduler: str | None = None) -> int:
    """Process ``paths`` and print documents as they are done; returns the number of failed inputs.

    Streams: inputs are read lazily and processed in bounded batches (``engine``: see
    :mod:`newsgraph.engines`; output order and content are the same on every engine).
    Inputs that cannot be read are reported on standard error (one line each) as they are met;
    the others go on.  A stage that failed on a document is reported on standard error as
    ``FILE: warning: STAGE: message`` (and in the text view); the document is still written.
    A count of documents, warnings and failures ends the run.
    """
    from .engines import open_engine
    from .progress import StreamProgress

    entries = expand_inputs(paths)
    if doc_id:
        entries = _at_most_one_readable(entries)
    failures = written = warned = 0
    out = out_console(highlight=False, soft_wrap=True)
    # The bar goes to standard error, and only when output goes elsewhere (a file, a pipe).
    progress = StreamProgress(err, "extract", paths, enabled=err.is_terminal and not out.is_terminal)

    def documents():
        nonlocal failures
        for entry in entries:
            items = [entry] if isinstance(entry, IngestError) else read_one(entry, settings, published, doc_id)
            for item in items:
                if isinstance(item, IngestError):
                    failures += 1
                    err.print(f"[red]error[/red] {escape(str(item))}", highlight=False, soft_wrap=True)
                else:
                    yield item

    with progress, open_engine(settings, engine, workers=workers, scheduler=scheduler) as run:
        for doc, problem in run(documents()):
            if problem:
                failures += 1
                err.print(f"[red]error[/red] {escape(_document_name(doc))}: {escape(problem)}",
                          highlight=False, soft_wrap=True)
                continue
            written += 1
            progress.advance()
            if done is not None:
                done.append(doc)
            if fmt is OutputFormat.jsonl:
                sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            else:
                render_document(doc, out)
                _render_warnings(doc, out)
            warned += bool(doc.warnings)
            _report_warnings(doc)
    sys.stdout.flush()
    summary = f"{written} document(s) written"
    if warned:
        summary += f", [yellow]{warned} with warnings[/yellow]"
    if failures:
        summary += f", [red]{failures} input(s) failed[/red]"
    err.print(summary, highlight=False, soft_wrap=True)
    return failures


def _at_most_one_readable(entries: Iterator[str | IngestError]) -> Iterator[str | IngestError]:
    """``entries`` unchanged, after checking (reading ahead to the second file) that --id has one input."""
    ahead: list[str | IngestError] = []
    readable = 0
    for entry in entries:
        ahead.append(entry)
        readable += not isinstance(entry, IngestError)
        if readable > 1:
            err.print("error: --id needs exactly one input, got more than one file")
            raise typer.Exit(2)
    return iter(ahead)


def _document_name(doc: Document) -> str:
    return doc.source.path or doc.source.url or doc.doc_id


def _report_warnings(doc: Document) -> None:
    """One line on standard error per stage warning: ``FILE: warning: STAGE: message``."""
    for warning in doc.warnings:
        err.print(escape(f"{_document_name(doc)}: warning: {warning.stage}: {warning.message}"),
                  highlight=False, soft_wrap=True)


def _render_warnings(doc: Document, out: Console) -> None:
    """The text view's last section: what the pipeline could not do for this document."""
    if not doc.warnings:
        return
    out.print("[bold]Warnings[/bold]")
    for warning in doc.warnings:
        out.print(escape(f"  {warning.stage}: {warning.message} ({warning.rule})"))


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for standard input."),
    format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl or text."),
    published: str | None = typer.Option(None, help="Publication date YYYY-MM-DD (document creation time); "
                                                     "overrides or supplies the inputs' date."),
    id: str | None = typer.Option(None, "--id", help="Document id (only with one input)."),
    model: str | None = typer.Option(None, help="spaCy model name (default: best installed)."),
    workers: int | None = typer.Option(None, help=WORKERS_HELP),
    engine: Engine = typer.Option(Engine.serial, "--engine", help=ENGINE_HELP),
    scheduler: str | None = typer.Option(None, "--scheduler", help=SCHEDULER_HELP),
) -> None:
    """Extract one contract document per input (CONTRACT.md section 1).

    Inputs: .txt (or no extension), .html/.htm, .json, .jsonl (each optionally .gz), folders
    (searched recursively), and - for standard input.  Exits with status 1 when any input failed.
    A stage that fails on a document gives a warning (standard error, the text view, and the
    record's ``warnings``); warnings alone leave the exit status 0.
    """
    if id and len(paths) != 1:
        err.print("error: --id needs exactly one input")
        raise typer.Exit(2)
    if scheduler and engine is not Engine.dask:
        err.print("error: --scheduler needs --engine dask")
        raise typer.Exit(2)
    failures = _run_extract(paths, _settings(model), format, _check_published(published), id, workers,
                            engine=engine.value, scheduler=scheduler)
    if failures:
        raise typer.Exit(1)


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("newsgraph") / "sample_corpus"))


@app.command()
def demo(model: str | None = typer.Option(None, help="spaCy model name.")) -> None:
    """Run the pipeline over the built-in sample corpus and show what was found."""
    corpus = sample_corpus_dir()
    docs: list = []
    settings = _settings(model)
    failures = _run_extract([str(corpus)], settings, OutputFormat.text, None, None, 1, done=docs)
    _print_demo_summary(docs, corpus)
    _print_demo_fusion(docs, settings)
    if failures:
        raise typer.Exit(1)


def _print_demo_fusion(docs: list, settings: Settings) -> None:
    """Store the processed sample documents in a throw-away store, resolve them across documents,
    and show the happenings that more than one article reports."""
    import tempfile

    from .cli_common import events_table
    from .query import Corpus
    from .resolve import resolve_store
    from .store import Store

    with tempfile.TemporaryDirectory(prefix="newsgraph-demo-") as tmp:
        store = Store(Path(tmp) / "demo.sqlite", settings)
        try:
            for doc in docs:
                store.save(doc)
            summary = resolve_store(store)
            fused = [e for e in Corpus(store).timeline() if len(e["documents"]) > 1]
        finally:
            store.close()
    console = out_console(highlight=False)
    console.print(f"Across the corpus: {summary.canonical_entities} actors, {summary.canonical_events} events, "
                  f"{summary.stories} stories.")
    console.print(events_table(fused, "Events reported by more than one article (one canonical event each)"))


def _print_demo_summary(docs: list, corpus: Path) -> None:
    table = Table(title=f"Sample corpus: {len(docs)} documents")
    for col in ("file", "published", "dateline", "entities", "times", "quotes", "events"):
        table.add_column(col, no_wrap=col in ("published", "dateline"))
    for doc in docs:
        name = Path(doc.source.path).name if doc.source.path else "-"
        table.add_row(name, doc.published or "?", doc.dateline.place if doc.dateline and doc.dateline.place else "-",
                      str(len(doc.entities)), str(len(doc.timexes)),
                      str(len(doc.quotes)), str(len(doc.events)))
    out_console(highlight=False).print(table)


def main() -> None:
    """The ``newsgraph`` command: a setting that cannot be used (an environment variable, a missing
    model or extra) is one line on standard error and exit status 2, never a traceback."""
    try:
        app()
    except ConfigurationError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
from . import cli_brief, cli_corpus, cli_web  # noqa: E402,F401  (they register their commands on app)
