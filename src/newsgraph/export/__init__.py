"""Exports of the stored corpus.

* ``json``    — one object, CONTRACT.md section 2: ``documents`` (each the section-1
  document, plus ``story`` and ``duplicate_of``, and ``canonical`` on each entity and
  event), canonical ``entities`` (with ``documents``, ``mentions`` and resolution
  ``evidence``), canonical ``events`` (with ``mentions`` [{doc_id, start, end,
  modality}], best-resolved ``date``, ``status``), ``quotes`` (speaker as canonical id)
  and ``stories``;
* ``graphml`` — a networkx multigraph: entity, event and document nodes; actor/recipient
  edges to events, ``reported_in`` edges from events to documents, affiliation edges;
  opens in Gephi, yEd, Cytoscape;
* ``parquet`` — one file per table (documents, entities, mentions, events,
  event_mentions, quotes, stories, evidence) in a folder; DuckDB and Spark read it;
* ``neo4j``   — CSV files with ``neo4j-admin database import`` headers (``:ID``,
  ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``) and an ``import.sh`` naming them.

Every export reads one consistent snapshot of the store (for SQLite, an online backup taken
first, so documents replaced meanwhile by an ingest are seen either before or after, never
half) and is written to a temporary file (or folder) beside ``out`` that is renamed into place
only once complete: a failed export leaves ``out`` as it was.  GraphML edge ids are unique.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..store import Store

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("json", "graphml", "parquet", "neo4j")


def corpus_dict(store: Store, include_text: bool = True) -> dict[str, Any]:
    """The CONTRACT section 2 object."""
    entity_canonical = store.read.entity_canonical_map()
    event_canonical = store.read.event_canonical_map()
    documents = []
    for row in store.read.documents(by_published=True):
        doc_id = row["doc_id"]
        doc = store.load_document(doc_id)
        if doc is None:
            continue  # removed since it was listed (only when reading a live store)
        data = doc.to_dict()
        if not include_text:
            data.pop("text", None)
        for e in data["entities"]:
            e["canonical"] = entity_canonical.get((doc_id, e["id"]))
        for v in data["events"]:
            v["canonical"] = event_canonical.get((doc_id, v["id"]))
        data["story"] = row["story_id"]
        data["duplicate_of"] = row["duplicate_of"]
        documents.append(data)
    return {"documents": documents, "entities": canonical_entities(store), "events": canonical_events(store),
            "quotes": corpus_quotes(store), "stories": stories(store)}


def _evidence_by_canonical(store: Store, kind: str) -> defaultdict[str, list[dict]]:
    """Canonical id -> the merge evidence of its members; ``kind`` (entity | event) also names the
    field that holds the member's local id."""
    evidence: defaultdict[str, list[dict]] = defaultdict(list)
    for r in store.read.evidence(kind):
        evidence[r["canonical_id"]].append({"doc_id": r["doc_id"], kind: r["local_id"], "reason": r["reason"],
                                            "detail": r["detail"]})
    return evidence


def canonical_entities(store: Store) -> list[dict]:
    mentions = store.read.canonical_mentions()
    evidence = _evidence_by_canonical(store, "entity")
    return [{
        "id": r["id"], "name": r["name"], "type": r["type"], "country": r["country"], "sector": r["sector"],
        "kb_id": r["kb_id"], "titles": r["titles"], "aliases": r["aliases"],
        "documents": sorted({m["doc_id"] for m in mentions[r["id"]]} | {e["doc_id"] for e in evidence[r["id"]]}),
        "mentions": mentions[r["id"]], "evidence": evidence[r["id"]],
    } for r in store.read.canonical_entities()]


def canonical_events(store: Store) -> list[dict]:
    mentions = defaultdict(list)
    for r in store.read.event_mentions():
        span = r["trigger"] or r["sentence"] or {}
        mentions[r["canonical_id"]].append({
            "doc_id": r["doc_id"], "event": r["local_id"], "start": span.get("start"), "end": span.get("end"),
            "text": span.get("text"), "modality": r["modality"], "rule": r["rule"]})
    evidence = _evidence_by_canonical(store, "event")
    return [{
        "id": r["id"], "type": r["type"], "mode": r["mode"], "contexts": r["contexts"], "actors": r["actors"],
        "recipients": r["recipients"], "date": {"value": r["date_value"], "text": r["date_text"]},
        "location": r["location"], "modality": r["modality"], "status": r["status"], "history": r["history"],
        "documents": sorted({m["doc_id"] for m in mentions[r["id"]]}), "mentions": mentions[r["id"]],
        "evidence": evidence[r["id"]],
    } for r in store.read.canonical_events(undated_last=False)]


def corpus_quotes(store: Store) -> list[dict]:
    return store.read.quotes_with_canonical_speaker()


def stories(store: Store) -> list[dict]:
    members: dict[str | None, list[str]] = defaultdict(list)
    duplicates: dict[str | None, dict[str, str]] = defaultdict(dict)
    for d in store.read.documents(by_published=True):
        members[d["story_id"]].append(d["doc_id"])
        if d["duplicate_of"]:
            duplicates[d["story_id"]][d["doc_id"]] = d["duplicate_of"]
    return [{"id": r["id"], "title": r["title"], "documents": members.get(r["id"], []),
             "duplicates": duplicates.get(r["id"], {}), "first_published": r["first_published"],
             "last_published": r["last_published"], "evidence": r["evidence"]}
            for r in store.read.stories()]


def write_json(store: Store, out: TextIO) -> None:
    json.dump(corpus_dict(store), out, ensure_ascii=False, indent=1)
    out.write("\n")


# --- GraphML ------------------------------------------------------------------------

def corpus_graph(store: Store) -> nx.MultiDiGraph:
    import networkx as nx

    graph = nx.MultiDiGraph(name="newsgraph corpus")
    entities = canonical_entities(store)
    for e in entities:
        graph.add_node(e["id"], kind="entity", label=e["name"], type=e["type"], country=e["country"] or "",
                       kb_id=e["kb_id"] or "", titles="; ".join(e["titles"]), documents=len(e["documents"]))
    for r in store.read.unordered_documents():
        graph.add_node(r["doc_id"], kind="document", label=r["title"] or r["doc_id"], published=r["published"] or "",
                       story=r["story_id"] or "")
    for v in canonical_events(store):
        graph.add_node(v["id"], kind="event", label=f"{v['type']} {v['date']['value'] or ''}".strip(),
                       type=v["type"], date=v["date"]["value"] or "", status=v["status"], mentions=len(v["mentions"]))
        for a in v["actors"]:
            graph.add_edge(a, v["id"], key="actor", relation="actor")
        for r in v["recipients"]:
            graph.add_edge(v["id"], r, key="recipient", relation="recipient")
        if v["location"]:
            graph.add_edge(v["id"], v["location"], key="location", relation="location")
        for d in v["documents"]:
            graph.add_edge(v["id"], d, key="reported_in", relation="reported_in")
    # affiliations, from the documents' entities
    local = store.read.entity_canonical_map()
    seen = set()
    for doc_id, cid, affs in store.read.entity_affiliations():
        for a in affs:
            target = local.get((doc_id, a))
            if cid and target and (cid, target) not in seen and cid != target:
                seen.add((cid, target))
                graph.add_edge(cid, target, key="affiliated_with", relation="affiliated_with")
    return graph


def write_graphml(store: Store, path: Path) -> None:
    import networkx as nx

    graph = corpus_graph(store)
    # GraphML ids must be unique across the file; networkx writes the edge key as the id
    keyed = nx.MultiDiGraph()
    keyed.graph.update(graph.graph)
    keyed.add_nodes_from(graph.nodes(data=True))
    for n, (a, b, data) in enumerate(graph.edges(data=True)):
        keyed.add_edge(a, b, key=f"e{n}", **data)
    nx.write_graphml(keyed, str(path))


# --- Parquet ------------------------------------------------------------------------

def _tables(store: Store) -> dict[str, list[dict]]:
    entities = canonical_entities(store)
    events = canonical_events(store)
    documents = [{k: r[k] for k in ("doc_id", "title", "published", "source_path", "url", "publisher", "story_id",
                                    "duplicate_of", "content_hash", "text")}
                 for r in store.read.documents(with_text=True)]
    return {
        "documents": documents,
        "entities": [{k: (json.dumps(v) if isinstance(v, list) else v) for k, v in e.items()
                      if k not in ("mentions", "evidence")} for e in entities],
        "mentions": [{"entity_id": e["id"], **m} for e in entities for m in e["mentions"]],
        "events": [{"id": v["id"], "type": v["type"], "mode": v["mode"], "date": v["date"]["value"],
                    "date_text": v["date"]["text"], "status": v["status"], "modality": v["modality"],
                    "location": v["location"], "actors": json.dumps(v["actors"]),
                    "recipients": json.dumps(v["recipients"]), "documents": len(v["documents"])} for v in events],
        "event_mentions": [{"event_id": v["id"], **m} for v in events for m in v["mentions"]],
        "quotes": corpus_quotes(store),
        "stories": [{**st, "documents": json.dumps(st["documents"]), "duplicates": json.dumps(st["duplicates"]),
                     "evidence": json.dumps(st["evidence"])} for st in stories(store)],
        "evidence": [{"kind": kind, "canonical_id": x["id"], **ev}
                     for kind, xs in (("entity", entities), ("event", events))
                     for x in xs for ev in x["evidence"]],
    }


def write_parquet(store: Store, folder: Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in _tables(store).items():
        table = pa.Table.from_pylist(rows) if rows else pa.table({})
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    return written


# --- Neo4j CSV ----------------------------------------------------------------------

def write_neo4j(store: Store, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    entities = canonical_entities(store)
    events = canonical_events(store)
    docs = [(r["doc_id"], r["title"], r["published"], r["story_id"]) for r in store.read.unordered_documents()]

    def write(name: str, header: list[str], rows: list[list[Any]]) -> Path:
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        return path

    arr = lambda xs: ";".join(xs)  # noqa: E731  (neo4j string[] with ; delimiter)
    files = [
        write("entities.csv", ["entityId:ID(Entity)", "name", "type", "country", "kbId", "titles:string[]", ":LABEL"],
              [[e["id"], e["name"], e["type"], e["country"] or "", e["kb_id"] or "", arr(e["titles"]),
                "Entity;" + e["type"].title().replace("_", "")] for e in entities]),
        write("events.csv", ["eventId:ID(Event)", "type", "mode", "date", "status", "modality", ":LABEL"],
              [[v["id"], v["type"], v["mode"] or "", v["date"]["value"] or "", v["status"], v["modality"], "Event"]
               for v in events]),
        write("documents.csv", ["docId:ID(Document)", "title", "published", "story", ":LABEL"],
              [[d, t or "", p or "", st or "", "Document"] for d, t, p, st in docs]),
        write("actor_of.csv", [":START_ID(Entity)", ":END_ID(Event)", ":TYPE"],
              [[a, v["id"], "ACTOR_IN"] for v in events for a in v["actors"]]),
        write("recipient_of.csv", [":START_ID(Event)", ":END_ID(Entity)", ":TYPE"],
              [[v["id"], r, "TARGETS"] for v in events for r in v["recipients"]]),
        write("reported_in.csv", [":START_ID(Event)", ":END_ID(Document)", "start:int", "end:int", "modality", ":TYPE"],
              [[v["id"], m["doc_id"], m["start"] if m["start"] is not None else "",
                m["end"] if m["end"] is not None else "", m["modality"], "REPORTED_IN"]
               for v in events for m in v["mentions"]]),
        write("mentioned_in.csv", [":START_ID(Entity)", ":END_ID(Document)", "start:int", "end:int", "text", ":TYPE"],
              [[e["id"], m["doc_id"], m["start"], m["end"], m["text"], "MENTIONED_IN"]
               for e in entities for m in e["mentions"]]),
    ]
    script = folder / "import.sh"
    script.write_text(
        "#!/bin/sh\n# Load this folder into an empty Neo4j database (Neo4j 5):\n"
        "neo4j-admin database import full --overwrite-destination "
        "--nodes=entities.csv --nodes=events.csv --nodes=documents.csv "
        "--relationships=actor_of.csv --relationships=recipient_of.csv "
        "--relationships=reported_in.csv --relationships=mentioned_in.csv "
        "--array-delimiter=';' \"${1:-neo4j}\"\n", encoding="utf-8")
    return files + [script]


DEFAULT_OUT = {"graphml": Path("newsgraph.graphml"), "parquet": Path("newsgraph-parquet"),
               "neo4j": Path("newsgraph-neo4j")}


def export(store: Store, fmt: str, out: Path | None) -> Path | None:
    """Write ``fmt`` to ``out`` (a file for json/graphml, a folder for parquet/neo4j); json
    without ``out`` goes to standard output.  See the module docstring: one snapshot, and
    ``out`` replaced only by a complete export."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with snapshot(store) as frozen:
        if fmt == "json" and out is None:
            write_json(frozen, sys.stdout)
            return None
        target = Path(out or DEFAULT_OUT[fmt])
        if fmt in ("json", "graphml"):
            with _replacing_file(target) as tmp:
                if fmt == "json":
                    with open(tmp, "w", encoding="utf-8") as f:
                        write_json(frozen, f)
                else:
                    write_graphml(frozen, tmp)
        else:
            with _replacing_folder(target) as tmp:
                (write_parquet if fmt == "parquet" else write_neo4j)(frozen, tmp)
        return target


@contextmanager
def snapshot(store: Store) -> Iterator[Store]:
    """A store that no one else writes to: for SQLite a backup copy in a temporary folder
    (consistent as of one moment), otherwise ``store`` itself."""
    if not store.is_sqlite or not store.url.startswith("sqlite:///"):
        yield store
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-export-") as tmp:
        copy_path = Path(tmp) / "snapshot.sqlite"
        source = sqlite3.connect(store.url.removeprefix("sqlite:///"))
        target = sqlite3.connect(copy_path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        frozen = Store(copy_path, create=False)
        try:
            yield frozen
        finally:
            frozen.close()


@contextmanager
def _replacing_file(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed onto it when the block succeeds."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or None)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def _replacing_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside ``target`` that replaces it when the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield tmp
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
