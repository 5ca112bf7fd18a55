"""A store holding both seed articles (and a hostile one), and the workbench app served on loopback.

``seed_store_path(folder, pipeline)`` ingests the two seed articles through the corpus API (the
January 2024 one, without a date of its own, with ``published=2024-01-18``); with ``hostile=True``
also ``HOSTILE``, an article
whose title, text, quotes, entity names and URL carry script tags, event handlers and
``javascript:`` links. ``serve_app(app)`` runs uvicorn on 127.0.0.1 in a thread.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path

WRITE_TOKEN = "test-write-token"
HOSTILE_MARK = "__newsgraph_pwned"  # set on window by any hostile payload that runs
PAYLOAD_SCRIPT = f"<script>window.{HOSTILE_MARK}=1</script>"
PAYLOAD_IMG = f'<img src=x onerror="window.{HOSTILE_MARK}=2;alert(2)">'
PAYLOAD_LINK = f"javascript:window.{HOSTILE_MARK}=3"
HOSTILE_NAME = f'Boris <b onmouseover="window.{HOSTILE_MARK}=4">Ivanov</b>'

HOSTILE = {
    "id": "hostile01",
    "title": f"Putin {PAYLOAD_SCRIPT} meets Kim {PAYLOAD_IMG}",
    "url": PAYLOAD_LINK,
    "published": "2024-02-01",
    "text": ("MOSCOW — Russian President Vladimir Putin met North Korean leader Kim Jong-un on Monday. "
             f"{PAYLOAD_SCRIPT}\n"
             f"“We will never {PAYLOAD_IMG} surrender,” Mr. Putin said. Visit {PAYLOAD_LINK} for more.\n"
             f"Russian Foreign Minister Sergey Lavrov said <a href=\"{PAYLOAD_LINK}\">click</a> that talks went well."),
}


def hostile_jsonl(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    return path


def seed_store_path(folder: Path, pipeline: Any, hostile: bool = False) -> Path:
    """A SQLite store under ``folder`` with both seeds (and, with ``hostile``, the hostile article), resolved."""
    from newsgraph.corpus import ingest, resolve
    from newsgraph.store import Store

    db = folder / "workbench.sqlite"
    store = Store(db)
    ingest([str(seed_path(SEED_SUMMIT_PREVIEW))], store, pipeline=pipeline)
    ingest([str(seed_path(SEED_CHOE_VISIT))], store, pipeline=pipeline, published="2024-01-18")
    if hostile:
        ingest([str(hostile_jsonl(folder))], store, pipeline=pipeline)
        poison_names(store)
        resolve(store, full=True)
    store.close()
    return db


def poison_names(store: Any) -> None:
    """Give the hostile article's entities and quotes hostile names (NER never makes such names itself)."""
    doc = store.load_document(HOSTILE["id"])
    assert doc is not None, "the hostile article was not stored"
    for entity in doc.entities:
        if entity.type != "GPE":
            entity.name = f"{entity.name} {PAYLOAD_IMG}"
    if doc.entities:
        doc.entities[-1].name = HOSTILE_NAME
    for quote in doc.quotes:
        quote.speaker_text = f"{quote.speaker_text} {PAYLOAD_SCRIPT}"
    store.remove(doc.doc_id)
    assert store.save(doc, by_source=False) == "added"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 from a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name="test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
