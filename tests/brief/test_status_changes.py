"""Each kind of status change, on original sentences: in the canonical layer, in the brief,
and as alerts of a watchlist with ``status_change``."""

from __future__ import annotations

import pytest

from brief_support import ingest_text
from newsgraph import watch
from newsgraph.brief import build_briefing
from newsgraph.resolve.events import status_as_of
from newsgraph.store import Store

CASES = {
    "happened": ("Andrzej Duda", [
        ("WARSAW — Polish President Andrzej Duda will meet German Chancellor Olaf Scholz in Berlin on "
         "March 12, his office said on Monday.", "2024-03-04"),
        ("BERLIN — Polish President Andrzej Duda met German Chancellor Olaf Scholz in Berlin on Tuesday, "
         "the chancellery said.", "2024-03-12"),
    ], "planned", "happened"),
    "cancelled": ("Dina Boluarte", [
        ("LIMA — Peruvian President Dina Boluarte will visit Chile next month, her office announced on Monday.",
         "2024-03-04"),
        ("LIMA — Peruvian President Dina Boluarte will not visit Chile next month after all, her office "
         "said on Friday.", "2024-03-15"),
    ], "planned", "cancelled"),
    "confirmed": ("Belarus", [
        ("KYIV — Belarus reportedly shelled the village of Senkivka on Sunday, according to Ukrainian "
         "officials.", "2024-03-04"),
        ("KYIV — Belarus shelled the village of Senkivka on Sunday, the United Nations mission confirmed "
         "on Thursday.", "2024-03-07"),
    ], "alleged", "confirmed"),
    "denied": ("Belarus", [
        ("KYIV — Belarus reportedly shelled the village of Senkivka on Sunday, according to Ukrainian "
         "officials.", "2024-03-04"),
        ("MINSK — Belarus denied that it shelled the village of Senkivka on Sunday, its defence ministry "
         "said on Thursday.", "2024-03-07"),
    ], "alleged", "denied"),
}
OVERDUE_PLAN = ("TALLINN — Estonian Prime Minister Kaja Kallas will meet Finnish President Alexander Stubb "
                "in Helsinki on March 8, her office said on Monday.", "2024-03-04")
LATER_NEWS = ("RIGA — Latvian farmers protested in Riga on Wednesday against grain imports, police said.",
              "2024-03-20")


def _run(tmp_path, pipeline, name, reports):
    store = Store(tmp_path / f"{name}.sqlite")
    who = CASES[name][0] if name in CASES else "Kaja Kallas"
    watch.add(store, watch.rule_from_dict({"name": "w", "entity": who, "status_change": True}))
    raised = []
    for i, (text, published) in enumerate(reports):
        raised += ingest_text(store, tmp_path, f"{name}{i}", text, published, pipeline).alerts
    return store, who, raised


@pytest.mark.parametrize("name", sorted(CASES))
def test_status_change(tmp_path, pipeline, name):
    _, reports, before, after = CASES[name]
    store, who, raised = _run(tmp_path, pipeline, name, reports)
    ids = store.read.entity_ids_named(who)
    [event] = [e for e in store.read.canonical_events(participants=[next(iter(ids))])
               if e["n_documents"] == 2]
    assert event["status"] == after
    assert status_as_of(event["history"], reports[0][1]) == before
    changes = [a for a in raised if a.kind == "status"]
    assert [(a.detail["status_from"], a.detail["status_to"]) for a in changes] == [(before, after)]
    brief = build_briefing(store, reports[1][1], reports[1][1])
    [line] = [ln for ln in brief.status_changes if ln.event_id == event["id"]]
    assert (line.status_before, line.status) == (before, after)


def test_planned_then_overdue(tmp_path, pipeline):
    store, who, raised = _run(tmp_path, pipeline, "overdue", [OVERDUE_PLAN, LATER_NEWS])
    [change] = [a for a in raised if a.kind == "status"]
    assert (change.detail["status_from"], change.detail["status_to"]) == ("planned", "overdue")
    brief = build_briefing(store, "2024-03-08", "2024-03-14")
    assert [(sorted(ln.actors), ln.status_before, ln.status) for ln in brief.status_changes] == [
        (["Alexander Stubb", "Kaja Kallas"], "planned", "overdue")]
    assert build_briefing(store, "2024-03-01", "2024-03-07").upcoming[0].status == "planned"
