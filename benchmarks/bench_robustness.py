"""Robustness (issue 11): pathological inputs, kill trials, fuzzing.

* **Pathological inputs**: each input of the issue's catalogue goes through the whole pipeline
  (ingest reader, every stage); its time per KB is given as a ratio to the time per KB of the
  normal articles (the sample corpus' plain-text articles, and the seeds when present) measured
  in the same run (goal: at most 5x).  Whether a stage gave up (time budget) is listed too.
* **Kill trials**: ``newsgraph ingest`` of a small folder killed with SIGKILL at a random moment
  (half of them 0-35 ms after the store file appears, i.e. during store creation, the others
  0.5-8 s after start), then the store is opened and checked (``Store.check_integrity``), and the
  same ingest run again must finish with every document stored and intact.
* **Fuzz**: random texts from news fragments, quotation marks, line breaks and random Unicode
  (fixed seed) through ingest -> pipeline -> store -> load, each checked against the contract
  (tests/test_contract.py ``check_document``); exceptions and contract violations are counted.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, seeds_dir

sys.path.insert(0, str(ROOT / "tests"))

TITLE = "Robustness: pathological inputs, kill trials, fuzzing"
KILL_TRIALS = int(os.environ.get("NEWSGRAPH_BENCH_KILL_TRIALS", "10"))
FUZZ_CASES = int(os.environ.get("NEWSGRAPH_BENCH_FUZZ_CASES", "200"))
GOAL_RATIO = 5.0

PATHOLOGICAL = {
    'Mr. Kim said " x1,500 (21 KB)': 'Mr. Kim said "' * 1500,
    'Mr. Kim said " x5,000 (70 KB)': 'Mr. Kim said "' * 5000,
    '50,000 bare " (50 KB)': '"' * 50_000,
    '10,000 lines "Mr. X said." (120 KB)': "Mr. X said.\n" * 10_000,
    '"Officials met. " x70,000 (1 MB, over spaCy max_length)': "Officials met. " * 70_000 + "\n",
}


def _seconds_per_kb(pipeline, text: str, path: str) -> tuple[float, list[str]]:
    from newsgraph.ingest import document_from_text

    started = time.perf_counter()
    doc = pipeline(document_from_text(text, path=path))
    seconds = time.perf_counter() - started
    return seconds / (len(text.encode("utf-8")) / 1024), [f"{w.stage}: {w.rule}" for w in doc.warnings]


def _normal_texts() -> list[tuple[str, str]]:
    corpus = ROOT / "src" / "newsgraph" / "sample_corpus"
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    if seeds_dir().exists():
        texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir().glob("*.txt"))]
    return texts


def pathological_section(pipeline) -> tuple[str, float]:
    normal = _normal_texts()
    _seconds_per_kb(pipeline, normal[0][1], "warmup.txt")
    normal_kb = sum(len(t.encode("utf-8")) for _, t in normal) / 1024
    started = time.perf_counter()
    for name, text in normal:
        _seconds_per_kb(pipeline, text, name)
    base = (time.perf_counter() - started) / normal_kb
    rows = [f"Normal articles: {len(normal)} ({normal_kb:.0f} KB), **{base * 1000:.1f} ms/KB**.", "",
            "| input | ms/KB | ratio to normal | warnings |", "|---|---:|---:|---|"]
    worst = 0.0
    for name, text in PATHOLOGICAL.items():
        per_kb, warnings = _seconds_per_kb(pipeline, text, "pathological.txt")
        worst = max(worst, per_kb / base)
        rows.append(f"| {name} | {per_kb * 1000:.1f} | {per_kb / base:.2f}x | {', '.join(warnings) or '-'} |")
    rows += ["", f"**Worst case: {worst:.2f}x** the normal time per KB (goal <= {GOAL_RATIO:.0f}x)."]
    return "\n".join(rows), worst


def kill_section() -> str:
    from kill_trials import run_trial, write_corpus

    rng = random.Random(2011)
    results = []
    with tempfile.TemporaryDirectory(prefix="newsgraph-kill-") as tmp:
        folder = write_corpus(Path(tmp) / "in", 8)
        for n in range(KILL_TRIALS):
            at_creation = n % 2 == 0
            delay = rng.uniform(0.0, 0.035) if at_creation else rng.uniform(0.5, 8.0)
            results.append(run_trial(folder, Path(tmp) / f"store{n}.sqlite", delay, at_creation, 8))
    killed = sum(r.killed for r in results)
    failures = sum(bool(r.integrity_problems) for r in results)
    half = sum(r.half_documents for r in results)
    resumed = sum(r.resumed_clean for r in results)
    return ("| trials | killed before finishing | integrity failures | half documents | resumed clean |\n"
            "|---:|---:|---:|---:|---:|\n"
            f"| {len(results)} | {killed} | {failures} | {half} | {resumed}/{len(results)} |")


FRAGMENTS = ["Kim Jong Un", "Vladimir Putin", "Mr. Kim", "the ministry", "said", "told reporters", "met",
             "will visit", "on Tuesday", "in March 2024", "since July 2000", "Pyongyang", "according to",
             "“", "”", '"', "'", "—", "\n", "\n\n", ". ", ", ", "(", ")", "  "]


def _fuzz_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 150)):
        if rng.random() < 0.8:
            parts.append(rng.choice(FRAGMENTS))
        else:
            parts.append("".join(chr(rng.choice((rng.randint(32, 126), rng.randint(160, 0x2FFF),
                                                  rng.randint(0x1F300, 0x1F6FF))))
                                 for _ in range(rng.randint(1, 10))))
    return " ".join(parts)


def fuzz_section(pipeline) -> str:
    from newsgraph.ingest import document_from_text
    from newsgraph.store import Store
    from test_contract import check_document

    rng = random.Random(11)
    exceptions = violations = empty = 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-fuzz-") as tmp:
        store = Store(Path(tmp) / "fuzz.sqlite")
        for _ in range(FUZZ_CASES):
            try:
                doc = document_from_text(_fuzz_text(rng), path="fuzz.txt")
                if not doc.text:
                    empty += 1
                    continue
                out = pipeline(doc)
                out.analysis = None
                store.save(out)
                loaded = store.load_document(out.doc_id)
                if loaded is None:
                    continue  # the same text met before: stored once
                try:
                    check_document(out.to_dict())
                    check_document(loaded.to_dict())
                    if [w for w in out.warnings if w.rule == "pipeline.error"]:
                        raise AssertionError("stage error")
                except AssertionError:
                    violations += 1
            except Exception:  # noqa: BLE001 - counted, that is the measurement
                exceptions += 1
        integrity = store.check_integrity()
        store.close()
    return ("| cases | empty after ingest | exceptions | contract violations | store integrity problems |\n"
            "|---:|---:|---:|---:|---:|\n"
            f"| {FUZZ_CASES} | {empty} | {exceptions} | {violations} | {len(integrity)} |")


def run() -> str:
    from newsgraph.config import Settings
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(Settings())
    patho, _worst = pathological_section(pipeline)
    return "\n\n".join([
        "### Pathological inputs (whole pipeline)", patho,
        f"### Kill trials (SIGKILL during `newsgraph ingest`, {KILL_TRIALS} trials)", kill_section(),
        "### Fuzz (ingest -> pipeline -> store -> load, contract checks)", fuzz_section(pipeline),
    ])
