"""Arguments, dates, places, sources and the direct-quote rule, on original sentences."""

from __future__ import annotations

from newsgraph.model import Dateline

from .agents import acting_for

ENTS = [
    ("e1", "Kim Jong-un", "PERSON", "PRK", ["Kim Jong-un", "Mr. Kim"]),
    ("e2", "Vladimir Putin", "PERSON", "RUS", ["Vladimir Putin", "Mr. Putin"]),
    ("e3", "North Korea", "GPE", "PRK", ["North Korea", "North Korean", "Pyongyang"]),
    ("e4", "Russia", "GPE", "RUS", ["Russia", "Russian"]),
    ("e5", "United States", "GPE", "USA", ["United States", "U.S.", "American"]),
    ("e6", "South Korea", "GPE", "KOR", ["South Korea", "South Korean"]),
    ("e7", "Japan", "GPE", "JPN", ["Japan", "Japanese"]),
    ("e8", "Vladivostok", "GPE", "RUS", ["Vladivostok"]),
    ("e9", "Yonhap", "ORG", "KOR", ["Yonhap"]),
    ("e10", "Seoul", "GPE", "KOR", ["Seoul"]),
    ("e11", "Kang Kyung-wha", "PERSON", "KOR", ["Kang Kyung-wha", "Ms. Kang"]),
    ("e12", "Tokyo", "GPE", "JPN", ["Tokyo"]),
]


def events_of(make_doc, coder, text, **kw):
    doc = make_doc(text, entities=ENTS, **kw)
    return doc, coder.code(doc)


def test_date_from_attached_timex_and_inferred_otherwise(make_doc, coder):
    _, events = events_of(make_doc, coder,
                          "Mr. Kim met Mr. Putin in Vladivostok on Wednesday. Mr. Kim later visited a factory.\n\n"
                          "Russia accused Japan of spying.",
                          timexes=[("Wednesday", "2023-09-13")], published="2023-09-14")
    met, visited, accused = events[0], events[1], events[2]
    assert met.date.value == "2023-09-13" and met.date.text == "Wednesday" and met.date.inferred is False
    assert met.date.timex == 0
    assert met.location == "e8" and met.location_inferred is False
    # no timex of its own: the reference time of its paragraph, else the publication date
    assert visited.date.inferred is True and visited.date.value == "2023-09-13"
    assert accused.date.inferred is True and accused.date.value == "2023-09-14"


def test_timex_of_another_clause_is_not_attached(make_doc, coder):
    _, events = events_of(make_doc, coder, "Japan said on Monday that Russia will supply fuel to North Korea.",
                          timexes=[("Monday", "2024-01-15")])
    aid = [e for e in events if e.type == "AID"][0]
    assert aid.date.timex is None and aid.date.inferred
    assert aid.modality == "planned" and aid.source == "e7"


def test_location_falls_back_to_the_dateline_flagged(make_doc, coder):
    text = "SEOUL, South Korea — South Korean and American troops held joint drills on Friday."
    doc, events = events_of(make_doc, coder, text, timexes=[("Friday", "2024-01-19")],
                            dateline=Dateline("SEOUL, South Korea", place="Seoul", country="KOR"))
    event = events[0]
    # the troops are the actors (issue 16), each with its state as affiliation and country
    assert event.type == "COOPERATE" and acting_for(doc, event.actors) == {"e5", "e6"}
    assert sorted(doc.entity(i).name for i in event.actors) == ["American troops", "South Korean troops"]
    assert event.location == "e10" and event.location_inferred is True


def test_source_from_attribution(make_doc, coder):
    text = "North Korea fired a cruise missile on Sunday, Yonhap reported."
    _, events = events_of(make_doc, coder, text, timexes=[("Sunday", "2024-01-14")],
                          attributions=[("North Korea fired a cruise missile on Sunday", "e9", "Yonhap")])
    event = events[0]
    assert (event.type, event.mode, event.actors) == ("MOBILIZE", "weapons", ["e3"])
    assert event.source == "e9" and event.source_text == "Yonhap"
    assert event.date.value == "2024-01-14"


def test_source_from_the_parse_without_attributions(make_doc, coder):
    _, events = events_of(make_doc, coder, "According to Yonhap, Mr. Kim met Mr. Putin.")
    assert events[0].source == "e9"
    _, events = events_of(make_doc, coder, "Mr. Kim met Mr. Putin.")
    assert events[0].source is None


def test_nothing_is_coded_from_a_direct_quote(make_doc, coder):
    text = "“Russia will send tanks to North Korea,” Mr. Kim said. Mr. Kim met Mr. Putin."
    _, events = events_of(make_doc, coder, text, quotes=[("“Russia will send tanks to North Korea,”", "e1")])
    assert [e.trigger.text for e in events] == ["met"]
    # the same without the quotes stage: quotation marks alone keep it out
    _, events = events_of(make_doc, coder, text)
    assert [e.trigger.text for e in events] == ["met"]


def test_group_nouns_resolve_to_earlier_parties(make_doc, coder):
    text = ("South Korean, American and Japanese warships conducted combined exercises on Monday. "
            "Diplomats from the three allies will meet in Tokyo next week.")
    doc, events = events_of(make_doc, coder, text)
    meet = [e for e in events if e.trigger.text == "meet"][0]
    assert acting_for(doc, meet.actors) == {"e5", "e6", "e7"} and meet.modality == "planned"
    assert meet.location == "e12"


def test_pronouns_follow_gender_and_previous_parties(make_doc, coder):
    text = "Mr. Putin welcomed Ms. Kang in Vladivostok. Later she met Mr. Kim."
    _, events = events_of(make_doc, coder, text)
    met = [e for e in events if e.trigger.text == "met"][0]
    assert set(met.actors) == {"e11", "e1"}
    welcome = events[0]
    assert welcome.actors == ["e11"] and welcome.recipients == ["e2"]


def test_event_ids_spans_and_rule(make_doc, coder):
    doc, events = events_of(make_doc, coder, "Mr. Kim met Mr. Putin. Russia accused Japan of spying.")
    assert [e.id for e in events] == [f"v{i}" for i in range(1, len(events) + 1)]
    for e in events:
        assert doc.text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
        assert e.rule.startswith("events.")


def test_a_bound_is_not_the_event_date(make_doc, coder):
    text = ("Mr. Putin visited North Korea on Wednesday, his first trip there since July 2000.\n\n"
            "Mr. Kim met Mr. Putin after January 2019.")
    _, events = events_of(make_doc, coder, text,
                          timexes=[("Wednesday", "2024-06-19"), ("July 2000", "2000-07"), ("January 2019", "2019-01")],
                          published="2024-06-20")
    by_trigger = {e.trigger.text: e for e in events}
    assert by_trigger["visited"].date.value == "2024-06-19"
    trip = by_trigger.get("trip")
    assert trip is None or trip.date.value != "2000-07"
    assert by_trigger["met"].date.value != "2019-01" and by_trigger["met"].date.inferred


def test_a_bound_is_not_the_reference_time_of_the_next_sentence(make_doc, coder):
    # the sample corpus case: talks later that day were dated from "since July 2000"
    text = ("Mr. Putin arrived in Pyongyang on Wednesday, his first trip there since July 2000. "
            "Hours later Mr. Kim and Mr. Putin held talks.")
    _, events = events_of(make_doc, coder, text,
                          timexes=[("Wednesday", "2024-06-19"), ("July 2000", "2000-07")], published="2024-06-20")
    talks = next(e for e in events if e.trigger.text == "talks")
    assert (talks.date.value, talks.date.inferred) == ("2024-06-19", True)
