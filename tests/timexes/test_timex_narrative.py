"""Issue 14: narrative reference time, historical dates, ranges, anchored offsets, granularity.

Original sentences written for these tests (not from the seeds nor the dev set).
"""

from __future__ import annotations

from newsgraph.timexes import extract_timexes

# --- news vs narrative reference time, per paragraph --------------------------------

def test_year_less_month_follows_the_narrative_year(tag):
    found = tag("The blockade of Berlin began in June 1948. The airlift peaked in April, and the Soviets "
                "lifted the blockade in May.", "2023-06-24")
    assert found["June 1948"].value == "1948-06"
    assert found["April"].value == "1949-04"  # after June: the next year, in the story's order
    assert found["May"].value == "1949-05"


def test_day_month_after_a_past_year(tag):
    found = tag("Voters in Quebec went to the polls in 1995, and on 30 October the referendum failed "
                "by a whisker.", "2024-10-30")
    assert found["30 October"].value == "1995-10-30"


def test_news_reading_without_a_narrative_anchor(tag):
    found = tag("Exports have recovered this year. In March, the port handled a record tonnage.", "2023-09-11")
    assert found["March"].value == "2023-03"
    assert found["March"].anchor == "DCT"


def test_narrative_does_not_cross_a_paragraph(tag):
    text = "The dam was finished in 1936.\n\nIn July, engineers inspected the spillway again."
    found = tag(text, "2023-09-11")
    assert found["July"].value == "2023-07"


def test_present_tense_keeps_the_news_reading(tag):
    found = tag("The treaty dates from 1951, and the allies meet again in November.", "2023-09-11")
    assert found["November"].value == "2023-11"


def test_since_a_year_does_not_start_a_narrative(tag):
    found = tag("He has campaigned against the tax since 1990 and was arrested in December.", "1999-05-06")
    assert found["December"].value == "1998-12"


def test_past_perfect_looks_back(tag):
    found = tag("The ceasefire held in August 1990. The rebels had seized the airport in November.", "2023-01-10")
    assert found["November"].value == "1989-11"


def test_following_and_previous_month_and_season(tag):
    found = tag("The strike started on 3 March 1984. The miners went back the following March, "
                "and the pits had been stockpiling coal the previous summer.", "2024-03-03")
    assert found["the following March"].value == "1985-03"
    assert found["the previous summer"].value == "1984-SU"  # the summer before March 1985


def test_that_season_and_that_month(tag):
    found = tag("The harvest failed in 1921. That winter the relief trains arrived, and by that March "
                "millions were fed.", "2021-09-01")
    assert found["That winter"].value == "1921-WI"
    assert found["that March"].value == "1922-03"


# --- historical years, BC/AD, decades, centuries -------------------------------------

def test_years_before_1800(tag):
    found = tag("The fortress was begun in 1683 and the siege of 1704 left it in ruins.", "2023-05-01")
    assert found["1683"].value == "1683"
    assert found["1704"].value == "1704"


def test_a_count_is_not_a_historical_year(tag):
    found = tag("The storm destroyed 1200 houses along the coast.", "2023-05-01")
    assert "1200" not in found


def test_bc_and_ad_years_and_offsets_from_them(tag):
    found = tag("Carthage was razed in 146 BC. Twenty years later the Gracchi were dead.", "2024-01-01")
    assert found["146 BC"].value == "BC0146"
    assert found["Twenty years later"].value == "BC0126"
    found = tag("Londinium was burned around AD 60 and rebuilt within a few years.", "2024-01-01")
    assert found["AD 60"].value == "0060"


def test_decades_and_centuries(tag):
    found = tag("The mills closed in the early 1980s, a century after the boom of the 1880s. "
                "Canals had been dug in the late 18th century and in the 1700s the valley was farmland. "
                "Monks arrived in the ninth century.", "2023-05-01")
    assert (found["the early 1980s"].value, found["the early 1980s"].mod) == ("198", "START")
    assert found["the 1880s"].value == "188"
    assert (found["the late 18th century"].value, found["the late 18th century"].mod) == ("17", "END")
    assert found["the 1700s"].value == "17"
    assert found["the ninth century"].value == "08"


def test_season_of_a_year(tag):
    found = tag("The offensive stalled in the autumn of 1916.", "2023-05-01")
    assert found["the autumn of 1916"].value == "1916-FA"


# --- ranges: two timexes, one per end ---------------------------------------------------

def test_year_ranges_give_two_timexes(tag):
    found = tag("The plague years of 1347–51 and the wars of 1861-1863 emptied the towns.", "2023-05-01")
    assert found["1347"].value == "1347"
    assert found["51"].value == "1351"
    assert found["1861"].value == "1861"
    assert found["1863"].value == "1863"


def test_month_range_takes_the_year_of_its_end(tag):
    found = tag("The talks ran from May to July 1950.", "2023-05-01")
    assert found["May"].value == "1950-05"
    assert found["July 1950"].value == "1950-07"


# --- anchored offsets ----------------------------------------------------------------------

def test_offset_after_a_dated_event_is_a_date(tag):
    found = tag("The levee broke on 29 August 2005. Troops reached the city four days after the flood.",
                "2015-08-29")
    assert found["four days"].type == "DATE"
    assert found["four days"].value == "2005-09-02"


def test_offset_after_an_undated_event_keeps_the_duration_and_its_anchor(tag):
    found = tag("The minister resigned six weeks after the scandal broke.", "2023-05-01")
    assert (found["six weeks"].type, found["six weeks"].value) == ("DURATION", "P6W")
    assert found["six weeks"].anchor == "after:the scandal broke"


def test_date_in_the_same_sentence_is_not_the_anchor(tag):
    found = tag("The bridge opened on 1 May 1937, exactly four years after work on it began.", "2023-05-01")
    assert found["four years"].type == "DURATION"


def test_flashback_leaves_the_story_time(tag):
    found = tag("The summit opened on 12 June 2018. Two days before the summit, the envoys met in secret. "
                "The leaders flew home the day after.", "2018-06-20")
    assert found["Two days"].value == "2018-06-10"
    assert found["the day after"].value == "2018-06-13"


# --- granularity and spurious timexes --------------------------------------------------------

def test_granularity_is_kept(tag):
    found = tag("The battle opened on 1 June 1916; by June 1916 the town was gone, and in 1916 the war "
                "went on.", "2023-05-01")
    assert found["1 June 1916"].value == "1916-06-01"
    assert found["June 1916"].value == "1916-06"
    assert found["1916"].value == "1916"


def test_names_and_idioms_are_not_timexes(tag):
    found = tag("In some quarters the Six-Day War and the Hundred Years' War are still argued over, "
                "and the May Fourth Movement is taught in schools.", "2023-05-01")
    assert not any("quarters" in t or "Six" in t or "Hundred" in t or "May" in t for t in found)


def test_narrative_resolution_needs_no_dct():
    timexes = extract_timexes("The city fell in March 1453 and the walls were repaired in June.", None, None)
    assert [(t.text, t.value) for t in timexes] == [("March 1453", "1453-03"), ("June", "1453-06")]
