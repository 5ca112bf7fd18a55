"""Cross-document resolution of entities, events and stories, with evidence."""

from __future__ import annotations

from sqlalchemy import select

from newsgraph.resolve import EntityInput, EventInput, resolve_entities, resolve_events, resolve_store
from newsgraph.store import Store
from newsgraph.store.schema import CanonicalEntity, CanonicalEvent, DocumentRow, Evidence


def _entities(store):
    with store.session() as s:
        return {r.name: r for r in s.scalars(select(CanonicalEntity))}


def _events(store):
    with store.session() as s:
        return list(s.scalars(select(CanonicalEvent)))


def _evidence(store, canonical_id):
    with store.session() as s:
        return {(r.doc_id, r.local_id): (r.reason, r.detail)
                for r in s.scalars(select(Evidence).where(Evidence.canonical_id == canonical_id))}


def _load(store, docs):
    for d in docs:
        store.save(d)
    return resolve_store(store)


def test_one_entity_per_actor_across_spellings(store, scenario_docs):
    _load(store, scenario_docs)
    ents = _entities(store)
    names = sorted(ents)
    # Kim Jong Un / Kim Jong-un, Vladimir Putin / Putin, Park Won-gon / Park Wongon,
    # Russia / Russian Federation (same KB id), North Korea in three documents
    assert len([n for n in names if n.startswith("Kim Jong")]) == 1
    kim = next(ents[n] for n in names if n.startswith("Kim Jong"))
    assert kim.n_documents == 2 and {"kim jong un"} <= set(kim.aliases)
    assert ents["Vladimir Putin"].n_documents == 2
    assert "Putin" not in ents
    park = next(ents[n] for n in names if n.startswith("Park W"))
    assert park.n_documents == 2
    assert ents["North Korea"].n_documents == 3
    russia = [n for n in names if n.startswith("Russia")]
    assert len(russia) == 1 and ents[russia[0]].n_documents == 4 and ents[russia[0]].kb_id == "Q159"


def test_merges_are_explained(store, scenario_docs):
    _load(store, scenario_docs)
    ents = _entities(store)
    putin = _evidence(store, ents["Vladimir Putin"].id)
    assert putin[("preview", "e3")][0] == "first"
    reason, detail = putin[("recap", "e2")]
    assert reason == "partial-name" and "'Putin' is part of 'Vladimir Putin'" in detail
    kim = next(e for n, e in ents.items() if n.startswith("Kim Jong"))
    reasons = {r for r, _ in _evidence(store, kim.id).values()}
    assert reasons == {"first", "name"}
    russia = next(e for n, e in ents.items() if n.startswith("Russia"))
    assert "kb_id" in {r for r, _ in _evidence(store, russia.id).values()}


def test_summit_is_one_event_planned_then_happened(store, scenario_docs):
    _load(store, scenario_docs)
    ents = _entities(store)
    kim = next(e for n, e in ents.items() if n.startswith("Kim Jong"))
    putin = ents["Vladimir Putin"]
    consults = [e for e in _events(store) if e.type == "CONSULT"]
    summit = [e for e in consults if {kim.id, putin.id} <= set(e.actors) | set(e.recipients)]
    assert len(summit) == 1
    summit = summit[0]
    assert summit.n_documents == 2 and summit.n_mentions == 2
    assert [h["modality"] for h in summit.history] == ["planned", "asserted"]
    assert summit.status == "happened" and summit.date_value == "2023-09"
    # Putin's visit to North Korea is a different, still planned, event; so is Choe's meeting
    visit = [e for e in consults if e.actors == [putin.id] and e.mode == "visit"]
    assert len(visit) == 1 and visit[0].status == "planned" and visit[0].n_mentions == 1
    assert len(consults) == 3


def test_alleged_then_denied(store, scenario_docs):
    _load(store, scenario_docs)
    aid = [e for e in _events(store) if e.type == "AID"]
    assert len(aid) == 1
    assert aid[0].status == "denied" and [h["modality"] for h in aid[0].history] == ["alleged", "denied"]


def test_ids_are_deterministic_whatever_the_order(new_db, build):
    docs = [build.preview(), build.recap(), build.alleged(), build.denied()]
    a, b = Store(new_db("a")), Store(new_db("b"))
    _load(a, docs)
    _load(b, list(reversed(docs)))
    assert sorted(e.id for e in _entities(a).values()) == sorted(e.id for e in _entities(b).values())
    assert sorted(e.id for e in _events(a)) == sorted(e.id for e in _events(b))
    # and running resolution again changes nothing
    before = sorted((e.id, e.status, e.n_mentions) for e in _events(a))
    resolve_store(a)
    assert sorted((e.id, e.status, e.n_mentions) for e in _events(a)) == before


def test_removing_a_document_removes_only_its_mentions(store, scenario_docs):
    _load(store, scenario_docs)
    store.remove("recap")
    resolve_store(store)
    ents = _entities(store)
    assert not any(n.startswith("Choe") for n in ents)  # only the recap named her
    kim = next(e for n, e in ents.items() if n.startswith("Kim Jong"))
    assert kim.n_documents == 1
    summit = [e for e in _events(store) if e.type == "CONSULT"]
    assert len(summit) == 1 and summit[0].n_mentions == 1 and summit[0].status == "planned"
    with store.session() as s:
        assert not s.scalars(select(Evidence).where(Evidence.doc_id == "recap")).all()


def test_stories_and_wire_copies(store, build):
    recap = build.recap()
    wire = build.recap(doc_id="recap-wire", extra="This story has been updated.")
    wire.source.path = "in/recap-wire.txt"
    _load(store, [build.preview(), recap, wire, build.alleged(), build.denied()])
    with store.session() as s:
        rows = {r.doc_id: r for r in s.scalars(select(DocumentRow))}
    assert rows["recap-wire"].duplicate_of == "recap"
    assert rows["recap"].duplicate_of is None
    # preview and recap report the same summit: one story; the shell claims are another
    assert rows["preview"].story_id == rows["recap"].story_id == rows["recap-wire"].story_id
    assert rows["shells-alleged"].story_id == rows["shells-denied"].story_id
    assert rows["shells-alleged"].story_id != rows["preview"].story_id


# --- the resolvers on their own ------------------------------------------------------

def _ent(key, doc, name, type="PERSON", country=None, kb=None):
    return EntityInput(key=key, doc_id=doc, local_id=f"e{key}", name=name, type=type, country=country, kb_id=kb)


def test_same_name_in_different_countries_stays_apart():
    clusters = resolve_entities([_ent(1, "a", "John Smith", country="GBR"), _ent(2, "b", "John Smith", country="USA"),
                                 _ent(3, "c", "John Smith", country="USA")])
    sizes = sorted(len(c.members) for c in clusters)
    assert sizes == [1, 2] and len({c.id for c in clusters}) == 2


def test_different_kb_ids_never_merge():
    clusters = resolve_entities([_ent(1, "a", "Georgia", "GPE", kb="Q230"), _ent(2, "b", "Georgia", "GPE", kb="Q1428")])
    assert len(clusters) == 2


def test_ambiguous_surname_goes_to_the_co_occurring_person():
    items = [
        _ent(1, "a", "Kim Jong Un", country="PRK"), _ent(2, "a", "Vladimir Putin", country="RUS"),
        _ent(3, "b", "Kim Yo Jong", country="PRK"), _ent(4, "b", "Yoon Suk Yeol", country="KOR"),
        _ent(5, "c", "Kim"), _ent(6, "c", "Putin"),
        _ent(7, "d", "Kim"),  # nothing to tell the two Kims apart: stays alone
    ]
    clusters = resolve_entities(items)
    member = {m.key: c for c in clusters for m in c.members}
    assert member[5] is member[1] and member[5].evidence[5][0] == "co-occurrence"
    assert len(member[7].members) == 1


def _ev(key, doc, actors, recipients, modality="asserted", date=None, published="2024-03-01", mode=None,
        type="CONSULT"):
    return EventInput(key=key, doc_id=doc, local_id=f"v{key}", type=type, actors=actors, recipients=recipients,
                      modality=modality, date_value=date, published=published, mode=mode)


def test_visits_in_opposite_directions_are_two_events():
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], mode="visit", date="2024-02"),
                               _ev(2, "b", ["B"], ["A"], mode="visit", date="2024-02")])
    assert len(clusters) == 2


def test_time_keeps_separate_meetings_apart_and_joins_vague_reports():
    clusters = resolve_events([
        _ev(1, "a", ["A"], ["B"], date="2024-02-10"),
        _ev(2, "b", ["A"], ["B"], date="2024-02-11"),  # a day later: same meeting (tolerance)
        _ev(3, "c", ["B"], ["A"], date="2023-06-01"),  # months earlier: another one
        _ev(4, "d", ["A"], ["B"], published="2024-02-20"),  # undated report soon after
    ])
    by_key = {m.key: c for c in clusters for m in c.members}
    assert by_key[1] is by_key[2] is by_key[4]
    assert by_key[3] is not by_key[1]
    assert by_key[1].date_value in ("2024-02-10", "2024-02-11")


def test_different_types_or_parties_never_merge():
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], date="2024-02"),
                               _ev(2, "b", ["A"], ["B"], date="2024-02", type="AGREE"),
                               _ev(3, "c", ["A"], ["C"], date="2024-02"), _ev(4, "d", [], [], date="2024-02")])
    assert len(clusters) == 4


def test_alleged_then_confirmed():
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], "alleged", published="2024-01-01", type="AID"),
                               _ev(2, "b", ["A"], ["B"], "asserted", published="2024-01-09", type="AID")])
    assert len(clusters) == 1 and clusters[0].status == "confirmed"


def test_negated_and_hypothetical_reports_stay_apart():
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], "planned", date="2024-02"),
                               _ev(2, "b", ["A"], ["B"], "negated", date="2024-02"),
                               _ev(3, "c", ["A"], ["B"], "hypothetical", date="2024-02"),
                               _ev(4, "d", ["A"], ["B"], "asserted", date="2024-02")])
    by_key = {m.key: c for c in clusters for m in c.members}
    assert by_key[1] is by_key[4] and len(clusters) == 3


def test_inferred_dates_are_soft():
    inferred = _ev(2, "b", ["A"], ["B"], date="2024-03-01", published="2024-03-01")
    inferred.date_inferred = True  # only the article's reference time
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], date="2024-02-14"), inferred])
    assert len(clusters) == 1 and clusters[0].date_value == "2024-02-14"


def test_the_firmest_report_of_the_latest_day_sets_the_status():
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], "planned", published="2024-01-01"),
                               _ev(2, "a", ["A"], ["B"], "requested", published="2024-01-01")])
    assert len(clusters) == 1 and clusters[0].status == "planned"
    clusters = resolve_events([_ev(1, "a", ["A"], ["B"], "asserted", date="2024-01", published="2024-01-20"),
                               _ev(2, "b", ["A"], ["B"], "planned", date="2024-01", published="2024-01-25")])
    assert clusters[0].status == "happened"


def test_event_evidence_names_the_shared_parties(store, scenario_docs):
    _load(store, scenario_docs)
    summit = [e for e in _events(store) if e.type == "CONSULT" and e.n_mentions == 2][0]
    reasons = _evidence(store, summit.id)
    joined = [detail for reason, detail in reasons.values() if reason == "same-event"]
    assert len(joined) == 1
    assert "Vladimir Putin" in joined[0] and "Kim Jong" in joined[0] and "overlaps" in joined[0]


def test_a_shared_title_tells_namesakes_apart():
    minister = _ent(1, "a", "Kim Song Nam", country="PRK")
    minister.titles = ["foreign minister"]
    leader = _ent(2, "b", "Kim Jong Un", country="PRK")
    leader.titles = ["leader"]
    bare = _ent(3, "c", "Kim")
    bare.titles = ["Foreign Minister"]
    clusters = resolve_entities([minister, leader, bare])
    member = {m.key: c for c in clusters for m in c.members}
    assert member[3] is member[1] and member[3].evidence[3][0] == "title"


def test_name_normalisation():
    from newsgraph.store.keys import display_key, name_key

    assert (name_key("Kim Jong Un", "PERSON") == name_key("Kim Jong-un", "PERSON")
            == name_key("Mr. Kim Jongun", "PERSON"))
    assert display_key("Putin\u2019s", "PERSON") == "putin"
    assert display_key("U.S.") == "u s"  # not a possessive
    assert display_key("the Kremlin") == "kremlin"
    assert name_key("Kiriyánov", "PERSON") == "kiriyanov"
