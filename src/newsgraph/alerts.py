"""Alerts: what an ingest or a removal changed, matched against the watchlists, and delivered.

    new = alerts.after_change(store, changed_docs)   # called once by corpus.ingest / corpus.remove
    alerts.deliver_pending(store)                     # retry what could not be delivered yet

Evaluation looks only at what changed: the canonical events with a report in the documents
just added or replaced (new events, and events whose status those reports changed), the new
quotes in them, and the canonical entities seen only in them (first seen).  After a removal it
looks again at the events alerted before.  Plans whose date passed with no report that they
happened (``overdue``) are looked for among the plans dated in the 90 days before the corpus's
newest report.

Each alert is raised once: its ``key`` names the watchlist, the kind of match, and what was
matched by stable, readable facts (an event's type, its parties' names and its date; a quote's
speaker and text; an entity's name) rather than by row or cluster ids, which change when an
article is replaced.  Re-ingesting the same articles raises none.

Delivery per watchlist: ``none`` (stored only), ``jsonl`` (one JSON object per line appended to
the target file) or ``webhook`` (HTTP POST of the alert as JSON).  Deliveries are rows of their
own: sent in a background thread after the ingest (the ingest never waits for them; at exit the
process waits at most :data:`EXIT_WAIT` seconds), tried :data:`ATTEMPTS` times with back-off,
and kept pending when they fail, to be retried by the next ingest or ``newsgraph alerts deliver``.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import hashlib
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .brief.words import plain_words
from .model import SCHEDULED_MODALITIES, Alert, Modality, WatchRule
from .resolve.events import OVERDUE, status_as_of
from .store import Store
from .store.alerts import now_iso
from .watch import entity_ids, event_match

ATTEMPTS = 3  # tries per delivery run
BACKOFF = 0.25  # seconds before the second try; doubled for each later one
RETRY_LATER = dt.timedelta(seconds=30)  # a failed delivery is due again after this (doubling)
TIMEOUT = 5.0  # seconds per HTTP request
EXIT_WAIT = 5.0  # seconds the process waits at exit for deliveries still under way
OVERDUE_LOOKBACK = dt.timedelta(days=90)


# --- evaluation -----------------------------------------------------------------------

def after_change(store: Store, changed_docs: Iterable[str], removed: bool = False,
                 deliver: bool = True) -> list[Alert]:
    """Evaluate the watchlists against what ``changed_docs`` (added or replaced documents)
    changed, or, with ``removed``, against the events alerted before; store the new alerts and
    start delivering them (in the background).  The new alerts."""
    rules = store.alerts.watchlists()
    if not rules:
        return []
    docs = set(changed_docs)
    new = store.alerts.add(evaluate(store, rules, docs, removed), _delivery_targets(rules))
    if deliver:
        deliver_in_background(store)
    return new


def evaluate(store: Store, rules: list[WatchRule], docs: set[str], removed: bool = False) -> list[Alert]:
    """Candidate alerts (not yet checked against those already raised)."""
    event_ids = store.read.canonical_events_of_documents(docs) if docs else set()
    if removed:
        event_ids |= store.alerts.alerted_subjects("event") | store.alerts.alerted_subjects("status")
    as_of = (store.read.newest_published() or "")[:10] or None
    overdue = _overdue_candidates(store, as_of) if any(r.status_change for r in rules) else []
    events = {e["id"]: e for e in store.read.canonical_events_by_id(event_ids)}
    events.update({e["id"]: e for e in overdue})
    reports = _reports_by_event(store, set(events))
    names = store.read.entity_names({p for e in events.values() for p in (*e["actors"], *e["recipients"])})
    quotes = store.read.quotes_in(doc_ids=docs) if docs and any(r.quotes for r in rules) else []
    first_seen = store.read.entities_only_in(docs) if docs and any(r.first_seen for r in rules) else set()
    out: list[Alert] = []
    for rule in rules:
        watched, partners = entity_ids(store, rule.entities), entity_ids(store, rule.with_entities)
        for event in events.values():
            out += _event_alerts(rule, event, watched, partners, names, reports.get(event["id"], []), as_of)
        if rule.quotes and watched:
            theirs = [q for q in quotes if q["speaker"] in watched]
            out += _quote_alerts(rule, theirs, names | store.read.entity_names(watched))
        if rule.first_seen and first_seen:
            out += _first_seen_alerts(store, rule, first_seen, watched, events.values(), reports)
    return out


def _delivery_targets(rules: list[WatchRule]) -> dict[str, tuple[str, str]]:
    return {r.name: (r.delivery, r.target) for r in rules if r.delivery != "none" and r.target}


def _overdue_candidates(store: Store, as_of: str | None) -> list[dict[str, Any]]:
    if not as_of:
        return []
    start = (dt.date.fromisoformat(as_of) - OVERDUE_LOOKBACK).isoformat()
    return [e for e in store.read.canonical_events(since=start, until=as_of, statuses=SCHEDULED_MODALITIES)
            if status_as_of(e["history"], as_of, e["date_value"]) == OVERDUE]


def _reports_by_event(store: Store, event_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in store.read.event_reports(event_ids) if event_ids else []:
        out.setdefault(r["canonical_id"], []).append(r)
    return out


def event_key(event: dict[str, Any], names: dict[str, str]) -> str:
    """What identifies an event across re-resolution: type, parties' names, date."""
    def who(ids: list[str]) -> str:
        return ",".join(sorted(names.get(i, i) for i in ids))
    return f"{event['type']}|{who(event['actors'])}|{who(event['recipients'])}|{event['date_value'] or ''}"


def evidence_of(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citations: the document, its title and date, the sentence and how it reported the event."""
    return [{"doc_id": r["doc_id"], "title": r["title"], "published": r["published"],
             "sentence": (r["sentence"] or r["trigger"] or {}).get("text"), "modality": r["modality"],
             "source": r["source_text"]} for r in reports]


def status_change(event: dict[str, Any], as_of: str | None = None) -> tuple[str, str] | None:
    """(from, to) when the event's reports moved its status (planned -> happened, alleged ->
    confirmed, planned -> cancelled, planned -> overdue as of ``as_of``...), else None."""
    days = sorted({str(h.get("published") or "")[:10] for h in event["history"]})
    if not days:
        return None
    first = status_as_of(event["history"], days[0])
    last = status_as_of(event["history"], as_of or days[-1], event["date_value"]) if as_of else event["status"]
    if first is None or last is None or first == last:
        return None
    return first, last


def _event_alerts(rule: WatchRule, event: dict[str, Any], watched: set[str], partners: set[str],
                  names: dict[str, str], reports: list[dict[str, Any]], as_of: str | None) -> list[Alert]:
    why = event_match(rule, event, watched, partners)
    if why is None or event["modality"] == Modality.HYPOTHETICAL:  # "could meet" is no news
        return []
    for cid, name in names.items():
        why = why.replace(cid, name)
    what = plain_words(event["type"], event["mode"], bool(event["recipients"]))
    who = ", ".join(names.get(a, a) for a in event["actors"]) or "someone"
    whom = " " + ", ".join(names.get(r, r) for r in event["recipients"]) if event["recipients"] else ""
    why = f"{who} {what}{whom} ({event['date_value'] or 'undated'}); {why}"
    key = event_key(event, names)
    detail = {**event, "actor_names": [names.get(a, a) for a in event["actors"]],
              "recipient_names": [names.get(r, r) for r in event["recipients"]]}
    evidence = evidence_of(reports)
    out = []
    if reports and event["status"] != OVERDUE:
        out.append(Alert(key=f"{rule.name}|event|{key}", watchlist=rule.name, kind="event", subject=event["id"],
                         reason=f"{why}; status {event['status']}", evidence=evidence, detail=detail))
    change = status_change(event, as_of) if rule.status_change else None
    if change:
        out.append(Alert(key=f"{rule.name}|status|{key}|{change[1]}", watchlist=rule.name, kind="status",
                         subject=event["id"], reason=f"{why}; status {change[0]} -> {change[1]}",
                         evidence=evidence, detail={**detail, "status_from": change[0], "status_to": change[1]}))
    return out


def _quote_alerts(rule: WatchRule, quotes: list[dict[str, Any]], names: dict[str, str]) -> list[Alert]:
    out = []
    for q in quotes:
        speaker = names.get(q["speaker"], q["speaker_text"] or "?")
        digest = hashlib.sha1(q["text"].encode("utf-8")).hexdigest()[:16]
        out.append(Alert(key=f"{rule.name}|quote|{speaker}|{digest}", watchlist=rule.name, kind="quote",
                         subject=f"{q['doc_id']}:{q['start']}", reason=f"quote by {speaker}",
                         evidence=[{"doc_id": q["doc_id"], "title": q["title"], "published": q["published"],
                                    "sentence": q["text"], "cue": q["cue"]}],
                         detail={**q, "speaker_name": speaker}))
    return out


def _first_seen_alerts(store: Store, rule: WatchRule, first_seen: set[str], watched: set[str],
                       events: Iterable[dict[str, Any]], reports: dict[str, list[dict[str, Any]]]) -> list[Alert]:
    near: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        parties = set(event["actors"]) | set(event["recipients"])
        if watched and not parties & watched:
            continue
        for p in (parties & first_seen) - watched:
            near.setdefault(p, []).extend(reports.get(event["id"], [])[:1])
    wanted = set(near) if watched else first_seen
    out = []
    for entity in store.read.canonical_entities(wanted):
        if entity["type"] not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        with_whom = " with a watched entity" if watched else ""
        out.append(Alert(key=f"{rule.name}|first-seen|{entity['name']}|{entity['type']}", watchlist=rule.name,
                         kind="first-seen", subject=entity["id"],
                         reason=f"{entity['name']} ({entity['type']}) seen for the first time{with_whom}",
                         evidence=evidence_of(near.get(entity["id"], [])), detail=entity))
    return out


# --- delivery --------------------------------------------------------------------------

def alert_payload(alert: Alert) -> dict[str, Any]:
    return dataclasses.asdict(alert)


_DELIVERY_LOCK = threading.Lock()  # one delivery run at a time in a process: nothing sent twice
_running: list[threading.Thread] = []


def deliver_pending(store: Store, all_pending: bool = False, attempts: int = ATTEMPTS,
                    backoff: float = BACKOFF) -> dict[str, int]:
    """Send the pending deliveries that are due (every pending one with ``all_pending``);
    {"delivered": n, "failed": n}."""
    done = {"delivered": 0, "failed": 0}
    with _DELIVERY_LOCK:
        due = store.alerts.due_deliveries(None if all_pending else now_iso())
        alerts = {a.id: a for a in store.alerts.alerts(ids={d["alert_id"] for d in due})} if due else {}
        for d in due:
            alert = alerts.get(d["alert_id"])
            if alert is None:
                continue
            error = _send(d["kind"], d["target"], alert_payload(alert), attempts, backoff)
            if error is None:
                store.alerts.delivered(d["id"])
                done["delivered"] += 1
            else:
                later = dt.datetime.now(dt.UTC) + RETRY_LATER * 2 ** min(d["attempts"], 10)
                store.alerts.failed(d["id"], error, later.isoformat(timespec="milliseconds"))
                done["failed"] += 1
    return done


def _send(kind: str, target: str, payload: dict[str, Any], attempts: int, backoff: float) -> str | None:
    """None when sent, else the last error."""
    error = None
    for n in range(max(1, attempts)):
        if n:
            time.sleep(backoff * 2 ** (n - 1))
        try:
            if kind == "jsonl":
                with Path(target).open("a", encoding="utf-8") as f:
                    f.write(json.dumps(payload, ensure_ascii=False) + "\n")
            else:
                _post(target, payload)
            return None
        except (OSError, urllib.error.URLError, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc}"
    return error


def _post(url: str, payload: dict[str, Any]) -> None:
    request = urllib.request.Request(url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - the user's own URL
        if not 200 <= response.status < 300:
            raise ValueError(f"HTTP {response.status}")


def deliver_in_background(store: Store) -> threading.Thread | None:
    """Start a delivery run in a daemon thread (none when nothing is pending)."""
    if not store.alerts.due_deliveries(now_iso()):
        return None
    thread = threading.Thread(target=_deliver_quietly, args=(store,), name="newsgraph-alerts", daemon=True)
    thread.start()
    _running.append(thread)
    return thread


def _deliver_quietly(store: Store) -> None:
    try:
        deliver_pending(store)
    except Exception:  # noqa: BLE001 - a delivery problem must never reach the ingest; rows stay pending
        pass


def wait_for_deliveries(timeout: float = EXIT_WAIT) -> None:
    """Wait (at most ``timeout`` seconds in all) for background deliveries still running."""
    deadline = time.monotonic() + timeout
    for thread in list(_running):
        thread.join(max(0.0, deadline - time.monotonic()))
        if not thread.is_alive():
            _running.remove(thread)


atexit.register(wait_for_deliveries)


# --- reading ---------------------------------------------------------------------------

def list_alerts(store: Store, unread: bool = False, since: str | None = None) -> list[Alert]:
    return store.alerts.alerts(unread=unread, since=since)


def ack(store: Store, ids: Iterable[int]) -> int:
    return store.alerts.ack(ids)
