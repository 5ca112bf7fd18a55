"""Alleged modality from attribution and stance (original sentences): someone else's report of a
hidden act is a claim; a news agency's report of a public act stays asserted."""

from __future__ import annotations

import pytest

ENTS = [
    ("e1", "North Korea", "GPE", "PRK", ["North Korea", "North Korean", "Pyongyang", "the North"]),
    ("e2", "Russia", "GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    ("e3", "South Korea", "GPE", "KOR", ["South Korea", "South Korean", "Seoul"]),
    ("e4", "Vladimir Putin", "PERSON", "RUS", ["Vladimir Putin", "Mr. Putin"]),
    ("e5", "Choe Son-hui", "PERSON", "PRK", ["Choe Son-hui", "Ms. Choe"]),
    ("e6", "Tass", "ORG", "RUS", ["Tass"]),
    ("e7", "Iran", "GPE", "IRN", ["Iran", "Tehran"]),
    ("e8", "Kremlin", "FAC", "RUS", ["Kremlin"]),
]


def aid(make_doc, coder, text):
    doc = make_doc(text, entities=ENTS)
    found = [e for e in coder.code(doc) if e.type == "AID"]
    assert found, text
    return found[0]


@pytest.mark.parametrize("text", [
    "South Korean officials said the North had shipped artillery shells to Russia in October.",
    "Pyongyang is believed to have sent thousands of rockets to Russia.",
    "North Korea is suspected of supplying drones to Russia.",
    "Media reports that Pyongyang supplied missiles to Russia alarmed officials in Seoul.",
    "Iran reportedly delivered attack drones to Russia last year.",
    "Seoul intercepted what officials claimed was a shipment of shells to Russia.",
])
def test_reported_covert_transfers_are_alleged(make_doc, coder, text):
    assert aid(make_doc, coder, text).modality == "alleged"


def test_reported_arms_shipment_keeps_its_source_and_parties(make_doc, coder):
    ev = aid(make_doc, coder, "South Korean officials said the North had shipped artillery shells to Russia.")
    assert ev.actors == ["e1"] and ev.recipients == ["e2"] and ev.source_text == "South Korean officials"


def test_likely_with_a_past_verb_is_an_assessment(make_doc, coder):
    ev = aid(make_doc, coder, "Seoul said Russia likely provided technical help to North Korea.")
    assert ev.modality == "alleged"


def test_likely_with_a_future_stays_expected(make_doc, coder):
    doc = make_doc("Russia will likely provide fuel to North Korea next month.", entities=ENTS)
    assert [e.modality for e in coder.code(doc) if e.type == "AID"] == ["expected"]


def test_public_act_reported_by_an_agency_stays_asserted(make_doc, coder):
    doc = make_doc("Tass reported that Mr. Putin greeted Ms. Choe at the Kremlin.", entities=ENTS)
    greet = [e for e in coder.code(doc) if e.type == "CONSULT"][0]
    assert greet.modality == "asserted" and greet.source == "e6"


def test_a_doer_reporting_its_own_transfer_is_asserted(make_doc, coder):
    ev = aid(make_doc, coder, "North Korea said it had sent ammunition to Russia.")
    assert ev.modality == "asserted" and ev.actors == ["e1"]


def test_unsourced_transfer_is_asserted(make_doc, coder):
    assert aid(make_doc, coder, "North Korea shipped artillery shells to Russia in October.").modality == "asserted"
