"""Readable text view of a processed document (``newsgraph extract --format text``).

One function per section, so each stage owns how its facts are shown.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import Document


def render_header(doc: Document, console: Console) -> None:
    console.rule(f"[bold]{doc.title or '(untitled)'}[/bold]")
    console.print(f"doc_id:    {doc.doc_id}")
    if doc.source.path or doc.source.url:
        console.print(f"source:    {doc.source.url or doc.source.path}")
    if doc.source.publisher:
        console.print(f"publisher: {doc.source.publisher}")
    if doc.authors:
        console.print(f"authors:   {', '.join(doc.authors)}")
    console.print(f"published: {doc.published or 'unknown'}")
    if doc.dateline:
        dl = doc.dateline
        console.print(f"dateline:  {dl.text} (place: {dl.place or '?'}, country: {dl.country or '?'})")
    if doc.headings:
        console.print("headings:  " + " | ".join(h.text for h in doc.headings))
    console.print(f"text:      {len(doc.text)} characters")


def render_entities(doc: Document, console: Console) -> None:
    """Actors with their roles, then the relations between them."""
    if not doc.entities:
        return
    names = {e.id: e.name for e in doc.entities}
    table = Table(title="Actors", show_lines=False)
    for col in ("id", "name", "type", "country", "sector", "kb_id", "titles", "affiliations", "mentions"):
        table.add_column(col)
    for ent in doc.entities:
        titles = list(ent.titles) + [f"former {t}" for t in ent.former_titles]
        table.add_row(ent.id, ent.name, ent.type, ent.country or "", ent.sector or "", ent.kb_id or "",
                      "; ".join(titles), "; ".join(names.get(a, a) for a in ent.affiliations),
                      str(len(ent.mentions)))
    console.print(table)
    if doc.relations:
        rel_table = Table(title="Relations")
        for col in ("subject", "predicate", "object", "former"):
            rel_table.add_column(col)
        for rel in doc.relations:
            rel_table.add_row(names.get(rel.subject, rel.subject), rel.predicate,
                              names.get(rel.object, rel.object), "yes" if rel.former else "")
        console.print(rel_table)


def render_timexes(doc: Document, console: Console) -> None:
    if not doc.timexes:
        return
    table = Table(title=f"Time expressions (DCT {doc.published or 'unknown'})")
    for col in ("text", "type", "value", "mod", "anchor", "rule"):
        table.add_column(col)
    for t in doc.timexes:
        anchor = t.anchor or ""
        if anchor.startswith("timex:"):
            i = int(anchor.split(":")[1])
            if 0 <= i < len(doc.timexes):
                anchor = f"{doc.timexes[i].text!r}"
        table.add_row(t.text, t.type, t.value or "(unresolved)", t.mod or "", anchor,
                      t.rule.removeprefix("timexes."))
    console.print(table)


def render_quotes(doc: Document, console: Console) -> None:
    """Quotes grouped by speaker (resolved entity name, else the speaker's words), in text order."""
    if not doc.quotes:
        return
    groups: dict[str, list] = {}
    for q in doc.quotes:
        entity = doc.entity(q.speaker) if q.speaker else None
        if entity is not None:
            who = f"{entity.name} ({entity.id})"
        elif q.speaker_text:
            who = f"{q.speaker_text} (unresolved)"
        else:
            who = "(no speaker found)"
        groups.setdefault(who, []).append(q)
    table = Table(title="Quotes by speaker")
    for col in ("speaker", "kind", "cue", "quote"):
        table.add_column(col)
    for who, quotes in groups.items():
        for i, q in enumerate(quotes):
            shown = q.text if len(q.text) <= 160 else q.text[:157] + "..."
            # article text may hold brackets ("[Mr. Kim]") that Rich would read as markup
            table.add_row(escape(who) if i == 0 else "", q.kind, escape(q.cue or ""), escape(shown))
    console.print(table)
    sourced = [a for a in doc.attributions if a.cue == "according to"]
    if sourced:
        console.print(escape("according to: " + "; ".join(
            f"{a.source_text} ({doc.text[a.start:a.end][:60]}...)" for a in sourced)))


def _names(doc: Document, ids: list[str], texts: list[str]) -> str:
    names = []
    for ent_id in ids:
        ent = doc.entity(ent_id)
        names.append(ent.name if ent else ent_id)
    if not names:
        names = [t for t in texts if t]
    return " + ".join(names) or "?"


def _event_date(ev) -> str:
    if not ev.date or not ev.date.value:
        return "?"
    return f"~{ev.date.value}" if ev.date.inferred else ev.date.value


def render_events(doc: Document, console: Console) -> None:
    """A dated who-did-what-to-whom list ("~" marks a date taken from the reference time)."""
    if not doc.events:
        return
    console.rule("Events: who did what to whom")
    for ev in sorted(doc.events, key=lambda e: (_event_date(e).lstrip("~"), e.trigger.start if e.trigger else 0)):
        did = ev.type + (f"/{ev.mode}" if ev.mode else "")
        line = f"{ev.id:>4}  {_event_date(ev):<12} {_names(doc, ev.actors, ev.actor_text)} --{did}-->"
        if ev.recipients or ev.recipient_text:
            line += " " + _names(doc, ev.recipients, ev.recipient_text)
        line += f"  [{ev.modality}]"
        if ev.location:
            ent = doc.entity(ev.location)
            line += f" in {ent.name if ent else ev.location}" + (" (dateline)" if ev.location_inferred else "")
        if ev.source or ev.source_text:
            ent = doc.entity(ev.source) if ev.source else None
            line += f"; source: {ent.name if ent else ev.source_text}"
        if ev.trigger:
            line += f'; "{ev.trigger.text}"'
        console.print(line, markup=False, highlight=False)


SECTIONS = (render_header, render_entities, render_timexes, render_quotes, render_events)


def render_document(doc: Document, console: Console) -> None:
    for section in SECTIONS:
        section(doc, console)
