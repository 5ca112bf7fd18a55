"""Briefings and alerts at scale.

1. Brief generation time for a one-week period at N stored synthetic articles (default 50,000;
   NEWSGRAPH_BENCH_BRIEF_DOCS), beside timeline queries over the same week in the same run.
2. Alert evaluation cost per ingested article (``alerts.after_change`` with six watchlists,
   delivery off) as a ratio of the pipeline's cost per article.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import md_table

TITLE = "Briefings and alerts: brief time at scale, alert evaluation cost"

DOCS = int(os.environ.get("NEWSGRAPH_BENCH_BRIEF_DOCS", "50000"))
BATCHES = 3  # ingest batches whose alert evaluation is timed
BATCH_DOCS = 20
PIPELINE_DOCS = 30
WEEK = ("2022-06-06", "2022-06-12")
RUNS = 3


def _timed(fn, runs: int = RUNS) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def run() -> str:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "src"))
    sys.path.insert(0, str(root / "tests"))
    from newsgraph import alerts, watch
    from newsgraph.brief import build_briefing, render
    from newsgraph.ingest import document_from_text
    from newsgraph.pipeline import Pipeline
    from newsgraph.query import Corpus
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store
    from synthetic import synthetic_corpus

    with tempfile.TemporaryDirectory() as tmp:
        docs = list(synthetic_corpus(DOCS + BATCHES * BATCH_DOCS, seed=5))
        stored, later = docs[:DOCS], docs[DOCS:]
        store = Store(Path(tmp) / "brief.sqlite")
        t0 = time.perf_counter()
        for d in stored:
            store.save(d)
        save_s = time.perf_counter() - t0
        resolution = resolve_store(store)

        corpus = Corpus(store)
        brief_s, briefing = _timed(lambda: build_briefing(store, *WEEK))
        render_s, _ = _timed(lambda: render(briefing, "html"))
        timeline_s, week_events = _timed(lambda: corpus.timeline(since=WEEK[0], until=WEEK[1]))
        person = briefing.quotes[0].speaker if briefing.quotes else next(
            e.name for d in stored[:50] for e in d.entities if e.type == "PERSON")
        entity_tl_s, _ = _timed(lambda: corpus.timeline(entity=person))
        entity_brief_s, _ = _timed(lambda: build_briefing(store, *WEEK, entities=[person]))

        # alert evaluation: six watchlists, batches of new articles (saved and resolved first)
        people = sorted({e.name for d in stored[:500] for e in d.entities if e.type == "PERSON"})[:3]
        for i, name in enumerate(people):
            watch.add(store, watch.rule_from_dict({"name": f"p{i}", "entity": name, "status_change": True,
                                                   "quotes": True, "first_seen": True}))
        watch.add(store, watch.rule_from_dict({"name": "assaults", "types": "ASSAULT"}))
        watch.add(store, watch.rule_from_dict({"name": "conflict", "quad": "material-conflict"}))
        watch.add(store, watch.rule_from_dict({"name": "pair", "entity": people[0], "with": people[1]}))
        eval_s, raised = [], 0
        for b in range(BATCHES):
            batch = later[b * BATCH_DOCS:(b + 1) * BATCH_DOCS]
            for d in batch:
                store.save(d)
            resolve_store(store)
            t = time.perf_counter()
            raised += len(alerts.after_change(store, [d.doc_id for d in batch], deliver=False))
            eval_s.append((time.perf_counter() - t) / len(batch))
        eval_per_doc = statistics.median(eval_s)

        pipeline = Pipeline()
        texts = [document_from_text(d.text, path=f"p{i}.txt") for i, d in enumerate(docs[:PIPELINE_DOCS])]
        t = time.perf_counter()
        list(pipeline.pipe(texts))
        pipe_per_doc = (time.perf_counter() - t) / len(texts)
        store.close()

    lines = [md_table(["measure", "value"], [
        ["stored synthetic articles", f"{DOCS:,}"],
        ["store.save of them, s / full resolution, s", f"{save_s:.0f} / {resolution.seconds:.1f}"],
        ["canonical events / stories", f"{resolution.canonical_events:,} / {resolution.stories:,}"],
        [f"brief for one week ({WEEK[0]}..{WEEK[1]}), s (median of {RUNS})", f"{brief_s:.2f}"],
        ["  its lines: event lines / upcoming / quotes / dyads",
         f"{sum(len(g.events) for g in briefing.stories)} / {len(briefing.upcoming)} / "
         f"{len(briefing.quotes)} / {len(briefing.dyads)}"],
        ["  rendering it as HTML, s", f"{render_s:.3f}"],
        ["timeline --since/--until over the same week, s", f"{timeline_s:.2f} ({len(week_events)} events)"],
        ["timeline --entity (one person, all dates), s", f"{entity_tl_s:.3f}"],
        ["brief for the same week, --entity that person, s", f"{entity_brief_s:.2f}"],
        ["pipeline (parse + stages) per article, s", f"{pipe_per_doc:.3f}"],
        [f"alert evaluation per ingested article (batches of {BATCH_DOCS}, 6 watchlists), s",
         f"{eval_per_doc:.4f}"],
        ["alert evaluation / pipeline per article (ratio)", f"{eval_per_doc / pipe_per_doc:.3f}"],
        ["alerts raised in those batches", f"{raised}"],
    ])]
    lines.append("")
    lines.append(
        f"The corpus is `tests/synthetic.py`'s `synthetic_corpus` (seed 5), written with `Store.save` and "
        f"resolved once; the week is fixed. The brief and the timeline are timed in the same run on the same "
        f"store (median of {RUNS}). Alert evaluation is timed alone (`alerts.after_change`, delivery off) "
        f"after each batch was saved and resolved (resolution is not part of it); the pipeline is timed on "
        f"{PIPELINE_DOCS} of the generated texts read back as plain articles. Measured on "
        f"{dt.date.today().isoformat()} on a shared 2-core machine.")
    if DOCS < 50_000:
        lines.append("")
        lines.append(f"Run at {DOCS:,} stored articles, not the 50,000 the issue names "
                     f"(NEWSGRAPH_BENCH_BRIEF_DOCS={DOCS}): at this machine's store.save rate, building 50,000 "
                     f"and resolving them four times would take about half an hour.")
    return "\n".join(lines)
