"""Briefings: a digest of a period written from the store, every line with its evidence.

    briefing = build_briefing(store, "2024-01-01", "2024-01-31", entities=["Kim Jong-un"])
    text = render(briefing, "markdown")         # or "html" (one self-contained file), "json"

:func:`build_briefing` collects (:mod:`.collect`) a typed :class:`Briefing` (:mod:`.model`):
new events and status changes by story, upcoming plans, notable quotes, first-seen and
rising/falling actors, cooperation vs conflict per pair against the previous period.  Renderers
are registered by name (:func:`register_renderer`); the web app shows the same briefing.
"""

from __future__ import annotations

from .collect import build_briefing, period
from .model import ActorLine, Briefing, Citation, DyadLine, EventLine, QuoteLine, StoryGroup
from .render import RENDERERS, register_renderer, render

__all__ = ["build_briefing", "period", "render", "register_renderer", "RENDERERS", "Briefing", "EventLine",
           "Citation", "QuoteLine", "ActorLine", "DyadLine", "StoryGroup"]
