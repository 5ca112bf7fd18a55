"""Watchlists: rules, stored in the store, saying what a user wants to be alerted about.

A rule is data.  In a file (``newsgraph watch load FILE``) it is JSON: one object, a list of
objects, or ``{"watchlists": [...]}``; each object has these fields (all but ``name`` optional)::

    {
      "name": "kim",                        # unique; loading a rule of the same name replaces it
      "entity": ["Kim Jong-un"],            # events one of them takes part in (actor or recipient),
                                            #   their quotes, the new actors met with them
      "with": ["Vladimir Putin"],           # ... and one of these takes part too
      "types": ["ASSAULT", "THREATEN"],     # PLOVER event types (default: any)
      "quad": ["material-conflict"],        # PLOVER quad classes (default: any)
      "status_change": true,                # also alert when a matching event's status changes
      "quotes": true,                       # alert on new quotes by the "entity" entities
      "first_seen": true,                   # alert on actors seen for the first time (in an
                                            #   event with the "entity" entities, when given)
      "delivery": "webhook",                # none (stored only) | jsonl | webhook
      "target": "http://127.0.0.1:8080/hook" # the JSON Lines file, or the URL to POST to
    }

A string may stand for a one-element list (``"entity": "Kim Jong-un"``).  Names are matched
against every alias of the canonical entities when alerts are evaluated, so a rule may name
someone the store does not know yet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import DELIVERY_KINDS, PLOVER_TYPES, WatchRule
from .query import QUAD, QUAD_CLASSES
from .store import Store
from .store.alerts import now_iso

FIELDS = ("name", "entity", "with", "types", "quad", "status_change", "quotes", "first_seen", "delivery", "target")


class RuleError(ValueError):
    pass


def _names(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")] if field in ("types", "quad") else [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{field}: a string or a list of strings, not {value!r}")
    return [v for v in value if v]


def quad_class(text: str) -> str:
    """``material-conflict`` / ``Material conflict`` -> ``material conflict``; RuleError if unknown."""
    name = text.strip().lower().replace("-", " ").replace("_", " ")
    if name not in QUAD_CLASSES:
        raise RuleError(f"quad: {text!r} is not one of {', '.join(q.replace(' ', '-') for q in QUAD_CLASSES)}")
    return name


def rule_from_dict(data: dict[str, Any]) -> WatchRule:
    """A :class:`WatchRule` from its documented dict form; RuleError says what is wrong."""
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise RuleError(f"unknown field(s): {', '.join(sorted(unknown))}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleError("name: required")
    types = [t.upper() for t in _names(data.get("types"), "types")]
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad:
        raise RuleError(f"types: not PLOVER types: {', '.join(bad)}")
    delivery = data.get("delivery") or "none"
    if delivery not in DELIVERY_KINDS:
        raise RuleError(f"delivery: one of {', '.join(DELIVERY_KINDS)}, not {delivery!r}")
    target = data.get("target")
    if delivery != "none" and not target:
        raise RuleError(f"target: required with delivery {delivery}")
    if delivery == "webhook" and not str(target).startswith(("http://", "https://")):
        raise RuleError(f"target: a webhook needs an http(s) URL, not {target!r}")
    return WatchRule(name=name.strip(), entities=_names(data.get("entity"), "entity"),
                     with_entities=_names(data.get("with"), "with"), types=types,
                     quads=[quad_class(q) for q in _names(data.get("quad"), "quad")],
                     status_change=bool(data.get("status_change")), quotes=bool(data.get("quotes")),
                     first_seen=bool(data.get("first_seen")), delivery=delivery,
                     target=str(target) if target else None)


def rule_to_dict(rule: WatchRule) -> dict[str, Any]:
    """The documented dict form of ``rule`` (what :func:`rule_from_dict` reads)."""
    return {"name": rule.name, "entity": rule.entities, "with": rule.with_entities, "types": rule.types,
            "quad": [q.replace(" ", "-") for q in rule.quads], "status_change": rule.status_change,
            "quotes": rule.quotes, "first_seen": rule.first_seen, "delivery": rule.delivery,
            "target": rule.target}


def read_rules(path: str | Path) -> list[WatchRule]:
    """Rules from a JSON file (one object, a list, or ``{"watchlists": [...]}``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict) and "watchlists" in data:
        data = data["watchlists"]
    items = data if isinstance(data, list) else [data]
    rules = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise RuleError(f"{path}: rule {n}: an object, not {item!r}")
        try:
            rules.append(rule_from_dict(item))
        except RuleError as exc:
            raise RuleError(f"{path}: rule {n}: {exc}") from None
    return rules


def add(store: Store, rule: WatchRule) -> bool:
    """Store ``rule``; True when it replaced one of the same name."""
    rule.created_at = rule.created_at or now_iso()
    return store.alerts.save_watchlist(rule)


def load(store: Store, path: str | Path) -> list[WatchRule]:
    rules = read_rules(path)
    for rule in rules:
        add(store, rule)
    return rules


def rules(store: Store) -> list[WatchRule]:
    return store.alerts.watchlists()


def remove(store: Store, name: str) -> bool:
    return store.alerts.remove_watchlist(name)


# --- matching ------------------------------------------------------------------------

def entity_ids(store: Store, names: list[str]) -> set[str]:
    """Canonical entities known by any of ``names``."""
    found: set[str] = set()
    for name in names:
        found |= store.read.entity_ids_named(name)
    return found


def event_match(rule: WatchRule, event: dict[str, Any], watched: set[str], partners: set[str]) -> str | None:
    """Why ``event`` (a canonical event dict) matches ``rule``, or None.  ``watched`` and
    ``partners`` are the canonical ids of the rule's ``entity`` and ``with`` names."""
    parties = set(event["actors"]) | set(event["recipients"])
    why = []
    if rule.entities:
        if not parties & watched:
            return None
        why.append("takes part: " + ", ".join(sorted(parties & watched)))
    if rule.with_entities:
        if not parties & partners:
            return None
        why.append("with " + ", ".join(sorted(parties & partners)))
    if rule.types:
        if event["type"] not in rule.types:
            return None
        why.append(f"type {event['type']}")
    if rule.quads:
        quad = QUAD.get(event["type"])
        if quad not in rule.quads:
            return None
        why.append(f"quad {quad}")
    if not why:
        return None  # a rule naming nothing about events matches no event
    return "; ".join(why)
