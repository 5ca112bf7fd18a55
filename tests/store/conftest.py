"""Processed documents written for the corpus tests (original sentences, real names and dates).

Each builder returns a Document as a fully working pipeline would: text plus entities,
mentions, time expressions, quotes and events at exact offsets.
"""

from __future__ import annotations

import pytest

from db_support import BACKENDS, database_factory
from newsgraph.model import Document, Event, EventDate, Span
from newsgraph.store import Store
from synthetic import DocBuilder


def preview_doc(doc_id: str = "preview") -> Document:
    """Published 2023-09-11: the Kim-Putin summit is announced for this week."""
    b = DocBuilder(doc_id, "2023-09-11", "Kim to travel to Russia for talks with Putin", path=f"in/{doc_id}.txt")
    b.add("SEOUL \u2014 North Korean leader ")
    b.entity("kim", "Kim Jong Un", type="PERSON", country="PRK", titles=["leader"], sector="GOV")
    b.add(" is expected to ")
    b.add("travel to ")
    b.entity("russia", "Russia", type="GPE", country="RUS")
    b.add(" ")
    b.timex("this week", "2023-W37")
    b.add(" for a ")
    start = b.length
    b.add("summit")
    b.add(" with President ")
    b.entity("putin", "Vladimir Putin", type="PERSON", country="RUS", titles=["president"], sector="GOV")
    b.add(", officials in ")
    b.entity("kor", "South Korea", type="GPE", country="KOR")
    b.add(" said.")
    b.doc.events.append(Event(id="v1", type="CONSULT", mode="visit", actors=[b.by_key["kim"].id],
                              recipients=[b.by_key["putin"].id], date=EventDate("2023-W37", "this week", timex=0),
                              location=b.by_key["russia"].id, modality="planned",
                              trigger=Span(start, start + 6, "summit"), rule="test"))
    b.sentence_break(paragraph=True)
    b.quote("Pyongyang wants food and energy, and Moscow wants shells", "park")
    b.add(", said ")
    b.entity("park", "Park Won-gon", type="PERSON", country="KOR", titles=["professor"], sector="EDU")
    b.add(", a professor at ")
    b.entity("ewha", "Ewha Womans University", type="ORG", country="KOR", sector="EDU")
    b.affiliate("park", "ewha")
    b.add(".")
    return b.build()


def recap_doc(doc_id: str = "recap", extra: str = "") -> Document:
    """Published 2024-01-17: Choe meets Putin; the September summit recalled; a Putin visit planned."""
    b = DocBuilder(doc_id, "2024-01-17", "North Korean foreign minister meets Putin", path=f"in/{doc_id}.txt")
    b.add("North Korean Foreign Minister ")
    b.entity("choe", "Choe Son Hui", type="PERSON", country="PRK", titles=["foreign minister"], sector="GOV")
    b.add(" ")
    met = b.length
    b.add("met")
    b.add(" President ")
    b.entity("putin", "Putin", type="PERSON", country="RUS", titles=["president"], sector="GOV")
    b.add(" in ")
    b.entity("moscow", "Moscow", type="GPE", country="RUS")
    b.add(" on ")
    b.timex("Tuesday", "2024-01-16")
    b.add(". The talks followed the ")
    summit = b.length
    b.add("summit")
    b.add(" between ")
    b.entity("putin", "Putin", kind="short")
    b.add(" and ")
    b.entity("kim", "Kim Jong-un", type="PERSON", country="PRK", titles=["leader"], sector="GOV")
    b.add(" at a spaceport in ")
    b.entity("russia", "Russia", type="GPE", country="RUS")
    b.add(" in ")
    b.timex("September", "2023-09")
    b.add(". ")
    b.entity("putin", "Putin", kind="short")
    b.add(" has accepted an invitation to ")
    visit = b.length
    b.add("visit")
    b.add(" ")
    b.entity("prk", "North Korea", type="GPE", country="PRK")
    b.add(", ")
    b.entity("choe", "Choe", kind="short")
    b.add(" said.")
    b.sentence_break(paragraph=True)
    b.quote("Both sides are testing how far the other will go", "park")
    b.add(", said ")
    b.entity("park", "Park Wongon", type="PERSON", country="KOR", titles=["professor"], sector="EDU")
    b.add(".")
    if extra:
        b.add(" " + extra)
    ids = b.by_key
    b.doc.events += [
        Event(id="v1", type="CONSULT", mode="meet", actors=[ids["choe"].id], recipients=[ids["putin"].id],
              date=EventDate("2024-01-16", "Tuesday", timex=0), location=ids["moscow"].id, modality="asserted",
              trigger=Span(met, met + 3, "met"), rule="test"),
        Event(id="v2", type="CONSULT", mode="meet", actors=[ids["putin"].id, ids["kim"].id], recipients=[],
              date=EventDate("2023-09", "September", timex=1), location=ids["russia"].id, modality="asserted",
              trigger=Span(summit, summit + 6, "summit"), rule="test"),
        Event(id="v3", type="CONSULT", mode="visit", actors=[ids["putin"].id], recipients=[ids["prk"].id],
              modality="planned", trigger=Span(visit, visit + 5, "visit"), rule="test"),
    ]
    return b.build()


def shells_alleged_doc() -> Document:
    b = DocBuilder("shells-alleged", "2023-10-14", "U.S. says North Korea shipped arms to Russia")
    b.add("The White House ")
    b.add("accused")
    b.add(" ")
    b.entity("prk", "North Korea", type="GPE", country="PRK")
    b.add(" of ")
    ship = b.length
    b.add("shipping")
    b.add(" more than a thousand containers of munitions to ")
    b.entity("russia", "Russia", type="GPE", country="RUS", kb_id="Q159")
    b.add(" in recent weeks.")
    b.doc.events.append(Event(id="v1", type="AID", actors=[b.by_key["prk"].id], recipients=[b.by_key["russia"].id],
                              modality="alleged", trigger=Span(ship, ship + 8, "shipping"), rule="test"))
    return b.build()


def shells_denied_doc() -> Document:
    b = DocBuilder("shells-denied", "2023-10-20", "Moscow rejects arms claims")
    b.entity("russia", "Russian Federation", type="GPE", country="RUS", kb_id="Q159")
    b.add(" denied that ")
    b.entity("prk", "North Korea", type="GPE", country="PRK")
    b.add(" had ")
    ship = b.length
    b.add("supplied")
    b.add(" it with artillery shells, calling the claims groundless.")
    b.doc.events.append(Event(id="v1", type="AID", actors=[b.by_key["prk"].id], recipients=[b.by_key["russia"].id],
                              modality="denied", trigger=Span(ship, ship + 8, "supplied"), rule="test"))
    return b.build()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Every store test runs on SQLite and on PostgreSQL (see tests/db_support.py)."""
    return request.param


@pytest.fixture
def new_db(backend, tmp_path):
    """``new_db(name)``: the --db value (a SQLite path or a fresh PostgreSQL URL) of a new store."""
    with database_factory(backend, tmp_path) as new:
        yield new


@pytest.fixture
def db_url(new_db) -> str:
    return new_db("corpus")


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def scenario_docs():
    return [preview_doc(), recap_doc(), shells_alleged_doc(), shells_denied_doc()]


@pytest.fixture
def build():
    """The document builders above, for tests (conftest modules cannot be imported)."""
    from types import SimpleNamespace

    return SimpleNamespace(preview=preview_doc, recap=recap_doc, alleged=shells_alleged_doc,
                           denied=shells_denied_doc)
