"""Print gold vs system for the PLOVER gold records (a development set: it is not a test part).

Scored as ``benchmarks/bench_events.py`` does: the event of the gold type (else the sentence's
main event) supplies the actors compared with the gold source and the recipients (or, with no
recipient, the actors) compared with the gold target. Only records with an error in the chosen
field are printed.

    NEWSGRAPH_DATASETS=/work/shared/datasets .venv/bin/python tools/plover_dev_errors.py \
        [--only type|source|target] [--limit N] [--summary]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from bench_events import (  # noqa: E402
    V05_MAP,
    TimedPipeline,
    _actor_texts,
    dataset,
    main_event,
    name_match,
    party_names,
)

FIELDS = ("type", "source", "target")


def plover_records() -> list[dict]:
    text = dataset("plover", "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8")
    return [r for r in json.loads(text) if r.get("event") != "DOCUMENT" and r.get("text")]


def _event_line(doc, ev) -> str:
    actors = party_names(doc, ev.actors, ev.actor_text)
    recips = party_names(doc, ev.recipients, ev.recipient_text)
    trig = doc.text[ev.trigger.start:ev.trigger.end]
    return f"    {ev.type:<9} '{trig}' A={actors} R={recips} [{ev.rule}]"


def record_errors(rec: dict, doc) -> dict[str, bool]:
    """Which of type/source/target the system got wrong on this record."""
    gold = V05_MAP.get(rec["event"], rec["event"])
    main = main_event(doc)
    ev = next((e for e in doc.events if e.type == gold), main)
    actors = party_names(doc, ev.actors, ev.actor_text) if ev else []
    recips = party_names(doc, ev.recipients, ev.recipient_text) if ev else []
    targets = recips + (actors if ev and not ev.recipients else [])
    return {
        "type": main is None or main.type != gold,
        "source": any(not name_match(s, actors) for s in _actor_texts(rec.get("source"))),
        "target": any(not name_match(t, targets) for t in _actor_texts(rec.get("target"))),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=FIELDS)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--summary", action="store_true", help="counts only")
    args = parser.parse_args()
    records = plover_records()
    docs = TimedPipeline().run([(r["id"], r["text"], None) for r in records])
    counts = dict.fromkeys(FIELDS, 0)
    shown = 0
    for rec, doc in zip(records, docs, strict=True):
        errors = record_errors(rec, doc)
        for field, wrong in errors.items():
            counts[field] += wrong
        wanted = errors[args.only] if args.only else any(errors.values())
        if args.summary or not wanted or (args.limit and shown >= args.limit):
            continue
        shown += 1
        gold = V05_MAP.get(rec["event"], rec["event"])
        print(f"{rec['id']} gold={gold} src={_actor_texts(rec.get('source'))} "
              f"tgt={_actor_texts(rec.get('target'))} wrong={[f for f, w in errors.items() if w]}")
        info = rec.get("textInfo")
        print("  " + (info.get("markup", rec["text"]) if isinstance(info, dict) else rec["text"]))
        for ev in doc.events:
            print(_event_line(doc, ev))
    print(f"records {len(records)}; wrong: " + ", ".join(f"{f} {n}" for f, n in counts.items()))


if __name__ == "__main__":
    main()
