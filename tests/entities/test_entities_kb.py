"""The actor knowledge base: coverage, tolerant lookups, user files, dateline filling."""

from __future__ import annotations

import json

import pytest

from newsgraph.config import Settings
from newsgraph.entities import EntityStage, fill_dateline, kb
from newsgraph.model import Dateline, Document


def test_all_un_member_states_and_usual_non_members():
    states = [e for e in kb.default_kb().entries if e.kind == "state"]
    codes = {e.country for e in states}
    assert len(codes) == len(states)  # one entry per code
    non_members = {"TWN", "XKX", "PSE", "VAT", "ESH"}
    assert non_members <= codes
    assert len(codes - non_members - {"HKG", "MAC", "PRI", "GRL", "SUN"}) == 193
    for e in states:
        assert len(e.country) == 3 and e.country.isupper()


@pytest.mark.parametrize("name,canonical", [
    ("u.s.", "United States"), ("U.S.", "United States"), ("the United States", "United States"),
    ("DPRK", "North Korea"), ("Kim Jong Un", "Kim Jong-un"), ("kcna", "Korean Central News Agency"),
    ("Korean Central News Agency", "Korean Central News Agency"), ("TASS", "Tass"),
    ("the Associated Press", "Associated Press"), ("U.N. Security Council", "United Nations Security Council"),
    ("Türkiye", "Turkey"), ("Cote d’Ivoire", "Ivory Coast"), ("Joint Chiefs of Staff", "Joint Chiefs of Staff"),
    ("Dmitry S. Peskov", "Dmitry Peskov"), ("G-20", "Group of 20"),
])
def test_lookup_is_case_and_punctuation_tolerant(name, canonical):
    entry = kb.lookup(name)
    assert entry is not None and entry.name == canonical


def test_entries_carry_country_sector_and_qids():
    putin = kb.lookup("Vladimir Putin")
    assert (putin.type, putin.country, putin.kb_id) == ("PERSON", "RUS", "Q7747")
    assert kb.lookup("Kim Jong-un").kb_id == "Q56226"
    assert kb.lookup("NATO").sector == "IGO"
    assert kb.lookup("Yonhap").country == "KOR" and kb.lookup("Yonhap").sector == "MED"
    assert kb.lookup("State Department").country == "USA"


@pytest.mark.parametrize("place,code", [
    ("Seoul", "KOR"), ("SEOUL", "KOR"), ("Pyongyang", "PRK"), ("Vladivostok", "RUS"),
    ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Delaware", "USA"), ("Jeju Island", "KOR"), ("Taipei", "TWN"),
    ("South Korea", "KOR"), ("Washington, D.C.", "USA"), ("Atlantis", None),
])
def test_country_of_place(place, code):
    assert kb.country_of_place(place) == code


@pytest.mark.parametrize("word,code", [
    ("North Korean", "PRK"), ("North Koreans", "PRK"), ("Russian", "RUS"), ("Russians", "RUS"),
    ("Chinese", "CHN"), ("British", "GBR"), ("Pakistanis", "PAK"), ("Soviet", "SUN"), ("Martian", None),
])
def test_demonyms(word, code):
    assert kb.country_of_demonym(word) == code


@pytest.mark.parametrize("seat,name", [
    ("the Kremlin", "Russia"), ("Pyongyang", "North Korea"), ("Washington", "United States"),
    ("Seoul", "South Korea"), ("Beijing", "China"), ("Tokyo", "Japan"), ("Kyiv", "Ukraine"),
    ("the Blue House", "South Korea"), ("White House", "United States"), ("Downing Street", "United Kingdom"),
    ("Élysée", "France"), ("Elysee Palace", "France"), ("Brussels", "European Union"),
])
def test_government_metonyms(seat, name):
    assert kb.government_of(seat).name == name


def test_user_entries_from_settings_and_home(tmp_path):
    extra = tmp_path / "mine.jsonl"
    extra.write_text(
        json.dumps({"name": "Hwang Jin-ha", "type": "PERSON", "country": "KOR", "sector": "EDU",
                    "aliases": ["Jin-ha Hwang"], "kb_id": None}) + "\n"
        + "# comments and blank lines are allowed\n\n"
        + json.dumps({"name": "Korea Maritime Watch", "aliases": ["KMW"], "type": "ORG",
                      "country": "KOR", "sector": "NGO"}) + "\n",
        encoding="utf-8")
    home = tmp_path / "home"
    (home / "kb").mkdir(parents=True)
    (home / "kb" / "states.jsonl").write_text(json.dumps({
        "name": "Freedonia", "kind": "state", "country": "XFR", "demonyms": ["Freedonian"],
        "capital": "Fredville", "seats": ["Palace of Rufus"]}) + "\n", encoding="utf-8")
    stage = EntityStage(Settings(data_dir=home, kb_files=[extra]))
    assert stage.kb.lookup("KMW").name == "Korea Maritime Watch"
    assert stage.kb.lookup("jin-ha hwang").country == "KOR"
    assert stage.kb.state_of_demonym("Freedonians").country == "XFR"
    assert stage.kb.state_of_demonym("Freedonian").country == "XFR"
    assert stage.kb.government_of("the Palace of Rufus").name == "Freedonia"
    assert stage.kb.country_of_place("Fredville") == "XFR"
    assert kb.lookup("KMW") is None  # the shipped knowledge base is unchanged


def test_user_entry_replaces_shipped_entry(tmp_path):
    extra = tmp_path / "override.jsonl"
    extra.write_text(json.dumps({"name": "Tass", "type": "ORG", "country": "RUS", "sector": "GOV",
                                 "kb_id": "Q999999999"}) + "\n", encoding="utf-8")
    stage = EntityStage(Settings(data_dir=tmp_path / "none", kb_files=[extra]))
    assert stage.kb.lookup("Tass").sector == "GOV"
    assert len(stage.kb.lookup_all("Tass")) == 1


def test_bad_user_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"name": "Fine Org"}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2"):
        EntityStage(Settings(data_dir=tmp_path / "none", kb_files=[bad]))


@pytest.mark.parametrize("text,place,country", [
    ("SEOUL, South Korea", "Seoul", "KOR"),
    ("VLADIVOSTOK, Russia —", "Vladivostok", "RUS"),
    ("TOKYO", "Tokyo", "JPN"),
    ("KYIV, Ukraine", "Kyiv", "UKR"),
    ("NOWHEREVILLE, Ukraine", "Nowhereville", "UKR"),
    ("WASHINGTON", "Washington", "USA"),
])
def test_dateline_country_and_canonical_place(text, place, country):
    doc = Document(doc_id="d", text="", dateline=Dateline(text=text))
    fill_dateline(doc, kb.default_kb())
    assert (doc.dateline.place, doc.dateline.country) == (place, country)


def test_dateline_filled_by_stage(run_text):
    doc = run_text("SEOUL, South Korea — Officials met on Monday.",
                   dateline=Dateline(text="SEOUL, South Korea", place="SEOUL", start=0, end=18))
    assert doc.dateline.country == "KOR" and doc.dateline.place == "Seoul"
