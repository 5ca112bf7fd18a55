"""The within-document coreference layer (newsgraph.coref) on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph import lexicon
from newsgraph.coref import (
    Coreference,
    as_gender,
    fits_gender,
    mention_gender,
    name_gender,
    resolve_pronoun,
    text_gender,
)
from newsgraph.model import Document, Entity, Mention


@pytest.fixture(scope="module")
def entity_pipeline():
    from newsgraph.config import Settings
    from newsgraph.pipeline import Pipeline

    return Pipeline(Settings(), ["analysis", "entities"])


def run(pipeline, text: str) -> Document:
    return pipeline(Document(doc_id="t", text=text))


def person(doc: Document, name: str) -> Entity:
    (found,) = [e for e in doc.entities if e.name == name]
    return found


# --- gender ---------------------------------------------------------------------------------

def test_gender_codes_and_names():
    assert as_gender("f") == lexicon.FEMALE and as_gender("m") == lexicon.MALE
    assert as_gender("male") == "male" and as_gender(None) is None
    assert name_gender("Rosalind Featherstone") == "female"
    assert name_gender("Featherstone") is None
    assert mention_gender("Mrs.", ["Quill"]) == "female"  # the honorific decides
    assert mention_gender(None, ["Ambrose", "Quill"]) == "male"  # else the given name
    assert mention_gender("Dr.", ["Quill"]) is None


def test_text_gender_from_honorifics_and_titles():
    def entity(*texts: str, titles: tuple[str, ...] = ()) -> Entity:
        return Entity("e1", "Quill", "PERSON", titles=list(titles),
                      mentions=[Mention(0, len(t), t) for t in texts])

    assert text_gender(entity("Ms. Quill")) == "female"
    assert text_gender(entity("Sir Ambrose Quill")) == "male"
    assert text_gender(entity("Mr. Quill", "Mrs. Quill")) is None  # two people merged: no answer
    assert text_gender(entity("Quill", titles=("council spokeswoman",))) == "female"


def test_pronoun_fit():
    assert fits_gender("she", "female") and not fits_gender("she", "male")
    assert fits_gender("He", None) and fits_gender("it", "male")


def test_honorific_table_feeds_every_stage():
    from newsgraph.entities.lexicon import HONORIFICS as ENTITY_HONORIFICS
    from newsgraph.quotes.lexicon import FEMALE_HONORIFICS, MALE_HONORIFICS
    from newsgraph.store.keys import HONORIFICS as NAME_HONORIFICS

    assert {"mr", "mr.", "miss", "mme."} <= ENTITY_HONORIFICS and "sir" not in ENTITY_HONORIFICS
    assert "Sir " in MALE_HONORIFICS and "Mrs." in FEMALE_HONORIFICS
    assert {"mr", "dame", "lady", "president"} <= NAME_HONORIFICS


def test_reporting_verbs_by_role():
    quote_cues = lexicon.reporting_verbs(lexicon.QUOTE_CUE)
    claim_sources = lexicon.reporting_verbs(lexicon.CLAIM_SOURCE)
    speech_names = lexicon.reporting_verbs(lexicon.SPEECH_NAME)
    assert speech_names <= quote_cues
    assert "quip" in quote_cues and "quip" not in claim_sources
    assert "quote" in claim_sources and "quote" not in quote_cues


# --- the entities stage's links --------------------------------------------------------------

def test_entities_stage_fills_gender(entity_pipeline):
    doc = run(entity_pipeline, "Mayor Rosalind Featherstone opened the new harbour bridge on Monday. "
                               "Mr. Ambrose Tillinghast, the engineer, watched from a boat.")
    assert person(doc, "Rosalind Featherstone").gender == "female"
    assert person(doc, "Ambrose Tillinghast").gender == "male"
    assert all(e.gender is None for e in doc.entities if e.type != "PERSON")


def test_subject_pronoun_linked_once_and_read_by_later_stages(entity_pipeline):
    text = ("Mayor Rosalind Featherstone opened the new harbour bridge on Monday. "
            "She thanked the welders who had worked through the winter.")
    doc = run(entity_pipeline, text)
    rosalind = person(doc, "Rosalind Featherstone")
    she = text.index("She")
    assert any(m.kind == "pronoun" and m.start == she for m in rosalind.mentions)
    assert resolve_pronoun(doc, she, "She") is rosalind
    assert Coreference(doc).entity_on(she, she + 3) is rosalind


def test_pronoun_skips_a_person_of_the_other_gender(entity_pipeline):
    text = ("Mrs. Hollis Penhaligon chaired the ferry inquiry, and Mr. Dunstan Oakes gave evidence. "
            "Later the report quoted her at length.")
    doc = run(entity_pipeline, text)
    her = text.index("her at")
    found = resolve_pronoun(doc, her, "her")
    assert found is not None and found.name == "Hollis Penhaligon"
    nearest = Coreference(doc).persons_for_pronoun("him", her)
    assert nearest and nearest[0].entity.name == "Dunstan Oakes"


def test_gender_read_from_the_text_when_the_entity_has_none():
    text = "Ms. Quill met Mr. Oakes at the pier."
    quill = Entity("e1", "Quill", "PERSON", mentions=[Mention(4, 9, "Quill")])
    oakes = Entity("e2", "Oakes", "PERSON", mentions=[Mention(18, 23, "Oakes")])
    doc = Document(doc_id="t", text=text, entities=[quill, oakes])
    coref = Coreference(doc)
    assert coref.gender(quill) == "female" and coref.gender(oakes) == "male"
    assert [m.entity for m in coref.persons_for_pronoun("she", len(text))] == [quill]
