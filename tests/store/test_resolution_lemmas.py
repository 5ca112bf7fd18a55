"""Trigger-lemma and head-lemma merge rules of the cross-document resolver (synthetic inputs)."""

from __future__ import annotations

from newsgraph.resolve import EntityInput, EventInput, resolve_entities, resolve_events
from newsgraph.resolve.events import lemma_key, trigger_lemma


def _ev(key, doc, actors, lemma, type="ASSAULT", published="2024-05-03", location=None, date=None):
    return EventInput(key=key, doc_id=doc, local_id=f"v{key}", type=type, actors=actors, recipients=[],
                      lemma=trigger_lemma(lemma), published=published, location=location, date_value=date)


def _cluster_of(clusters):
    return {m.key: c for c in clusters for m in c.members}


def test_inflections_and_gerunds_share_a_key():
    assert trigger_lemma("attacked") == trigger_lemma("attack") == "attack"
    assert trigger_lemma("the killing") == lemma_key("kill") == "kill"
    assert trigger_lemma("shootings") == "shoot"  # plural of a gerund
    assert lemma_key("hitting") == "hit" and lemma_key("killing") == "kill"
    assert trigger_lemma("summits") == "summit" and trigger_lemma("agreed") == trigger_lemma("agree")
    assert trigger_lemma("process") == "process" and trigger_lemma(None) is None


def test_an_event_without_participants_joins_by_trigger_lemma():
    clusters = resolve_events([
        _ev(1, "a", ["E-militants"], "attacked", date="2024-05-02"),
        _ev(2, "b", [], "attack"),  # "the attack", nobody named, reported the next day
    ])
    assert len(clusters) == 1
    reason, detail = clusters[0].evidence[2]
    assert reason == "same-trigger" and "'attack'" in detail


def test_trigger_lemma_needs_same_type_lemma_time_and_place():
    country = {"P-kabul": "AFG", "P-herat": "AFG", "P-lahore": "PAK"}
    clusters = resolve_events([
        _ev(1, "a", ["E-militants"], "attacked", location="P-kabul", date="2024-05-02"),
        _ev(2, "b", [], "attack", location="P-herat"),  # same country: compatible
        _ev(3, "c", [], "attack", location="P-lahore"),  # another country
        _ev(4, "d", [], "bombing"),  # another lemma
        _ev(5, "e", [], "attack", type="COERCE"),  # another type
        _ev(6, "f", [], "attack", date="2023-01-15"),  # a year earlier
    ], country_of=country)
    by_key = _cluster_of(clusters)
    assert by_key[1] is by_key[2]
    assert all(by_key[k] is not by_key[1] for k in (3, 4, 5, 6))


def test_across_a_corpus_a_lemma_does_not_join_events_of_different_parties():
    events = [_ev(1, "a", ["E-putin", "E-kim"], "meet", type="CONSULT"),
              _ev(2, "b", ["E-biden", "E-xi"], "meet", type="CONSULT")]
    assert len(resolve_events(events)) == 2
    # among the documents of one topic, the lemma is enough
    assert len(resolve_events(events, same_topic=True)) == 1


def test_within_a_topic_places_in_different_countries_still_split():
    country = {"P-kabul": "AFG", "P-lahore": "PAK"}
    events = [_ev(1, "a", ["E-a"], "attack", location="P-kabul"),
              _ev(2, "b", ["E-b"], "attack", location="P-lahore")]
    assert len(resolve_events(events, country_of=country, same_topic=True)) == 2


def _ent(key, doc, name, type="ORG", head=None, kb=None):
    return EntityInput(key=key, doc_id=doc, local_id=f"e{key}", name=name, type=type, head=head, kb_id=kb)


def test_head_lemma_joins_entities_without_kb_id():
    clusters = _cluster_of(resolve_entities([
        _ent(1, "a", "the 7.6-magnitude quake", "EVENT", head="quake"),
        _ent(2, "b", "the quake", "EVENT", head="quake"),
        _ent(3, "c", "the aftershock", "EVENT", head="aftershock"),
        _ent(4, "d", "the rehab center", "FAC", head="center"),
        _ent(5, "e", "the medical center", "ORG", head="center"),  # another type family
    ]))
    assert clusters[1] is clusters[2] and clusters[1].evidence[2][0] == "head-lemma"
    assert clusters[3] is not clusters[1] and clusters[4] is not clusters[5]


def test_head_lemma_never_overrides_kb_ids_or_full_person_names():
    clusters = _cluster_of(resolve_entities([
        _ent(1, "a", "Georgia", "GPE", head="georgia", kb="Q230"),
        _ent(2, "b", "Georgia", "GPE", head="georgia", kb="Q1428"),
        _ent(3, "c", "Kim Jong Un", "PERSON", head="kim"),
        _ent(4, "d", "Kim Yo Jong", "PERSON", head="kim"),
    ]))
    assert clusters[1] is not clusters[2]
    assert clusters[3] is not clusters[4]
