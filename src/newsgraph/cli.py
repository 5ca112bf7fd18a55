"""The ``newsgraph`` command line."""

from __future__ import annotations

import json
import sys
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .config import Settings
from .ingest import IngestError, read_inputs
from .pipeline import Pipeline
from .render import render_document

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Read news articles into an evidence-backed knowledge graph.")
err = Console(stderr=True)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    text = "text"


def _settings(model: Optional[str]) -> Settings:
    settings = Settings()
    if model:
        settings.spacy_model = model
    return settings


def _run_extract(paths: list[str], settings: Settings, fmt: OutputFormat, published: Optional[str],
                 doc_id: Optional[str], workers: int) -> int:
    """Process ``paths`` and print documents; returns the number of failed inputs."""
    failures = 0
    docs = []
    for item in read_inputs(paths, settings, published=published, doc_id=doc_id):
        if isinstance(item, IngestError):
            failures += 1
            err.print(f"[red]error[/red] {item}", highlight=False)
        else:
            docs.append(item)
    pipeline = Pipeline(settings)
    out = Console(highlight=False, soft_wrap=True)
    for doc in pipeline.pipe(docs, workers=workers):
        if fmt is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            render_document(doc, out)
    sys.stdout.flush()
    return failures


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for standard input."),
    format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl or text."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD (document creation time)."),
    id: Optional[str] = typer.Option(None, "--id", help="Document id (only with one input)."),
    model: Optional[str] = typer.Option(None, help="spaCy model name (default: best installed)."),
    workers: int = typer.Option(1, help="Worker processes."),
) -> None:
    """Extract one contract document per input (CONTRACT.md section 1)."""
    if id and len(paths) != 1:
        err.print("error: --id needs exactly one input")
        raise typer.Exit(2)
    failures = _run_extract(paths, _settings(model), format, published, id, workers)
    if failures:
        err.print(f"{failures} input(s) failed")
        raise typer.Exit(1)


def sample_corpus_dir() -> Path:
    return Path(str(resources.files("newsgraph") / "sample_corpus"))


@app.command()
def demo(model: Optional[str] = typer.Option(None, help="spaCy model name.")) -> None:
    """Run the pipeline over the built-in sample corpus and show what was found."""
    corpus = sample_corpus_dir()
    failures = _run_extract([str(corpus)], _settings(model), OutputFormat.text, None, None, 1)
    if failures:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
from . import cli_corpus  # noqa: E402,F401  (registers the corpus commands on app)
