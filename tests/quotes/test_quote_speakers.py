"""Speaker resolution against entities built by hand (the entity layer's model)."""

import re

import pytest

from newsgraph.model import Document, Entity, Mention


@pytest.fixture(scope="module")
def stage(settings):
    from newsgraph.pipeline import build_stage

    parse, quotes = build_stage("analysis", settings), build_stage("quotes", settings)
    return lambda doc: quotes(parse(doc))  # the quotes stage requires the parse


def entity(doc, eid, name, etype, surfaces, country=None, titles=(), kind="name"):
    mentions = []
    for surface in surfaces:
        for m in re.finditer(re.escape(surface), doc.text):
            mentions.append(Mention(m.start(), m.end(), surface, kind))
    ent = Entity(eid, name, etype, country=country, titles=list(titles), mentions=mentions)
    doc.entities.append(ent)
    return ent


def speaker_name(doc, q):
    ent = doc.entity(q.speaker) if q.speaker else None
    return ent.name if ent else None


def test_named_speaker_and_honorific_short_form(stage):
    doc = Document("t", text="Foreign Minister Yoko Tanaka said Japan would send observers. "
                             "“We are ready,” said Ms. Tanaka.")
    entity(doc, "e1", "Yoko Tanaka", "PERSON", ["Yoko Tanaka", "Ms. Tanaka"])
    entity(doc, "e2", "Japan", "GPE", ["Japan"])
    stage(doc)
    assert [speaker_name(doc, q) for q in doc.quotes] == ["Yoko Tanaka", "Yoko Tanaka"]
    assert doc.quotes[1].speaker_text == "Ms. Tanaka"


def test_he_said_resolves_to_last_compatible_person(stage):
    doc = Document("t", text="Ms. Ibarra met Mr. Costa in Lisbon on Monday. Mr. Costa, a former banker, "
                             "was cautious. “Nothing has been signed yet,” he said.")
    entity(doc, "e1", "Ana Ibarra", "PERSON", ["Ms. Ibarra"])
    entity(doc, "e2", "Rui Costa", "PERSON", ["Mr. Costa"])
    stage(doc)
    (q,) = doc.quotes
    assert q.speaker_text == "he" and speaker_name(doc, q) == "Rui Costa"


def test_she_said_skips_male_candidates(stage):
    doc = Document("t", text="Ms. Ibarra met Mr. Costa in Lisbon on Monday. "
                             "“The deal is close,” she said.")
    entity(doc, "e1", "Ana Ibarra", "PERSON", ["Ms. Ibarra"])
    entity(doc, "e2", "Rui Costa", "PERSON", ["Mr. Costa"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Ana Ibarra"


def test_pronoun_prefers_previous_speaker(stage):
    doc = Document("t", text="“Prices will rise,” said Mr. Okoye, who advises the central bank on Nigeria "
                             "and Mr. Bello.\n\n"
                             "“The question is how fast,” he said.")
    entity(doc, "e1", "Chidi Okoye", "PERSON", ["Mr. Okoye"])
    entity(doc, "e2", "Musa Bello", "PERSON", ["Mr. Bello"])
    stage(doc)
    assert [speaker_name(doc, q) for q in doc.quotes] == ["Chidi Okoye", "Chidi Okoye"]


def test_it_said_resolves_to_organisation_subject(stage):
    doc = Document("t", text="Xinhua published a short account of the meeting. "
                             "It said both sides pledged to “deepen trust.”")
    entity(doc, "e1", "Xinhua", "ORG", ["Xinhua"])
    stage(doc)
    (q,) = doc.quotes
    assert q.kind == "mixed" and speaker_name(doc, q) == "Xinhua"


def test_definite_description_resolves_by_country_and_title(stage):
    doc = Document("t", text="President Lula visited Paris, where President Macron hosted a dinner. "
                             "The Brazilian leader said he wanted to “reset the relationship.”")
    entity(doc, "e1", "Luiz Inácio Lula da Silva", "PERSON", ["President Lula"], country="BRA",
           titles=["president", "leader"])
    entity(doc, "e2", "Emmanuel Macron", "PERSON", ["President Macron"], country="FRA",
           titles=["president"])
    stage(doc)
    (q,) = doc.quotes
    assert q.speaker_text == "The Brazilian leader"
    assert speaker_name(doc, q) == "Luiz Inácio Lula da Silva"


def test_description_linked_by_entity_layer_wins(stage):
    doc = Document("t", text="The Russian leader said he wanted to “expand ties.”")
    entity(doc, "e1", "Vladimir Putin", "PERSON", ["The Russian leader"], kind="nominal")
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Vladimir Putin"


def test_media_compound_head(stage):
    doc = Document("t", text="Russia’s Tass news agency said the leaders would meet “soon.”")
    entity(doc, "e1", "TASS", "ORG", ["Tass"])
    entity(doc, "e2", "Russia", "GPE", ["Russia"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "TASS"


def test_group_of_officials_is_unnamed_even_next_to_a_name(stage):
    doc = Document("t", text="Biden administration officials said the meeting was productive.")
    entity(doc, "e1", "Joe Biden", "PERSON", ["Biden"])
    entity(doc, "e2", "U.S. government", "ORG", ["Biden administration"])
    stage(doc)
    (q,) = doc.quotes
    assert q.speaker is None and q.speaker_text == "Biden administration officials"


def test_government_metonym_speaker(stage):
    doc = Document("t", text="“The visit will take place next week,” the Kremlin said in a statement.")
    entity(doc, "e1", "Government of Russia", "ORG", ["Kremlin"], kind="metonym")
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Government of Russia" and q.speaker_text == "the Kremlin"


def test_attributions_carry_the_resolved_source(stage):
    doc = Document("t", text="Three drones were shot down overnight, the Defense Ministry said.")
    ent = entity(doc, "e1", "Ministry of Defence", "ORG", ["Defense Ministry"])
    stage(doc)
    (a,) = doc.attributions
    assert a.source == ent.id and a.source_text == "the Defense Ministry" and a.cue == "said"
    assert doc.text[a.start:a.end] == "Three drones were shot down overnight"


def test_gender_learned_from_pronouns_in_the_article(stage):
    doc = Document("t", text="Dana Whitfield chairs the harbour board. She has pushed for new cranes. "
                             "Omar Reyes runs the dockworkers' union. "
                             "Whitfield met Reyes on Monday. “We found common ground,” she said.")
    entity(doc, "e1", "Dana Whitfield", "PERSON", ["Dana Whitfield", "Whitfield"])
    entity(doc, "e2", "Omar Reyes", "PERSON", ["Omar Reyes", "Reyes"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Dana Whitfield"


def test_surname_the_entity_layer_left_unlinked(stage):
    doc = Document("t", text="Gary Lindholm and Jeh Lindholm spoke. Later Alma Price spoke. "
                             "Price said the budget would pass.")
    entity(doc, "e1", "Alma Price", "PERSON", ["Alma Price"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Alma Price"


def test_person_in_a_subordinate_clause_of_the_same_sentence_is_not_the_speaker(stage):
    doc = Document("t", text="Former governor Tom Adair spoke first. If Mendes wins, he said, the state will suffer.")
    entity(doc, "e1", "Tom Adair", "PERSON", ["Tom Adair"])
    entity(doc, "e2", "Rosa Mendes", "PERSON", ["Mendes"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Tom Adair"


def test_name_in_apposition_to_a_role(stage):
    doc = Document("t", text="The party's state chairman, Carl Voss, said the count would resume on Monday.")
    entity(doc, "e1", "Carl Voss", "PERSON", ["Carl Voss"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Carl Voss"
    assert q.speaker_text == "The party's state chairman, Carl Voss"


def test_document_speaks_for_its_author(stage):
    doc = Document("t", text="A statement from the Teamsters said the strike would continue. "
                             "A Kremlin readout said the call was businesslike.")
    entity(doc, "e1", "International Brotherhood of Teamsters", "ORG", ["Teamsters"])
    entity(doc, "e2", "Government of Russia", "ORG", ["Kremlin"], kind="metonym")
    stage(doc)
    assert [speaker_name(doc, q) for q in doc.quotes] == [
        "International Brotherhood of Teamsters", "Government of Russia"]


def test_they_after_two_named_people(stage):
    doc = Document("t", text="The owners, Ines Varga and Piet Mol, said they respected the vote. "
                             "“Our staff deserve a safe workplace,” they said.")
    entity(doc, "e1", "Ines Varga", "PERSON", ["Ines Varga"])
    entity(doc, "e2", "Piet Mol", "PERSON", ["Piet Mol"])
    stage(doc)
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert [speaker_name(doc, q) for q in direct] == ["Ines Varga"]


def test_honorific_of_the_mention_decides_gender(stage):
    doc = Document("t", text="Mr. Clinton stayed home. Mrs. Clinton spoke in Ohio on Monday. "
                             "“We will win this state,” she said.")
    # an entity layer that merged husband and wife: the mention still says who it is
    entity(doc, "e1", "Bill Clinton", "PERSON", ["Mr. Clinton", "Mrs. Clinton"])
    entity(doc, "e2", "Dora Quell", "PERSON", ["Ms. Quell"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Bill Clinton"  # the mention "Mrs. Clinton" is the antecedent


def test_surname_entity_kept_apart_by_the_entity_layer_becomes_the_full_name(stage):
    doc = Document("t", text="Mariah Okafor organizes tenants in Hamilton. Okafor said the rent had doubled.")
    entity(doc, "e1", "Mariah Okafor", "PERSON", ["Mariah Okafor"])
    later = doc.text.index("Okafor said")
    doc.entities.append(Entity("e2", "Okafor", "PERSON", mentions=[Mention(later, later + 6, "Okafor")]))
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Mariah Okafor"


def test_pronoun_prefers_the_reporting_subject_over_the_reported_one(stage):
    doc = Document("t", text="Dunmore drew big crowds in Texas, Stovall said. “The rooms were packed,” he said.")
    entity(doc, "e1", "Ray Dunmore", "PERSON", ["Dunmore"])
    entity(doc, "e2", "Robert Stovall", "PERSON", ["Stovall"])
    stage(doc)
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert [speaker_name(doc, q) for q in direct] == ["Robert Stovall"]


def test_shared_surname_is_not_upgraded(stage):
    doc = Document("t", text="Carly Voss and her husband, Frank Voss, arrived. Voss said the merger would close.")
    entity(doc, "e1", "Carly Voss", "PERSON", ["Carly Voss"])
    entity(doc, "e2", "Frank Voss", "PERSON", ["Frank Voss"])
    later = doc.text.index("Voss said")
    doc.entities.append(Entity("e3", "Voss", "PERSON", mentions=[Mention(later, later + 4, "Voss")]))
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Voss"


def test_she_said_finds_the_woman_by_her_first_name(stage):
    doc = Document("t", text="Daniel Okafor introduced Amelia Grant at the rally on Saturday. "
                             "“We will win this county and the next one,” she said.")
    entity(doc, "e1", "Daniel Okafor", "PERSON", ["Daniel Okafor"])
    entity(doc, "e2", "Amelia Grant", "PERSON", ["Amelia Grant"])
    stage(doc)
    (q,) = doc.quotes
    assert speaker_name(doc, q) == "Amelia Grant"


def test_first_name_gender():
    from newsgraph.coref import name_gender

    assert name_gender("Amelia Grant") == "female"
    assert name_gender("Daniel Okafor") == "male"
    assert name_gender("Okafor") is None  # one word: no first name
    assert name_gender("Mr. Okafor") is None
