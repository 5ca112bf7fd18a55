"""Unnamed bodies described by their kind, participles that share their clause's subject, events
attended "for", and the lexicon rows for halted mediation, storming and marches. Original
sentences, through the whole pipeline (rules only)."""

from __future__ import annotations

import pytest

from newsgraph.config import Settings
from newsgraph.model import Document
from newsgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def rules_pipeline() -> Pipeline:
    return Pipeline(Settings(event_model="off"))


def read(pipeline: Pipeline, text: str) -> Document:
    return pipeline(Document(doc_id="t", text=text))


def events_of(doc: Document, event_type: str):
    return [e for e in doc.events if e.type == event_type]


def actor_names(doc: Document, event) -> list[str]:
    return [doc.entity(a).name for a in event.actors if doc.entity(a) is not None]


# --- bodies described by their kind ---------------------------------------------------------

@pytest.mark.parametrize(("text", "event_type", "sector", "country"), [
    ("A human rights group accused the Ghanaian police of torture.", "ACCUSE", "NGO", None),
    ("Opposition parties in Kenya have called a general strike.", "PROTEST", "CVL", "KEN"),
    ("An armed group attacked the village on Sunday.", "ASSAULT", "REB", None),
    ("Kenyan aid agencies accused the army of looting.", "ACCUSE", "NGO", "KEN"),
    ("A militant group based in Mali attacked the convoy.", "ASSAULT", "REB", "MLI"),
])
def test_a_body_named_by_its_kind_is_an_actor_with_its_sector(rules_pipeline, text, event_type, sector,
                                                               country) -> None:
    doc = read(rules_pipeline, text)
    (event,) = events_of(doc, event_type)
    (body,) = [doc.entity(a) for a in event.actors]
    assert (body.sector, body.country) == (sector, country)
    assert body.affiliations == []  # a rights group or a party is not its state's body


def test_a_complaint_by_a_described_body_after_the_quote_is_its_accusation(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Police in Ghana are abusing detainees, a rights group complained on Friday.")
    (accusation,) = events_of(doc, "ACCUSE")
    assert actor_names(doc, accusation) == ["rights group"]


def test_a_body_noun_without_a_kind_stays_unresolved(rules_pipeline) -> None:
    doc = read(rules_pipeline, "The group attacked the village on Sunday.")
    assert all(not e.actors for e in doc.events)
    assert not [e for e in doc.entities if e.rule == "events.agent"]


# --- participles and attended events ------------------------------------------------------

def test_a_participle_shares_the_subject_of_its_clause(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Ghanaian police opened fire on protesters on Monday, killing one person "
                               "and arresting 12.")
    for event_type in ("ASSAULT", "COERCE"):
        assert all(actor_names(doc, e) == ["Ghanaian police"] for e in events_of(doc, event_type))
    assert events_of(doc, "COERCE"), "the arrests are an event of their own"


def test_a_participle_in_a_clause_reported_after_it_shares_that_clause_subject(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Ghanaian police opened fire on Monday night, killing one person and "
                               "arresting 12, security sources said.")
    assert [actor_names(doc, e) for e in events_of(doc, "COERCE")] == [["Ghanaian police"]]


def test_a_participle_under_a_reported_clause_does_not_take_that_clause_subject(rules_pipeline) -> None:
    doc = read(rules_pipeline, "The envoy said the delay did not matter, calling the summit a success.")
    assert not [e for e in doc.events if e.trigger and e.trigger.text == "summit"]


def test_an_event_people_gathered_for_is_theirs_and_took_place(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Thousands of Chileans gathered for a rally in Santiago.")
    (rally,) = events_of(doc, "PROTEST")
    assert actor_names(doc, rally) == ["Chile"] and rally.modality == "asserted"


def test_an_indefinite_event_noun_elsewhere_is_still_not_reported_as_happened(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Chile wants a rally in Santiago.")
    assert all(e.modality != "asserted" for e in events_of(doc, "PROTEST"))


def test_demonstrators_protesting_make_a_street_protest(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Kenyan riot police used tear gas to disperse demonstrators protesting "
                               "election results in Nairobi.")
    assert events_of(doc, "PROTEST") and not events_of(doc, "ACCUSE")
    official = read(rules_pipeline, "Officials protesting the decision wrote to the minister.")
    assert events_of(official, "ACCUSE") and not events_of(official, "PROTEST")
    people = read(rules_pipeline, "Russians in Moscow protested on Sunday.")  # a nation's people: a crowd
    assert events_of(people, "PROTEST") and not events_of(people, "ACCUSE")
    state = read(rules_pipeline, "China protested the visit.")  # a state: a diplomatic protest
    assert events_of(state, "ACCUSE") and not events_of(state, "PROTEST")


# --- lexicon rows ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "event_type"), [
    ("Chilean officers today ended mediation efforts between the rival factions.", "SANCTION"),
    ("Peru broke off talks with Chile on Friday.", "SANCTION"),
    ("The United States said it would prohibit all aid to the rebels.", "SANCTION"),
    ("Taliban fighters stormed a police checkpoint in Herat.", "ASSAULT"),
    ("Kenyan police stormed the camp on Sunday.", "COERCE"),
    ("Kenyan students held a march in Nairobi on Friday.", "PROTEST"),
    ("Iraqi forces have begun their assault on the old city.", "ASSAULT"),
    ("The army intensified its bombardment of the rebel-held areas.", "ASSAULT"),
    ("Ghana closed its borders with Togo on Sunday.", "COERCE"),
    ("Protesters burned a Kenyan flag outside the embassy.", "PROTEST"),
    ("A Kenyan court convicted 45 militants of treason.", "SANCTION"),  # the manual's convict mode
    ("Under the plan, Israel will evacuate all 21 settlements in Gaza.", "RETREAT"),
    ("Chile lifted its seven-month boycott of Peruvian goods.", "CONCEDE"),
    ("Germany opened its borders to a million refugees.", "AID"),
    ("Kenya announced the release of 40 prisoners on Sunday.", "RETREAT"),
    ("The Chinese government said it is strictly enforcing all UN sanctions.", "SANCTION"),
])
def test_lexicon_rows_read_the_act(rules_pipeline, text, event_type) -> None:
    doc = read(rules_pipeline, text)
    assert event_type in {e.type for e in doc.events}


def test_unrelated_senses_of_the_new_rows_give_no_event(rules_pipeline) -> None:
    assert not read(rules_pipeline, "The minister stormed out of the meeting.").events
    assert not read(rules_pipeline, "The ministry announced the release of its annual report.").events
    assert not read(rules_pipeline, "Peru ended the war with Chile.").events
    doc = read(rules_pipeline, "The minister visited Nairobi in March.")
    assert [e.type for e in doc.events] == ["CONSULT"]  # the month is a date, not a march


@pytest.mark.parametrize(("text", "event_type", "actor"), [
    ("The rebels are responsible for mass killings in the north.", "ASSAULT", "rebels"),
    ("Rebels held 2,000 civilians as human shields in Goma.", "ASSAULT", "rebels"),
])
def test_the_subject_responsible_for_or_using_an_event_noun_is_its_actor(rules_pipeline, text, event_type,
                                                                        actor) -> None:
    doc = read(rules_pipeline, text)
    (event,) = events_of(doc, event_type)
    assert actor_names(doc, event) == [actor]


@pytest.mark.parametrize("text", ["A Syrian offensive in the northwest has displaced 800,000 people.",
                                  "Kenyan forces held talks during a visit to Mogadishu."])
def test_an_indefinite_event_noun_shown_happening_is_asserted(rules_pipeline, text) -> None:
    doc = read(rules_pipeline, text)
    assert doc.events and all(e.modality == "asserted" for e in doc.events)


def test_an_indefinite_event_noun_under_a_modal_stays_hypothetical(rules_pipeline) -> None:
    doc = read(rules_pipeline, "A Putin visit would boost ties.")
    assert [e.modality for e in doc.events] == ["hypothetical"]


def test_a_reporting_participle_makes_no_second_speech_event(rules_pipeline) -> None:
    doc = read(rules_pipeline, "The minister warned Chad against sending troops, saying Niger would respond.")
    assert len(events_of(doc, "THREATEN")) == 1


def test_a_relative_clause_in_a_hypothetical_subject_is_hypothetical(rules_pipeline) -> None:
    doc = read(rules_pipeline, "Soldiers who join the fighting would become legitimate targets.")
    (fighting,) = events_of(doc, "ASSAULT")
    assert fighting.modality == "hypothetical"
    doc = read(rules_pipeline, "Soldiers who attacked the village were arrested.")
    assert [e.modality for e in events_of(doc, "ASSAULT")] == ["asserted"]


@pytest.mark.parametrize(("text", "event_type"), [
    ("Britain is deploying 300 troops to the UN peacekeeping mission in Mali.", "AID"),
    ("The European Union has deployed election observers in Zimbabwe.", "AID"),
    ("Russia deployed 300 troops to the border with Ukraine.", "MOBILIZE"),
    ("The Sudanese government expelled 20 humanitarian workers employed by the UN.", "SANCTION"),
    ("Kenya expelled 300 migrant workers.", "COERCE"),
])
def test_forces_sent_to_keep_a_peace_and_aid_workers_expelled(rules_pipeline, text, event_type) -> None:
    assert [e.type for e in read(rules_pipeline, text).events] == [event_type]


@pytest.mark.parametrize(("text", "event_type", "target"), [
    ("Afghan rebels have kidnapped up to 16 Russian civilian advisers.", "ASSAULT", "Russia"),
    ("Hamas has refused to respond to a demand from the US president.", "REJECT", "United States"),
    ("The newspaper has violated a ban by General Michel Aoun.", "REJECT", "Michel Aoun"),
    ("President Mwanawasa has reneged on his commitment to the Zambian people.", "REJECT", "Zambia"),
    ("Saudi Arabia pledged to support the rights of Palestinians.", "SUPPORT", "Palestine"),
])
def test_targets_named_inside_the_object_phrase(rules_pipeline, text, event_type, target) -> None:
    doc = read(rules_pipeline, text)
    (event,) = events_of(doc, event_type)
    assert [doc.entity(r).name for r in event.recipients] == [target]


def test_declining_to_comment_is_still_no_event(rules_pipeline) -> None:
    assert not read(rules_pipeline, "The Kenyan ministry declined to respond to questions.").events


@pytest.mark.parametrize(("text", "event_type"), [
    ("Uzbekistan opened the bridge to allow the delivery of grain to Afghanistan.", "RETREAT"),  # access
    ("Kenya's court decided to allow the candidate to run.", "CONCEDE"),
    ("The IAEA has dispatched inspectors to Isfahan to monitor the plant.", "ACCUSE"),
    ("Israel's high court opened a hearing into the interrogation techniques.", "ACCUSE"),
    ("Kenya relaxed the curfew in Nairobi on Monday.", "CONCEDE"),
    ("Sudan declared an open-ended cessation of hostilities on Monday.", "RETREAT"),
    ("Turkey said it will begin a new military operation in Syria.", "ASSAULT"),
])
def test_access_inquiries_and_easing(rules_pipeline, text, event_type) -> None:
    assert event_type in {e.type for e in read(rules_pipeline, text).events}


@pytest.mark.parametrize(("text", "event_type", "actors"), [
    ("The United Kingdom and France however have opposed the resolutions.", "REJECT", ["United Kingdom", "France"]),
    ("USAID had announced a suspension of aid to northern Yemen.", "SANCTION",
     ["United States Agency for International Development"]),
])
def test_a_subject_the_parser_hung_elsewhere_is_found(rules_pipeline, text, event_type, actors) -> None:
    doc = read(rules_pipeline, text)
    (event,) = events_of(doc, event_type)
    assert actor_names(doc, event) == actors
