"""The event ``rule`` names the argument branches that found each party (events/roles.py)."""

from __future__ import annotations

import re

import pytest

from newsgraph.events.arguments import Party
from newsgraph.events.roles import rule_suffix

ENTS = [
    ("e1", "Sergey Lavrov", "PERSON", "RUS", ["Sergey Lavrov", "Mr. Lavrov"]),
    ("e2", "Wang Yi", "PERSON", "CHN", ["Wang Yi", "Mr. Wang"]),
    ("e3", "Russia", "GPE", "RUS", ["Russia", "Russian"]),
    ("e4", "China", "GPE", "CHN", ["China", "Chinese"]),
    ("e7", "North Korea", "GPE", "PRK", ["North Korea", "North Korean"]),
    ("e8", "Pyongyang", "GPE", "PRK", ["Pyongyang"]),
    ("e9", "Ukraine", "GPE", "UKR", ["Ukraine"]),
]
RULE = re.compile(r"^events\.(verb|light|noun):[^+]+(\+actor=[^+=]+)?(\+recipient=[^+=]+)?$")


def events_of(make_doc, coder, text):
    return coder.code(make_doc(text, entities=ENTS))


def test_suffix_lists_branches_per_role_in_party_order_without_repeats():
    actors = [Party("e1", "A", found_by="subject"), Party("e2", "B", found_by="with"),
              Party("e3", "C", found_by="subject")]
    recipients = [Party("e4", "D", found_by="to>state")]
    assert rule_suffix(actors, recipients) == "+actor=subject,with+recipient=to>state"
    assert rule_suffix([], recipients) == "+recipient=to>state"
    assert rule_suffix([], []) == ""


@pytest.mark.parametrize("text, etype, suffix", [
    ("Sergey Lavrov met Wang Yi in Beijing on Monday.", "CONSULT", "+actor=subject,dobj"),
    ("Russia accused Ukraine of shelling the city.", "ACCUSE", "+actor=subject+recipient=dobj"),
    ("China sent aid to North Korea last week.", "AID", "+actor=subject+recipient=to"),
    ("Sergey Lavrov's visit to China ended on Friday.", "CONSULT", "+actor=poss+recipient=to"),
    ("Ukraine was attacked by Russia on Sunday.", "ASSAULT", "+actor=agent+recipient=passive_subject"),
])
def test_rule_says_which_branch_found_each_party(make_doc, coder, text, etype, suffix):
    events = [e for e in events_of(make_doc, coder, text) if e.type == etype]
    assert events, text
    assert events[0].rule.endswith(suffix), events[0].rule
    assert RULE.match(events[0].rule), events[0].rule


def test_capital_standing_for_its_state_is_marked(make_doc, coder):
    events = events_of(make_doc, coder, "Sergey Lavrov travelled to Pyongyang to meet North Korean officials.")
    visit = [e for e in events if e.type == "CONSULT"]
    assert visit and visit[0].recipients == ["e7"], [(e.type, e.recipients, e.rule) for e in events]
    assert ">state" in visit[0].rule


def test_every_party_of_every_event_has_a_branch(make_doc, coder):
    text = ("Russia and China held joint naval drills on Tuesday. North Korea denied arms transfers. "
            "Wang Yi called on Ukraine to negotiate with Russia. Protesters rallied against China.")
    for event in events_of(make_doc, coder, text):
        assert "?" not in event.rule and RULE.match(event.rule), event.rule
