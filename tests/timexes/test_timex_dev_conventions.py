"""TimeML conventions learnt from the TempEval-3 development data, on original sentences.

Each test names the convention it pins down; the sentences are written for these tests.
"""

from __future__ import annotations

from newsgraph.timexes import extract_timexes

OCT_1995 = "1995-10-26"  # a Thursday in Q4: the last reported quarter is 1995-Q3


# --- financial comparisons do not move the reference time --------------------------------

def test_year_ago_comparisons_do_not_chain():
    text = ("Harwell Mills earned $4.1 million in the third quarter, up from $3.2 million a year earlier. "
            "Sales rose to $88 million from $80 million a year earlier.")
    earlier = [t.value for t in extract_timexes(text, OCT_1995, None) if t.text == "a year earlier"]
    assert earlier == ["1994-Q3", "1994-Q3"]  # the second is not a year before the first


def test_quarter_after_a_comparison_is_still_the_reported_quarter():
    text = ("Brightline Foods lost $2 million in the third quarter, against a profit a year ago. "
            "During the quarter it closed two plants.")
    values = {t.text: t.value for t in extract_timexes(text, OCT_1995, None)}
    assert values["a year ago"] == "1994-Q3"
    assert values["the quarter"] == "1995-Q3"


def test_year_ago_quarter_takes_the_and_the_quarter(tag):
    found = tag("Net income was $9 million, compared with $7 million in the year-ago quarter.", OCT_1995)
    assert found["the year-ago quarter"].value == "1994-Q3"


def test_year_earlier_adjective_stands_alone(tag):
    # before another noun, TimeBank marks only the adjective, without "the"
    found = tag("The year-earlier results included a gain on the sale of a mill.", OCT_1995)
    assert "year-earlier" in found and "The year-earlier" not in found
    assert found["year-earlier"].value == "1994"


def test_year_ago_named_quarter(tag):
    found = tag("The loss compares with a profit in the year-ago second quarter.", OCT_1995)
    assert found["the year-ago second quarter"].value == "1994-Q2"


# --- periods of company reports ------------------------------------------------------------

def test_year_of_a_report(tag):
    found = tag("For the year, Corvale expects sales to rise 6%, after a loss in the year ended June 30.", OCT_1995)
    assert (found["the year"].type, found["the year"].value) == ("DATE", "1995")
    second = [t for t in extract_timexes("Corvale lost money in the year ended June 30.", OCT_1995, None)]
    assert [(t.text, t.type, t.value) for t in second][0] == ("the year", "DURATION", "P1Y")


def test_fiscal_and_full_year(tag):
    found = tag("The chain now sees the full year flat and cut its forecast for the current fiscal year.", OCT_1995)
    assert found["the full year"].value == "1995"
    assert found["the current fiscal year"].value == "1995"
    found = tag("Revenue reached $2 billion in the latest fiscal year.", OCT_1995)
    assert found["the latest fiscal year"].value == "1994"


def test_end_of_the_year(tag):
    found = tag("The merger should close by the end of the year, the bank said.", OCT_1995)
    assert found["the end of the year"].value == "1995"
    assert found["the end of the year"].mod == "END"


def test_year_and_ordinal_quarter(tag):
    found = tag("The charge was taken in the 1994 second quarter.", OCT_1995)
    assert found["the 1994 second quarter"].value == "1994-Q2"
    found = tag("Profit fell to $3 million from $5 million in the 1994 period.", OCT_1995)
    assert found["the 1994 period"].value == "1994-Q3"  # the quarter being reported, a year back


def test_possessive_year_quarter(tag):
    found = tag("Output may recover in next year's first quarter after a weak third quarter.", OCT_1995)
    assert found["next year's first quarter"].value == "1996-Q1"


def test_latest_period_is_the_reported_quarter(tag):
    found = tag("Sales in the latest period rose 4% to $310 million.", OCT_1995)
    assert found["the latest period"].value == "1995-Q3"


def test_attributive_quarter_leaves_out_the(tag):
    found = tag("Analysts had expected the third-quarter loss to be smaller.", OCT_1995)
    assert "third-quarter" in found and "the third-quarter" not in found
    assert found["third-quarter"].value == "1995-Q3"


# --- vague adjectives and the end of the year -----------------------------------------------

def test_current_as_an_adjective_is_present_ref(tag):
    found = tag("Traders blamed current market conditions for the slide.", OCT_1995)
    assert found["current"].value == "PRESENT_REF"
    found = tag("Holders may buy shares at half the then-current price.", OCT_1995)
    assert found["then-current"].value == "PAST_REF"


def test_current_account_is_not_a_time(tag):
    found = tag("The current account deficit widened in August.", OCT_1995)
    assert "current" not in found


def test_year_end():
    values = [(t.text, t.value, t.mod) for t in extract_timexes(
        "The lender hopes to close the sale by year-end; its shares have fallen 12% since year-end.", OCT_1995, None)]
    assert values == [("year-end", "1995", "END"), ("year-end", "1994", "END")]


def test_year_end_as_a_modifier_is_left_alone(tag):
    found = tag("Analysts trimmed their year-end targets for the index.", OCT_1995)
    assert "year-end" not in found


def test_that_quarter_takes_the_reference_quarter(tag):
    found = tag("The chain lost money in the second quarter of 1994. Results for that quarter included a charge.",
                OCT_1995)
    assert found["that quarter"].value == "1994-Q2"


# --- stretches of unknown length ---------------------------------------------------------------

def test_next_few_days_and_weeks_ahead_are_durations(tag):
    found = tag("Inspectors will tour the sites over the next few days and report in the weeks ahead.", OCT_1995)
    assert (found["the next few days"].type, found["the next few days"].value) == ("DURATION", "PXD")
    assert (found["the weeks ahead"].type, found["the weeks ahead"].value) == ("DURATION", "PXW")


def test_recent_years_is_a_duration(tag):
    found = tag("Kidnappings have become rarer in recent years, the ministry said.", OCT_1995)
    assert (found["recent years"].type, found["recent years"].value) == ("DURATION", "PXY")


def test_coming_and_future_periods_point_ahead(tag):
    found = tag("Tax payments will fall in future quarters, and rates may ease in coming months.", OCT_1995)
    assert found["future quarters"].value == "FUTURE_REF"
    assert found["coming months"].value == "FUTURE_REF"


# --- fractional amounts ---------------------------------------------------------------------------

def test_fractional_durations_split_into_finer_units(tag):
    found = tag("The refugees spent 2 1/2 years in the camps; the minister stayed 5 1/2 hours.", OCT_1995)
    assert found["2 1/2 years"].value == "P2Y6M"
    assert found["5 1/2 hours"].value == "PT5H30M"


def test_and_a_half(tag):
    found = tag("But a minute and a half later, the second engine failed.", OCT_1995)
    assert found["a minute and a half"].value == "PT1M30S"


# --- parts of days and holidays ---------------------------------------------------------------------

def test_late_yesterday_keeps_late(tag):
    found = tag("A spokesman said late yesterday that the talks had stalled.", OCT_1995)
    assert found["late yesterday"].value == "1995-10-25"
    assert found["late yesterday"].mod == "END"


def test_mid_afternoon(tag):
    found = tag("In Frankfurt at mid-afternoon yesterday, the shares were down 3%.", OCT_1995)
    assert (found["mid-afternoon yesterday"].type, found["mid-afternoon yesterday"].value) == ("TIME", "1995-10-25TAF")
    found = tag("By mid afternoon, rebel units had entered the town.", OCT_1995)
    assert found["mid afternoon"].value == "1995-10-26TAF"


def test_election_day(tag):
    found = tag("Both candidates will campaign hard from now to Election Day.", "1998-10-26")
    assert found["Election Day"].value == "1998-11-03"


# --- deadlines moved "until" a later time ----------------------------------------------------------

def test_postponed_until_weekday_is_ahead(tag):
    # DCT Thursday 1995-10-26: a past-tense "postponed" still points to the coming Tuesday
    found = tag("The court postponed until Tuesday any ruling on the appeal.", OCT_1995)
    assert found["Tuesday"].value == "1995-10-31"


def test_deadline_extended_until_clock_time(tag):
    found = tag("The ministry extended its deadline until 9 a.m. Tuesday.", OCT_1995)
    assert found["9 a.m. Tuesday"].value == "1995-10-31T09:00"


def test_stayed_until_weekday_stays_in_the_past(tag):
    found = tag("The envoy stayed in the capital until Tuesday.", OCT_1995)
    assert found["Tuesday"].value == "1995-10-24"


def test_payable_and_effective_dates_lie_ahead(tag):
    found = tag("Harwell declared a special dividend, payable Jan. 4 to holders of record Dec. 1. "
                "The board named a new chief executive, effective June 1.", OCT_1995)
    assert found["Jan. 4"].value == "1996-01-04"
    assert found["June 1"].value == "1996-06-01"


# --- ranges and vague amounts ---------------------------------------------------------------------

def test_ranges_of_amounts_are_one_vague_duration(tag):
    found = tag("The plant will restart within two to three weeks, and more sites may open in a year or two.",
                OCT_1995)
    assert found["two to three weeks"].value == "PXW"
    assert found["a year or two"].value == "PXY"


def test_or_so_is_approximate(tag):
    found = tag("Prices could stay low over the next two years or so, the analyst said.", OCT_1995)
    assert (found["the next two years or so"].value, found["the next two years or so"].mod) == ("P2Y", "APPROX")


def test_right_now_and_more_recently(tag):
    found = tag("Nobody is buying right now. More recently, the agency has tracked online groups.", OCT_1995)
    assert found["right now"].value == "PRESENT_REF"
    assert found["More recently"].value == "PAST_REF"


def test_year_then_quarter_is_not_a_count_of_quarters(tag):
    found = tag("The unit earned $376,000 in the 1994 quarter on revenue of $14.5 million.", OCT_1995)
    assert (found["the 1994 quarter"].type, found["the 1994 quarter"].value) == ("DATE", "1994-Q3")


# --- decades in words, centuries without "the", hyphenated month mods ---------------------------------

def test_decade_in_words(tag):
    found = tag("Membership kept falling through the nineties and rose again in the late sixties revival.", OCT_1995)
    assert found["the nineties"].value == "199"
    assert (found["the late sixties"].value, found["the late sixties"].mod) == ("196", "END")


def test_century_as_an_adjective(tag):
    found = tag("Visitors crowd the 11th-century abbey; he called her a 20th century politician.", OCT_1995)
    assert found["11th-century"].value == "10"
    assert found["20th century"].value == "19"


def test_hyphenated_late_month(tag):
    found = tag("He was forced to make the late-November trip, the minister said.", "2000-01-28")
    assert (found["late-November"].value, found["late-November"].mod) == ("1999-11", "END")


def test_generic_today_is_not_the_dct(tag):
    found = tag("The scandal is for today's youth what the war was for their parents.", OCT_1995)
    assert "today" not in found
    found = tag("The offer was advertised in today's editions of the paper.", OCT_1995)
    assert found["today"].value == "1995-10-26"


def test_quoted_show_titles_are_not_times(tag):
    found = tag('The envoy, speaking on ABC News\' "This Week," said talks would resume next week.', OCT_1995)
    assert "This Week" not in found and found["next week"].value == "1995-W44"
    found = tag("He said so on CBS's ''60 Minutes.''", OCT_1995)
    assert "60 Minutes" not in found


def test_list_of_years(tag):
    found = tag("The car crossed the border in 1994, 1995 and 1997, police said.", OCT_1995)
    assert [found[y].value for y in ("1994", "1995", "1997")] == ["1994", "1995", "1997"]


# --- more amounts, months after "the", "this past" --------------------------------------------------

def test_more_and_additional_amounts(tag):
    found = tag("The fleet may stay for at least 20 more years; the loan can run for an additional year.", OCT_1995)
    assert (found["at least 20 more years"].value, found["at least 20 more years"].mod) == ("P20Y", "EQUAL_OR_MORE")
    assert found["an additional year"].value == "P1Y"


def test_the_march_accession_but_not_the_may_government(tag):
    found = tag("The March accession will let the three states vote.", "1999-02-10")
    assert found["March"].value == "1999-03"
    found = tag("Critics said the May government had lost its majority.", "2019-02-10")
    assert "May" not in found


def test_this_past_season(tag):
    found = tag("Costs ran high after it closed the unit this past spring.", OCT_1995)
    assert found["this past spring"].value == "1995-SP"


def test_the_week_of_a_date(tag):
    found = tag("The dispute may be settled at a hearing the week of March 6, a cousin said.", "2000-02-24")
    assert found["the week of March 6"].value == "2000-W10"


# --- a comparison period is not stepped back from again (rule "comparison.same") ----------

def test_year_earlier_after_a_dct_relative_year_restates_that_year():
    text = ("Marlow Paper lost C$1.2 million a year ago. Revenue was C$96.4 million, "
            "compared with C$90.1 million a year earlier.")
    values = [(t.text, t.value) for t in extract_timexes(text, OCT_1995, None)]
    assert values == [("a year ago", "1994"), ("a year earlier", "1994")]


def test_year_earlier_adjective_after_last_year_is_last_year():
    text = "Storm claims cut earnings last year. The year-earlier results were restated for a spin-off."
    values = {t.text: t.value for t in extract_timexes(text, OCT_1995, None)}
    assert values == {"last year": "1994", "year-earlier": "1994"}


def test_narrative_year_earlier_still_steps_back():
    # no comparison cue: the story moves a further year back
    text = "Last year the cooperative shut its mill. A year earlier, it had opened a second one."
    values = {t.text: t.value for t in extract_timexes(text, OCT_1995, None)}
    assert values["A year earlier"] == "1993"


def test_year_earlier_after_an_explicit_year_steps_back():
    text = "In 1994 the fund lost money, compared with a small gain a year earlier."
    values = {t.text: t.value for t in extract_timexes(text, OCT_1995, None)}
    assert values["a year earlier"] == "1993"


# --- halves and seasons of a named year -----------------------------------------------------

def test_last_half_and_first_two_quarters_of_a_year_are_halves(tag):
    found = tag("The brewer expects softer demand in the last half of 1995 and through the first two "
                "quarters of 1996.", OCT_1995)
    assert found["the last half of 1995"].value == "1995-H2"
    assert found["the first two quarters of 1996"].value == "1996-H1"


def test_season_of_a_spoken_year(tag):
    found = tag("Crude fell to twelve dollars a barrel in the winter of nineteen eighty-six.", OCT_1995)
    assert found["the winter of nineteen eighty-six"].value == "1986-WI"
