"""Time expressions in historical narrative (issue 14): the project's narrative dev set.

Gold: ``benchmarks/devsets/time_narrative.jsonl`` (original paragraphs in backgrounder style, each
with its publication date, gold TIMEX3 spans, types, values and a ``kind``; see the devsets
README).  Each paragraph runs through analysis, entities and timexes with its publication date
as the DCT, as in ``bench_time``.

* Per kind: a gold timex is *found* when a system timex overlaps it (the one with the same span
  is preferred) and *right* when that timex has the gold value; accuracy is right over all gold
  timexes of the kind, so a missed timex counts as wrong.
* ``non_timex``: spans that must not be tagged; every system timex overlapping one is spurious.
* Overall strict/relaxed span P/R/F1 and value F1 are computed with ``bench_time.Score`` (the
  TempEval-3 definitions).

Values are compared after one normalisation: an astronomical BC year (``-0043``) is read as the
project's ``BC0044``.  The seed check at the end reports the values given today for the two seed
sentences issue 14 names (the seeds are read from ../shared/seeds, not copied).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from bench_time import GoldTimex, Score, TmlDoc
from common import ROOT, Skip, md_table, seeds_dir

TITLE = "Time expressions in historical narrative (narrative dev set, issue 14)"

DEVSET = ROOT / "benchmarks" / "devsets" / "time_narrative.jsonl"
KINDS = ("news_anchor", "narrative_anchor", "relative_narrative", "historical_year", "bc_ad", "decade",
         "century", "season", "range", "anchored_offset", "unanchored_offset", "granularity")
ASTRONOMICAL = re.compile(r"-(\d{4})(.*)")
# Issue 14's "Done when": these seed phrases, with the values they should get.
SEED_FILE = "003_061431118427cccf.txt"
SEED_PUBLISHED = "2023-09-11"
SEED_TARGETS = [("In July", "July", "2023-07"), ("Two months later", "Two months later", "2019-04")]


def load_devset(path: Path = DEVSET) -> list[dict]:
    if not path.exists():
        raise Skip(f"{path} is absent")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def normalise_value(value: str | None) -> str | None:
    """``-0043...`` (astronomical numbering, year 0 = 1 BC) -> ``BC0044...``; other values unchanged."""
    m = ASTRONOMICAL.fullmatch(value or "")
    return f"BC{int(m[1]) + 1:04d}{m[2]}" if m else value


def run_pipeline(rows: list[dict]) -> list[list]:
    """System timexes for each row, in order."""
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import build_stage

    settings = Settings()
    stages = [build_stage(name, settings) for name in ("analysis", "entities", "timexes")]
    out = []
    for row in rows:
        doc = Document(doc_id=row["id"], text=row["text"], published=row["published"])
        for stage in stages:
            doc = stage(doc)
        out.append(doc.timexes)
    return out


def _best_match(gold: dict, system: list):
    exact = [t for t in system if (t.start, t.end) == (gold["start"], gold["end"])]
    over = [t for t in system if t.start < gold["end"] and gold["start"] < t.end]
    return (exact or over or [None])[0]


def score_kinds(rows: list[dict], outputs: list[list]) -> tuple[dict, list[tuple[str, str, str, str]]]:
    """Per kind Counter(gold, found, right); and the wrong values as (id, kind, gold, system)."""
    per_kind: dict[str, Counter] = {k: Counter() for k in KINDS}
    wrong = []
    for row, system in zip(rows, outputs):
        for g in row["timexes"]:
            t = _best_match(g, system)
            c = per_kind.setdefault(g["kind"], Counter())
            c["gold"] += 1
            c["found"] += t is not None
            value = normalise_value(t.value) if t is not None else None
            if value == g["value"]:
                c["right"] += 1
            else:
                wrong.append((row["id"], g["kind"], g["value"], "(missed)" if t is None else str(value)))
    return per_kind, wrong


def spurious_on_negatives(rows: list[dict], outputs: list[list]) -> tuple[int, int, int]:
    """(negative spans, spans that got a tag, system timexes overlapping a negative span)."""
    spans = tagged = timexes = 0
    for row, system in zip(rows, outputs):
        for n in row["non_timex"]:
            hits = [t for t in system if t.start < n["end"] and n["start"] < t.end]
            spans += 1
            tagged += bool(hits)
            timexes += len(hits)
    return spans, tagged, timexes


def overall(rows: list[dict], outputs: list[list]) -> list[object]:
    score = Score()
    for row, system in zip(rows, outputs):
        gold = [GoldTimex(g["start"], g["end"], g["type"], g["value"]) for g in row["timexes"]]
        score.add(TmlDoc(row["id"], row["published"], row["text"], gold),
                  [_normalised(t) for t in system])
    return score.row("narrative dev set")


def _normalised(timex):
    from dataclasses import replace

    return replace(timex, value=normalise_value(timex.value))


def seed_values() -> list[list[object]]:
    """The values given today for the seed phrases issue 14 names (empty when the seeds are absent)."""
    path = seeds_dir() / SEED_FILE
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    [system] = run_pipeline([{"id": path.stem, "text": text, "published": SEED_PUBLISHED}])
    rows = []
    for phrase, timex_text, expected in SEED_TARGETS:
        at = text.find(phrase)
        got = [t for t in system if at >= 0 and at <= t.start < at + len(phrase) + 1
               and t.text.lower() == timex_text.lower()]
        value = f"{got[0].value} (anchor {got[0].anchor})" if got else "(no timex)"
        rows.append([f'"{phrase} ..."', expected, value])
    return rows


def run() -> str:
    rows = load_devset()
    outputs = run_pipeline(rows)
    per_kind, wrong = score_kinds(rows, outputs)
    kind_rows = [[k, c["gold"], c["found"], c["right"], 100 * c["right"] / c["gold"] if c["gold"] else 0.0]
                 for k, c in per_kind.items()]
    total = Counter()
    for c in per_kind.values():
        total.update(c)
    kind_rows.append(["all", total["gold"], total["found"], total["right"],
                      100 * total["right"] / total["gold"] if total["gold"] else 0.0])
    spans, tagged, spurious = spurious_on_negatives(rows, outputs)
    header = ["set", "gold", "system", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R",
              "relaxed F1", "type F1", "value F1"]
    by_kind = Counter(kind for _, kind, _, _ in wrong)
    lines = [
        f"Gold: `benchmarks/devsets/time_narrative.jsonl` ({len(rows)} original paragraphs, "
        f"{total['gold']} timexes, {spans} non-timex spans; a dev set: report and tune, but no code may "
        "special-case its sentences). Each paragraph is run with its publication date as DCT. Per kind: "
        "found = a system timex overlaps the gold span; right = its value equals the gold value "
        "(BC years compared as `BC0044`); accuracy = right / gold.",
        "",
        md_table(["kind", "gold", "found", "value right", "value accuracy %"], kind_rows),
        "",
        f"Non-timex spans (must not be tagged): {tagged} of {spans} tagged, {spurious} spurious system "
        "timexes on them.",
        "",
        "Span and value scores over the whole set (TempEval-3 definitions, as in the TempEval-3 "
        "section; all in %):",
        "",
        md_table(header, [overall(rows, outputs)]),
        "",
        "Wrong values by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())) + ".",
    ]
    seeds = seed_values()
    if seeds:
        lines += ["", f"Seed phrases named by issue 14 (`{SEED_FILE}`, published {SEED_PUBLISHED}):", "",
                  md_table(["phrase", "wanted", "system value"], seeds)]
    return "\n".join(lines)
