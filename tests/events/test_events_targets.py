"""Targets named inside an object or complement phrase (original sentences)."""

from __future__ import annotations

import pytest

from .agents import acting_for

ENTS = [
    ("e1", "Russia", "GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    ("e2", "Estonia", "GPE", "EST", ["Estonia", "Estonian"]),
    ("e3", "European Union", "ORG", None, ["European Union"]),
    ("e4", "Vietnam", "GPE", "VNM", ["Vietnam", "Hanoi"]),
    ("e5", "Laos", "GPE", "LAO", ["Laos"]),
    ("e6", "Cambodia", "GPE", "KHM", ["Cambodia"]),
    ("e7", "Turkey", "GPE", "TUR", ["Turkey", "Ankara"]),
    ("e8", "Sweden", "GPE", "SWE", ["Sweden"]),
    ("e9", "Syria", "GPE", "SYR", ["Syria", "Damascus"]),
    ("e10", "Lebanon", "GPE", "LBN", ["Lebanon"]),
    ("e11", "Italy", "GPE", "ITA", ["Italy", "Rome"]),
    ("e12", "Serbia", "GPE", "SRB", ["Serbia"]),
    ("e13", "Iran", "GPE", "IRN", ["Iran", "Tehran"]),
    ("e14", "Iraq", "GPE", "IRQ", ["Iraq", "Iraqi"]),
    ("e15", "Vostochny Cosmodrome", "FAC", "RUS", ["Vostochny Cosmodrome"]),
]


@pytest.mark.parametrize("text, etype, target", [
    ("Russia threatened further retaliation against Estonia on Friday.", "THREATEN", "e2"),
    ("Moscow rejected calls by the European Union for an immediate ceasefire.", "REJECT", "e3"),
    ("Turkey threatened to cut off relations with Sweden over the protests.", "THREATEN", "e8"),
    ("Syria said it would withdraw its forces from Lebanon by the end of the year.", "RETREAT", "e10"),
    ("Italy suspended part of a military aid program for Serbia on Wednesday.", "SANCTION", "e12"),
    ("Iran threatened to shell Iraqi border towns in retaliation.", "THREATEN", "e14"),
])
def test_target_inside_the_phrase(make_doc, coder, text, etype, target):
    events = [e for e in coder.code(make_doc(text, entities=ENTS)) if e.type == etype]
    assert events, text
    assert target in events[0].recipients, (events[0].recipients, events[0].recipient_text)


def test_agreed_aid_for_two_states(make_doc, coder):
    events = coder.code(make_doc("Hanoi agreed to provide flood aid for Laos and Cambodia.", entities=ENTS))
    agree = [e for e in events if e.type == "AGREE"][0]
    assert agree.actors == ["e4"] and set(agree.recipients) == {"e5", "e6"}


def test_a_venue_after_at_is_no_target(make_doc, coder):
    events = coder.code(make_doc("Russian officials recalled talks at the Vostochny Cosmodrome with Iran.",
                                 entities=ENTS))
    for ev in events:
        assert "e15" not in ev.recipients and "e15" not in ev.actors


PROTEST_ENTS = ENTS + [
    ("e16", "Georgia", "GPE", "GEO", ["Georgia", "Georgian"]),
    ("e17", "Bidzina Ivanishvili", "PERSON", "GEO", ["Bidzina Ivanishvili", "Mr. Ivanishvili"]),
]


@pytest.mark.parametrize("text, target", [
    ("Hundreds of Georgian students began a hunger strike on Monday to protest Sweden's decision to "
     "deport them.", "e8"),
    ("Opposition supporters rallied in Tbilisi in protest against abuses by Russian border guards.", "e1"),
    ("Thousands marched through the capital to demand the resignation of Mr. Ivanishvili.", "e17"),
])
def test_protest_target_through_its_grievance(make_doc, coder, text, target):
    doc = make_doc(text, entities=PROTEST_ENTS)
    events = [e for e in coder.code(doc) if e.type == "PROTEST"]
    assert events, text
    assert target in acting_for(doc, events[0].recipients), (events[0].recipients, events[0].recipient_text)


def test_demand_noun_with_that_clause(make_doc, coder):
    text = "The European Union repeated its demand on Tuesday that Russia release the detained sailors."
    events = [e for e in coder.code(make_doc(text, entities=ENTS)) if e.type == "REQUEST"]
    assert events and events[0].actors == ["e3"] and events[0].recipients == ["e1"]


def test_call_for_sanctions_against(make_doc, coder):
    text = "Estonia called for tougher sanctions against Russia after the cyberattack."
    events = [e for e in coder.code(make_doc(text, entities=ENTS)) if e.type == "REQUEST"]
    assert events and events[0].actors == ["e2"] and "e1" in events[0].recipients


def test_passive_subject_phrase_names_the_target(make_doc, coder):
    text = "A shelter for Estonian volunteers was attacked by Russian troops on Sunday."
    doc = make_doc(text, entities=ENTS)
    events = [e for e in coder.code(doc) if e.type == "ASSAULT"]
    assert events and acting_for(doc, events[0].actors) == {"e1"} and "e2" in events[0].recipients
    assert doc.entity(events[0].actors[0]).name == "Russian troops"


def test_purpose_object_of_force(make_doc, coder):
    text = "Russian police opened fire to disperse Estonian protesters near the border."
    events = [e for e in coder.code(make_doc(text, entities=ENTS)) if e.type in ("ASSAULT", "COERCE")]
    assert events and "e2" in events[0].recipients, [(e.type, e.recipients) for e in events]


def test_complaint_to_an_audience_over_a_doers_act(make_doc, coder):
    ents = ENTS + [("e20", "United Nations", "ORG", None, ["United Nations"])]
    text = "Estonia complained to the United Nations on Monday over Russian drone flights near Tallinn."
    events = [e for e in coder.code(make_doc(text, entities=ents)) if e.type == "ACCUSE"]
    assert events and events[0].actors == ["e2"] and events[0].recipients == ["e1"]


def test_they_is_the_plural_subject_of_the_reporting_verb(make_doc, coder):
    ents = ENTS + [("e21", "Diego Cordovez", "PERSON", None, ["Diego Cordovez"])]
    text = "Estonian negotiators said on Friday they would meet Diego Cordovez in Geneva."
    meets = [e for e in coder.code(make_doc(text, entities=ents)) if e.type == "CONSULT"]
    assert meets and set(meets[0].actors) == {"e2", "e21"} and meets[0].modality == "planned"
