"""Each watchlist rule field, on original sentences; the rule file format; jsonl delivery."""

from __future__ import annotations

import json

import pytest

from brief_support import ingest_text
from newsgraph import alerts, corpus, watch
from newsgraph.store import Store

ARTICLE = (
    "ANKARA — Turkish President Recep Tayyip Erdogan met Hungarian Prime Minister Viktor Orban in Ankara "
    "on Monday, the presidency said. Turkish troops shelled Kurdish militia positions in northern Syria "
    "on Sunday, the defence ministry said. Mr. Erdogan accused Sweden of harbouring militants. "
    "“We will not give up on our security,” Mr. Erdogan said. "
    "Mehmet Yilmazkaya, a spokesman for the Ankara Bar Association, criticized Mr. Erdogan on Tuesday."
)
PUBLISHED = "2024-05-07"

RULES = {
    "entity": {"entity": "Recep Tayyip Erdogan"},
    "with": {"entity": "Recep Tayyip Erdogan", "with": "Viktor Orban"},
    "types": {"entity": "Recep Tayyip Erdogan", "types": ["ACCUSE"]},
    "quad": {"entity": "Recep Tayyip Erdogan", "quad": "verbal-cooperation"},
    "quotes": {"entity": "Recep Tayyip Erdogan", "quotes": True},
    "first_seen": {"entity": "Recep Tayyip Erdogan", "first_seen": True},
    "nothing-said": {"types": "ASSAULT"},
    "first_seen_anyone": {"first_seen": True},
}


@pytest.fixture(scope="module")
def raised(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("rules")
    store = Store(folder / "rules.sqlite")
    for name, fields in RULES.items():
        watch.add(store, watch.rule_from_dict({"name": name, **fields,
                                               **({"delivery": "jsonl", "target": str(folder / "out.jsonl")}
                                                  if name == "entity" else {})}))
    report = ingest_text(store, folder, "erdogan", ARTICLE, PUBLISHED, pipeline)
    alerts.wait_for_deliveries()
    by_rule: dict[str, list] = {}
    for a in report.alerts:
        by_rule.setdefault(a.watchlist, []).append(a)
    return store, folder, by_rule


def _events(alerts_):
    return {(a.detail["type"], tuple(sorted(a.detail["actor_names"] + a.detail["recipient_names"])))
            for a in alerts_ if a.kind == "event"}


def test_entity_matches_every_event_he_takes_part_in(raised):
    _, _, by_rule = raised
    kinds = {t for t, _ in _events(by_rule["entity"])}
    assert {"CONSULT", "ACCUSE"} <= kinds
    assert all("Recep Tayyip Erdogan" in parties for _, parties in _events(by_rule["entity"]))


def test_with_needs_the_other_party(raised):
    assert _events(raised[2]["with"]) == {("CONSULT", ("Recep Tayyip Erdogan", "Viktor Orban"))}


def test_types_and_quad_filter_the_event_type(raised):
    assert {t for t, _ in _events(raised[2]["types"])} == {"ACCUSE"}
    assert {t for t, _ in _events(raised[2]["quad"])} == {"CONSULT"}  # consult: verbal cooperation


def test_a_rule_of_types_only_watches_everyone(raised):
    assert {t for t, _ in _events(raised[2]["nothing-said"])} == {"ASSAULT"}


def test_quotes_by_the_watched_entity(raised):
    quotes = [a for a in raised[2]["quotes"] if a.kind == "quote"]
    assert [q.detail["text"] for q in quotes] == ["We will not give up on our security,"]
    assert quotes[0].evidence[0]["doc_id"]


def test_first_seen_actors_with_the_watched_entity(raised):
    seen = {a.detail["name"] for a in raised[2]["first_seen"] if a.kind == "first-seen"}
    assert "Viktor Orban" in seen and "Sweden" in seen
    assert "Recep Tayyip Erdogan" not in seen  # the watched one himself
    assert "Ankara Bar Association" not in seen  # new, but in no event with him
    anyone = {a.detail["name"] for a in raised[2]["first_seen_anyone"]}
    assert {"Ankara Bar Association", "Recep Tayyip Erdogan", "Viktor Orban"} <= anyone


def test_jsonl_delivery_writes_each_alert_once(raised):
    store, folder, by_rule = raised
    lines = [json.loads(x) for x in (folder / "out.jsonl").read_text().splitlines()]
    assert sorted(x["key"] for x in lines) == sorted(a.key for a in by_rule["entity"])
    alerts.deliver_pending(store, all_pending=True)
    assert len((folder / "out.jsonl").read_text().splitlines()) == len(lines)


def test_removal_then_reingest_raises_nothing_new_for_the_same_facts(raised, pipeline):
    store, folder, by_rule = raised
    before = len(store.alerts.alerts())
    doc_id = store.doc_ids()[0]
    assert corpus.remove([doc_id], store).alerts == []
    again = ingest_text(store, folder, "erdogan", ARTICLE, PUBLISHED, pipeline)
    assert again.items[0].status == "added" and again.alerts == []
    assert len(store.alerts.alerts()) == before


def test_ack_marks_read(raised):
    store = raised[0]
    first = store.alerts.alerts()[0]
    assert alerts.ack(store, [first.id]) == 1
    assert first.id not in {a.id for a in alerts.list_alerts(store, unread=True)}


def test_rule_file_format(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"watchlists": [
        {"name": "a", "entity": "Kim Jong-un", "with": ["Vladimir Putin"], "types": "ASSAULT,threaten",
         "quad": ["material-conflict"], "status_change": True, "quotes": True, "first_seen": True,
         "delivery": "webhook", "target": "http://127.0.0.1:9/hook"}]}))
    store = Store(tmp_path / "r.sqlite")
    [rule] = watch.load(store, path)
    assert rule.types == ["ASSAULT", "THREATEN"] and rule.quads == ["material conflict"]
    assert watch.rule_from_dict(watch.rule_to_dict(rule)).types == rule.types
    assert [r.name for r in watch.rules(store)] == ["a"]
    assert watch.remove(store, "a") and watch.rules(store) == []
    for bad in ({"name": "b", "types": "SHOUT"}, {"name": "b", "quad": "loud"}, {"entity": "x"},
                {"name": "b", "delivery": "webhook"}, {"name": "b", "colour": "red"}):
        with pytest.raises(watch.RuleError):
            watch.rule_from_dict(bad)
