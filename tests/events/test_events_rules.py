"""Argument and modality rules on original sentences: datelines, claims, controllers, groups."""

from __future__ import annotations

import io

from rich.console import Console

from newsgraph.render import render_events

ENTS = [
    ("e1", "Sergey Lavrov", "PERSON", "RUS", ["Sergey Lavrov", "Mr. Lavrov"]),
    ("e2", "Wang Yi", "PERSON", "CHN", ["Wang Yi", "Mr. Wang"]),
    ("e3", "Russia", "GPE", "RUS", ["Russia", "Russian", "Moscow"]),
    ("e4", "China", "GPE", "CHN", ["China", "Chinese", "Beijing"]),
    ("e5", "Iran", "GPE", "IRN", ["Iran", "Iranian"]),
    ("e6", "Japan", "GPE", "JPN", ["Japan", "Japanese"]),
    ("e7", "North Korea", "GPE", "PRK", ["North Korea", "North Korean", "Pyongyang"]),
    ("e8", "Group of Seven", "ORG", None, ["Group of Seven"]),
    ("e9", "Ukraine", "GPE", "UKR", ["Ukraine"]),
    ("e10", "Vladimir Putin", "PERSON", "RUS", ["Vladimir Putin", "Mr. Putin"]),
    ("e11", "Xi Jinping", "PERSON", "CHN", ["Xi Jinping", "Mr. Xi"]),
    ("e12", "Vladivostok", "GPE", "RUS", ["Vladivostok"]),
    ("e13", "Minsk", "GPE", "BLR", ["Minsk"]),
]


def code(make_doc, coder, text, **kw):
    doc = make_doc(text, entities=ENTS, **kw)
    return doc, coder.code(doc)


def one(events, etype):
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_dateline_is_not_the_subject(make_doc, coder):
    _, events = code(make_doc, coder, "MOSCOW — Russian Foreign Minister Sergey Lavrov met Wang Yi on Monday.")
    assert set(one(events, "CONSULT").actors) == {"e1", "e2"}


def test_dismissed_reports_are_denied(make_doc, coder):
    _, events = code(make_doc, coder, "Tehran dismissed reports that Iran had shipped drones to Russia.")
    aid = one(events, "AID")
    assert aid.modality == "denied" and aid.actors == ["e5"] and aid.recipients == ["e3"]


def test_condition_makes_an_event_hypothetical(make_doc, coder):
    _, events = code(make_doc, coder, "Japan would lift its sanctions on Russia only if Moscow withdrew its troops.")
    assert one(events, "CONCEDE").modality == "hypothetical"


def test_called_on_x_to_makes_x_the_actor(make_doc, coder):
    _, events = code(make_doc, coder, "The Group of Seven called on Russia to withdraw its forces from Ukraine.")
    request = one(events, "REQUEST")
    assert request.actors == ["e8"] and request.recipients == ["e3"]
    retreat = one(events, "RETREAT")
    assert retreat.actors == ["e3"] and retreat.modality == "requested"


def test_group_of_leaders_takes_people_not_states(make_doc, coder):
    text = ("Mr. Putin met Mr. Xi in Beijing on Tuesday. Russia and China signed a trade pact. "
            "The two leaders will meet again in May.")
    _, events = code(make_doc, coder, text)
    again = [e for e in events if e.trigger.text == "meet"][0]
    assert set(again.actors) == {"e10", "e11"} and again.modality == "planned"


def test_troops_sent_passive_belong_to_their_state(make_doc, coder):
    _, events = code(make_doc, coder, "North Korean troops were sent to Russia in October.")
    aid = one(events, "AID")
    assert aid.actors == ["e7"] and aid.recipients == ["e3"]


def test_hosting_a_forum_names_no_visitor(make_doc, coder):
    _, events = code(make_doc, coder, "Mr. Putin hosted an economic forum in Vladivostok.")
    event = one(events, "CONSULT")
    assert event.actors == ["e10"] and event.recipients == [] and event.mode == "multilateral"
    assert event.location == "e12"


def test_unnamed_target_is_kept_as_text(make_doc, coder):
    _, events = code(make_doc, coder, "Police arrested six activists in Minsk on Sunday.")
    event = one(events, "COERCE")
    assert event.recipient_text == ["six activists"] and event.recipients == []


def test_protest_topic_is_not_a_separate_event(make_doc, coder):
    _, events = code(make_doc, coder, "Ukrainian activists rallied outside the Russian embassy to denounce the treaty.")
    assert [e.type for e in events] == ["PROTEST"]


def test_warning_of_action_is_a_threat_but_a_worry_is_not(make_doc, coder):
    _, events = code(make_doc, coder, "Pyongyang warned that it would respond to the drills with force.")
    assert one(events, "THREATEN").actors == ["e7"]
    _, events = code(make_doc, coder, "Analysts warned that the talks could raise tensions with Japan.")
    assert not [e for e in events if e.type == "THREATEN"]


def test_render_lists_who_did_what_to_whom(make_doc, coder):
    doc, events = code(make_doc, coder, "Mr. Lavrov met Mr. Wang in Beijing on Monday.",
                       timexes=[("Monday", "2024-04-08")])
    doc.events = events
    out = io.StringIO()
    render_events(doc, Console(file=out, width=200))
    text = out.getvalue()
    assert "2024-04-08" in text and "Sergey Lavrov + Wang Yi --CONSULT-->" in text and "[asserted]" in text


def test_both_sides_and_neither_nor(make_doc, coder):
    text = ("Mr. Lavrov met Mr. Wang in Beijing on Monday. Both sides agreed to expand trade. "
            "Mr. Putin visited neither Japan nor Iran last year.")
    _, events = code(make_doc, coder, text)
    agree = one(events, "AGREE")
    assert set(agree.actors) == {"e1", "e2"}
    visit = [e for e in events if e.trigger.text == "visited"][0]
    assert visit.modality == "negated" and visit.actors == ["e10"]


def test_the_country_is_the_state_spoken_of(make_doc, coder):
    text = "North Korea's news agency said the missile, which the country test-fired in May, flew 1,000 km."
    _, events = code(make_doc, coder, text)
    assert one(events, "MOBILIZE").actors == ["e7"]


def test_target_named_in_the_complement(make_doc, coder):
    _, events = code(make_doc, coder, "China demanded that Japan stop its naval patrols near the islands.")
    request = one(events, "REQUEST")
    assert request.actors == ["e4"] and request.recipients == ["e6"]
    _, events = code(make_doc, coder, "Russia has offered to supply grain to North Korea.")
    agree = one(events, "AGREE")
    assert agree.actors == ["e3"] and agree.recipients == ["e7"]


def test_manual_type_folds_future_into_agree_and_threaten(make_doc, coder):
    from newsgraph.events import manual_type

    _, events = code(make_doc, coder, "Mr. Lavrov will visit Beijing in May. Japan will impose sanctions on Iran.")
    visit, sanction = one(events, "CONSULT"), one(events, "SANCTION")
    assert (visit.modality, manual_type(visit)) == ("planned", "AGREE")
    assert (sanction.modality, manual_type(sanction)) == ("planned", "THREATEN")
    _, events = code(make_doc, coder, "Mr. Lavrov visited Beijing in May.")
    assert manual_type(one(events, "CONSULT")) == "CONSULT"
