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
