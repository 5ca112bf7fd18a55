"""Review: analysts' corrections of what resolution decided, kept as statements and re-applied.

    from newsgraph import review
    c = review.correct(store, "merge", ["E1a2b", "E3c4d"], author="ana", reason="same person")
    review.corrections(store)                 # every statement, with withdrawn ones
    review.undo(store, c["id"], by="ana")     # withdrawn; resolution restores the machine's result
    review.apply_corrections(store)           # called at the end of every resolution

A correction says what (``kind``), on which canonical records (``targets``), the new values
(``params``), by whom, when and why.  Kinds:

* ``merge``        targets [keep, drop]          the two canonical entities are one;
* ``split``        targets [entity], params {doc_id, local_id}   that document's entity is not this one;
* ``set-entity``   targets [entity], params {type and/or country};
* ``reject-event`` targets [event]               the event did not take place as extracted (status rejected);
* ``reject-mention`` targets [event], params {doc_id, local_id}  that report is not of this event;
* ``retype``       targets [event], params {type: PLOVER type}.

Canonical ids come from cluster contents, so a later ingest can rename a record; each target is
therefore stored with an anchor (one document fact in it) and found again through the anchor.
"""

from __future__ import annotations

from typing import Any

from .model import ENTITY_TYPES, PLOVER_TYPES
from .store import Store
from .store.corrections import CanonicalEdit

ENTITY_KINDS = ("merge", "split", "set-entity")
EVENT_KINDS = ("reject-event", "reject-mention", "retype")
KINDS = ENTITY_KINDS + EVENT_KINDS


class ReviewError(ValueError):
    """A correction that cannot be stated: unknown kind, missing target or bad values."""


class NotFound(ReviewError):
    """A target record (or a correction to undo) is not stored."""


def corrections(store: Store, active_only: bool = False, target: str | None = None) -> list[dict[str, Any]]:
    return store.corrections.list(active_only=active_only, target=target)


def correct(store: Store, kind: str, targets: list[str], params: dict[str, Any] | None = None,
            author: str = "analyst", reason: str = "") -> dict[str, Any]:
    """State a correction, store it and apply it now; the stored statement."""
    params = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    _check(kind, targets, params)
    anchors = _anchors(store, kind, targets)
    correction_id = store.corrections.add(kind, list(targets), anchors, params, author, reason)
    statement = store.corrections.get(correction_id)
    assert statement is not None
    with store.corrections.editing() as edit:
        _apply(edit, statement)
    return statement


def undo(store: Store, correction_id: int, by: str = "analyst") -> dict[str, Any]:
    """Withdraw a correction and resolve again (the other corrections are re-applied)."""
    from .corpus import resolve

    if not store.corrections.withdraw(correction_id, by):
        raise NotFound(f"no active correction {correction_id}")
    resolve(store, full=True)
    statement = store.corrections.get(correction_id)
    assert statement is not None
    return statement


def apply_corrections(store: Store) -> int:
    """Re-apply every active correction, oldest first, in one transaction; how many changed something."""
    statements = store.corrections.list(active_only=True)
    if not statements:
        return 0
    with store.corrections.editing() as edit:
        return sum(1 for statement in statements if _apply(edit, statement))


# -- checking and anchoring -------------------------------------------------------------------

def _check(kind: str, targets: list[str], params: dict[str, Any]) -> None:
    if kind not in KINDS:
        raise ReviewError(f"unknown correction kind {kind!r}; one of {', '.join(KINDS)}")
    wanted = 2 if kind == "merge" else 1
    if len(targets) != wanted or not all(isinstance(t, str) and t for t in targets):
        raise ReviewError(f"{kind} takes {wanted} target id(s)")
    if kind == "merge" and targets[0] == targets[1]:
        raise ReviewError("merge needs two different entities")
    if kind in ("split", "reject-mention") and not (params.get("doc_id") and params.get("local_id")):
        raise ReviewError(f"{kind} needs params doc_id and local_id (the document's entity or event)")
    if kind == "set-entity":
        if not (params.get("type") or params.get("country")):
            raise ReviewError("set-entity needs params type and/or country")
        if params.get("type") and params["type"] not in ENTITY_TYPES:
            raise ReviewError(f"unknown entity type {params['type']!r}")
        if params.get("country") and not (isinstance(params["country"], str) and len(params["country"]) == 3):
            raise ReviewError("country is an ISO 3166 alpha-3 code")
    if kind == "retype" and params.get("type") not in PLOVER_TYPES:
        raise ReviewError(f"retype needs a PLOVER type, not {params.get('type')!r}")


def _anchors(store: Store, kind: str, targets: list[str]) -> list[dict | None]:
    """One document fact in each target (its first member), so the target is found after re-resolution."""
    anchors: list[dict | None] = []
    for target in targets:
        if kind in ENTITY_KINDS:
            members = sorted((m["doc_id"], m["local_id"]) for m in store.read.entity_members(target))
        else:
            members = sorted((m["doc_id"], m["local_id"]) for m in store.read.event_mentions([target]))
        if not members:
            raise NotFound(f"no stored {'entity' if kind in ENTITY_KINDS else 'event'} {target!r}")
        anchors.append({"doc_id": members[0][0], "local_id": members[0][1]})
    return anchors


def _current(edit: CanonicalEdit, statement: dict[str, Any], index: int, entity: bool) -> str | None:
    """Today's id of a statement's target: through its anchor, else the id it was stated on."""
    target = statement["targets"][index]
    anchor = (statement["anchors"] or [None] * (index + 1))[index]
    exists = edit.entity_exists if entity else edit.event_exists
    if anchor:
        found = (edit.entity_of if entity else edit.event_of)(anchor["doc_id"], anchor["local_id"])
        if found and exists(found):
            return found
    return target if exists(target) else None


def _apply(edit: CanonicalEdit, statement: dict[str, Any]) -> bool:
    kind, params = statement["kind"], statement["params"] or {}
    if kind == "split" or kind == "reject-mention":  # named by the document fact itself
        home = (edit.entity_of if kind == "split" else edit.event_of)(params["doc_id"], params["local_id"])
        if not home:
            return False
        if kind == "split":
            return edit.split_entity(home, params["doc_id"], params["local_id"]) is not None
        return edit.reject_mention(home, params["doc_id"], params["local_id"])
    first = _current(edit, statement, 0, kind in ENTITY_KINDS)
    if first is None:
        return False
    if kind == "merge":
        second = _current(edit, statement, 1, True)
        return second is not None and edit.merge_entities(first, second)
    if kind == "set-entity":
        return edit.set_entity(first, type=params.get("type"), country=params.get("country"))
    if kind == "reject-event":
        return edit.reject_event(first)
    return edit.retype_event(first, params["type"])
