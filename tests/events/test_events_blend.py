"""Sense rules and the rules+model blend (issue 16, items 1 and 5), on original sentences."""

from __future__ import annotations

import pytest

from newsgraph.config import Settings
from newsgraph.events import EventStage, blend, event_typer
from newsgraph.events.blend import BlendPolicy
from newsgraph.events.senses import non_event_sense
from newsgraph.model import Document, Event, Span
from newsgraph.pipeline import Pipeline

# (sentence, trigger word, the type a naive reading of the trigger gives)
NON_EVENT_SENSES = [
    ("Japan released treated radioactive water from the Fukushima plant into the Pacific on Thursday.",
     "released", "RETREAT"),
    ("Poland is evacuating citizens from Lebanon as the fighting spreads north.", "evacuating", "AID"),
    ("Ukraine has met the criterion for candidate status, the European Commission said.", "met", "CONSULT"),
    ("The European Commission said the criterion is met by Ukraine.", "met", "CONSULT"),
    ("New figures from Kenya demonstrate that exports to Uganda fell sharply last year.",
     "demonstrate", "PROTEST"),
    ("An explosion at a chemical plant in Tianjin killed 12 workers, Chinese state media said.",
     "killed", "ASSAULT"),
    ("Rioters backed by Ankara torched shops in the northern Syrian town of Afrin.", "backed", "SUPPORT"),
]
REAL_EVENTS = [
    ("Israel released 39 Palestinian prisoners on Friday.", "released", "RETREAT"),
    ("Thousands demonstrated in Tbilisi against the government of Georgia.", "demonstrated", "PROTEST"),
    ("The foreign minister of Japan met his Chinese counterpart in Beijing.", "met", "CONSULT"),
    ("Militants set off a bomb outside a police station in Quetta, killing four officers.", "killing",
     "ASSAULT"),
]


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    return Pipeline(Settings(event_model="off"))


def forced_event(doc: Document, word: str, etype: str) -> Event:
    start = doc.text.index(word)
    sent = next(s for s in doc.analysis.sents if s.start_char <= start < s.end_char)
    return Event(id="v1", type=etype, trigger=Span(start, start + len(word), word),
                 sentence=Span(sent.start_char, sent.end_char, ""), actors=["e1"], rule="test")


@pytest.mark.parametrize(("text", "word", "etype"), NON_EVENT_SENSES)
def test_non_event_sense_is_rejected_by_the_stage(rules_only: Pipeline, text: str, word: str, etype: str) -> None:
    doc = rules_only(Document(doc_id="t", text=text))
    assert not [e for e in doc.events if e.type == etype and word in (e.trigger.text if e.trigger else "")]


@pytest.mark.parametrize(("text", "word", "etype"), NON_EVENT_SENSES)
def test_sense_rule_names_the_non_event_sense(nlp, text: str, word: str, etype: str) -> None:
    doc = Document(doc_id="t", text=text)
    doc.analysis = nlp(text)
    assert non_event_sense(doc, forced_event(doc, word, etype))
    assert blend(doc, [forced_event(doc, word, etype)], None) == []


@pytest.mark.parametrize(("text", "word", "etype"), REAL_EVENTS)
def test_real_events_pass_the_sense_rules(nlp, text: str, word: str, etype: str) -> None:
    doc = Document(doc_id="t", text=text)
    doc.analysis = nlp(text)
    assert non_event_sense(doc, forced_event(doc, word, etype)) is None


def fixed_typer(answer: tuple[str | None, str, float]):
    def typer(sentences: list[str]) -> list[tuple[str | None, str, float]]:
        return [answer for _ in sentences]

    return typer


# the model asked about a single candidate with a named actor too (off by default, see BlendPolicy)
ASKING = BlendPolicy(ask_single_with_actor=True)


def test_a_single_candidate_with_a_named_actor_is_left_to_the_rules_by_default(nlp) -> None:
    doc, event = one_event_doc(nlp)
    (out,) = blend(doc, [event], fixed_typer(("CONCEDE", "verbal-cooperation", 0.95)))
    assert (out.type, out.rule) == ("RETREAT", "test")  # not asked
    event.actors = []  # with no named actor the model is asked and re-types it
    (out,) = blend(doc, [event], fixed_typer(("CONCEDE", "verbal-cooperation", 0.95)))
    assert out.type == "CONCEDE"


def one_event_doc(nlp) -> tuple[Document, Event]:
    # the candidate is off the sentence's main verb, so the model is asked about it
    text = "Talks resumed after Israel released 39 Palestinian prisoners on Friday."
    doc = Document(doc_id="t", text=text)
    doc.analysis = nlp(text)
    return doc, forced_event(doc, "released", "RETREAT")


def test_blend_confirms_when_the_model_agrees(nlp) -> None:
    doc, event = one_event_doc(nlp)
    (out,) = blend(doc, [event], fixed_typer(("RETREAT", "material-cooperation", 0.9)), policy=ASKING)
    assert out.type == "RETREAT" and out.rule == "test+model=RETREAT@0.90"
    assert out.confidence >= 0.9


def test_blend_retypes_when_the_model_is_confident(nlp) -> None:
    doc, event = one_event_doc(nlp)
    (out,) = blend(doc, [event], fixed_typer(("CONCEDE", "verbal-cooperation", 0.95)), policy=ASKING)
    assert out.type == "CONCEDE" and "model-retyped:RETREAT>CONCEDE@0.95" in out.rule


def test_blend_keeps_the_rule_when_the_model_is_unsure(nlp) -> None:
    doc, event = one_event_doc(nlp)
    (out,) = blend(doc, [event], fixed_typer(("CONCEDE", "verbal-cooperation", 0.3)), policy=ASKING)
    assert out.type == "RETREAT" and out.rule.endswith("+model-doubts=CONCEDE@0.30")


def test_blend_drops_a_weak_candidate_the_model_calls_no_event(nlp) -> None:
    doc, event = one_event_doc(nlp)
    event.actors = []
    assert blend(doc, [event], fixed_typer((None, "none", 0.95))) == []
    event.actors = ["e1"]  # a named actor: the rule stands
    assert len(blend(doc, [event], fixed_typer((None, "none", 0.95)), policy=ASKING)) == 1


def test_rules_only_can_be_forced() -> None:
    assert event_typer(Settings(event_model="off")) is None
    assert EventStage(Settings(event_model="off")).typer is None


def test_blend_adds_an_event_the_rules_miss(pipeline: Pipeline) -> None:
    stage = next(s for s in pipeline.stages if s.name == "events")
    text = "Egypt quietly handed Sudan four fighter jets last month."
    saved = stage.typer
    stage.typer = fixed_typer(("AID", "material-cooperation", 0.9))
    try:
        doc = pipeline(Document(doc_id="t", text=text))
    finally:
        stage.typer = saved
    added = [e for e in doc.events if e.rule.startswith("model:AID@0.90")]
    assert added and added[0].trigger.text == "handed" and added[0].actors


def test_rules_only_pipeline_codes_events_without_the_model(rules_only: Pipeline) -> None:
    doc = rules_only(Document(doc_id="t", text="Israel released 39 Palestinian prisoners on Friday."))
    assert [e.type for e in doc.events] == ["RETREAT"]
    assert all("model" not in e.rule for e in doc.events)


def test_model_never_adds_inside_quotation_marks(pipeline: Pipeline) -> None:
    stage = next(s for s in pipeline.stages if s.name == "events")
    text = '"Egypt handed Sudan four fighter jets," the minister said.'
    saved = stage.typer
    stage.typer = fixed_typer(("AID", "material-cooperation", 0.99))
    try:
        doc = pipeline(Document(doc_id="t", text=text))
    finally:
        stage.typer = saved
    assert not [e for e in doc.events if e.rule.startswith("model:")]


def counting_typer(answer: tuple[str | None, str, float], asked: list[str]):
    def typer(sentences: list[str]) -> list[tuple[str | None, str, float]]:
        asked.extend(sentences)
        return [answer for _ in sentences]

    return typer


def test_blend_asks_the_model_only_where_its_answer_can_change_the_events(nlp) -> None:
    doc, first = one_event_doc(nlp)
    second = forced_event(doc, "Friday", "AGREE")
    asked: list[str] = []
    out = blend(doc, [first, second], counting_typer(("CONCEDE", "verbal-cooperation", 0.95), asked), policy=ASKING)
    assert asked == [] and [e.rule for e in out] == ["test", "test"]  # two named-actor candidates: no re-type
    second.actors = []  # an actorless candidate could be dropped: now the model is asked
    blend(doc, [first, second], counting_typer(("CONCEDE", "verbal-cooperation", 0.95), asked))
    assert asked == [doc.text]


def test_events_pipe_encodes_a_batch_once_and_matches_one_by_one(pipeline: Pipeline) -> None:
    stage = next(s for s in pipeline.stages if s.name == "events")
    texts = ["A blast killed two soldiers in Kabul on Friday.",
             "Egypt sent four fighter jets to Sudan last month.",
             "A blast killed two soldiers in Kabul on Friday."]
    one_by_one = [pipeline(Document(doc_id=f"d{i}", text=t)) for i, t in enumerate(texts)]
    batch = list(pipeline.pipe([Document(doc_id=f"d{i}", text=t) for i, t in enumerate(texts)], batch_size=3))
    assert [[(e.type, e.rule) for e in d.events] for d in batch] == \
        [[(e.type, e.rule) for e in d.events] for d in one_by_one]
    if stage.typer is not None:  # asked about the blast (no named actor), not Egypt -> Sudan
        assert [len(d.events) for d in batch] == [1, 1, 1]
        assert ["model" in d.events[0].rule for d in batch] == [True, False, True]
