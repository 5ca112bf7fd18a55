"""Review: corrections stored as statements, applied now, re-applied after every resolution and
re-ingest, undone by withdrawal (API and CLI)."""

from __future__ import annotations

import os

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW


def _entity(api, name: str) -> dict:
    return api.get("/api/entities", params={"q": name}).json()["items"][0]


def _post(api, kind, targets, params=None, reason="test"):
    response = api.post("/api/review/corrections", json={"kind": kind, "targets": targets,
                                                         "params": params or {}, "reason": reason})
    assert response.status_code == 201, response.text
    return response.json()


def _reingest(store, pipeline):
    """Remove the Choe article and ingest it again (two full resolutions), then ingest both (unchanged)."""
    from newsgraph.corpus import ingest, remove

    choe = next(d["doc_id"] for d in store.read.documents() if d["source_path"] == os.path.realpath(SEED_CHOE_VISIT))
    remove([choe], store)
    assert ingest([str(SEED_CHOE_VISIT)], store, pipeline=pipeline).count("added") == 1
    ingest([str(SEED_SUMMIT_PREVIEW), str(SEED_CHOE_VISIT)], store, pipeline=pipeline)


def test_merge_survives_reingest_and_undo_restores(writable, pipeline):
    from newsgraph.corpus import resolve

    store, api = writable
    kim, choe = _entity(api, "Kim Jong-un"), _entity(api, "Choe Son-hui")
    before = api.get("/api/entities").json()["total"]
    statement = _post(api, "merge", [kim["id"], choe["id"]], reason="same person (test)")
    assert statement["author"] == "analyst" and statement["reason"] == "same person (test)"
    assert statement["anchors"][0]["doc_id"] and statement["created_at"]
    assert api.get(f"/api/entities/{choe['id']}").status_code == 404
    merged = api.get(f"/api/entities/{kim['id']}").json()
    assert merged["n_documents"] == 2 and [c["id"] for c in merged["corrections"]] == [statement["id"]]
    assert api.get("/api/entities").json()["total"] == before - 1
    choe_events = [e for e in merged["events"] if any(a["id"] == choe["id"] for a in e["actors"])]
    assert not choe_events
    _reingest(store, pipeline)
    resolve(store, full=True)
    kim_now = _entity(api, "Kim Jong-un")
    assert _entity(api, "Choe Son-hui")["id"] == kim_now["id"], "the merge outlived re-ingest and resolution"
    undone = api.delete(f"/api/review/corrections/{statement['id']}")
    assert undone.status_code == 200 and undone.json()["withdrawn_at"]
    assert _entity(api, "Choe Son-hui")["id"] != _entity(api, "Kim Jong-un")["id"]
    assert api.get("/api/entities").json()["total"] == before
    assert api.delete(f"/api/review/corrections/{statement['id']}").status_code == 404
    assert api.get("/api/review/corrections", params={"active": True}).json()["total"] == 0
    assert api.get("/api/review/corrections").json()["total"] == 1


def test_split_set_entity_and_undo(writable):
    from newsgraph.corpus import resolve

    store, api = writable
    kim = _entity(api, "Kim Jong-un")
    member = store.read.entity_members(kim["id"])[0]
    split = _post(api, "split", [kim["id"]], {"doc_id": member["doc_id"], "local_id": member["local_id"]})
    assert api.get(f"/api/entities/{kim['id']}").json()["n_documents"] == 1
    resolve(store, full=True)
    assert len({e["id"] for e in api.get("/api/entities", params={"q": "Kim Jong-un"}).json()["items"]
                if e["name"] == "Kim Jong-un"}) == 2
    kept = _entity(api, "Kim Jong-un")
    typed = _post(api, "set-entity", [kept["id"]], {"country": "KOR", "type": "ORG"})
    assert api.get(f"/api/entities/{kept['id']}").json()["country"] == "KOR"
    resolve(store, full=True)
    assert api.get(f"/api/entities/{kept['id']}").json()["type"] == "ORG"
    for statement in (typed, split):
        assert api.delete(f"/api/review/corrections/{statement['id']}").status_code == 200
    restored = api.get(f"/api/entities/{kim['id']}").json()
    assert restored["n_documents"] == 2 and restored["country"] == "PRK" and restored["type"] == "PERSON"


def test_event_corrections_survive_resolution(writable):
    from newsgraph.corpus import resolve

    store, api = writable
    kim, putin = _entity(api, "Kim Jong-un"), _entity(api, "Vladimir Putin")
    events = api.get("/api/events", params=[("pair", kim["id"]), ("pair", putin["id"]), ("limit", 500)]).json()
    shared = next(e for e in events["items"] if len(e["documents"]) == 2)
    other = next(e for e in events["items"] if e["id"] != shared["id"])
    retyped = _post(api, "retype", [shared["id"]], {"type": "COOPERATE"})
    reports = api.get(f"/api/events/{shared['id']}").json()["reports"]
    mention = reports[0]
    rejected_mention = _post(api, "reject-mention", [shared["id"]],
                             {"doc_id": mention["doc_id"], "local_id": mention["event"]})
    rejected = _post(api, "reject-event", [other["id"]])
    resolve(store, full=True)
    event = api.get(f"/api/events/{shared['id']}").json()
    assert event["type"] == "COOPERATE" and len(event["reports"]) == len(reports) - 1
    assert (mention["doc_id"], mention["event"]) not in {(r["doc_id"], r["event"]) for r in event["reports"]}
    assert {c["kind"] for c in event["corrections"]} == {"retype", "reject-mention"}
    listed = api.get("/api/events", params={"limit": 500}).json()["items"]
    assert other["id"] not in {e["id"] for e in listed}
    assert other["id"] in {e["id"] for e in api.get("/api/events", params={"status": "rejected"}).json()["items"]}
    for statement in (retyped, rejected_mention, rejected):
        api.delete(f"/api/review/corrections/{statement['id']}")
    event = api.get(f"/api/events/{shared['id']}").json()
    assert event["type"] == shared["type"] and len(event["reports"]) == len(reports)
    assert api.get(f"/api/events/{other['id']}").json()["status"] == other["status"]


def test_bad_corrections_are_refused(writable):
    _, api = writable
    kim = _entity(api, "Kim Jong-un")
    for body, status in (({"kind": "merge", "targets": [kim["id"]]}, 422),
                         ({"kind": "merge", "targets": [kim["id"], kim["id"]]}, 422),
                         ({"kind": "explode", "targets": [kim["id"]]}, 422),
                         ({"kind": "retype", "targets": ["Vnope"], "params": {"type": "CONSULT"}}, 404),
                         ({"kind": "retype", "targets": ["Vnope"], "params": {"type": "PARTY"}}, 422),
                         ({"kind": "set-entity", "targets": [kim["id"]], "params": {"country": "Korea"}}, 422),
                         ({"kind": "split", "targets": [kim["id"]]}, 422),
                         ({"targets": []}, 422)):
        assert api.post("/api/review/corrections", json=body).status_code == status, body


def test_review_cli(seed_store_path, tmp_path):
    import json

    from typer.testing import CliRunner

    from api_support import copy_store
    from newsgraph.cli import app

    store = copy_store(seed_store_path, tmp_path / "cli.sqlite")
    kim = store.read.canonical_entities(store.read.entity_ids_named("Kim Jong-un"))[0]["id"]
    choe = store.read.canonical_entities(store.read.entity_ids_named("Choe Son-hui"))[0]["id"]
    store.close()
    db = str(tmp_path / "cli.sqlite")
    runner = CliRunner()
    merged = runner.invoke(app, ["review", "merge", kim, choe, "--db", db, "--by", "ana", "--why", "test"])
    assert merged.exit_code == 0, merged.output
    statement = json.loads(merged.output)
    assert statement["author"] == "ana" and statement["kind"] == "merge"
    listed = runner.invoke(app, ["review", "list", "--db", db])
    assert [json.loads(line)["id"] for line in listed.output.splitlines()] == [statement["id"]]
    assert runner.invoke(app, ["review", "undo", str(statement["id"]), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["review", "undo", str(statement["id"]), "--db", db]).exit_code == 1
    assert runner.invoke(app, ["review", "retype", "Vnope", "PARTY", "--db", db]).exit_code == 1
