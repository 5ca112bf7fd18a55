"""Renderers of a :class:`Briefing`, registered by name: ``markdown``, ``html``, ``json``.

    text = render(briefing, "markdown")
    @register_renderer("csv")
    def to_csv(briefing: Briefing) -> str: ...
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Callable

from ..query import QUAD_CLASSES
from .model import Briefing, Citation, DyadLine, EventLine

Renderer = Callable[[Briefing], str]
RENDERERS: dict[str, Renderer] = {}


def register_renderer(name: str) -> Callable[[Renderer], Renderer]:
    def put(fn: Renderer) -> Renderer:
        RENDERERS[name] = fn
        return fn
    return put


def render(briefing: Briefing, fmt: str = "markdown") -> str:
    if fmt not in RENDERERS:
        raise ValueError(f"unknown briefing format {fmt!r}; known: {', '.join(sorted(RENDERERS))}")
    return RENDERERS[fmt](briefing)


def briefing_dict(b: Briefing) -> dict:
    data = dataclasses.asdict(b)
    for group, raw in zip(data["stories"], b.stories, strict=True):
        for line, ev in zip(group["events"], raw.events, strict=True):
            line["status_changed"] = ev.status_changed
    return data


@register_renderer("json")
def to_json(b: Briefing) -> str:
    return json.dumps(briefing_dict(b), ensure_ascii=False, indent=1) + "\n"


# --- words shared by markdown and html --------------------------------------------------

def when(ev: EventLine) -> str:
    if ev.date:
        return ev.date + (f" ({ev.date_text})" if ev.date_text and ev.date_text != ev.date else "")
    return f"undated (reported {ev.sort_date})" if ev.sort_date else "undated"


def sentence(ev: EventLine) -> str:
    """"Choe Son-hui, Vladimir Putin met" / "United States accused North Korea"."""
    who = ", ".join(ev.actors) or "someone"
    whom = ", ".join(ev.recipients)
    return f"{who} {ev.words}" + (f" {whom}" if whom else "")


def status_words(ev: EventLine) -> str:
    if ev.status_changed:
        return f"{ev.status_before} → {ev.status}"
    return ev.status if ev.status != "happened" else "reported"


def cite(c: Citation) -> str:
    where = f"[{c.doc_id}{', ' + c.published[:10] if c.published else ''}]"
    return f"{c.title} {where}" if c.title else f"article {where}"


def story_heading(group_title: str | None, story_id: str | None) -> str:
    return group_title or (f"Story {story_id}" if story_id else "Other reports")


def actor_lists(b: Briefing) -> list[tuple[str, str]]:
    """(label, names with document counts) for the first-seen, rising and falling actors."""
    def changes(actors: list) -> str:
        return ", ".join(f"{a.name} ({a.previous} → {a.documents})" for a in actors) or "none"
    return [("First seen", ", ".join(f"{a.name} ({a.documents})" for a in b.first_seen) or "none"),
            ("Reported more", changes(b.rising)), ("Reported less", changes(b.falling))]


def quad_share(counts: dict[str, int]) -> tuple[int, int]:
    """(cooperation, conflict) event counts."""
    coop = sum(counts.get(q, 0) for q in QUAD_CLASSES if "cooperation" in q)
    return coop, sum(counts.values()) - coop


# --- markdown ------------------------------------------------------------------------------

def _md_event(ev: EventLine) -> list[str]:
    head = f"- **{when(ev)}** — {sentence(ev)} · _{ev.type.lower()}{'/' + ev.mode if ev.mode else ''}, " \
           f"{ev.modality}, {status_words(ev)}_"
    if ev.source:
        head += f" · according to {ev.source}"
    if ev.url:
        head += f" · [event]({ev.url})"
    lines = [head]
    for c in ev.citations:
        lines.append(f"  > “{c.sentence}” — {cite(c)}")
    return lines


@register_renderer("markdown")
def to_markdown(b: Briefing) -> str:
    out = [f"# Briefing {b.since} – {b.until}", "",
           f"{b.documents} article(s) published in the period; compared with {b.previous_since} – {b.previous_until}."
           + (f" Entities: {', '.join(b.entities)}." if b.entities else "")
           + (f" Story: {b.story}." if b.story else ""), ""]
    out += ["## New events and status changes", ""]
    for group in b.stories:
        out += [f"### {story_heading(group.title, group.story_id)}", ""]
        for ev in group.events:
            out += _md_event(ev)
        out.append("")
    if not b.stories:
        out += ["None.", ""]
    if b.status_changes:
        out += ["## Status changes", ""]
        for ev in b.status_changes:
            out += _md_event(ev)
        out.append("")
    out += ["## Upcoming", ""]
    for ev in b.upcoming:
        out += _md_event(ev)
    out += ([] if b.upcoming else ["None."]) + [""]
    out += ["## Quotes", ""]
    for q in b.quotes:
        out.append(f"- **{q.speaker}**: “{q.text}” — {cite(q.citation)}")
    out += ([] if b.quotes else ["None."]) + [""]
    out += ["## Actors", ""]
    out += [f"- {label}: {text}" for label, text in actor_lists(b)]
    out += ["", "## Cooperation and conflict by pair (events, this period vs previous)", ""]
    out += _md_dyads(b.dyads)
    return "\n".join(out).rstrip() + "\n"


def _md_dyads(dyads: list[DyadLine]) -> list[str]:
    if not dyads:
        return ["None."]
    rows = ["| pair | cooperation | conflict | previous cooperation | previous conflict |", "|---|---|---|---|---|"]
    for d in dyads:
        (c, k), (pc, pk) = quad_share(d.current), quad_share(d.previous)
        rows.append(f"| {d.a} – {d.b} | {c} | {k} | {pc} | {pk} |")
    return rows


# --- html ----------------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 Georgia,serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em} h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}
h3{font-size:1.02em;color:#444} .meta{color:#666} ul{padding-left:1.1em} li{margin:.5em 0}
.when{font-weight:bold} .tag{font:12px/1 sans-serif;background:#eef;border-radius:3px;padding:1px 5px;color:#335}
.change{background:#fde9c8;color:#7a4a00} blockquote{margin:.25em 0 .25em 1em;color:#444;font-size:.93em}
.cite{color:#777;font-size:.85em} table{border-collapse:collapse} td,th{border:1px solid #ddd;padding:3px 8px}
svg text{font:11px sans-serif}
"""


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_event(ev: EventLine) -> str:
    status_class = "tag change" if ev.status_changed else "tag"
    parts = [f'<span class="when">{_esc(when(ev))}</span> — {_esc(sentence(ev))} ',
             f'<span class="tag">{_esc(ev.type.lower() + ("/" + ev.mode if ev.mode else ""))}</span> ',
             f'<span class="tag">{_esc(ev.modality)}</span> ',
             f'<span class="{status_class}">{_esc(status_words(ev))}</span>']
    if ev.source:
        parts.append(f" · according to {_esc(ev.source)}")
    if ev.url:
        parts.append(f' · <a href="{_esc(ev.url)}">event page</a>')
    for c in ev.citations:
        parts.append(f'<blockquote>“{_esc(c.sentence)}” <span class="cite">— {_esc(cite(c))}</span></blockquote>')
    return "<li>" + "".join(parts) + "</li>"


def dyad_chart(dyads: list[DyadLine]) -> str:
    """An inline SVG bar chart: per pair, cooperation (green) and conflict (red) events, this
    period (solid) beside the previous one (pale)."""
    if not dyads:
        return ""
    row, label_w, bar_w = 34, 230, 300
    top = max(1, max(max(sum(d.current.values()), sum(d.previous.values())) for d in dyads))
    height = row * len(dyads) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
             f'role="img" aria-label="cooperation and conflict by pair">']
    for i, d in enumerate(dyads):
        y = 8 + i * row
        parts.append(f'<text x="0" y="{y + 14}">{_esc(d.a + " – " + d.b)[:60]}</text>')
        for j, counts in enumerate((d.current, d.previous)):
            coop, conflict = quad_share(counts)
            x, yy, opacity = label_w, y + j * 13, "1" if j == 0 else "0.35"
            w1, w2 = bar_w * coop / top, bar_w * conflict / top
            for left, width, colour in ((x, w1, "#3a8a4a"), (x + w1, w2, "#c23b2e")):
                parts.append(f'<rect x="{left:.1f}" y="{yy}" width="{width:.1f}" height="11" fill="{colour}" '
                             f'opacity="{opacity}"/>')
            label = f"{coop}/{conflict}" + (" (prev.)" if j else "")
            parts.append(f'<text x="{x + w1 + w2 + 4:.1f}" y="{yy + 10}">{label}</text>')
    legend = "green: cooperation · red: conflict · pale: previous period"
    parts.append(f'<text x="{label_w}" y="{height - 4}">{legend}</text>')
    return "".join(parts) + "</svg>"


@register_renderer("html")
def to_html(b: Briefing) -> str:
    body = [f"<h1>Briefing {_esc(b.since)} – {_esc(b.until)}</h1>",
            f'<p class="meta">{b.documents} article(s) published in the period; compared with '
            f"{_esc(b.previous_since)} – {_esc(b.previous_until)}."
            + (f" Entities: {_esc(', '.join(b.entities))}." if b.entities else "") + "</p>",
            "<h2>New events and status changes</h2>"]
    for group in b.stories:
        body.append(f"<h3>{_esc(story_heading(group.title, group.story_id))}</h3><ul>"
                    + "".join(_html_event(ev) for ev in group.events) + "</ul>")
    if not b.stories:
        body.append("<p>None.</p>")
    body.append("<h2>Upcoming</h2><ul>" + "".join(_html_event(ev) for ev in b.upcoming) + "</ul>"
                + ("" if b.upcoming else "<p>None.</p>"))
    body.append("<h2>Quotes</h2><ul>" + "".join(
        f'<li><b>{_esc(q.speaker)}</b>: “{_esc(q.text)}” <span class="cite">— {_esc(cite(q.citation))}</span></li>'
        for q in b.quotes) + "</ul>" + ("" if b.quotes else "<p>None.</p>"))
    body.append("<h2>Actors</h2><ul>" + "".join(f"<li>{label}: {_esc(text)}</li>" for label, text in actor_lists(b))
                + "</ul>")
    body.append("<h2>Cooperation and conflict by pair</h2>" + dyad_chart(b.dyads) + _html_dyad_table(b.dyads))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Briefing {_esc(b.since)} – {_esc(b.until)}</title><style>{CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")


def _html_dyad_table(dyads: list[DyadLine]) -> str:
    if not dyads:
        return "<p>None.</p>"
    rows = "".join(f"<tr><td>{_esc(d.a)} – {_esc(d.b)}</td><td>{quad_share(d.current)[0]}</td>"
                   f"<td>{quad_share(d.current)[1]}</td><td>{quad_share(d.previous)[0]}</td>"
                   f"<td>{quad_share(d.previous)[1]}</td></tr>" for d in dyads)
    return ("<table><tr><th>pair</th><th>cooperation</th><th>conflict</th><th>prev. cooperation</th>"
            f"<th>prev. conflict</th></tr>{rows}</table>")
