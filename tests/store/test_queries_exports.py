"""Queries (timeline, entity profile, dyad, search, quotes) and exports over a resolved store."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest

from newsgraph.export import corpus_dict, write_graphml, write_neo4j, write_parquet
from newsgraph.query import Corpus, NotFound
from newsgraph.resolve import resolve_store


@pytest.fixture
def corpus(store, scenario_docs):
    for d in scenario_docs:
        store.save(d)
    resolve_store(store)
    return Corpus(store)


def test_timeline_by_entity_pair_type_and_dates(corpus):
    putin = corpus.timeline(entity="Putin")
    assert [e["date"]["value"] for e in putin] == ["2023-09", "2024-01-16", None]
    assert [e["status"] for e in putin] == ["happened", "happened", "planned"]
    pair = corpus.timeline(pair=("Kim Jong-un", "Vladimir Putin"))
    assert len(pair) == 1 and len(pair[0]["mentions"]) == 2
    assert {m["modality"] for m in pair[0]["mentions"]} == {"planned", "asserted"}
    assert [m["text"] for m in pair[0]["mentions"]] == ["summit", "summit"]
    assert {e["type"] for e in corpus.timeline(type="aid")} == {"AID"}
    dates = [e["date"]["value"] for e in corpus.timeline(entity="Putin", since="2024-01-01", until="2024-01-16")]
    assert dates == ["2024-01-16"]
    with pytest.raises(NotFound):
        corpus.timeline(entity="Nobody Atall")


def test_entity_profile(corpus):
    p = corpus.entity_profile("Park Won-gon")
    assert p["type"] == "PERSON" and len(p["documents"]) == 2
    assert [t["title"] for t in p["titles"]] == ["professor"]
    assert p["titles"][0]["first_reported"] == "2023-09-11" and p["titles"][0]["last_reported"] == "2024-01-17"
    assert [a["name"] for a in p["affiliations"]] == ["Ewha Womans University"]
    assert len(p["quotes"]) == 2 and p["quotes"][0]["published"] == "2023-09-11"
    kim = corpus.entity_profile("kim jong un")
    assert {c["name"] for c in kim["co_actors"]} == {"Vladimir Putin"}
    assert len(kim["events"]) == 1 and kim["events"][0]["status"] == "happened"
    assert {e["reason"] for e in kim["evidence"]} == {"first", "name"}


def test_dyad_quad_classes(corpus):
    d = corpus.dyad("North Korea", "Russia")
    assert d["quad_totals"]["material cooperation"] == 1  # the shipments (AID), alleged then denied
    assert d["events"][0]["direction"] == "North Korea -> Russia"
    d = corpus.dyad("Kim Jong Un", "Putin")
    assert d["quad_totals"] == {"verbal cooperation": 1, "material cooperation": 0, "verbal conflict": 0,
                                "material conflict": 0}
    assert d["by_month"][0]["month"] == "2023-09"


def test_search_documents_and_quotes(corpus):
    hits = corpus.search("spaceport")
    assert [d["doc_id"] for d in hits["documents"]] == ["recap"]
    hits = corpus.search("food energy")
    assert [q["doc_id"] for q in hits["quotes"]] == ["preview"]
    assert corpus.search('"') == {"documents": [], "quotes": []}


def test_quotes_by(corpus):
    found = corpus.quotes_by("Park Wongon")
    assert [q["doc_id"] for q in found] == ["preview", "recap"]
    assert corpus.quotes_by("Choe Son Hui") == []


def test_json_export_follows_the_contract(corpus, store):
    data = json.loads(json.dumps(corpus_dict(store)))
    assert set(data) == {"documents", "entities", "events", "quotes", "stories"}
    assert {d["doc_id"] for d in data["documents"]} == {"preview", "recap", "shells-alleged", "shells-denied"}
    kim = [e for e in data["entities"] if e["name"].startswith("Kim Jong")]
    assert len(kim) == 1 and kim[0]["documents"] == ["preview", "recap"]
    summit = [v for v in data["events"] if v["type"] == "CONSULT" and len(v["mentions"]) == 2]
    assert len(summit) == 1
    for m in summit[0]["mentions"]:
        assert {"doc_id", "start", "end", "modality"} <= set(m)
        doc = next(d for d in data["documents"] if d["doc_id"] == m["doc_id"])
        assert doc["text"][m["start"]:m["end"]] == "summit"
    assert summit[0]["date"]["value"] == "2023-09"
    assert any(len(s["documents"]) == 2 for s in data["stories"])
    assert all(q["speaker"] for q in data["quotes"])


def test_graphml_parquet_neo4j(corpus, store, tmp_path):
    write_graphml(store, tmp_path / "g.graphml")
    g = nx.read_graphml(tmp_path / "g.graphml")
    kinds = {k for _, k in g.nodes(data="kind")}
    assert kinds == {"entity", "event", "document"}
    assert any(d.get("relation") == "reported_in" for _, _, d in g.edges(data=True))
    write_parquet(store, tmp_path / "pq")
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert {e["type"] for e in events} == {"CONSULT", "AID"}
    mentions = pq.read_table(tmp_path / "pq" / "event_mentions.parquet")
    assert {"event_id", "doc_id", "start", "end", "modality"} <= set(mentions.column_names)
    files = write_neo4j(store, tmp_path / "neo")
    with open(tmp_path / "neo" / "entities.csv", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "entityId:ID(Entity)" and ":LABEL" in rows[0]
    with open(tmp_path / "neo" / "actor_of.csv", newline="") as f:
        header = next(csv.reader(f))
    assert header == [":START_ID(Entity)", ":END_ID(Event)", ":TYPE"]
    assert (tmp_path / "neo" / "import.sh") in files
