"""Person/place typing evidence and epithets trimmed from names (original sentences)."""

from __future__ import annotations


def _mentions(entity):
    return {m.text for m in entity.mentions}


def test_given_name_makes_a_gpe_a_person(run_text, h):
    # the small model reads "Mariah Okafor" here as a GPE
    doc = run_text("Speaking to reporters, Mariah Okafor said the strike would continue. "
                   "Okafor said the dockworkers had not been paid since March.")
    okafor = h.by_name(doc, "Mariah Okafor")
    assert okafor.type == "PERSON"
    assert _mentions(okafor) >= {"Mariah Okafor", "Okafor"}
    assert not [e for e in doc.entities if e.type in ("GPE", "ORG") and "Okafor" in e.name]


def test_full_name_read_as_a_place_is_a_person_when_its_surname_speaks_alone(run_text, h):
    # the small model reads "Tomas Park" as a facility and "Ines Baek" as a body; later in the
    # article each surname alone is the subject of a speech verb
    doc = run_text("The ministers met in Lisbon on Friday. Tomas Park urged both sides to return to the table, "
                   "and Ines Baek called for a pause in the fighting. \u201cWe cannot wait another month\u201d, "
                   "Park told reporters. Baek said the talks would resume next week.")
    for full, surname in (("Tomas Park", "Park"), ("Ines Baek", "Baek")):
        person = h.by_name(doc, full)
        assert person.type == "PERSON", (full, person.type)
        assert _mentions(person) >= {full, surname}
    assert not [e for e in doc.entities if e.type != "PERSON" and ("Park" in e.name or "Baek" in e.name)]


def test_an_organisation_named_after_a_person_stays_one(run_text, h):
    doc = run_text("Goldman Sachs raised its forecast for the year. The bank's analysts expect two more "
                   "rate cuts, and Lisbon Port Authority reported record traffic.")
    assert h.by_name(doc, "Goldman Sachs").type == "ORG"


def test_surname_with_honorific_elsewhere_is_a_person(run_text, h):
    doc = run_text("The council voted on Tuesday. Halloway told reporters the vote was a mistake, "
                   "and Mr. Halloway promised to appeal.")
    people = [e for e in doc.entities if "Halloway" in e.name]
    assert len(people) == 1 and people[0].type == "PERSON"
    assert _mentions(people[0]) == {"Halloway", "Mr. Halloway"}


def test_lone_person_after_locative_is_a_place(run_text, h):
    doc = run_text("Aid convoys reached Hamilton on Monday, and officials in Hamilton said more "
                   "were expected.")
    assert not h.persons(doc)
    hamilton = h.by_name(doc, "Hamilton")
    assert hamilton.type == "GPE" and len(hamilton.mentions) == 2


def test_surname_of_a_named_person_stays_a_person(run_text, h):
    doc = run_text("Lewis Hamilton won the race in Monaco on Sunday. Hamilton said the tyres "
                   "had held up well.")
    hamilton = h.by_name(doc, "Lewis Hamilton")
    assert _mentions(hamilton) >= {"Lewis Hamilton", "Hamilton"}


def test_mrs_does_not_join_a_man_with_the_surname(run_text, h):
    doc = run_text("Former President Bill Clinton spoke at the gala on Friday. Mrs. Clinton, who "
                   "arrived later, praised the organisers.")
    bill = h.by_name(doc, "Bill Clinton")
    assert "Mrs. Clinton" not in _mentions(bill)
    assert len(h.persons(doc)) == 2


def test_plain_surname_joins_the_most_recent_of_two(run_text, h):
    doc = run_text("Bill Clinton and Hillary Clinton both attended the fundraiser in Chicago. "
                   "Hillary Clinton spoke first. Clinton said the party must unite.")
    bill, hillary = h.by_name(doc, "Bill Clinton"), h.by_name(doc, "Hillary Clinton")
    assert "Clinton" in _mentions(hillary) and "Clinton" not in _mentions(bill)


def test_nickname_and_middle_initial_are_one_person(run_text, h):
    doc = run_text("Sen. Christopher A. Coons, a Delaware Democrat, called for new sanctions. "
                   "Chris Coons later told reporters he expected a vote soon.")
    coons = [e for e in h.persons(doc) if "Coons" in e.name]
    assert len(coons) == 1
    assert _mentions(coons[0]) >= {"Christopher A. Coons", "Chris Coons"}


def test_bill_is_william(run_text, h):
    doc = run_text("William Burns, the CIA director, flew to Cairo. Bill Burns met Egyptian "
                   "officials there.")
    burns = [e for e in h.persons(doc) if "Burns" in e.name]
    assert len(burns) == 1 and burns[0].name == "William Burns"


def test_different_given_names_stay_apart(run_text, h):
    doc = run_text("Robert Kagan and Frederick Kagan wrote the report together. Frederick Kagan "
                   "said the army was too small.")
    assert {e.name for e in h.persons(doc)} >= {"Robert Kagan", "Frederick Kagan"}


def test_epithets_are_trimmed(run_text, h):
    doc = run_text("At the rally he again attacked Crooked Hillary Clinton and mocked Miss "
                   "Universe Alicia Machado.")
    names = {e.name for e in h.persons(doc)}
    assert names == {"Hillary Clinton", "Alicia Machado"}, names


def test_place_surname_of_a_named_person_is_the_person(run_text, h):
    # the model reads both later "Washington"s as GPE/ORG
    doc = run_text("Former finalist Tobias Washington lost in straight sets on Monday. The "
                   "eighth-seeded Washington, who had won the title in Miami, blamed the heat. "
                   "Washington said his serve had deserted him.")
    person = h.by_name(doc, "Tobias Washington")
    assert sum(m.text == "Washington" for m in person.mentions) == 2
    assert not [e for e in doc.entities if e.name == "United States"]


def test_person_noun_before_a_name(run_text, h):
    # the model reads "Striker Emeka Obiora" as one ORG
    doc = run_text("Striker Emeka Obiora scored twice on Saturday.")
    assert h.by_name(doc, "Emeka Obiora").type == "PERSON"
    assert not [e for e in doc.entities if e.type == "ORG"]
