"""Agents placed in a state take its country; rebels and their own government are not one side.
Original sentences, through the whole pipeline (rules only)."""

from __future__ import annotations

import pytest

from newsgraph.config import Settings
from newsgraph.model import Document
from newsgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def rules_pipeline() -> Pipeline:
    return Pipeline(Settings(event_model="off"))


def actor_entities(doc: Document, event_type: str):
    event = next(e for e in doc.events if e.type == event_type)
    return [doc.entity(a) for a in event.actors]


@pytest.mark.parametrize(("text", "event_type", "country"), [
    ("Rebels in Chad ambushed an army convoy on Tuesday.", "ASSAULT", "TCD"),
    ("Soldiers in Mali detained the mayor.", "COERCE", "MLI"),
])
def test_an_agent_in_a_state_takes_its_country_without_acting_for_it(rules_pipeline, text, event_type,
                                                                    country) -> None:
    (agent,) = actor_entities(rules_pipeline(Document(doc_id="t", text=text)), event_type)
    assert agent.country == country and agent.affiliations == []  # located there, not its state's body


def test_an_agent_in_a_city_is_not_given_the_city(rules_pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Militants in Kandahar ambushed an army convoy."))
    (agent,) = actor_entities(doc, "ASSAULT")
    assert agent.affiliations == []


def test_rebels_demanding_of_their_own_government_make_a_request(rules_pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Ugandan rebels said President Yoweri Museveni must "
                                                   "release all political prisoners."))
    request = next(e for e in doc.events if e.type == "REQUEST")
    assert [doc.entity(a).name for a in request.actors] == ["Ugandan rebels"]
    assert [doc.entity(r).name for r in request.recipients] == ["Yoweri Museveni"]


def test_a_state_speaking_of_itself_is_no_request(rules_pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Uganda said its army must stay on alert."))
    assert not [e for e in doc.events if e.type == "REQUEST"]


def test_forces_led_by_a_state_take_its_country_but_backed_ones_do_not(rules_pipeline) -> None:
    led = rules_pipeline(Document(doc_id="t", text="Kenyan-led forces shelled the coastal town."))
    (agent,) = actor_entities(led, "ASSAULT")
    assert agent.country == "KEN"
    backed = rules_pipeline(Document(doc_id="t", text="Kenyan-backed separatists shelled the coastal town."))
    (agent,) = actor_entities(backed, "ASSAULT")
    assert agent.sector == "REB" and agent.country is None


def test_people_placed_in_a_state_or_city_are_a_civilian_party_of_its_country(rules_pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Protesters in Nairobi blocked the main highway on Friday."))
    (party,) = actor_entities(doc, "PROTEST")
    assert (party.name, party.country, party.sector) == ("protesters in Nairobi", "KEN", "CVL")
    doc = rules_pipeline(Document(doc_id="t", text="Kenyan protesters blocked the main highway on Friday."))
    assert [e.name for e in actor_entities(doc, "PROTEST")] == ["Kenya"]  # the state stands for them


@pytest.mark.parametrize(("text", "event_type"), [
    ("Norway gave 40 ambulances and medicine to the health ministry of Malawi.", "AID"),
    ("Volunteers distributed tents and blankets to families displaced by the floods.", "AID"),
    ("Japan has allocated $30 million in emergency assistance for the flood victims.", "AID"),
    ("Canada earmarked 20 million dollars for the reconstruction of the port.", "AID"),
    ("Qatar lent $2 billion to Egypt last year.", "AID"),
    ("Portugal accepted 300 refugees rescued at sea.", "AID"),
    ("The two governments cut tariffs on steel imports.", "CONCEDE"),
    ("Washington rolled back tariffs on Mexican tomatoes.", "CONCEDE"),
])
def test_material_cooperation_words(rules_pipeline, text: str, event_type: str) -> None:
    doc = rules_pipeline(Document(doc_id="t", text=text))
    assert event_type in [e.type for e in doc.events]


@pytest.mark.parametrize(("text", "event_type", "name", "country"), [
    ("Ethnic Albanians in south Serbia are demanding a U.N. military presence.", "REQUEST",
     "ethnic Albanians in Serbia", "SRB"),
    ("One third of ethnic Albanian guerrillas operating in Macedonia have been demobilized.", "RETREAT",
     "ethnic Albanian guerrillas", "MKD"),
    ("Up to 100 ethnic Albanians demonstrated on Tuesday.", "PROTEST", "ethnic Albanians", None),
    ("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "PROTEST", "ethnic Albanians in Serbia",
     "SRB"),  # the one other state of the sentence
    ("The Albanians of southern Serbia are demanding autonomy.", "REQUEST", "Albanians in Serbia", "SRB"),
])
def test_an_ethnic_group_is_not_its_nation_state(rules_pipeline, text, event_type, name, country) -> None:
    (group,) = actor_entities(rules_pipeline(Document(doc_id="t", text=text)), event_type)
    assert (group.name, group.country, group.affiliations) == (name, country, [])


def test_a_demonym_without_ethnic_still_names_the_state(rules_pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Albanian guerrillas attacked a police post in Macedonia."))
    (agent,) = actor_entities(doc, "ASSAULT")
    assert agent.country == "ALB"
    doc = rules_pipeline(Document(doc_id="t", text="The Russians demanded a ceasefire in Ukraine."))
    assert [e.name for e in actor_entities(doc, "REQUEST")] == ["Russia"]
