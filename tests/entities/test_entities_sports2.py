"""Places that name sports teams in score lines and fixtures (original lines, CoNLL-2003 style)."""

from __future__ import annotations


def test_cities_in_a_score_line_are_teams(run_text, h):
    doc = run_text("Baseball results on Tuesday:\nChicago 5 Boston 3\nSeattle 7 Minnesota 2")
    teams = {e.name: e.type for e in doc.entities}
    for city in ("Chicago", "Boston", "Minnesota"):
        assert teams.get(city) == "ORG", teams
    assert not [e for e in doc.entities if any(ch.isdigit() for ch in e.name)]


def test_cities_in_ordinary_text_stay_places(run_text, h):
    doc = run_text("Flooding in Chicago forced the closure of 12 schools, officials in Boston said.")
    assert h.by_name(doc, "Chicago").type == "GPE"
    assert h.by_name(doc, "Boston").type == "GPE"


def test_number_inside_one_name_is_not_split():
    import spacy

    from newsgraph.entities.mentions import _split_at_scores

    nlp = spacy.blank("en")
    sd = nlp("Apollo 11 landed")
    assert _split_at_scores(sd, 0, 2) == [(0, 2)]
    sd = nlp("Chicago 5 Boston 3")
    assert _split_at_scores(sd, 0, 4) == [(0, 1), (2, 3)]
    sd = nlp("Peru 3-1")
    assert _split_at_scores(sd, 0, len(sd)) == [(0, 1)]
    sd = nlp("Peru - Jorge Salas")
    assert _split_at_scores(sd, 0, 4) == [(0, 1), (2, 4)]
    sd = nlp("Jean-Pierre Dumont")
    assert _split_at_scores(sd, 0, len(sd)) == [(0, len(sd))]


def test_cricket_county_is_the_team_in_a_cricket_report(run_text, h):
    doc = run_text("Essex beat Kent by six wickets on Friday after a second innings of 310 at "
                   "Chelmsford, where the rain held off.")
    names = {e.name: e.type for e in doc.entities}
    assert names.get("Essex") == "ORG" and names.get("Kent") == "ORG", names


def test_county_outside_cricket_stays_a_place(run_text, h):
    doc = run_text("Heavy rain flooded hundreds of homes in Kent on Monday, and Surrey declared "
                   "a major incident.")
    assert h.by_name(doc, "Kent").type == "GPE"


def test_upper_case_dateline_place(run_text, h):
    doc = run_text("Ferry talks stall\nHELSINKI 2024-03-05\nNegotiators from both ports left "
                   "without a deal on Tuesday.")
    places = [e for e in doc.entities if e.type == "GPE"]
    assert [m.text for e in places for m in e.mentions] == ["HELSINKI"]
