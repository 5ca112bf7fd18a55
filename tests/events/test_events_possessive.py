"""Nominal events whose parties are a coordinated possessive ("Mr. Xi and Mr. Putin's summit"),
which the small parser often splits (original sentences)."""

from __future__ import annotations

ENTS = [
    ("e3", "Russia", "GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    ("e4", "China", "GPE", "CHN", ["China", "Chinese", "Beijing"]),
    ("e5", "Iran", "GPE", "IRN", ["Iran", "Iranian"]),
    ("e9", "Ukraine", "GPE", "UKR", ["Ukraine"]),
    ("e10", "Vladimir Putin", "PERSON", "RUS", ["Vladimir Putin", "Mr. Putin"]),
    ("e11", "Xi Jinping", "PERSON", "CHN", ["Xi Jinping", "Mr. Xi"]),
    ("e13", "Minsk", "GPE", "BLR", ["Minsk"]),
    ("e14", "Kremlin", "FAC", "RUS", ["Kremlin"]),
]


def code(make_doc, coder, text, **kw):
    doc = make_doc(text, entities=ENTS, **kw)
    return doc, coder.code(doc)


def one(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_possessive_pair_after_during_gives_both_leaders(make_doc, coder):
    _, events = code(make_doc, coder,
                     "The deal in Beijing on Monday built on promises made during Mr. Xi and Mr. Putin's "
                     "summit in March at the Kremlin.", timexes=[("Monday", "2024-01-15"), ("March", "2023-03")])
    summit = [e for e in events if e.type == "CONSULT" and e.trigger.text == "summit"][0]
    assert set(summit.actors) == {"e10", "e11"} and summit.recipients == []
    assert summit.date.value == "2023-03" and not summit.date.inferred
    assert summit.modality == "asserted" and summit.location == "e14"


def test_possessive_pair_of_states(make_doc, coder):
    _, events = code(make_doc, coder, "The accord followed Iran and Russia's talks in Minsk.")
    talks = one(events, "CONSULT")
    assert set(talks.actors) == {"e3", "e5"}
    assert talks.location == "e13"


def test_of_object_is_not_a_possessor(make_doc, coder):
    _, events = code(make_doc, coder, "Russia's invasion of Ukraine and China's talks with Iran continued.")
    talks = [e for e in events if e.type == "CONSULT"][0]
    assert "e9" not in talks.actors and {"e4", "e5"} <= set(talks.actors)
