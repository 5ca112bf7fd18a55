"""Done-when: the September 2023 seed, then a watchlist on Kim Jong-un, then the January 2024
seed; a brief over January 2024; alerts raised once."""

from __future__ import annotations

import pytest

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path
from newsgraph import corpus, watch
from newsgraph.brief import build_briefing, render
from newsgraph.store import Store

JANUARY_PUBLISHED = "2024-01-17"  # the January article's text carries no date line


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, pipeline):
    store = Store(tmp_path_factory.mktemp("brief") / "corpus.sqlite")
    corpus.ingest([str(seed_path(SEED_SUMMIT_PREVIEW))], store, pipeline=pipeline)
    watch.add(store, watch.rule_from_dict({"name": "kim", "entity": "Kim Jong-un"}))
    second = corpus.ingest([str(seed_path(SEED_CHOE_VISIT))], store, pipeline=pipeline, published=JANUARY_PUBLISHED)
    again = corpus.ingest([str(SEED_CHOE_VISIT)], store, pipeline=pipeline, published=JANUARY_PUBLISHED)
    return store, second, again


@pytest.fixture(scope="module")
def january(seeded):
    store = seeded[0]
    return build_briefing(store, "2024-01-01", "2024-01-31", base_url="http://newsgraph.local")


def _lines(briefing):
    return [ev for group in briefing.stories for ev in group.events]


def _one(lines, *, actors, type_, date=None):
    found = [ev for ev in lines if set(actors) <= set(ev.actors) | set(ev.recipients) and ev.type == type_
             and (date is None or ev.date == date)]
    assert found, f"no {type_} event of {actors} on {date}: {[(e.type, e.actors, e.date) for e in lines]}"
    return found[0]


def test_the_talks_are_named_with_dates_and_sources(january):
    lines = _lines(january)
    choe_putin = _one(lines, actors=["Choe Son-hui", "Vladimir Putin"], type_="CONSULT", date="2024-01-16")
    assert choe_putin.words == "met"
    assert "Tass" in (choe_putin.source or "")
    assert any("Putin" in (c.sentence or "") and c.doc_id for c in choe_putin.citations)
    assert choe_putin.url == f"http://newsgraph.local/events/{choe_putin.event_id}"
    choe_lavrov = _one(lines, actors=["Choe Son-hui", "Sergey Lavrov"], type_="CONSULT", date="2024-01-16")
    assert any("Lavrov" in (c.sentence or "") for c in choe_lavrov.citations)


def test_the_missile_test_and_the_naval_drills_are_named(january):
    lines = _lines(january)
    missile = _one(lines, actors=["North Korea"], type_="MOBILIZE", date="2024-01-14")
    assert any("solid-fuel" in (c.sentence or "") for c in missile.citations)
    drills = _one(lines, actors=["South Korea", "United States", "Japan"], type_="COOPERATE")
    assert any("naval exercises" in (c.sentence or "") for c in drills.citations)


def test_the_putin_visit_is_upcoming(january):
    visit = _one(january.upcoming, actors=["Vladimir Putin", "North Korea"], type_="CONSULT")
    assert visit.status in ("planned", "expected") and visit.mode == "visit"
    assert visit.event_id not in {ev.event_id for ev in _lines(january)}


def test_every_format_carries_the_same_lines(january):
    md, page, data = render(january, "markdown"), render(january, "html"), render(january, "json")
    for text in (md, page, data):
        assert "Choe Son-hui" in text and "2024-01-16" in text and "solid-fuel" in text
    assert "<svg" in page and "http" not in page.split("<body>")[0]  # chart inline, nothing fetched
    assert "http://newsgraph.local/events/" in page


def test_the_kim_watchlist_alerts_on_his_events_from_the_second_article(seeded):
    store, second, again = seeded
    kim = store.read.entity_ids_named("Kim Jong-un")
    from_article = {e["id"] for e in store.read.canonical_events_by_id(
        store.read.canonical_events_of_documents([second.items[0].doc_id]))
        if (set(e["actors"]) | set(e["recipients"])) & kim and e["modality"] != "hypothetical"}
    assert from_article, "the January article reports the September summit of Kim and Putin"
    assert {a.subject for a in second.alerts if a.kind == "event"} == from_article
    assert all(a.evidence and a.evidence[0]["sentence"] for a in second.alerts)
    assert again.alerts == [] and again.items[0].status == "unchanged"
    assert len(store.alerts.alerts()) == len(second.alerts)
