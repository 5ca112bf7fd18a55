"""Each reading rule on original sentences written for the project (news style, real names)."""

from __future__ import annotations

import pytest

from newsgraph.model import Heading

# --- names the small model gets wrong ---------------------------------------------------

def test_hyphenated_korean_name_kept_whole(run_text, h):
    doc = run_text("The delegation was led by Ri Son-gwon, who heads the ruling party's "
                   "United Front Department, officials in Seoul said on Friday.")
    names = [e.name for e in h.persons(doc)]
    assert "Ri Son-gwon" in names, names
    assert not [n for n in names if n in {"Ri Son", "Son-gwon"}]


def test_surname_that_is_a_common_word(run_text, h):
    doc = run_text("“The sanctions regime is leaking badly,” said Go Eun-ji, an analyst at the "
                   "Korea Institute for National Unification. Mr. Go added that fuel prices in "
                   "Pyongyang had barely moved since the spring.")
    go = h.by_name(doc, "Go Eun-ji")
    assert {m.text for m in go.mentions} >= {"Go Eun-ji", "Mr. Go"}
    assert "analyst" in go.titles
    assert "Korea Institute for National Unification" in h.affiliation_names(doc, go)
    assert len(h.persons(doc)) == 1


def test_subheading_is_never_a_person(run_text, h):
    # "Bitter Harvest" on a line of its own is read as a PERSON by the small model
    text = ("North Korean leader Kim Jong-un toured a tank factory on Monday.\n"
            "He praised the workers.\n"
            "Officials said output would rise.\n"
            "Bitter Harvest\n"
            "State media said the plant would double its output next year.")
    start = text.index("Bitter Harvest")
    with_heading = run_text(text, headings=[Heading(start, start + len("Bitter Harvest"), "Bitter Harvest")])
    without_heading = run_text(text)
    for doc in (with_heading, without_heading):
        assert [e.name for e in h.persons(doc)] == ["Kim Jong-un"]


def test_byline_near_the_top_stays_a_person(run_text, h):
    doc = run_text("Markets rally on rate hopes\nMaria Ortega\nWASHINGTON 2024-01-16\n"
                   "Stocks rose on Tuesday as traders bet on lower rates.")
    assert [e.name for e in h.persons(doc)] == ["Maria Ortega"]


def test_capitalised_phrase_is_not_a_person(run_text, h):
    doc = run_text("Lasting Consequences\nThe talks in Geneva ended without a statement.")
    assert not h.persons(doc)


def test_hyphen_compound_is_not_an_organisation(run_text, h):
    doc = run_text("Sergey Lavrov met Chinese Foreign Minister Wang Yi on Monday. Diplomats said "
                   "the Lavrov-Wang meeting lasted three hours and touched on the China-Russia border.")
    assert not [e for e in doc.entities if "-" in e.name and e.type == "ORG"]
    lavrov = h.by_name(doc, "Sergey Lavrov")
    assert any(m.text == "Lavrov" for m in lavrov.mentions)
    wang = h.by_name(doc, "Wang Yi")
    assert any(m.text == "Wang" for m in wang.mentions)
    assert "foreign minister" in wang.titles and wang.country == "CHN"


def test_a_known_name_with_a_hyphen_is_not_split(run_text, h):
    doc = run_text("The Asia-Pacific Economic Cooperation forum agreed on Friday to open an energy "
                   "research centre in Tokyo.")
    apec = h.by_name(doc, "Asia-Pacific Economic Cooperation")
    assert apec.sector == "IGO"
    assert not [e for e in doc.entities if e.name in {"Asia", "Pacific"}]


@pytest.mark.parametrize(("place", "country"), [("Lagos", "NGA"), ("Basra", "IRQ"), ("Mombasa", "KEN"),
                                                ("Goma", "COD"), ("Kandahar", "AFG")])
def test_cities_in_the_news_carry_their_country(run_text, h, place, country):
    doc = run_text(f"Hundreds of people fled {place} on Sunday after the fighting.")
    assert h.by_name(doc, place).country == country


def test_possessives_are_stripped(run_text, h):
    doc = run_text("Japan’s Defense Ministry said South Korea's coast guard had joined the search.")
    assert not [e for e in doc.entities if "’s" in e.name or "'s" in e.name]
    assert h.by_name(doc, "Japanese Defense Ministry").country == "JPN"
    assert h.by_name(doc, "South Korea").country == "KOR"


def test_abbreviated_state_name(run_text, h):
    doc = run_text("The U.S. and its allies condemned the launch, while the UK called for talks.")
    assert h.by_name(doc, "United States").country == "USA"
    assert h.by_name(doc, "United Kingdom").country == "GBR"


# --- coreference -----------------------------------------------------------------------

def test_full_name_surname_honorific_and_nominal_are_one_person(run_text, h):
    doc = run_text("North Korean leader Kim Jong-un inspected a munitions plant on Friday, state "
                   "media said. Mr. Kim urged workers to raise production. Kim also visited a "
                   "school. The North Korean leader said the country faced grave threats.")
    kim = h.by_name(doc, "Kim Jong-un")
    texts = [m.text for m in kim.mentions]
    assert "Mr. Kim" in texts and "Kim" in texts
    assert any(m.kind == "nominal" for m in kim.mentions)
    assert len(h.persons(doc)) == 1


def test_the_russian_president_is_putin_when_present(run_text, h):
    doc = run_text("Vladimir Putin hosted the delegation in Moscow. On Thursday, the Russian "
                   "president praised what he called a reliable partnership.")
    putin = h.by_name(doc, "Vladimir Putin")
    assert any(m.kind == "nominal" and m.text.endswith("Russian president") for m in putin.mentions)


def test_nominal_without_a_matching_person_stays_unresolved(run_text, h):
    doc = run_text("The Russian president did not attend the summit in New Delhi.")
    assert not h.persons(doc)


def test_two_people_with_one_surname_resolve_to_the_nearest(run_text, h):
    doc = run_text("Kim Yo-jong issued a statement on Sunday. Her brother, Kim Jong-un, watched "
                   "the launch. Mr. Kim said more tests would follow.")
    kim = h.by_name(doc, "Kim Jong-un")
    assert any(m.text == "Mr. Kim" for m in kim.mentions)
    assert len(h.persons(doc)) == 2


# --- states from demonyms and metonyms --------------------------------------------------

def test_capital_used_for_its_government(run_text, h):
    doc = run_text("Pyongyang’s missile tests have alarmed Tokyo, and diplomats gathered in "
                   "Beijing on Tuesday to discuss a response.")
    prk = h.by_name(doc, "North Korea")
    assert prk.sector == "GOV" and prk.mentions[0].kind == "metonym"
    assert h.by_name(doc, "Japan").mentions[0].kind == "metonym"
    beijing = h.by_name(doc, "Beijing")
    assert beijing.type == "GPE" and beijing.country == "CHN"


def test_kremlin_is_russias_government_unless_a_place(run_text, h):
    doc = run_text("The Kremlin said the talks were useful. The two leaders later dined at the "
                   "Kremlin.")
    rus = h.by_name(doc, "Russia")
    assert [m.kind for m in rus.mentions] == ["metonym"]
    assert h.by_name(doc, "Kremlin").type == "FAC"


def test_demonym_resolves_to_the_state(run_text, h):
    doc = run_text("Ukrainian drones struck a fuel depot, and Russians living nearby were evacuated.")
    ukr = h.by_name(doc, "Ukraine")
    assert ukr.mentions[0].kind == "demonym"
    assert h.by_name(doc, "Russia").mentions[0].kind == "demonym"


def test_government_seat_white_house(run_text, h):
    doc = run_text("The White House said the sanctions would take effect on Monday.")
    usa = h.by_name(doc, "United States")
    assert usa.mentions[0].kind == "metonym"


# --- titles and affiliations -------------------------------------------------------------

def test_state_premodifier_title(run_text, h):
    doc = run_text("Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol "
                   "at the summit.")
    kishida = h.by_name(doc, "Fumio Kishida")
    assert kishida.titles == ["prime minister"] and kishida.country == "JPN"
    assert ("leader_of", "Japan", False) in h.relations_of(doc, kishida)
    yoon = h.by_name(doc, "Yoon Suk Yeol")
    assert yoon.titles == ["president"] and yoon.country == "KOR"


def test_organisation_premodifier_title(run_text, h):
    doc = run_text("Pentagon spokesman Pat Ryder said the exercise was defensive.")
    ryder = h.by_name(doc, "Pat Ryder")
    assert ryder.titles == ["spokesman"]
    assert ("spokesperson_for", "Pentagon", False) in h.relations_of(doc, ryder)
    assert ryder.country == "USA"


def test_appositive_title_at_organisation(run_text, h):
    doc = run_text("“The drills send a clear message,” said Park Won-gon, a professor of North "
                   "Korean studies at Ewha Womans University.")
    park = h.by_name(doc, "Park Won-gon")
    assert "professor" in park.titles
    assert ("employee_of", "Ewha Womans University", False) in h.relations_of(doc, park)
    assert park.sector == "EDU"


def test_legislator_with_party_and_committee(run_text, h):
    doc = run_text("Rep. Michael McCaul, a Texas Republican who chairs the House Foreign Affairs "
                   "Committee, called the deal dangerous.")
    mccaul = h.by_name(doc, "Michael McCaul")
    assert "representative" in mccaul.titles
    rels = h.relations_of(doc, mccaul)
    assert ("head_of", "House Foreign Affairs Committee", False) in rels
    assert ("member_of", "Republican Party", False) in rels
    assert mccaul.country == "USA" and mccaul.sector == "LEG"


def test_former_title_and_current_employer(run_text, h):
    doc = run_text("“They need each other,” said former CIA analyst Sue Mi Terry, who now works "
                   "at the Council on Foreign Relations.")
    terry = h.by_name(doc, "Sue Mi Terry")
    assert "analyst" in terry.former_titles and "analyst" not in terry.titles
    rels = h.relations_of(doc, terry)
    assert ("employee_of", "Central Intelligence Agency", True) in rels
    assert ("employee_of", "Council on Foreign Relations", False) in rels
    assert h.affiliation_names(doc, terry) == {"Council on Foreign Relations"}


def test_nationality_and_teaching_post(run_text, h):
    doc = run_text("Andrei Lankov, a Russian historian who teaches at Kookmin University, "
                   "doubted the deal would last.")
    lankov = h.by_name(doc, "Andrei Lankov")
    rels = h.relations_of(doc, lankov)
    assert ("citizen_of", "Russia", False) in rels
    assert ("employee_of", "Kookmin University", False) in rels
    assert "historian" in lankov.titles and lankov.country == "RUS"


def test_head_of_based_think_tank(run_text, h):
    doc = run_text("“Beijing is watching closely,” said Yang Moo-jin, head of Seoul-based think "
                   "tank the Sejong Institute.")
    yang = h.by_name(doc, "Yang Moo-jin")
    assert "head" in yang.titles
    assert ("head_of", "Sejong Institute", False) in h.relations_of(doc, yang)
    inst = h.by_name(doc, "Sejong Institute")
    assert inst.country == "KOR" and inst.sector == "EDU"


def test_every_relation_has_provenance(run_text):
    doc = run_text("State Department spokesman Matthew Miller said the transfer would violate "
                   "United Nations resolutions.")
    assert doc.relations
    for rel in doc.relations:
        assert rel.rule.startswith("entities.")
        assert 0 <= rel.start < rel.end <= len(doc.text)
    for ent in doc.entities:
        for m in ent.mentions:
            assert doc.text[m.start:m.end] == m.text and m.rule


def test_administration_stands_for_the_state(run_text, h):
    doc = run_text("The Biden administration accused Pyongyang of shipping shells to Russia.")
    usa = h.by_name(doc, "United States")
    assert any(m.kind == "metonym" and m.text == "The Biden administration" for m in usa.mentions)
    assert h.by_name(doc, "Joe Biden").mentions[0].text == "Biden"


def test_organisation_location_and_body_of_state(run_text, h):
    doc = run_text("Researchers at Seoul's Sejong Institute said South Korea's Joint Chiefs of Staff "
                   "had tracked the launch.")
    inst = h.by_name(doc, "Sejong Institute")
    assert ("located_in", "Seoul", False) in h.relations_of(doc, inst)
    located = [r for r in doc.relations if r.predicate == "located_in"][0]
    assert doc.text[located.start:located.end] == "Seoul's Sejong Institute"
    assert inst.country == "KOR"
    jcs = [e for e in doc.entities if "Joint Chiefs of Staff" in e.name]
    assert len(jcs) == 1 and jcs[0].country == "KOR" and jcs[0].sector == "MIL"
    assert ("part_of", "South Korea", False) in h.relations_of(doc, jcs[0])


def test_title_before_the_name_in_apposition(run_text, h):
    doc = run_text("Japan's chief cabinet secretary, Yoshimasa Hayashi, told reporters the launch "
                   "was unacceptable.")
    hayashi = h.by_name(doc, "Yoshimasa Hayashi")
    assert "chief cabinet secretary" in hayashi.titles or "cabinet secretary" in hayashi.titles
    assert "Japan" in h.affiliation_names(doc, hayashi)


def test_counterpart_takes_the_other_persons_title(run_text, h):
    doc = run_text("Chinese Foreign Minister Wang Yi spoke by phone with his Russian counterpart, "
                   "Sergey Lavrov, on Friday.")
    lavrov = h.by_name(doc, "Sergey Lavrov")
    assert lavrov.titles == ["foreign minister"]
    assert "Russia" in h.affiliation_names(doc, lavrov)


def test_state_qualifies_coordinated_titles(run_text, h):
    doc = run_text("South Korean Foreign Minister Cho Tae-yul and Defense Minister Shin Won-sik "
                   "met the delegation.")
    shin = h.by_name(doc, "Shin Won-sik")
    assert shin.titles == ["defense minister"] and shin.country == "KOR"
    assert "South Korea" in h.affiliation_names(doc, shin)


def test_ambassador_posting_is_not_an_affiliation(run_text, h):
    doc = run_text("Russia's ambassador to Seoul, Georgy Zinoviev, was summoned on Thursday.")
    zinoviev = h.by_name(doc, "Georgy Zinoviev")
    assert zinoviev.titles == ["ambassador"]
    assert h.affiliation_names(doc, zinoviev) == {"Russia"}


def test_retired_marks_a_former_title(run_text, h):
    doc = run_text("Chun In-bum, a retired South Korean army general, said the drills were overdue.")
    chun = h.by_name(doc, "Chun In-bum")
    assert "army general" in chun.former_titles and not chun.titles
    assert ("member_of", "South Korea", True) in h.relations_of(doc, chun) or \
        ("employee_of", "South Korea", True) in h.relations_of(doc, chun)


def test_odd_inputs_do_not_crash(run_text):
    for text in ("", "   \n\n  ", "—", "Mr.", "Mr. ", "the", "U.S.-", "-Kim", "Kim-", "’s",
                 "SEOUL —", "“", "Choe Son-", "a, who heads", "Sen. , a Delaware Democrat who sits on"):
        doc = run_text(text)
        for ent in doc.entities:
            for m in ent.mentions:
                assert doc.text[m.start:m.end] == m.text


def test_stage_requires_the_parse(settings):
    from newsgraph.entities import make_stage
    from newsgraph.model import Document

    with pytest.raises(ValueError, match="'entities' needs the spaCy parse"):
        make_stage(settings)(Document(doc_id="x", text="Kremlin spokesman Dmitry Peskov spoke."))


def test_adverbial_phrase_before_a_name_is_not_a_title(run_text, h):
    doc = run_text("With sanctions hanging over his head, Mr. Putin skipped the summit. "
                   "Russian President Vladimir Putin later called it irrelevant.")
    assert h.by_name(doc, "Vladimir Putin").titles == ["president"]


def test_ships_squares_exercises_and_regions_are_not_people(run_text, h):
    doc = run_text("The aircraft carrier Theodore Roosevelt joined the Freedom Edge exercise on Monday, "
                   "while crowds gathered in Kim Il Sung Square and officials toured the Amur region. "
                   "Mr. Kim did not attend.")
    assert not [e.name for e in h.persons(doc) if e.name != "Kim"], [e.name for e in h.persons(doc)]
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Theodore Roosevelt") == "PRODUCT"
    assert types.get("Kim Il Sung Square") == "FAC"


def test_portfolio_minister_after_a_demonym(run_text, h):
    doc = run_text("Russian Natural Resources Minister Alexander Kozlov led the delegation.")
    kozlov = h.by_name(doc, "Alexander Kozlov")
    assert kozlov.titles == ["natural resources minister"]
    assert h.affiliation_names(doc, kozlov) == {"Russia"}
    assert not [e for e in doc.entities if e.type == "ORG"]


def test_honorific_gender_picks_between_two_kims(run_text, h):
    doc = run_text("Kim Yo-jong, the powerful sister of Kim Jong-un, warned Seoul on Sunday. "
                   "Ms. Kim said the North would respond, and Mr. Kim later inspected a factory.")
    assert any(m.text == "Ms. Kim" for m in h.by_name(doc, "Kim Yo-jong").mentions)
    assert any(m.text == "Mr. Kim" for m in h.by_name(doc, "Kim Jong-un").mentions)


def test_possessive_nominal(run_text, h):
    doc = run_text("Russian President Vladimir Putin arrived on Monday. Russia's president later "
                   "met officials.")
    assert any(m.kind == "nominal" and m.text == "Russia's president"
               for m in h.by_name(doc, "Vladimir Putin").mentions)


def test_the_north_in_a_story_about_the_koreas(run_text, h):
    doc = run_text("South Korean Defense Minister Shin Won-sik said the North had shipped millions "
                   "of shells to Russia.")
    prk = h.by_name(doc, "North Korea")
    assert [m.text for m in prk.mentions] == ["North"]


def test_known_leader_named_only_by_surname(run_text, h):
    doc = run_text("Mr. Putin signed the decree on Friday, and Mr. Lavrov defended it.")
    putin = h.by_name(doc, "Vladimir Putin")
    assert putin.kb_id == "Q7747" and putin.mentions[0].text == "Mr. Putin"
    assert h.by_name(doc, "Sergey Lavrov").country == "RUS"


def test_surname_alone_after_the_full_name(run_text, h):
    doc = run_text("Security chief Nikolai Patrushev arrived in Pyongyang on Monday. "
                   "Patrushev met senior officials, and state media showed Patrushev laying a wreath.")
    patrushev = h.by_name(doc, "Nikolai Patrushev")
    assert [m.text for m in patrushev.mentions].count("Patrushev") == 2


def test_all_caps_dateline_city_is_a_place(run_text, h):
    doc = run_text("MOSCOW 2024-01-16\nThe Kremlin said talks with Pyongyang would continue.")
    moscow = h.by_name(doc, "Moscow")
    assert moscow.type == "GPE" and moscow.country == "RUS"
    assert [m.kind for m in h.by_name(doc, "Russia").mentions] == ["metonym"]


def test_a_failing_document_does_not_stop_the_batch(settings, monkeypatch):
    import newsgraph.entities as entities
    from newsgraph.model import Document, StageWarning
    from newsgraph.pipeline import Pipeline

    pipeline = Pipeline(settings, ["analysis", "entities"])
    real = entities.find_candidates

    def broken_on_odd(doc, *args, **kwargs):
        if doc.doc_id == "odd-1":
            raise ValueError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(entities, "find_candidates", broken_on_odd)
    odd, fine = pipeline.pipe([Document(doc_id="odd-1", text="Mr. Kim met Mr. Putin."),
                               Document(doc_id="ok", text="Mr. Kim met Mr. Putin.")])
    assert odd.entities == [] and odd.relations == []
    assert odd.warnings == [StageWarning("entities", "ValueError: boom", "pipeline.error")]
    assert fine.entities and fine.warnings == []


def test_age_between_name_and_appositive(run_text, h):
    doc = run_text("Kim Yong-chol, 78, a former spy chief, led the delegation to Moscow.")
    kim = h.by_name(doc, "Kim Yong-chol")
    assert "spy chief" in kim.former_titles


def test_commander_heads_the_command(run_text, h):
    doc = run_text("Adm. John Aquilino, commander of U.S. Indo-Pacific Command, said the launches "
                   "were destabilizing.")
    aquilino = h.by_name(doc, "John Aquilino")
    assert set(aquilino.titles) == {"admiral", "commander"}
    assert ("head_of", "Indo-Pacific Command", False) in h.relations_of(doc, aquilino)
    assert aquilino.country == "USA" and aquilino.sector == "MIL"


def test_spellings_with_and_without_hyphen_are_one_person(run_text, h):
    doc = run_text("Ri Son-gwon chaired the meeting. Later, Ri Son Gwon told state media the talks "
                   "had gone well.")
    assert [e.name for e in h.persons(doc)] == ["Ri Son-gwon"]


def test_sentence_initial_pronoun_after_one_named_person(run_text, h):
    doc = run_text("Russian Defense Minister Sergei Shoigu arrived in Pyongyang on Tuesday. He "
                   "toured a weapons exhibition with officials. Ms. Choe and Mr. Lavrov met later. "
                   "He said nothing.")
    shoigu = h.by_name(doc, "Sergei Shoigu")
    pronouns = [m for m in shoigu.mentions if m.kind == "pronoun"]
    assert len(pronouns) == 1 and doc.text[pronouns[0].start:pronouns[0].start + 10] == "He toured "
    # after a sentence naming two people, "He" stays unresolved
    assert all(m.kind != "pronoun" for e in doc.entities if e is not shoigu for m in e.mentions)
