"""The progress bar of ``extract`` and ``ingest``: count, rate and, once known, ETA.

Nothing is counted up front: a background thread counts the input files while the run
goes on, and when every file holds one article (no JSON/JSON Lines, no standard input) the
bar gets its total and an ETA; until then (or otherwise) it shows the count and the rate.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.text import Text

MANY_RECORD_SUFFIXES = (".json", ".jsonl", ".json.gz", ".jsonl.gz")
SHOW_FROM = 5  # inputs: smaller runs show no bar


class RateColumn(ProgressColumn):
    """``12.3 docs/s`` and, with a total, ``ETA 0:01:05``."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        rate = f"{speed:.1f} docs/s" if speed else "-- docs/s"
        if task.total and speed:
            left = max(0.0, task.total - task.completed) / speed
            rate += f"  ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}"
        return Text(rate)


class StreamProgress:
    """``with StreamProgress(err, "ingest", paths, enabled) as bar: bar.advance()``."""

    def __init__(self, console: Console, label: str, paths: Iterable[str], enabled: bool = True):
        self.paths = list(paths)
        self.bar = Progress(TextColumn(label), BarColumn(), TextColumn("{task.completed}{task.fields[of]}"),
                            RateColumn(), TimeElapsedColumn(), console=console, transient=True,
                            redirect_stdout=False, redirect_stderr=False, disable=not enabled)
        self.task: TaskID = self.bar.add_task(label, total=None, visible=False, of="")
        self.done = 0

    def __enter__(self) -> StreamProgress:
        self.bar.__enter__()
        if not self.bar.disable:
            threading.Thread(target=self._count_files, daemon=True).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.bar.__exit__(None, None, None)

    def advance(self) -> None:
        self.done += 1
        self.bar.update(self.task, advance=1, visible=self.done >= SHOW_FROM)

    def _count_files(self) -> None:
        from .ingest import IngestError, expand_inputs

        if "-" in self.paths:
            return
        files = 0
        for entry in expand_inputs(self.paths):
            if isinstance(entry, IngestError):
                continue
            if entry.lower().endswith(MANY_RECORD_SUFFIXES):
                return  # a file of many records: the total stays unknown
            files += 1
        self.bar.update(self.task, total=files, of=f"/{files}")
