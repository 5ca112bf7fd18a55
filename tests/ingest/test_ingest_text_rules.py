"""Plain-text article rules: header lines, bylines, datelines, headings, boilerplate (original sentences)."""

import pytest

from newsgraph.ingest import document_from_text
from newsgraph.ingest.boilerplate import boilerplate_rule

BODY = ("Officials in the capital said the talks would resume next week after a pause of several "
        "months, according to two people familiar with the plans.")
BODY2 = ("The ministry gave no further details on the agenda, but diplomats expect trade and energy "
         "to dominate the first round of meetings.")


def test_header_publisher_date_title_and_byline():
    raw = (f"Pyongyang hosts Russian trade delegation\n\nBy Maria Kovalenko and Lee Ji-hoon\n\n"
           f"- The Harbor Gazette - Tuesday, March 5, 2024\n\nVLADIVOSTOK, Russia — {BODY}\n\n{BODY2}\n")
    doc = document_from_text(raw, path="a.txt")
    assert doc.title == "Pyongyang hosts Russian trade delegation"
    assert doc.authors == ["Maria Kovalenko", "Lee Ji-hoon"]
    assert doc.source.publisher == "The Harbor Gazette"
    assert doc.published == "2024-03-05"
    assert doc.text.startswith("VLADIVOSTOK, Russia — Officials")
    assert doc.dateline.place == "Vladivostok"


@pytest.mark.parametrize("line,date", [
    ("Published March 5, 2024", "2024-03-05"),
    ("Published: 2024-03-05T09:30:00Z", "2024-03-05"),
    ("Posted on 5 March 2024, 10:15 GMT", "2024-03-05"),
    ("Sept. 13, 2023", "2023-09-13"),
    ("Wednesday, September 13, 2023 8:40 a.m. EDT", "2023-09-13"),
])
def test_published_lines(line, date):
    doc = document_from_text(f"{line}\n\n{BODY}\n\n{BODY2}")
    assert doc.published == date
    assert doc.text.startswith("Officials")


def test_published_override_wins():
    doc = document_from_text(f"Published March 5, 2024\n\n{BODY}", published="2024-03-06")
    assert doc.published == "2024-03-06"


def test_byline_with_affiliation_gives_publisher_when_nothing_better():
    doc = document_from_text(f"By ELENA PETROVA, The Coastal Herald\n\n{BODY}\n\n{BODY2}")
    assert doc.authors == ["Elena Petrova"]
    assert doc.source.publisher == "The Coastal Herald"


def test_contact_line_gives_author_and_email_domain_publisher():
    doc = document_from_text(f"{BODY}\n\n{BODY2}\n\n— Tom Becker can be reached at tbecker@nytimes.com.")
    assert doc.authors == ["Tom Becker"]
    assert doc.source.publisher == "The New York Times"
    assert "reached" not in doc.text


def test_masthead_domain_rule():
    from newsgraph.ingest.publishers import publisher_from_domain
    assert publisher_from_domain("desk@riversidetribune.com") is None  # an address, not a domain
    assert publisher_from_domain("riversidetribune.com") == "The Riverside Tribune"
    assert publisher_from_domain("https://www.reuters.com/world/asia/") == "Reuters"
    assert publisher_from_domain("gmail.com") is None


def test_copyright_line_gives_publisher_and_is_removed():
    doc = document_from_text(f"{BODY}\n\n{BODY2}\n\nCopyright © 2025 The Lakeside Courier, Inc. All rights reserved.")
    assert doc.source.publisher == "The Lakeside Courier"
    assert "Copyright" not in doc.text and doc.text.endswith("meetings.")


@pytest.mark.parametrize("opening,text,place", [
    ("SEOUL, South Korea — ", "SEOUL, South Korea", "Seoul"),
    ("MOSCOW (Reuters) - ", "MOSCOW", "Moscow"),
    ("WASHINGTON — ", "WASHINGTON", "Washington"),
    ("NEW YORK (AP) — ", "NEW YORK", "New York"),
    ("ST. PETERSBURG, Russia -- ", "ST. PETERSBURG, Russia", "St. Petersburg"),
    ("PYONGYANG, Sept. 13 (KCNA) -- ", "PYONGYANG", "Pyongyang"),
    ("Tokyo (Kyodo) — ", "Tokyo", "Tokyo"),
    ("PORT-AU-PRINCE, Haiti — ", "PORT-AU-PRINCE, Haiti", "Port-au-Prince"),
])
def test_dateline_forms(opening, text, place):
    doc = document_from_text(opening + BODY)
    assert doc.dateline is not None
    assert doc.dateline.text == text and doc.dateline.place == place
    assert doc.text[doc.dateline.start:doc.dateline.end] == text
    assert doc.text.startswith(opening.rstrip())


@pytest.mark.parametrize("opening", [
    "Mr. Kim — who rarely travels abroad — boarded the train on Sunday. ",
    "The talks — the first in years — ended early. ",
    "NATO allies met on Monday. ",
])
def test_no_dateline_in_ordinary_openings(opening):
    assert document_from_text(opening + BODY).dateline is None


def test_heading_between_paragraphs_is_kept_and_recorded():
    doc = document_from_text(f"{BODY}\n\nEnergy on the table\n\n{BODY2}")
    assert [h.text for h in doc.headings] == ["Energy on the table"]
    h = doc.headings[0]
    assert doc.text[h.start:h.end] == "Energy on the table"
    assert doc.in_heading(h.start, h.end)


def test_short_sentence_is_not_a_heading():
    doc = document_from_text(f"{BODY}\n\nThe meeting ended early.\n\n“We will see,” she said.\n\n{BODY2}")
    assert doc.headings == []


@pytest.mark.parametrize("line,rule", [
    ("Please read our comment policy before posting a reply.", "comment_prompt"),
    ("View 14 comments", "comment_prompt"),
    ("Comments are closed for this story.", "comment_prompt"),
    ("Click to Show Discussion", "click_prompt"),
    ("Click here to view the full gallery.", "click_prompt"),
    ("This report first appeared in the Morning Brief newsletter. Sign up here to get it every weekday.", "newsletter"),
    ("Sign up for our daily briefing on Asian security.", "sign_up"),
    ("Subscribe to our weekly digest", "sign_up"),
    ("Follow us on Instagram for more updates.", "follow"),
    ("Follow Dana Ortiz on X at @danaortiz.", "follow"),
    ("Share this article", "share"),
    ("Share on Facebook", "share"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("© 2025 Harbor Media Group. All rights reserved.", "copyright"),
    ("Copyright 2023 Northern Wire Service", "copyright"),
    ("Reprints", "reprint"),
    ("For reprint permission, contact our licensing desk.", "reprint"),
    ("Sam Ortiz can be reached at sortiz@example.org.", "contact"),
    ("Contact the reporter at newsdesk@example.org.", "contact"),
    ("Related: Seoul weighs new sanctions on shipping firms", "related"),
    ("Read more: How the rail link to Rason was rebuilt", "related"),
    ("(Reporting by Anna Kim; Editing by Paul Grant)", "credits"),
])
def test_boilerplate_rules(line, rule):
    assert boilerplate_rule(line) == rule
    doc = document_from_text(f"{BODY}\n\n{line}\n\n{BODY2}")
    assert line not in doc.text
    assert doc.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize("sentence", [
    "The foreign ministry declined to comment on the report.",
    "Readers flooded the comments section after the broadcast, the paper said.",
    "Copyright lawsuits against the broadcaster have piled up since the merger.",
    "Follow-up talks are expected in Beijing later this month.",
    "Subscribers to the service will pay more from January, the company said.",
    "The advertisement ran on state television for three nights.",
    "Officials said the newsletter had been sent to subscribers by mistake.",
])
def test_ordinary_sentences_are_not_boilerplate(sentence):
    assert boilerplate_rule(sentence) is None


def test_hard_wrapped_text_is_unwrapped():
    para1 = ("The two leaders met for four hours at the remote space launch site on Wednesday and\n"
             "toured the assembly hall of a rocket that Russia has used for its lunar programme,\n"
             "according to state media reports released late in the evening local time.")
    para2 = ("Analysts in Seoul said the choice of venue was meant to signal that satellite and\n"
             "missile cooperation would be on the agenda, though neither side confirmed it\n"
             "in public statements issued afterwards.")
    doc = document_from_text(f"{para1}\n\n{para2}\n")
    assert doc.text.count("\n\n") == 1
    assert "\n" not in doc.text.replace("\n\n", "")
    assert "Wednesday and toured" in doc.text


def test_closing_byline_line():
    doc = document_from_text(f"{BODY}\n\n{BODY2}\n\nBy Hana Park")
    assert doc.authors == ["Hana Park"]
    assert doc.text.endswith("meetings.")


def test_headline_byline_and_published_lines_without_blank_lines():
    header = "Seoul and Tokyo link missile radars\nBy Mina Sato\nPublished December 19, 2023"
    doc = document_from_text(f"{header}\n\n{BODY}\n\n{BODY2}")
    assert doc.title == "Seoul and Tokyo link missile radars"
    assert doc.authors == ["Mina Sato"]
    assert doc.published == "2023-12-19"
    assert doc.source.publisher is None
    assert doc.text.startswith("Officials")


def test_updated_line_does_not_replace_published_line():
    doc = document_from_text(f"Published March 5, 2024\nUpdated March 7, 2024\n\n{BODY}")
    assert doc.published == "2024-03-05"


def test_url_line_in_header_sets_source_url_and_publisher():
    doc = document_from_text(f"https://www.reuters.com/world/asia-pacific/talks-resume\n\n{BODY}\n\n{BODY2}")
    assert doc.source.url == "https://www.reuters.com/world/asia-pacific/talks-resume"
    assert doc.source.publisher == "Reuters"
    assert not doc.text.startswith("http")


def test_wire_credit_gives_reporters_when_no_byline():
    doc = document_from_text(f"{BODY}\n\n{BODY2}\n\n(Reporting by Anna Kim and Josh Smith; Editing by Paul Grant)")
    assert doc.authors == ["Anna Kim", "Josh Smith"]
    with_byline = document_from_text(f"By Lena Ortiz\n\n{BODY}\n\n(Reporting by Anna Kim; Editing by Paul Grant)")
    assert with_byline.authors == ["Lena Ortiz"]


@pytest.mark.parametrize("line,authors,publisher,date", [
    ("By Andrea Vogel - The Harbor Gazette - Monday, September 11, 2023",
     ["Andrea Vogel"], "The Harbor Gazette", "2023-09-11"),
    ("By Jane Doe | Reuters", ["Jane Doe"], "Reuters", None),
    ("By JANE DOE Associated Press", ["Jane Doe"], None, None),
    ("The Harbor Gazette, Monday, September 11, 2023", [], "The Harbor Gazette", "2023-09-11"),
    ("Published 9:15 AM EDT | Sept. 11, 2023", [], None, "2023-09-11"),
    ("Updated Sept. 12, 2023", [], None, "2023-09-12"),
])
def test_combined_header_lines(line, authors, publisher, date):
    doc = document_from_text(f"{line}\n\n{BODY}\n\n{BODY2}")
    assert (doc.authors, doc.source.publisher, doc.published) == (authors, publisher, date)
    assert doc.text.startswith("Officials")


def test_headline_with_dash_is_not_a_header_line():
    doc = document_from_text(f"Seoul - Tokyo radar link goes live\n\n{BODY}\n\n{BODY2}")
    assert doc.title == "Seoul - Tokyo radar link goes live"
    assert doc.source.publisher is None


def test_byline_role_is_not_a_publisher():
    doc = document_from_text(f"By Mina Sato, the paper's Seoul correspondent\n\n{BODY}\n\n{BODY2}")
    assert doc.authors == ["Mina Sato"] and doc.source.publisher is None
    doc = document_from_text(f"By Mina Sato, The Coastal Herald Staff Writer\n\n{BODY}\n\n{BODY2}")
    assert doc.authors == ["Mina Sato"] and doc.source.publisher is None
