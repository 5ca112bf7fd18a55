from newsgraph.quotes.marks import find_quoted_regions


def texts(s):
    return [r.text for r in find_quoted_regions(s)]


def test_curly_and_straight_marks():
    s = 'The minister called the plan “reckless.” Her deputy said "we will vote no," and left.'
    assert texts(s) == ["reckless.", "we will vote no,"]


def test_region_offsets_cover_the_marks():
    s = 'He said “no deal” today.'
    (r,) = find_quoted_regions(s)
    assert s[r.start:r.end] == "“no deal”"


def test_nested_single_quotes_stay_inside():
    s = "“The so-called ‘red line’ was never real,” the envoy said."
    assert texts(s) == ["The so-called ‘red line’ was never real,"]


def test_apostrophes_are_not_quotes():
    s = "“Pyongyang’s envoy didn’t come,” she said."
    assert texts(s) == ["Pyongyang’s envoy didn’t come,"]


def test_quotation_running_over_paragraphs():
    s = ("“The talks went well and the ministers agreed on a timetable.\n\n"
         "“We will meet again in March,” the spokeswoman said.")
    (r,) = find_quoted_regions(s)
    assert r.start == 0 and s[r.end - 1] == "”"
    assert r.text.startswith("The talks went well") and r.text.endswith("again in March,")
    assert len(r.pieces) == 2


def test_unclosed_quotation_stops_at_paragraph_end():
    s = "“The port will stay open, the governor said.\n\nShips kept arriving on Monday."
    (r,) = find_quoted_regions(s)
    assert "Ships" not in r.text and not r.closed


def test_two_apostrophes_as_quotation_marks():
    s = "The senator called it ''a mistake we will regret,'' aides said."
    assert texts(s) == ["a mistake we will regret,"]


def test_closing_mark_typed_at_paragraph_start_opens():
    s = "Readers wrote in.\n\n”The port should stay open all winter.” ― Lena Ortiz"
    assert texts(s) == ["The port should stay open all winter."]
