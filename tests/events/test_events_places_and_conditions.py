"""Issue 16, roles: a place as the target of an act with no other target, the subject of a
threat's condition, fuller group names, and lexicon gaps (original sentences)."""

from __future__ import annotations

import pytest

ENTS = [
    ("e1", "Georgia", "GPE", "GEO", ["Georgia", "Georgian"]),
    ("e2", "Batumi", "GPE", "GEO", ["Batumi"]),
    ("e3", "Kenya", "GPE", "KEN", ["Kenya", "Kenyan"]),
    ("e4", "Mombasa", "GPE", "KEN", ["Mombasa"]),
    ("e5", "Chile", "GPE", "CHL", ["Chile", "Chilean"]),
    ("e6", "Peru", "GPE", "PER", ["Peru", "Peruvian"]),
    ("e7", "Bolivia", "GPE", "BOL", ["Bolivia"]),
    ("e8", "Ghana", "GPE", "GHA", ["Ghana"]),
    ("e9", "Norway", "GPE", "NOR", ["Norway"]),
    ("e10", "Kumasi", "GPE", "GHA", ["Kumasi"]),
]


def _first(coder, make_doc, text: str, etype: str):
    events = [e for e in coder.code(make_doc(text, entities=ENTS)) if e.type == etype]
    assert events, (text, [(e.type, e.rule) for e in coder.code(make_doc(text, entities=ENTS))])
    return events[0]


@pytest.mark.parametrize("text, etype, place", [
    ("Georgian authorities imposed a curfew in the port city of Batumi on Monday.", "COERCE", "e2"),
    ("Dock workers rioted at a warehouse in Mombasa late on Friday.", "PROTEST", "e4"),
    ("Unknown gunmen exploded two bombs in Kumasi overnight.", "ASSAULT", "e10"),
])
def test_the_place_is_the_target_when_nobody_else_is(make_doc, coder, text, etype, place):
    event = _first(coder, make_doc, text, etype)
    assert event.recipients == [place], (event.recipients, event.rule)
    assert "recipient=place" in event.rule


def test_a_named_target_keeps_the_place_out(make_doc, coder):
    event = _first(coder, make_doc, "Kenyan police arrested a Ghana official in Mombasa on Tuesday.", "COERCE")
    assert "e4" not in event.recipients and "e8" in event.recipients


def test_the_condition_of_a_threat_names_its_target(make_doc, coder):
    event = _first(coder, make_doc, "Chile threatened to recall its ambassador unless Peru withdrew the "
                                    "fishing ban within a week.", "THREATEN")
    assert event.actors == ["e5"] and event.recipients == ["e6"], (event.recipients, event.rule)


def test_the_subject_allowed_in_a_refusal_is_its_target(make_doc, coder):
    event = _first(coder, make_doc, "Bolivia refused to allow Chilean trucks to cross the border.", "REJECT")
    assert event.recipients == ["e5"], (event.recipients, event.rule)


def test_a_group_keeps_its_place_and_its_whole_name(make_doc, coder):
    event = _first(coder, make_doc, "Striking teachers in Ghana blocked the main road to the airport.", "PROTEST")
    assert event.actor_text == ["Striking teachers in Ghana"], event.actor_text
    event = _first(coder, make_doc, "Angry Peruvian farmers blockaded the highway on Monday.", "PROTEST")
    assert event.actor_text == ["Angry Peruvian farmers"], event.actor_text


@pytest.mark.parametrize("text, etype, actor, recipient", [
    ("Norway will give Ghana a grant of ten million dollars for rural clinics.", "AID", "e9", "e8"),
    ("Peru telephoned Chile on Monday about the border dispute.", "CONSULT", "e6", None),
    ("Georgian riot police dispersed protesters outside parliament.", "ASSAULT", None, None),
    ("Rebels blew up a railway bridge near Kumasi on Sunday.", "ASSAULT", None, None),
])
def test_lexicon_gaps(make_doc, coder, text, etype, actor, recipient):
    event = _first(coder, make_doc, text, etype)
    if actor:
        assert actor in event.actors, (event.actors, event.rule)
    if etype == "CONSULT":  # a call is reciprocal: both sides act
        assert "e5" in event.actors
    if recipient:
        assert recipient in event.recipients, (event.recipients, event.rule)
