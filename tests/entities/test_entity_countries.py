"""A body or group the knowledge base does not know takes the country its name or its state
modifier gives; known leaders, international bodies and armed movements come with theirs.
Original sentences."""

from __future__ import annotations

import pytest

from newsgraph.model import Document, Entity


def by_name(doc: Document, name: str) -> Entity:
    (found,) = [e for e in doc.entities if e.name == name]
    return found


@pytest.mark.parametrize(("text", "name", "country"), [
    ("The Estonian Supreme Court overturned the ruling on Monday.", "Estonian Supreme Court", "EST"),
    ("Members of the Ghanaian Bar Association walked out of the hearing.", "Ghanaian Bar Association", "GHA"),
    ("Senegal's Constitutional Council rejected the appeal.", "Constitutional Council", "SEN"),
    ("Syrian Kurds held a rally in the north.", "Kurds", "SYR"),
    ("Officials of the Kenya Municipal Workers Association demanded higher pay.",
     "Kenya Municipal Workers Association", "KEN"),
])
def test_a_body_named_with_a_state_takes_its_country(run_text, text: str, name: str, country: str) -> None:
    assert by_name(run_text(text), name).country == country


def test_a_state_name_not_before_the_body_gives_no_country(run_text) -> None:
    doc = run_text("The Supreme Court ruled on Monday, and Senegal appealed.")
    assert by_name(doc, "Supreme Court").country is None


@pytest.mark.parametrize(("text", "name", "country", "sector"), [
    ("President Paul Kagame opened the summit.", "Paul Kagame", "RWA", "GOV"),
    ("Hezbollah fired rockets across the border.", "Hezbollah", "LBN", "REB"),
    ("UNICEF appealed for emergency funds.", "UNICEF", None, "IGO"),
    ("Doctors Without Borders closed two clinics.", "Doctors Without Borders", None, "NGO"),
])
def test_known_leaders_bodies_and_movements(run_text, text: str, name: str, country: str | None,
                                            sector: str) -> None:
    entity = by_name(run_text(text), name)
    assert (entity.country, entity.sector) == (country, sector)


def test_a_lone_family_name_all_known_leaders_of_one_state_share_takes_that_country(run_text) -> None:
    doc = run_text("President Bush threatened further action against Cuba on Monday.")
    bush = by_name(doc, "Bush")
    assert (bush.country, bush.sector) == ("USA", "GOV")
    assert bush.kb_id is None  # which Bush is not known: no link to either


@pytest.mark.parametrize("text", ["Johnson said the talks would go on.", "Sharon said the talks would go on."])
def test_a_common_family_name_or_given_name_alone_gives_no_country(run_text, text: str) -> None:
    (person,) = [e for e in run_text(text).entities if e.type == "PERSON"]
    assert person.country is None


def test_a_name_of_demonyms_is_a_group_of_that_state(run_text) -> None:
    doc = run_text("Bosnian Serbs demanded a truce with government forces.")
    group = by_name(doc, "Bosnian Serbs")
    assert (group.type, group.country) == ("NORP", "BIH")


def test_a_capitalised_adjective_opening_the_sentence_is_not_part_of_the_demonym(run_text) -> None:
    doc = run_text("Radical French farmers said on Friday they would blockade Paris.")
    assert not [e for e in doc.entities if e.name.startswith("Radical")]
    assert by_name(doc, "France").country == "FRA"


def test_national_agencies_are_their_state_government_bodies(run_text) -> None:
    doc = run_text("USAID and the FSB were both named in the report.")
    assert {(e.name, e.country, e.sector) for e in doc.entities} >= {
        ("United States Agency for International Development", "USA", "GOV"),
        ("Federal Security Service", "RUS", "GOV")}


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Igbo elders met in Enugu on Friday.", "Igbo", "NGA"),
    ("Tibetans protested in Lhasa on Monday.", "Tibetans", "CHN"),
    ("Chechen fighters fired on the convoy.", "Chechens", "RUS"),
])
def test_a_people_with_one_home_state_is_a_group_of_that_state_not_the_state(run_text, text: str, name: str,
                                                                             country: str) -> None:
    group = by_name(run_text(text), name)
    assert (group.type, group.country, group.sector) == ("NORP", country, None)
