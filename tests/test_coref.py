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


# --- the one pronoun resolver (Coreference.resolve) ------------------------------------------

def test_one_resolver_prefers_the_subject_or_the_recent_speaker(entity_pipeline):
    from newsgraph.coref import SPEAKER, SUBJECT

    text = ("Mr. Dunstan Oakes chaired the harbour board. Mr. Ambrose Tillinghast sat beside "
            "Mr. Oakes at the hearing. He said the ferry would run again.")
    doc = run(entity_pipeline, text)
    he = text.index("He said")
    coref = Coreference(doc)
    oakes, ambrose = person(doc, "Dunstan Oakes"), person(doc, "Ambrose Tillinghast")
    # events' salience: the nearest person who was a subject
    assert coref.resolve("He", he, prefer=SUBJECT, floor=0) == [ambrose]
    # ... unless left out (the event's other party)
    assert coref.resolve("He", he, prefer=SUBJECT, exclude=frozenset({ambrose.id})) == [oakes]
    # quotes' salience: the subject of the sentence before, whoever spoke earlier
    assert coref.resolve("He", he, prefer=SPEAKER, speakers=[(0, oakes)]) == [ambrose]


def test_they_stands_for_the_parties_of_an_earlier_event():
    from newsgraph.coref import SUBJECT

    text = "Alba and Brava met. They agreed."
    alba = Entity("e1", "Alba", "GPE", mentions=[Mention(0, 4, "Alba")])
    brava = Entity("e2", "Brava", "GPE", mentions=[Mention(9, 14, "Brava")])
    doc = Document(doc_id="t", text=text, entities=[alba, brava])
    they = text.index("They")
    found = Coreference(doc).resolve("They", they, prefer=SUBJECT, groups=[(0, ["e1", "e2"])])
    assert found == [alba, brava]
    assert Coreference(doc).resolve("They", they, prefer=SUBJECT, groups=[(0, ["e1"])]) == []


def test_entity_at_prefers_the_longest_mention_and_sees_added_ones():
    text = "North Korean leader Kim spoke; police came."
    state = Entity("e1", "North Korea", "GPE", mentions=[Mention(0, 12, "North Korean", "demonym")])
    kim = Entity("e2", "Kim", "PERSON", mentions=[Mention(0, 23, "North Korean leader Kim", "nominal")])
    doc = Document(doc_id="t", text=text, entities=[state, kim])
    coref = Coreference(doc)
    assert coref.entity_at(0, 5) is kim and coref.entity_on(0, 5) is state
    police = Entity("e3", "police", "ORG")
    doc.entities.append(police)
    police.mentions.append(mention := Mention(31, 37, "police", "nominal"))
    coref.add(police, mention)
    assert coref.entity_at(31, 37) is police
