"""Print the time-expression errors on the TempEval-3 DEVELOPMENT data (timebank + aquaint).

Never run on the platinum test set: it is for reporting only.  The spaCy parses are
cached (``--cache``, default /tmp/newsgraph_time_dev.spacy) so that a rule change can be
checked in seconds:

    NEWSGRAPH_DATASETS=/work/shared/datasets PYTHONPATH=src:benchmarks \
        /work/venv/bin/python tools/time_dev_errors.py [--only missed|spurious|span|value|type]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from bench_time import Score, _strip, read_tml  # noqa: E402
from common import dataset  # noqa: E402

DEV_SETS = ("timebank", "aquaint")


def load(cache: Path):
    from spacy.tokens import DocBin

    from newsgraph.analysis import load_nlp
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import build_stage

    settings = Settings()
    paths = [p for name in DEV_SETS for p in sorted(dataset("tempeval3", name).glob("*.tml"))]
    docs = [read_tml(p) for p in paths]
    nlp = load_nlp(settings.spacy_model)
    if cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        analysis = build_stage("analysis", settings)
        models = list(analysis.pipe([Document(doc_id=d.name, text=d.text, published=d.dct) for d in docs]))
        parsed = [m.analysis for m in models]
        DocBin(docs=parsed, store_user_data=True).to_disk(cache)
    return docs, parsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsgraph_time_dev.spacy"))
    ap.add_argument("--only", choices=["missed", "spurious", "span", "value", "type"], action="append")
    ap.add_argument("--quiet", action="store_true", help="scores only")
    args = ap.parse_args()
    from newsgraph.timexes import extract_timexes

    docs, parsed = load(args.cache)
    score = Score()
    kinds: Counter = Counter()
    for doc, spacy_doc in zip(docs, parsed):
        system = extract_timexes(doc.text, doc.dct, spacy_doc)
        score.add(doc, system)
        gold = [(*_strip(doc.text, g.start, g.end), g) for g in doc.timexes]
        sys_spans = [(*_strip(doc.text, t.start, t.end), t) for t in system]

        def ctx(s, e):
            return doc.text[max(0, s - 50):s].replace("\n", " ") + "[[" + doc.text[s:e] + "]]" + \
                doc.text[e:e + 30].replace("\n", " ")

        lines = []
        for gs, ge, g in gold:
            over = [(ss, se, t) for ss, se, t in sys_spans if ss < ge and gs < se]
            if not over:
                lines.append(("missed", f"MISSED {g.type} {g.value}: {ctx(gs, ge)}"))
                continue
            exact = [o for o in over if (o[0], o[1]) == (gs, ge)]
            ss, se, t = (exact or over)[0]
            if not exact:
                lines.append(("span", f"SPAN gold={doc.text[gs:ge]!r} sys={doc.text[ss:se]!r} ({t.rule}): {ctx(gs, ge)}"))
            if t.value != g.value:
                lines.append(("value", f"VALUE gold={g.type} {g.value} sys={t.type} {t.value} {t.mod or ''} ({t.rule}): {ctx(gs, ge)}"))
            elif t.type != g.type:
                lines.append(("type", f"TYPE gold={g.type} sys={t.type} {g.value} ({t.rule}): {ctx(gs, ge)}"))
        for ss, se, t in sys_spans:
            if not any(ss < ge and gs < se for gs, ge, _ in gold):
                lines.append(("spurious", f"SPURIOUS {t.type} {t.value} ({t.rule}): {ctx(ss, se)}"))
        for kind, line in lines:
            kinds[kind] += 1
            if not args.quiet and (not args.only or kind in args.only):
                print(f"{doc.name} dct={doc.dct} {line}")
    row = score.row("dev")
    print("gold %d system %d | strict P %.2f R %.2f F1 %.2f | relaxed P %.2f R %.2f F1 %.2f | type F1 %.2f value F1 %.2f"
          % tuple(row[1:]))
    print(dict(kinds))


if __name__ == "__main__":
    main()
