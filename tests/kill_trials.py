"""Kill trials for the store (issue 11): run ``newsgraph ingest`` in a child process, SIGKILL it at
a chosen moment (just after the store file appears, or some seconds into the batch), then check
that the store opens, passes ``Store.check_integrity``, holds no half document, and that running
the same ingest again completes it.  Used by tests/robustness/test_kill.py and
benchmarks/bench_robustness.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newsgraph.store import Store

ARTICLE = ("SEOUL, March {n} - North Korean leader Kim Jong Un met Russian President Vladimir Putin in "
           "Vladivostok on Tuesday, officials said, in talks on weapons and food aid.\n\n"
           "\"We will build a strong friendship,\" Kim said. Report number {n}.\n")


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"article_{i:03d}.txt").write_text(ARTICLE.format(n=i + 1), encoding="utf-8")
    return folder


@dataclass
class TrialResult:
    killed: bool  # False when the ingest finished before the kill came
    integrity_problems: list[str]
    half_documents: int  # stored documents missing facts their row promises
    resumed_clean: bool  # the second ingest exited 0 and left every input stored, intact


def _ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", str(db)]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def run_trial(folder: Path, db: Path, delay: float, at_creation: bool, expected: int) -> TrialResult:
    """Kill ``delay`` seconds after the store file appears (``at_creation``) or after start."""
    child = subprocess.Popen(_ingest_command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=_environment())
    started = time.monotonic()
    if at_creation:
        while not db.exists() and child.poll() is None and time.monotonic() - started < 120:
            time.sleep(0.001)
    time.sleep(delay)
    killed = child.poll() is None
    if killed:
        child.send_signal(signal.SIGKILL)
    child.wait()
    store = Store(db)
    try:
        problems = store.check_integrity()
        half = len({p.split(":", 1)[0] for p in problems})
    finally:
        store.close()
    again = subprocess.run(_ingest_command(folder, db), capture_output=True, text=True, env=_environment())
    store = Store(db)
    try:
        resumed = (again.returncode == 0 and store.count() == expected and not store.check_integrity()
                   and not store.needs_resolution())
    finally:
        store.close()
    return TrialResult(killed, problems, half, resumed)
