"""Titles and affiliations on the project's dev set (benchmarks/devsets/titles_affiliations.jsonl).

Each line is an original sentence with the people it names and their gold titles, affiliations,
country and former roles (format in benchmarks/devsets/README.md).  The sentence goes through the
analysis and entities stages; each gold person is matched to a predicted PERSON entity by name
(case-insensitive, hyphens as spaces).  Scores:

* person found: the share of gold people with a predicted entity of that name;
* title / affiliation / country / former accuracy: the share of gold people whose predicted set
  equals the gold set exactly (an unfound person counts as wrong);
* pair P/R/F1: (person, title) and (person, affiliation) pairs, micro-averaged.

Names are compared after lowercasing, hyphens as spaces, and mapping both sides through the
knowledge base (aliases and government seats to the canonical name: "Kremlin" -> "Russia",
"U.S." -> "United States"; a state adjective before a generic body is dropped: "South Korean
Joint Chiefs of Staff" -> "Joint Chiefs of Staff").  It is a dev set: rules may be tuned on it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from common import ROOT, Skip, md_table, prf

TITLE = "Titles and affiliations (project dev set)"
DEVSET = ROOT / "benchmarks" / "devsets" / "titles_affiliations.jsonl"


def _norm(text: str) -> str:
    text = text.lower().replace("-", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def canonical_org(name: str, kb) -> str:
    entry = kb.government_of(name) if kb.is_seat(name) else None
    entry = entry or kb.lookup(name)
    if entry is not None and entry.kind != "person":
        return _norm(entry.name)
    words = name.split()
    for n in (2, 1):  # "South Korean Joint Chiefs of Staff" -> "Joint Chiefs of Staff"
        if len(words) > n and kb.state_of_demonym(" ".join(words[:n])):
            rest = " ".join(words[n:])
            found = kb.lookup(rest)
            return _norm(found.name if found is not None else rest)
    return _norm(re.sub(r"^the\s+", "", name, flags=re.I))


def predicted_people(doc, kb) -> dict:
    names = {e.id: e.name for e in doc.entities}
    out = {}
    for ent in doc.entities:
        if ent.type != "PERSON":
            continue
        former_affs = {canonical_org(names[r.object], kb) for r in doc.relations
                       if r.subject == ent.id and r.former and r.predicate not in ("title", "citizen_of")
                       and r.object in names}
        out[_norm(ent.name)] = {
            "titles": {_norm(t) for t in ent.titles},
            "affiliations": {canonical_org(names[a], kb) for a in ent.affiliations if a in names},
            "country": ent.country,
            "former_titles": {_norm(t) for t in ent.former_titles},
            "former_affiliations": former_affs,
            "mentions": {_norm(m.text) for m in ent.mentions},
        }
    return out


def find(pred: dict, name: str):
    key = _norm(name)
    if key in pred:
        return pred[key]
    for p in pred.values():  # the entity may carry a canonical knowledge-base name
        if key in p["mentions"]:
            return p
    return None


def evaluate(path: Path) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(Settings(), ["analysis", "entities"])
    kb = pipeline.stages[1].kb
    lines = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    counts = {k: 0 for k in ("people", "found", "titles", "affiliations", "country", "former")}
    pairs = {k: [0, 0, 0] for k in ("title", "affiliation")}
    errors = []
    for item in lines:
        doc = pipeline(Document(doc_id=item["id"], text=item["text"]))
        pred = predicted_people(doc, kb)
        for person in item["people"]:
            counts["people"] += 1
            gold_titles = {_norm(t) for t in person.get("titles", [])}
            gold_affs = {canonical_org(a, kb) for a in person.get("affiliations", [])}
            gold_former = ({_norm(t) for t in person.get("former_titles", [])},
                           {canonical_org(a, kb) for a in person.get("former_affiliations", [])})
            p = find(pred, person["name"])
            got_titles = p["titles"] if p else set()
            got_affs = p["affiliations"] if p else set()
            for key, gold, got in (("title", gold_titles, got_titles), ("affiliation", gold_affs, got_affs)):
                pairs[key][0] += len(gold & got)
                pairs[key][1] += len(got - gold)
                pairs[key][2] += len(gold - got)
            if p is None:
                errors.append(f"{item['id']}: {person['name']} not found")
                continue
            counts["found"] += 1
            ok_t = got_titles == gold_titles
            ok_a = got_affs == gold_affs
            counts["titles"] += ok_t
            counts["affiliations"] += ok_a
            counts["country"] += p["country"] == person.get("country")
            counts["former"] += (p["former_titles"], p["former_affiliations"]) == gold_former
            if not (ok_t and ok_a):
                errors.append(f"{item['id']}: {person['name']}: titles {sorted(got_titles)} vs {sorted(gold_titles)}; "
                              f"affiliations {sorted(got_affs)} vs {sorted(gold_affs)}")
    return {"sentences": len(lines), "counts": counts, "pairs": pairs, "errors": errors}


def report(res: dict) -> str:
    c = res["counts"]
    n = c["people"] or 1
    acc = md_table(["measure", "correct", "of", "accuracy"], [
        ["person found (by name)", c["found"], c["people"], c["found"] / n],
        ["titles (exact set)", c["titles"], c["people"], c["titles"] / n],
        ["affiliations (exact set)", c["affiliations"], c["people"], c["affiliations"] / n],
        ["country", c["country"], c["people"], c["country"] / n],
        ["former titles and affiliations", c["former"], c["people"], c["former"] / n],
    ])
    rows = []
    for key in ("title", "affiliation"):
        tp, fp, fn = res["pairs"][key]
        rows.append([f"(person, {key}) pairs", tp, fp, fn, *prf(tp, fp, fn)])
    pair_table = md_table(["pairs", "tp", "fp", "fn", "P", "R", "F1"], rows)
    return "\n\n".join([
        f"`benchmarks/devsets/titles_affiliations.jsonl`: {res['sentences']} original sentences, "
        f"{c['people']} gold people (dev set: rules were tuned on it). Matching and normalisation as "
        "described in `benchmarks/bench_titles.py`.",
        acc, pair_table,
    ])


def run() -> str:
    if not DEVSET.exists():
        raise Skip(f"dev set {DEVSET} is absent")
    return report(evaluate(DEVSET))


if __name__ == "__main__":
    res = evaluate(DEVSET)
    print(report(res))
    print("\n".join(res["errors"]))
