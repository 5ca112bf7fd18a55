"""A capital named as a destination stands for its government as the recipient; the city stays
the event's place (original sentences)."""

from __future__ import annotations

ENTS = [
    ("e1", "North Korea", "GPE", "PRK", ["North Korea", "North Korean"]),
    ("e2", "Pyongyang", "GPE", "PRK", ["Pyongyang"]),
    ("e3", "Vladimir Putin", "PERSON", "RUS", ["Vladimir Putin", "Mr. Putin"]),
    ("e4", "Russia", "GPE", "RUS", ["Russia", "Russian"]),
    ("e5", "Moscow", "GPE", "RUS", ["Moscow"]),
    ("e6", "Iran", "GPE", "IRN", ["Iran"]),
    ("e7", "Sergey Lavrov", "PERSON", "RUS", ["Sergey Lavrov", "Mr. Lavrov"]),
    ("e8", "Kharkiv", "GPE", "UKR", ["Kharkiv"]),
    ("e9", "Ukraine", "GPE", "UKR", ["Ukraine"]),
]


def code(make_doc, coder, text):
    return coder.code(make_doc(text, entities=ENTS))


def test_visit_to_a_capital_is_a_visit_to_its_state(make_doc, coder):
    events = code(make_doc, coder, "North Korea has prepared for weeks: Mr. Putin is expected to pay a visit to "
                                   "Pyongyang next month.")
    visit = [e for e in events if e.mode == "visit"][0]
    assert visit.actors == ["e3"] and visit.recipients == ["e1"]
    assert visit.location == "e2" and not visit.location_inferred


def test_flying_to_a_capital(make_doc, coder):
    events = code(make_doc, coder, "Mr. Lavrov flew to Pyongyang on Monday for talks on North Korea's debts.")
    visit = [e for e in events if e.mode == "visit"][0]
    assert visit.recipients == ["e1"] and visit.location == "e2"


def test_capital_stays_when_its_state_is_not_named(make_doc, coder):
    events = code(make_doc, coder, "Iran shipped drones to Moscow in March.")
    aid = [e for e in events if e.type == "AID"][0]
    assert aid.recipients == ["e5"]


def test_shipment_to_a_capital_goes_to_the_state(make_doc, coder):
    events = code(make_doc, coder, "Russia has long courted Iran, which shipped drones to Moscow in March.")
    aid = [e for e in events if e.type == "AID"][0]
    assert aid.recipients == ["e4"]


def test_a_city_that_is_not_a_capital_stays(make_doc, coder):
    events = code(make_doc, coder, "Mr. Putin traveled to Kharkiv on Monday, weeks after talks in Ukraine.")
    visit = [e for e in events if e.mode == "visit"][0]
    assert visit.recipients == ["e8"]
