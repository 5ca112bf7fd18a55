"""Each modality from original news-style sentences."""

from __future__ import annotations

import pytest

ENTS = [
    ("e1", "Kim Jong-un", "PERSON", "PRK", ["Kim Jong-un", "Mr. Kim"]),
    ("e2", "Vladimir Putin", "PERSON", "RUS", ["Vladimir Putin", "Mr. Putin"]),
    ("e3", "North Korea", "GPE", "PRK", ["North Korea", "North Korean", "Pyongyang"]),
    ("e4", "Russia", "GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    ("e5", "United States", "GPE", "USA", ["United States", "U.S.", "Washington"]),
    ("e6", "Iran", "GPE", "IRN", ["Iran", "Tehran"]),
    ("e7", "Japan", "GPE", "JPN", ["Japan", "Tokyo"]),
    ("e8", "China", "GPE", "CHN", ["China", "Beijing"]),
    ("e9", "Reuters", "ORG", None, ["Reuters"]),
]

CASES = [
    # (sentence, trigger text, expected type, expected modality)
    ("Mr. Kim met Mr. Putin in Vladivostok on Wednesday.", "met", "CONSULT", "asserted"),
    ("Mr. Kim will meet Mr. Putin later this month.", "meet", "CONSULT", "planned"),
    ("Mr. Kim is to meet Mr. Putin in the coming days.", "meet", "CONSULT", "planned"),
    ("Mr. Kim plans to visit Russia in the spring.", "visit", "CONSULT", "planned"),
    ("Mr. Putin is expected to visit North Korea next year.", "visit", "CONSULT", "expected"),
    ("Washington accused Tehran of supplying missiles to Russia.", "supplying", "AID", "alleged"),
    ("Iran denied supplying drones to Russia.", "supplying", "AID", "denied"),
    ("Mr. Putin did not attend the summit in Beijing.", "attend", "CONSULT", "negated"),
    ("Japan refused to lift its sanctions on Russia.", "lift", "CONCEDE", "negated"),
    ("A new Russian offensive could threaten Kyiv, but China would not supply weapons to Russia.",
     "supply", "AID", "negated"),
    ("Russia could supply fighter jets to North Korea.", "supply", "AID", "hypothetical"),
    ("If Mr. Kim visits Moscow, Japan will protest.", "visits", "CONSULT", "hypothetical"),
    ("Washington urged Beijing to cut its oil exports to North Korea.", "cut", "SANCTION", "requested"),
    ("The United States called on China to condemn Russia.", "condemn", "ACCUSE", "requested"),
]


@pytest.mark.parametrize("text,trigger,etype,modality", CASES, ids=[c[3] + ":" + c[1] for c in CASES])
def test_modality(make_doc, coder, text, trigger, etype, modality):
    doc = make_doc(text, entities=ENTS)
    events = coder.code(doc)
    found = [e for e in events if e.trigger.text.endswith(trigger)]
    assert found, f"no event on {trigger!r}: {[(e.type, e.trigger.text) for e in events]}"
    assert found[0].type == etype
    assert found[0].modality == modality


def test_requesting_and_accusing_verbs_are_events_of_their_own(make_doc, coder):
    doc = make_doc("Washington urged Beijing to cut its oil exports to North Korea.", entities=ENTS)
    events = coder.code(doc)
    request = [e for e in events if e.type == "REQUEST"][0]
    assert request.actors == ["e5"] and request.recipients == ["e8"] and request.modality == "asserted"
    cut = [e for e in events if e.type == "SANCTION"][0]
    assert cut.actors == ["e8"]  # the one urged is the one who would act


def test_reported_would_is_planned_and_plain_would_hypothetical(make_doc, coder):
    doc = make_doc("Mr. Putin said Russia and North Korea would expand their cooperation. "
                   "An arms deal would violate U.N. resolutions.", entities=ENTS)
    events = coder.code(doc)
    coop = [e for e in events if e.type == "COOPERATE"][0]
    assert coop.modality == "planned" and set(coop.actors) == {"e3", "e4"}
    assert coop.source == "e2"


def test_planned_event_without_date_is_future_ref(make_doc, coder):
    doc = make_doc("Mr. Kim will meet Mr. Putin.", entities=ENTS)
    event = coder.code(doc)[0]
    assert event.date.value == "FUTURE_REF" and event.date.inferred
