"""CAMEO roots of PLOVER-coded events (the manual's Table 7.1 read backwards). Original sentences."""

from __future__ import annotations

import pytest

from newsgraph.config import Settings
from newsgraph.events.cameo import (
    CAMEO_QUAD,
    ROOT_OF_TYPE,
    cameo_parties,
    cameo_plover_type,
    cameo_root,
    trigger_lemma,
)
from newsgraph.model import PLOVER_TYPES, Document, Event
from newsgraph.pipeline import Pipeline


@pytest.fixture(scope="module")
def rules_pipeline() -> Pipeline:
    return Pipeline(Settings(event_model="off"))


@pytest.mark.parametrize(("text", "event_type", "root"), [
    ("The opposition urged the president to resign.", "REQUEST", "02"),  # an appeal
    ("Aid groups called on both sides to open the border crossing.", "REQUEST", "02"),
    ("The union demanded the release of the jailed organisers.", "REQUEST", "10"),  # a demand
    ("The ministry rejected the allegations of torture.", "REJECT", "01"),  # a denial
    ("The ministry rejected the ceasefire proposal.", "REJECT", "12"),  # a rejection
    ("Tanks shelled the northern suburbs overnight.", "ASSAULT", "18"),
    ("Chad is willing to withdraw its troops from the border zone.", "RETREAT", "03"),  # an intention
    ("The rebels said they would free the two engineers on Sunday.", "RETREAT", "03"),
    ("Chad withdrew its troops from the border zone.", "RETREAT", "08"),  # the act itself
    ("Chad has refused to meet the rebel envoy.", "CONSULT", "12"),  # the meeting refused
    ("Chad and Niger failed to reach agreement on the border.", "AGREE", "12"),
    ("The Kenyan government will extend the nightly curfew in Nairobi.", "COERCE", "13"),  # announced
    ("The Kenyan government extended the nightly curfew in Nairobi.", "COERCE", "17"),
    ("The Greek minister called for sanctions against Turkey.", "REQUEST", "10"),  # a punitive demand
    ("The Greek minister called for calm in the capital.", "REQUEST", "02"),  # an appeal
    ("The Gambian president will visit Senegal in June.", "CONSULT", "03"),  # intent to meet
    ("Nigeria will withdraw its force from Chad unless the rebels agree to a ceasefire.", "RETREAT", "13"),
    ("The secretary-general will withdraw the inspectors from Iraq.", "SANCTION", "13"),
    ("The European Union may halt mediation efforts if the talks fail.", "SANCTION", "13"),  # conditional
    ("The European Union may halt mediation efforts.", "SANCTION", "16"),  # only possible
    ("Japan is considering sending aid to North Korea after the floods.", "AID", "01"),  # deliberation
    ("Japan is willing to send aid to North Korea after the floods.", "AID", "03"),  # intent
    ("The rebels claimed that they had attacked the airport.", "ASSAULT", "01"),  # the claim
    ("Chile expressed condolences to Peru over an attack on a mosque that killed 40 people.", "ASSAULT", "01"),
    ("The rebels attacked the airport on Sunday.", "ASSAULT", "18"),
])
def test_the_root_of_an_event(rules_pipeline: Pipeline, text: str, event_type: str, root: str) -> None:
    doc = rules_pipeline(Document(doc_id="t", text=text))
    event = next(e for e in doc.events if e.type == event_type)
    assert cameo_root(doc, event) == root


def test_every_plover_type_has_a_root_and_every_root_a_quad() -> None:
    assert set(ROOT_OF_TYPE) == set(PLOVER_TYPES)
    assert {CAMEO_QUAD[root] for root in ROOT_OF_TYPE.values()} == {1, 2, 3, 4}
    assert CAMEO_QUAD["01"] == CAMEO_QUAD["02"] == 0


def test_the_trigger_is_read_from_the_rule_of_the_rules_or_the_model() -> None:
    assert trigger_lemma(Event(id="v1", type="REQUEST", rule="events.verb:call on+actor=subject")) == "call on"
    assert trigger_lemma(Event(id="v1", type="AID", rule="model:AID@0.83+events.verb:hand+actor=subject")) == "hand"
    assert trigger_lemma(Event(id="v1", type="AID", rule="test")) is None


@pytest.mark.parametrize(("text", "event_type", "plover"), [
    ("Chad is willing to withdraw its troops from the border zone.", "RETREAT", "AGREE"),
    ("Chad has refused to meet the rebel envoy.", "CONSULT", "REJECT"),
    ("The opposition urged the president to resign.", "REQUEST", None),  # an appeal: no PLOVER code
    ("Chad withdrew its troops from the border zone.", "RETREAT", "RETREAT"),
])
def test_the_plover_type_a_cameo_coder_gives(rules_pipeline: Pipeline, text: str, event_type: str,
                                              plover: str | None) -> None:
    doc = rules_pipeline(Document(doc_id="t", text=text))
    event = next(e for e in doc.events if e.type == event_type)
    assert cameo_plover_type(doc, event) == plover


def test_an_act_its_doer_denies_is_the_denial_a_public_statement(rules_pipeline: Pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Chad denied that its troops had shelled the town."))
    shelling = next(e for e in doc.events if e.type == "ASSAULT")
    assert shelling.modality == "denied"
    assert cameo_root(doc, shelling) == "01" and cameo_plover_type(doc, shelling) is None


def test_cameo_makes_the_host_of_a_visit_its_source(rules_pipeline: Pipeline) -> None:
    doc = rules_pipeline(Document(doc_id="t", text="Chilean President Gabriel Boric hosted Peruvian President "
                                                   "Dina Boluarte in Santiago on Monday."))
    visit = next(e for e in doc.events if e.type == "CONSULT")
    names = [doc.entity(i).name for i in visit.actors]
    assert names == ["Dina Boluarte"]  # newsgraph and PLOVER: the visitor acts
    sources, targets = cameo_parties(visit)
    assert [doc.entity(i).name for i in sources] == ["Gabriel Boric"] and targets == visit.actors
