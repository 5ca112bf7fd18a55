"""Each PLOVER type from an original news-style sentence (entities built by hand)."""

from __future__ import annotations

import pytest

from .agents import acting_for


def by_type(events, etype):
    return [e for e in events if e.type == etype]

E = {
    "kor": ("e1", "South Korea", "GPE", "KOR", ["South Korea", "South Korean", "Seoul"]),
    "prk": ("e2", "North Korea", "GPE", "PRK", ["North Korea", "North Korean", "Pyongyang"]),
    "usa": ("e3", "United States", "GPE", "USA", ["United States", "U.S.", "Washington"]),
    "jpn": ("e4", "Japan", "GPE", "JPN", ["Japan", "Japanese", "Tokyo"]),
    "chn": ("e5", "China", "GPE", "CHN", ["China", "Chinese", "Beijing"]),
    "rus": ("e6", "Russia", "GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    "ukr": ("e7", "Ukraine", "GPE", "UKR", ["Ukraine", "Ukrainian", "Kyiv"]),
    "blinken": ("e8", "Antony Blinken", "PERSON", "USA", ["Antony Blinken", "Mr. Blinken"]),
    "wang": ("e9", "Wang Yi", "PERSON", "CHN", ["Wang Yi", "Mr. Wang"]),
    "un": ("e10", "United Nations", "ORG", None, ["United Nations", "U.N."]),
    "police": ("e11", "Hong Kong police", "ORG", "HKG", ["Hong Kong police"]),
    "eu": ("e12", "European Union", "ORG", None, ["European Union", "EU"]),
    "israel": ("e13", "Israel", "GPE", "ISR", ["Israel", "Israeli"]),
    "iran": ("e14", "Iran", "GPE", "IRN", ["Iran", "Iranian", "Tehran"]),
    "hamas": ("e15", "Hamas", "ORG", None, ["Hamas"]),
}


def code(make_doc, coder, text, *names, timexes=()):
    doc = make_doc(text, entities=[E[n] for n in names], timexes=timexes)
    return doc, coder.code(doc)


CASES = [
    # (sentence, entity keys, expected type, actors, recipients)
    ("South Korea agreed on Monday to resume military talks with Japan.", ("kor", "jpn"), "AGREE", {"e1"}, set()),
    ("Mr. Blinken met with Mr. Wang in Beijing on Friday.", ("blinken", "wang", "chn"), "CONSULT", {"e8", "e9"}, set()),
    ("Japan praised South Korea for its restraint.", ("jpn", "kor"), "SUPPORT", {"e4"}, {"e1"}),
    ("Russia dropped its objections to the U.N. resolution.", ("rus", "un"), "CONCEDE", {"e6"}, set()),
    ("The United States and Japan held joint drills in the Pacific.", ("usa", "jpn"), "COOPERATE", {"e3", "e4"}, set()),
    ("China supplied drones to Russia last year.", ("chn", "rus"), "AID", {"e5"}, {"e6"}),
    ("Israel released 30 prisoners on Tuesday.", ("israel",), "RETREAT", {"e13"}, set()),
    ("The European Union urged Iran to halt uranium enrichment.", ("eu", "iran"), "REQUEST", {"e12"}, {"e14"}),
    ("Washington accused Beijing of spying on its allies.", ("usa", "chn"), "ACCUSE", {"e3"}, {"e5"}),
    ("North Korea rejected the U.S. offer of talks.", ("prk", "usa"), "REJECT", {"e2"}, set()),
    ("Iran threatened Israel with a harsh response.", ("iran", "israel"), "THREATEN", {"e14"}, {"e13"}),
    ("Thousands of Ukrainian farmers held a protest in Kyiv.", ("ukr",), "PROTEST", {"e7"}, set()),
    ("The European Union imposed new sanctions on Russia on Friday.", ("eu", "rus"), "SANCTION", {"e12"}, {"e6"}),
    ("North Korea test-fired two ballistic missiles into the sea.", ("prk",), "MOBILIZE", {"e2"}, set()),
    ("Hong Kong police arrested six activists on Sunday.", ("police",), "COERCE", {"e11"}, set()),
    ("Russia attacked Ukraine with drones overnight.", ("rus", "ukr"), "ASSAULT", {"e6"}, {"e7"}),
]


@pytest.mark.parametrize("text,names,etype,actors,recipients", CASES, ids=[c[2] for c in CASES])
def test_each_plover_type(make_doc, coder, text, names, etype, actors, recipients):
    _, events = code(make_doc, coder, text, *names)
    matching = [e for e in events if e.type == etype]
    assert matching, f"no {etype} in {[(e.type, e.trigger.text) for e in events]}"
    event = matching[0]
    assert set(event.actors) == actors
    assert recipients <= set(event.recipients)
    assert event.modality == "asserted"
    assert event.trigger.text in text and event.rule.startswith("events.")


def test_one_sides_drills_are_mobilize_joint_ones_cooperate(make_doc, coder):
    _, events = code(make_doc, coder, "North Korea staged artillery drills near the border on Monday.", "prk")
    assert [(e.type, e.mode) for e in events] == [("MOBILIZE", "troops")]
    doc, events = code(make_doc, coder,
                       "South Korean, U.S. and Japanese warships conducted combined naval exercises on Wednesday.",
                       "kor", "usa", "jpn")
    assert [e.type for e in events] == ["COOPERATE"]
    assert acting_for(doc, events[0].actors) == {"e1", "e3", "e4"} and events[0].recipients == []


def test_reciprocal_meeting_lists_all_parties_as_actors(make_doc, coder):
    _, events = code(make_doc, coder, "Mr. Wang held talks with Mr. Blinken in Washington.", "wang", "blinken", "usa")
    event = by_type(events, "CONSULT")[0]
    assert set(event.actors) == {"e8", "e9"} and event.recipients == []
    assert event.location == "e3" and not event.location_inferred


def test_visit_codes_visitor_as_actor_and_host_as_recipient(make_doc, coder):
    _, events = code(make_doc, coder, "Mr. Blinken made a two-day visit to China in June.", "blinken", "chn",
                     timexes=[("June", "2023-06")])
    event = by_type(events, "CONSULT")[0]
    assert (event.mode, event.actors, event.recipients) == ("visit", ["e8"], ["e5"])
    assert event.date.value == "2023-06" and not event.date.inferred


def test_greeting_host_is_recipient(make_doc, coder):
    _, events = code(make_doc, coder, "Mr. Wang greeted Mr. Blinken at the airport.", "wang", "blinken")
    event = by_type(events, "CONSULT")[0]
    assert event.actors == ["e8"] and event.recipients == ["e9"]


def test_accused_supply_is_an_accusation_and_an_alleged_aid(make_doc, coder):
    _, events = code(make_doc, coder,
                     "Washington has accused Tehran of supplying attack drones to Russia.", "usa", "iran", "rus")
    accuse = by_type(events, "ACCUSE")[0]
    assert accuse.actors == ["e3"] and accuse.recipients == ["e14"] and accuse.modality == "asserted"
    aid = by_type(events, "AID")[0]
    assert aid.actors == ["e14"] and aid.recipients == ["e6"] and aid.modality == "alleged"
