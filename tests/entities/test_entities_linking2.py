"""Within-document person linking: gender, two people sharing a surname, nicknames (original sentences)."""

from __future__ import annotations


def _mentions(entity):
    return {m.text for m in entity.mentions}



