"""Test helper: the states an event's parties act for (an agent entity acts for its affiliation)."""

from __future__ import annotations

from newsgraph.model import Document


def acting_for(doc: Document, ids: list[str]) -> set[str]:
    """The ids of ``ids`` with each agent entity ("South Korean troops") replaced by its state."""
    out: set[str] = set()
    for i in ids:
        ent = doc.entity(i)
        if ent is not None and ent.rule == "events.agent" and ent.affiliations:
            out.update(ent.affiliations)
        else:
            out.add(i)
    return out
