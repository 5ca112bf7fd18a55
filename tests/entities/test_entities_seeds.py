"""Acceptance on the two seed articles (read from ../shared/seeds, never copied here)."""

from __future__ import annotations

import pytest

from newsgraph.model import Document


@pytest.fixture(scope="module")
def summit(entity_pipeline, h):
    text = h.seed_file(h.SEED_SUMMIT_PREVIEW).read_text(encoding="utf-8")
    return entity_pipeline(Document(doc_id="summit", text=text))


@pytest.fixture(scope="module")
def choe(entity_pipeline, h):
    text = h.seed_file(h.SEED_CHOE_VISIT).read_text(encoding="utf-8")
    return entity_pipeline(Document(doc_id="choe", text=text))


@pytest.fixture(scope="module")
def ingested(entity_pipeline, h):
    """Both seeds read the way `newsgraph extract` reads them: ingestion first (clean text,
    dateline, headings), then analysis and entities."""
    from newsgraph.ingest import document_from_text

    docs = {}
    for key, name in (("summit", h.SEED_SUMMIT_PREVIEW), ("choe", h.SEED_CHOE_VISIT)):
        path = h.seed_file(name)
        docs[key] = entity_pipeline(document_from_text(path.read_text(encoding="utf-8"), path=str(path)))
    return docs


# name -> (title expected in titles, affiliation names expected, country)
SUMMIT_PEOPLE = {
    "Kim Jong-un": ("leader", {"North Korea"}, "PRK"),
    "Vladimir Putin": ("president", {"Russia"}, "RUS"),
    "Matthew Miller": ("spokesman", {"State Department"}, "USA"),
    "Christopher A. Coons": ("senator", {"Senate Foreign Relations Committee"}, "USA"),
    "Joe Biden": ("president", set(), "USA"),
    "Sergei Shoigu": ("defense minister", {"Russia"}, "RUS"),
    "Donald Trump": ("president", set(), "USA"),
    "Dmitry Peskov": ("spokesman", {"Russia"}, "RUS"),
    "Oleg Kiriyanov": ("head", {"Asia Risk Research Center"}, "RUS"),
    "Mason Richey": (None, {"Hankuk University of Foreign Studies"}, None),
    "Michael Kimmage": (None, {"Catholic University"}, None),
    "Jon Finer": ("deputy national security adviser", set(), None),
}
CHOE_PEOPLE = {
    "Choe Son-hui": ("foreign minister", {"North Korea"}, "PRK"),
    "Vladimir Putin": ("president", {"Russia"}, "RUS"),
    "Sergey Lavrov": ("foreign minister", {"Russia"}, "RUS"),
    "Kim Jong-un": ("leader", {"North Korea"}, "PRK"),
    "Joe Biden": (None, set(), "USA"),
    "Go Myong-hyun": ("research fellow", {"Asan Institute for Policy Studies"}, None),
    "Oleg Kiriyanov": ("head", {"Asia Risk Research Center"}, "RUS"),  # "specialist on ..." is a descriptor
}
BYLINE = {"Andrew Salmon"}  # the author's contact line at the end of the raw page


def _check_people(doc, expected, h):
    names = [e.name for e in h.persons(doc)]
    assert len(names) == len(set(names)), f"a person split in two: {names}"
    assert set(names) - BYLINE == set(expected), sorted(names)
    for name, (title, affiliations, country) in expected.items():
        ent = h.by_name(doc, name)
        assert ent.titles == ([title] if title else []), (name, ent.titles)
        assert affiliations <= h.affiliation_names(doc, ent), (name, h.affiliation_names(doc, ent))
        if country:
            assert ent.country == country, (name, ent.country)


def test_summit_people_titles_affiliations(summit, h):
    _check_people(summit, SUMMIT_PEOPLE, h)


def test_choe_people_titles_affiliations(choe, h):
    _check_people(choe, CHOE_PEOPLE, h)


def test_summit_special_roles(summit, h):
    coons = h.by_name(summit, "Christopher A. Coons")
    assert coons.sector == "LEG"
    assert ("member_of", "Senate Foreign Relations Committee", False) in h.relations_of(summit, coons)
    kimmage = h.by_name(summit, "Michael Kimmage")
    assert "official" in kimmage.former_titles and "official" not in kimmage.titles
    assert ("employee_of", "State Department", True) in h.relations_of(summit, kimmage)
    assert ("employee_of", "Catholic University", False) in h.relations_of(summit, kimmage)
    kiriyanov = h.by_name(summit, "Oleg Kiriyanov")
    assert ("head_of", "Asia Risk Research Center", False) in h.relations_of(summit, kiriyanov)
    assert h.by_name(summit, "Asia Risk Research Center").country == "KOR"  # "Seoul-based"
    richey = h.by_name(summit, "Mason Richey")
    assert ("employee_of", "Hankuk University of Foreign Studies", False) in h.relations_of(summit, richey)
    peskov = h.by_name(summit, "Dmitry Peskov")
    assert ("spokesperson_for", "Russia", False) in h.relations_of(summit, peskov)


def test_choe_special_roles(choe, h):
    kiriyanov = h.by_name(choe, "Oleg Kiriyanov")
    rels = h.relations_of(choe, kiriyanov)
    assert ("head_of", "Asia Risk Research Center", False) in rels
    assert ("citizen_of", "Russia", False) in rels
    go = h.by_name(choe, "Go Myong-hyun")
    assert any(m.text == "Mr. Go" for m in go.mentions)
    assert h.by_name(choe, "Asan Institute for Policy Studies").country == "KOR"


def test_coreference_one_entity_per_person(summit, choe, h):
    kim = h.by_name(summit, "Kim Jong-un")
    kinds = {m.kind for m in kim.mentions}
    assert {"name", "short", "nominal"} <= kinds
    assert kim.kb_id == "Q56226"
    putin = h.by_name(summit, "Vladimir Putin")
    assert putin.kb_id == "Q7747"
    assert any(m.kind == "nominal" and "Russian leader" in m.text for m in putin.mentions)
    choe_ent = h.by_name(choe, "Choe Son-hui")
    assert {"Ms. Choe"} <= {m.text for m in choe_ent.mentions}
    assert any(m.kind == "nominal" and m.text.endswith("Russian president")
               for m in h.by_name(choe, "Vladimir Putin").mentions)


def test_no_heading_or_phrase_is_a_person(summit, choe, h):
    for doc in (summit, choe):
        for ent in h.persons(doc):
            for m in ent.mentions:
                line_start = doc.text.rfind("\n", 0, m.start) + 1
                line_end = doc.text.find("\n", m.end)
                line = doc.text[line_start:line_end].strip()
                assert len(line.split()) > 4, f"person {ent.name!r} read from a heading-like line {line!r}"
    # "the Choe-Putin meeting" is not an organisation
    assert not [e for e in choe.entities if "-" in e.name and e.type == "ORG"]
    assert not [e for e in choe.entities if "’s" in e.name or "'s" in e.name]


def test_states_from_demonyms_and_capitals(summit, choe, h):
    for doc in (summit, choe):
        prk = h.by_name(doc, "North Korea")
        assert prk.country == "PRK" and prk.sector == "GOV" and prk.kb_id == "Q423"
        kinds = {m.kind for m in prk.mentions}
        assert {"name", "demonym", "metonym"} <= kinds
        assert any(m.text == "Pyongyang" and m.kind == "metonym" for m in prk.mentions)
        rus = h.by_name(doc, "Russia")
        assert any(m.kind == "metonym" for m in rus.mentions)
        assert not [e for e in doc.entities if e.type == "ORG" and "Kremlin" in e.name]
    # "the Kremlin confirmed" is Russia's government
    rus = h.by_name(summit, "Russia")
    assert any(m.text == "Kremlin" and m.kind == "metonym" for m in rus.mentions)
    # the dateline city stays a place
    seoul = h.by_name(summit, "Seoul")
    assert seoul.type == "GPE" and seoul.country == "KOR"
    # "Seoul has given ..." stands for South Korea's government
    assert any(m.text == "Seoul" and m.kind == "metonym" for m in h.by_name(summit, "South Korea").mentions)


def test_ingested_seeds_people_headings_and_dateline(ingested, h):
    _check_people(ingested["summit"], SUMMIT_PEOPLE, h)
    _check_people(ingested["choe"], CHOE_PEOPLE, h)
    for doc in ingested.values():
        assert doc.dateline is not None
        assert (doc.dateline.place, doc.dateline.country) == ("Seoul", "KOR")
        for heading in doc.headings:
            for ent in doc.entities:
                assert not any(heading.start <= m.start < heading.end for m in ent.mentions), (heading, ent.name)


def test_relation_evidence_is_local(summit, choe):
    for doc in (summit, choe):
        for rel in doc.relations:
            evidence = doc.text[rel.start:rel.end]
            assert 0 < len(evidence) < 250 and "\n" not in evidence, (rel, evidence)
            assert rel.rule.startswith("entities.")
