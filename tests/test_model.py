from newsgraph.model import (
    Document,
    Entity,
    Event,
    EventDate,
    Mention,
    Quote,
    Source,
    Span,
    Timex,
    text_hash,
)


def _sample() -> Document:
    text = "Mr. Kim met Mr. Putin on Tuesday."
    kim = Entity(id="e1", name="Kim Jong-un", type="PERSON", country="PRK",
                 mentions=[Mention(0, 7, "Mr. Kim")])
    putin = Entity(id="e2", name="Vladimir Putin", type="PERSON", country="RUS",
                   mentions=[Mention(12, 21, "Mr. Putin")])
    return Document(
        doc_id=text_hash(text), text=text, source=Source(path="x.txt"),
        entities=[kim, putin],
        timexes=[Timex(25, 32, "Tuesday", "DATE", "2023-09-12")],
        quotes=[Quote(0, 3, "Mr.", "direct", speaker="e1", cue_span=Span(4, 7, "Kim"))],
        events=[Event(id="v1", type="CONSULT", actors=["e1", "e2"],
                      date=EventDate("2023-09-12", "Tuesday"), trigger=Span(8, 11, "met"))],
    )


def test_round_trip_keeps_every_field():
    doc = _sample()
    assert Document.from_dict(doc.to_dict()) == doc


def test_to_dict_has_contract_fields_and_no_analysis():
    data = _sample().to_dict()
    for key in ("doc_id", "source", "title", "authors", "published", "dateline", "text",
                "entities", "timexes", "quotes", "events", "relations"):
        assert key in data
    assert "analysis" not in data
    assert data["events"][0]["trigger"] == {"start": 8, "end": 11, "text": "met"}


def test_entity_at_prefers_longest_overlap():
    doc = _sample()
    assert doc.entity_at(12, 21).id == "e2"
    assert doc.entity_at(0, 3).id == "e1"
    assert doc.entity_at(22, 24) is None


def test_text_hash_is_stable_and_content_based():
    assert text_hash("abc") == text_hash("abc")
    assert text_hash("abc") != text_hash("abd")


def test_a_pickled_document_leaves_its_spacy_doc_behind():
    """Worker processes send processed documents back pickled: the parse (with its whole
    vocabulary) stays in the worker, every extracted fact travels."""
    import pickle

    from newsgraph.analysis import load_nlp
    from newsgraph.config import Settings

    doc = Document(doc_id="d1", text="Mr. Lavrov met Choe Son-hui in Moscow on Tuesday.")
    doc.analysis = load_nlp(Settings().spacy_model)(doc.text)
    data = pickle.dumps(doc)
    back = pickle.loads(data)
    assert back.analysis is None and doc.analysis is not None  # the original keeps its parse
    assert back.to_dict() == doc.to_dict()
    assert len(data) < 10_000
