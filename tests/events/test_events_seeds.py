"""Acceptance on the two seed articles (read from ../shared/seeds, never copied), full pipeline.

The whole pipeline runs (ingest, analysis, entities, timexes, quotes, events), so these tests also
check that the events stage reads the other stages' output as the contract describes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsgraph.ingest import read_inputs

ROOT_TESTS = Path(__file__).resolve().parent.parent


def _seed(pipeline, settings, name: str, published: str):
    """Ingest and process the seed named ``name`` in tests/conftest.py (skips when it is absent)."""
    spec = importlib.util.spec_from_file_location("tests_conftest", ROOT_TESTS / "conftest.py")
    conftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conftest)
    path = conftest.seed_path(getattr(conftest, name))
    doc = next(iter(read_inputs([str(path)], settings, published=published)))
    doc = pipeline(doc)
    if not doc.entities:
        pytest.skip("the entities stage is not in this build")
    return doc


@pytest.fixture(scope="module")
def choe(pipeline, settings):
    return _seed(pipeline, settings, "SEED_CHOE_VISIT", "2024-01-17")


@pytest.fixture(scope="module")
def summit(pipeline, settings):
    return _seed(pipeline, settings, "SEED_SUMMIT_PREVIEW", "2023-09-11")


def names(doc, ids):
    return {doc.entity(i).name for i in ids if doc.entity(i)}


def countries(doc, ids):
    return {doc.entity(i).country for i in ids if doc.entity(i)}


def find(doc, etype, trigger=None):
    out = []
    for ev in doc.events:
        if ev.type != etype or (trigger and ev.trigger.text != trigger):
            continue
        out.append(ev)
    return out


def has_person(doc, ids, surname):
    return any(surname in n for n in names(doc, ids))


def test_choe_putin_meeting_in_moscow(choe):
    meetings = [e for e in find(choe, "CONSULT") if has_person(choe, e.actors + e.recipients, "Choe")
                and has_person(choe, e.actors + e.recipients, "Putin")]
    assert meetings
    greeted = [e for e in meetings if e.trigger.text == "greeted"]
    assert greeted and greeted[0].date.value == "2024-01-16" and not greeted[0].date.inferred
    assert has_person(choe, greeted[0].actors, "Choe") and has_person(choe, greeted[0].recipients, "Putin")
    assert greeted[0].modality == "asserted" and greeted[0].source is not None  # Tass reported
    met = [e for e in meetings if e.trigger.text == "met"]
    assert met and met[0].location and "Moscow" in choe.entity(met[0].location).name
    assert not met[0].location_inferred


def test_choe_lavrov_meeting(choe):
    assert [e for e in find(choe, "CONSULT", "met") if has_person(choe, e.actors, "Choe")
            and has_person(choe, e.actors, "Lavrov") and e.modality == "asserted"]


def test_accusation_and_alleged_supply(choe):
    accuse = find(choe, "ACCUSE", "accused")[0]
    assert "USA" in countries(choe, accuse.actors) and "PRK" in countries(choe, accuse.recipients)
    assert accuse.modality == "asserted"
    supply = find(choe, "AID", "supplying")[0]
    assert supply.modality == "alleged"
    assert "PRK" in countries(choe, supply.actors) and "RUS" in countries(choe, supply.recipients)


def test_combined_naval_exercises_cooperate(choe):
    ex = find(choe, "COOPERATE", "exercises")[0]
    assert countries(choe, ex.actors) >= {"USA", "KOR", "JPN"}
    assert ex.date.value == "2024-01-17" and ex.modality == "asserted"
    assert ex.source is not None or ex.source_text  # the South Korean military said


def test_missile_test_is_mobilize_on_sunday(choe):
    test = find(choe, "MOBILIZE", "test-fired")[0]
    assert (test.mode, test.date.value, test.modality) == ("weapons", "2024-01-14", "asserted")
    assert "PRK" in countries(choe, test.actors)


def test_expected_putin_visit_and_planned_allied_meeting(choe):
    visit = [e for e in find(choe, "CONSULT", "visit") if has_person(choe, e.actors, "Putin")][0]
    assert visit.modality in ("planned", "expected") and "PRK" in countries(choe, visit.recipients)
    allies = [e for e in find(choe, "CONSULT", "meet") if e.modality == "planned"][0]
    assert countries(choe, allies.actors) >= {"USA", "KOR", "JPN"}


def test_nothing_coded_from_quotes(choe, summit):
    for doc in (choe, summit):
        spans = [(q.start, q.end) for q in doc.quotes if q.kind == "direct"]
        for ev in doc.events:
            assert not any(s <= ev.trigger.start and ev.trigger.end <= e for s, e in spans), ev


def test_kim_will_meet_putin_planned(summit):
    planned = [e for e in find(summit, "CONSULT") if e.modality == "planned"
               and has_person(summit, e.actors, "Kim") and has_person(summit, e.actors, "Putin")]
    assert planned
    assert any(e.source is not None for e in planned)  # the Kremlin confirmed / KCNA reported


def test_shoigu_visit_in_july(summit):
    visit = [e for e in find(summit, "CONSULT") if e.mode == "visit" and has_person(summit, e.actors, "Shoigu")][0]
    assert visit.date.value == "2023-07" and "PRK" in countries(summit, visit.recipients)
    assert visit.modality == "asserted"


def test_putin_did_not_attend_summits(summit):
    attended = find(summit, "CONSULT", "attended")[0]
    assert attended.modality == "negated" and has_person(summit, attended.actors, "Putin")


def test_hypothetical_and_requested_events(summit):
    could = [e for e in find(summit, "CONSULT", "meet") if e.modality == "hypothetical"]
    assert could and could[0].date.value == "2023-09-12"  # "could meet as soon as Tuesday"
    send = find(summit, "AID", "send")[0]
    assert send.modality == "hypothetical" and send.source_text  # "suggested that Russia could send"


def test_recalled_putin_kim_summit_in_september(choe):
    """The earlier Putin-Kim summit, named through a coordinated possessive, with its own date."""
    summits = [e for e in find(choe, "CONSULT", "summit")
               if has_person(choe, e.actors, "Putin") and has_person(choe, e.actors, "Kim")]
    assert summits
    summit = summits[0]
    assert summit.date.value == "2023-09" and not summit.date.inferred
    assert summit.modality == "asserted" and summit.recipients == []
    assert summit.location and "Vostochny" in choe.entity(summit.location).name


def _kim_putin_meetings(doc):
    return [e for e in find(doc, "CONSULT") if names(doc, e.actors) >= {"Vladimir Putin", "Kim Jong-un"}
            and e.mode != "visit"]


def test_both_seeds_carry_the_kim_putin_summit_for_fusion(choe, summit):
    """Same type and parties in both articles, with dates a cross-article store can reconcile:
    the preview's planned meeting (FUTURE_REF or a day from 2023-09-11 on) and the later article's
    recalled September 2023 summit."""
    recalled = [e for e in _kim_putin_meetings(choe) if e.modality == "asserted"]
    assert recalled and recalled[0].date.value == "2023-09"
    upcoming = [e for e in _kim_putin_meetings(summit) if e.modality in ("planned", "expected")]
    assert upcoming
    for ev in upcoming:
        value = ev.date.value
        assert value == "FUTURE_REF" or (value.startswith("2023-09") and value >= "2023-09-11"), value
