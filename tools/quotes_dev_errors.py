"""Print the quote-attribution errors on PolNeAR's DEVELOPMENT parts (dev, or train).

Never run on the test part: it is for reporting only (``benchmarks/bench_quotes.py``).
Gold relations and predictions are paired as in the benchmark (content overlap, one to one);
errors are grouped by category:

- ``missed``: a gold relation no prediction overlaps, counted by its cue word (speech verb of
  the lexicon, "according to", or other: beliefs, nouns, ...);
- ``source``: content found but the predicted speaker span misses the gold Source
  (``none`` when the prediction has no speaker);
- ``spurious``: a prediction overlapping no gold content;
- with ``--speakers`` (runs the entity layer too): ``speaker``, a matched quote whose gold Source
  names someone (a capitalised word, or a pronoun) and whose resolved entity shares no word with
  the gold Source's words or, for a pronoun, with the nearest earlier name (printed for a look).

    NEWSGRAPH_DATASETS=/work/shared/datasets /work/venv/bin/python tools/quotes_dev_errors.py \
        [--split dev|train] [--only missed|source|spurious] [--limit N] [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from bench_quotes import _pair, _speech_cue, _trim, merge_by_cue, polnear_articles  # noqa: E402

CATEGORIES = ("missed", "source", "spurious", "speaker")
PRONOUNS = {"he", "she", "they", "it", "him", "her", "his", "its", "their"}


def _ctx(text: str, start: int, end: int, width: int = 60) -> str:
    return (text[max(0, start - width):start] + "[[" + text[start:end] + "]]"
            + text[end:end + width]).replace("\n", " ")


def _cue_class(sdoc, text: str, cue) -> str:
    if cue is None:
        return "no cue"
    words = text[cue[0]:cue[1]].lower()
    if "according" in words:
        return "according to"
    if _speech_cue(sdoc, *cue):
        return "speech verb"
    span = sdoc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is not None and any(t.pos_ == "NOUN" for t in span):
        return "noun"
    return "other (belief, intention...)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--only", choices=CATEGORIES, action="append")
    ap.add_argument("--limit", type=int, default=0, help="articles to read (0: all)")
    ap.add_argument("--quiet", action="store_true", help="counts only")
    ap.add_argument("--speakers", action="store_true", help="run the entity layer, judge resolved speakers")
    args = ap.parse_args()

    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import Pipeline

    articles = list(polnear_articles(args.split))
    if args.limit:
        articles = articles[:args.limit]
    golds = {stem: rels for stem, _, rels in articles}
    stages = ("analysis", "entities", "quotes") if args.speakers else ("analysis", "quotes")
    pipeline = Pipeline(Settings(), stages=stages)
    counts: Counter = Counter()
    missed_cues: Counter = Counter()
    lines: list[tuple[str, str]] = []
    n_gold = n_pred = 0
    docs = (Document(doc_id=stem, text=text) for stem, text, _ in articles)
    for doc in pipeline.pipe(docs, batch_size=8, keep_analysis=True):
        text, rels = doc.text, golds[doc.doc_id]
        preds = merge_by_cue(doc.quotes, text)
        n_gold += len(rels)
        n_pred += len(preds)
        g = [_trim(text, *r["Content"]) for r in rels]
        p = [_trim(text, q.start, q.end) for q in preds]
        pairs = dict(_pair(g, p, exact=False))
        paired_p = set(pairs.values())
        for gi, r in enumerate(rels):
            cue = r.get("Cue")
            if gi not in pairs:
                cls = _cue_class(doc.analysis, text, cue)
                counts[f"missed: {cls}"] += 1
                if cue:
                    missed_cues[text[cue[0]:cue[1]].lower()] += 1
                src = text[r["Source"][0]:r["Source"][1]] if "Source" in r else "-"
                lines.append(("missed", f"MISSED [{cls}] cue={text[cue[0]:cue[1]] if cue else '-'!r} "
                                        f"source={src!r}: {_ctx(text, *g[gi])}"))
                continue
            q = preds[pairs[gi]]
            if "Source" not in r:
                continue
            gs = _trim(text, *r["Source"])
            if q.speaker_span is None:
                counts["source: none predicted"] += 1
                lines.append(("source", f"SOURCE none (gold {text[gs[0]:gs[1]]!r}, {q.rule}): "
                                        f"{_ctx(text, q.start, q.end, 40)}"))
                continue
            if args.speakers:
                gold_words = set(text[gs[0]:gs[1]].replace("’s", "").replace("'s", "").split())
                entity = doc.entity(q.speaker) if q.speaker else None
                if gold_words & PRONOUNS or any(w[:1].isupper() for w in gold_words):
                    if entity is None:
                        counts["speaker: no entity"] += 1
                    elif gold_words & set(entity.name.split()):
                        counts["speaker: entity shares a word with gold"] += 1
                    else:
                        counts["speaker: entity differs (or gold is a pronoun)"] += 1
                        lines.append(("speaker", f"SPEAKER {entity.name!r} for gold {text[gs[0]:gs[1]]!r} "
                                                 f"({q.rule}): {_ctx(text, q.start, q.end, 80)[:300]}"))
            ps = _trim(text, q.speaker_span.start, q.speaker_span.end)
            if min(ps[1], gs[1]) <= max(ps[0], gs[0]):
                counts["source: wrong span"] += 1
                lines.append(("source", f"SOURCE got {text[ps[0]:ps[1]]!r} gold {text[gs[0]:gs[1]]!r} "
                                        f"({q.rule}): {_ctx(text, q.start, q.end, 40)}"))
            elif ps != gs:
                counts["source: overlap, not exact"] += 1
        for pi, q in enumerate(preds):
            if pi not in paired_p:
                counts[f"spurious: {q.kind}"] += 1
                lines.append(("spurious", f"SPURIOUS {q.kind} {q.speaker_text!r} ({q.rule}): "
                                          f"{_ctx(text, q.start, q.end, 40)}"))
        doc.analysis = None

    if not args.quiet:
        for category, line in lines:
            if not args.only or category in args.only:
                print(line)
        print()
    print(f"PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold relations, {n_pred} predicted")
    for name, n in sorted(counts.items()):
        print(f"  {name:32s} {n}")
    print("  most frequent cues of missed relations:",
          ", ".join(f"{w} {n}" for w, n in missed_cues.most_common(30)))


if __name__ == "__main__":
    main()
