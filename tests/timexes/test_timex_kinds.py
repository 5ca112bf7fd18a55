"""Each kind of time expression, on original news-style sentences.

DCTs are chosen so each test shows one resolution decision; a Monday DCT
(2023-09-11) is used unless the test says otherwise.
"""

from __future__ import annotations

import pytest

from newsgraph.model import Document
from newsgraph.timexes import bound_word, extract_timexes, reference_time_at

MONDAY = "2023-09-11"


# --- explicit dates ---------------------------------------------------------------

def test_written_and_iso_dates(tag):
    found = tag("The accord signed on March 3, 2021, was renewed on 2022-05-17 and again on 4 June 2023.", MONDAY)
    assert found["March 3, 2021"].value == "2021-03-03"
    assert found["2022-05-17"].value == "2022-05-17"
    assert found["4 June 2023"].value == "2023-06-04"


def test_month_year_and_year(tag):
    found = tag("The envoy last visited Tehran in October 2017 and had first served there in 2009.", MONDAY)
    assert found["October 2017"].value == "2017-10"
    assert found["2009"].value == "2009"


def test_year_that_is_a_quantity_is_not_a_timex(tag):
    found = tag("Police said 2000 people marched through the capital.", MONDAY)
    assert "2000" not in found


def test_weekday_with_date_picks_the_matching_year(tag):
    # 25 April fell on a Saturday in 2020, not in 2021
    found = tag("The paper ran an editorial on Saturday, April 25, criticising the ruling.", "2020-04-24")
    assert found["Saturday, April 25"].value == "2020-04-25"


# --- weekdays by tense -------------------------------------------------------------

def test_past_tense_weekday_goes_back(tag):
    found = tag("The foreign minister arrived in Hanoi on Thursday for talks.", MONDAY)
    assert found["Thursday"].value == "2023-09-07"


def test_future_tense_weekday_goes_forward(tag):
    found = tag("The foreign minister will arrive in Hanoi on Thursday for talks.", MONDAY)
    assert found["Thursday"].value == "2023-09-14"


def test_weekday_equal_to_dct_is_the_dct(tag):
    found = tag("Officials in Tokyo said Monday that the launch had failed.", MONDAY)
    assert found["Monday"].value == "2023-09-11"


def test_last_and_next_weekday(tag):
    found = tag("Talks that began last Friday will resume next Tuesday in Geneva.", MONDAY)
    assert found["last Friday"].value == "2023-09-08"
    assert found["next Tuesday"].value == "2023-09-12"


def test_weekday_pair_is_two_dates(tag):
    found = tag("The ministers skipped the forum held on Saturday and Sunday in Jakarta.", MONDAY)
    assert found["Saturday"].value == "2023-09-09"
    assert found["Sunday"].value == "2023-09-10"


def test_weekday_part_of_day_is_a_time(tag):
    found = tag("Rebels shelled the airport on Friday night, the army said.", MONDAY)
    assert (found["Friday night"].type, found["Friday night"].value) == ("TIME", "2023-09-08TNI")


def test_updated_story_reads_past_weekday_forward_when_another_mention_does(nlp):
    # DCT Monday; a future-tense mention makes "Tuesday" tomorrow, so the past-tense one
    # (the story was updated after its date) follows it rather than going six days back.
    text = ("The delegation could reach the border as soon as Tuesday. "
            "The delegation crossed the border Tuesday, state media said.")
    timexes = extract_timexes(text, MONDAY, nlp(text))
    tuesdays = [t for t in timexes if t.text == "Tuesday"]
    assert [t.value for t in tuesdays] == ["2023-09-12", "2023-09-12"]
    assert tuesdays[1].rule == "timexes.date.weekday.document"


def test_past_weekday_stays_back_without_other_evidence(nlp):
    text = "The delegation crossed the border Tuesday, state media said."
    assert [t.value for t in extract_timexes(text, MONDAY, nlp(text))] == ["2023-09-05"]


# --- bare months -----------------------------------------------------------------------

def test_past_month_in_january_article_refers_back(tag):
    found = tag("The two leaders agreed on the pipeline at their meeting in September.", "2024-01-17")
    assert found["September"].value == "2023-09"


def test_future_month_goes_forward(tag):
    found = tag("The two leaders will meet again in March.", "2023-11-20")
    assert found["March"].value == "2024-03"


def test_may_the_modal_is_not_a_month(tag):
    found = tag("May the ceasefire hold, the envoy said; talks may resume in May.", MONDAY)
    assert [t.text for t in found.values()] == ["May"]
    assert found["May"].start > 40


def test_month_with_modifier(tag):
    found = tag("Elections are due in early November.", MONDAY)
    assert (found["early November"].value, found["early November"].mod) == ("2023-11", "START")


# --- relative to the DCT ---------------------------------------------------------------------

def test_this_next_last_units(tag):
    found = tag("Trade fell last month, will recover next year and is flat this week.", MONDAY)
    assert found["last month"].value == "2023-08"
    assert found["next year"].value == "2024"
    assert found["this week"].value == "2023-W37"


def test_deictic_days(tag):
    found = tag("The ministry said yesterday that the talks would continue tomorrow.", MONDAY)
    assert found["yesterday"].value == "2023-09-10"
    assert found["tomorrow"].value == "2023-09-12"


def test_ago(tag):
    found = tag("The dam was completed two years ago, and the reservoir filled five days ago.", MONDAY)
    assert found["two years ago"].value == "2021"
    assert found["five days ago"].value == "2023-09-06"


def test_more_than_ago_keeps_a_mod(tag):
    found = tag("The border has been closed since a flood more than two years ago.", MONDAY)
    t = found["more than two years ago"]
    assert (t.value, t.mod) == ("2021", "BEFORE")


def test_weekend_past_and_future(tag):
    found = tag("Protesters gathered over the weekend in the capital.", "2023-09-13")
    assert found["the weekend"].value == "2023-W36-WE"
    found = tag("Protesters will gather over the weekend in the capital.", "2023-09-13")
    assert found["the weekend"].value == "2023-W37-WE"


def test_quarter_and_season(tag):
    found = tag("Exports rose in the third quarter after a weak summer.", "2023-11-02")
    assert found["the third quarter"].value == "2023-Q3"
    found = tag("The offensive stalled last winter.", "2023-09-11")
    assert found["last winter"].value == "2022-WI"


# --- anchored to the reference time --------------------------------------------------------------

def test_later_is_anchored_to_the_last_date(tag):
    found = tag("The general first visited Minsk in June 2016. Three months later, he returned with a delegation.",
                MONDAY)
    assert found["Three months later"].value == "2016-09"


def test_earlier_in_the_day_and_the_next_day(tag):
    found = tag("The envoy met the premier on Tuesday. Earlier in the day, she toured a shipyard; "
                "the next day she flew home.", "2024-01-17")
    assert found["Tuesday"].value == "2024-01-16"
    assert found["Earlier in the day"].value == "2024-01-16"
    assert found["the next day"].value == "2024-01-17"


def test_year_earlier_keeps_the_quarter(tag):
    found = tag("Profit in the second quarter rose 8% from a year earlier.", "2023-08-01")
    assert found["the second quarter"].value == "2023-Q2"
    assert found["a year earlier"].value == "2022-Q2"


# --- durations ---------------------------------------------------------------------------------------

def test_durations(tag):
    found = tag("After a three-day trip and 18 months of talks, the 24-hour truce held for nearly two weeks.", MONDAY)
    assert found["three-day"].value == "P3D"
    assert found["18 months"].value == "P18M"
    assert found["24-hour"].value == "PT24H"
    assert (found["nearly two weeks"].value, found["nearly two weeks"].mod) == ("P2W", "LESS_THAN")


def test_month_old_is_a_duration_but_ages_are_not(tag):
    found = tag("The 18-month-old blockade has hurt a 45-year-old fisherman, who is 52 years old.", MONDAY)
    assert found["18-month-old"].value == "P18M"
    assert not any("year" in text for text in found)


def test_anniversary_is_not_a_timex(tag):
    found = tag("The parade marked the 70th anniversary of the armistice.", MONDAY)
    assert found == {}


def test_clock_time_without_a_day_takes_the_dct(tag):
    found = tag("The blast was heard at 6 a.m., residents said.", MONDAY)
    assert found["6 a.m."].value == "2023-09-11T06:00"


def test_vague_amount_durations(tag):
    found = tag("The siege lasted for weeks, and the past few days were the worst.", MONDAY)
    assert found["weeks"].value == "PXW"
    assert found["the past few days"].value == "PXD"


# --- sets ---------------------------------------------------------------------------------------------

def test_sets(tag):
    found = tag("The council meets each Wednesday, publishes a bulletin daily and votes twice a year.", MONDAY)
    assert (found["each Wednesday"].type, found["each Wednesday"].value) == ("SET", "XXXX-WXX-3")
    assert found["daily"].value == "P1D"
    assert found["twice a year"].value == "P1Y"


# --- vague references ----------------------------------------------------------------------------------

def test_vague_references(tag):
    found = tag("Tensions are high these days; the ministers will meet soon, and now the army is on alert. "
                "Ties have recently improved and may deepen in the coming weeks.", MONDAY)
    assert found["these days"].value == "PRESENT_REF"
    assert found["soon"].value == "FUTURE_REF"
    assert found["now"].value == "PRESENT_REF"
    assert found["recently"].value == "PAST_REF"
    assert found["the coming weeks"].value == "FUTURE_REF"


def test_as_soon_as_is_not_soon(tag):
    found = tag("The convoy could leave as soon as Friday.", MONDAY)
    assert "soon" not in found and "Friday" in found


# --- times ------------------------------------------------------------------------------------------------

def test_clock_times(tag):
    found = tag("The polls close at 8 p.m. Tuesday, and counting starts at 10:30 a.m. Wednesday.", MONDAY)
    assert found["8 p.m. Tuesday"].value == "2023-09-12T20:00"
    assert found["10:30 a.m. Wednesday"].value == "2023-09-13T10:30"
    assert found["8 p.m. Tuesday"].type == "TIME"


# --- no DCT -------------------------------------------------------------------------------------------------

def test_without_dct_relative_values_stay_unresolved(tag):
    found = tag("The minister resigned on Friday, three weeks after the March 2020 vote.", None)
    assert found["Friday"].value is None
    assert found["March 2020"].value == "2020-03"
    assert found["three weeks"].type == "DURATION"


def test_bad_dct_is_treated_as_absent(tag):
    found = tag("The minister resigned last month.", "not a date")
    assert found["last month"].value is None


def test_works_without_a_parse(tag):
    found = tag("Officials met on Tuesday and will meet again next month.", MONDAY, parse=False)
    assert found["Tuesday"].value == "2023-09-12"  # nearest Tuesday when no tense is known
    assert found["next month"].value == "2023-10"


# --- the stage and the reference-time helper -----------------------------------------------------------------

def test_stage_fills_document(settings, nlp):
    from newsgraph.timexes import make_stage

    doc = Document(doc_id="t", text="The summit ended on Sunday.", published=MONDAY)
    doc.analysis = nlp(doc.text)
    doc = make_stage(settings)(doc)
    assert [(t.text, t.value, t.rule) for t in doc.timexes] == [("Sunday", "2023-09-10", "timexes.date.weekday")]
    t = doc.timexes[0]
    assert doc.text[t.start:t.end] == t.text


def test_reference_time_at(nlp):
    text = ("The envoy arrived in February 2019. She met the president. "
            "Relations have improved since more than three years ago.\nThe new talks open today.")
    doc = Document(doc_id="r", text=text, published=MONDAY)
    doc.timexes = extract_timexes(text, MONDAY, nlp(text))
    met = text.index("She met")
    ref = reference_time_at(doc, met)
    assert (ref.value, ref.source, doc.timexes[ref.timex].text) == ("2019-02", "timex", "February 2019")
    # a bound ("more than three years ago") is never a reference time
    assert reference_time_at(doc, text.index("\nThe new")).value == "2019-02"
    # within its own paragraph only, the new paragraph falls back to the DCT
    ref = reference_time_at(doc, text.index("open today"), same_paragraph=True)
    assert (ref.value, ref.source, ref.timex) == (MONDAY, "DCT", None)
    assert reference_time_at(doc, 0).source == "DCT"
    doc.published = None
    assert reference_time_at(doc, 0).value is None


# --- decades, and a DCT guessed from the text --------------------------------------------------------------------

def test_decades_and_centuries(tag):
    found = tag("The port was built in the early 1970s and rebuilt late in the 20th century.", MONDAY)
    assert (found["the early 1970s"].value, found["the early 1970s"].mod) == ("197", "START")
    assert found["the 20th century"].value == "19"


def test_infer_dct_from_a_header_line():
    from newsgraph.timexes import infer_dct

    text = "- The Daily Ledger - Thursday, March 7, 2024\n\nThe finance ministry said on Wednesday ..."
    guess = infer_dct(text)
    assert (guess.value, guess.confidence, guess.evidence) == ("2024-03-07", 0.95, "Thursday, March 7, 2024")


def test_infer_dct_from_body_dates_is_a_weak_lower_bound():
    from newsgraph.timexes import infer_dct

    text = ("The committee first met in a cramped annex of the parliament building, long before its members "
            "grew famous, to draft the charter that would govern the party for decades; it adopted the text "
            "on June 2, 2019, and revised it on 14 May 2021 after a long dispute over the leadership rules.")
    guess = infer_dct(text)
    assert (guess.value, guess.confidence) == ("2021-05-14", 0.4)
    assert infer_dct("No dates here, only next week.") is None


def test_stage_leaves_a_broken_parse_to_the_pipeline(settings):
    """No retry without the parse: the stage raises and the pipeline's one error policy records it."""
    from newsgraph.timexes import make_stage

    class BrokenParse:
        def char_span(self, *args, **kwargs):
            raise RuntimeError("parse does not match the text")

    doc = Document(doc_id="odd", text="The vote was held on Sunday.", published=MONDAY)
    doc.analysis = BrokenParse()
    with pytest.raises(RuntimeError, match="parse does not match"):
        make_stage(settings)(doc)


def test_a_bound_is_never_the_reference_time(nlp):
    text = ("The minister flew to Hanoi on 3 March 2021, her first trip abroad since May 2019. "
            "She signed two accords. Talks run until June 2022.\nOfficials were pleased.")
    doc = Document(doc_id="b", text=text, published=MONDAY)
    doc.timexes = extract_timexes(text, MONDAY, nlp(text))
    assert {t.text: bound_word(text, t.start) for t in doc.timexes} == {
        "3 March 2021": None, "May 2019": "since", "June 2022": "until"}
    ref = reference_time_at(doc, text.index("She signed"), same_paragraph=True)
    assert (ref.value, doc.timexes[ref.timex].text) == ("2021-03-03", "3 March 2021")
    assert reference_time_at(doc, text.index("Officials")).value == "2021-03-03"
