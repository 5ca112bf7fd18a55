"""Webhook delivery against a real HTTP server on 127.0.0.1: each alert arrives once, also when
the server was down at the first attempt."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from brief_support import ingest_text
from newsgraph import alerts, watch
from newsgraph.store import Store

ARTICLE = ("OSLO — Norwegian Prime Minister Jonas Gahr Store met Icelandic Prime Minister Bjarni Benediktsson "
           "in Oslo on Monday, the government said. Mr. Store visited Tromso on Tuesday.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self, port: int):
        self.received: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_webhook_receives_each_alert_once_after_being_down(tmp_path, pipeline, monkeypatch):
    monkeypatch.setattr(alerts, "BACKOFF", 0.01)
    port = _free_port()
    store = Store(tmp_path / "hook.sqlite")
    watch.add(store, watch.rule_from_dict({"name": "store", "entity": "Jonas Gahr Store", "delivery": "webhook",
                                           "target": f"http://127.0.0.1:{port}/hook"}))
    report = ingest_text(store, tmp_path, "oslo", ARTICLE, "2024-02-06", pipeline)  # nobody listens yet
    alerts.wait_for_deliveries(30)
    assert report.alerts
    pending = store.alerts.deliveries()
    assert {d["status"] for d in pending} == {"pending"}
    assert all(d["attempts"] == 1 and "Connection refused" in (d["last_error"] or "") for d in pending)
    server = _Server(port)
    try:
        assert alerts.deliver_pending(store) == {"delivered": 0, "failed": 0}  # not due yet: back-off
        assert alerts.deliver_pending(store, all_pending=True)["delivered"] == len(report.alerts)
        assert alerts.deliver_pending(store, all_pending=True) == {"delivered": 0, "failed": 0}
        again = ingest_text(store, tmp_path, "oslo", ARTICLE, "2024-02-06", pipeline)
        alerts.wait_for_deliveries(30)
        assert again.alerts == []
    finally:
        server.stop()
    assert sorted(r["key"] for r in server.received) == sorted(a.key for a in report.alerts)
    assert {d["status"] for d in store.alerts.deliveries()} == {"delivered"}


def test_a_live_webhook_gets_alerts_in_the_background(tmp_path, pipeline):
    port = _free_port()
    server = _Server(port)
    try:
        store = Store(tmp_path / "live.sqlite")
        watch.add(store, watch.rule_from_dict({"name": "store", "entity": "Jonas Gahr Store",
                                               "delivery": "webhook", "target": f"http://127.0.0.1:{port}/"}))
        report = ingest_text(store, tmp_path, "oslo", ARTICLE, "2024-02-06", pipeline)
        alerts.wait_for_deliveries(30)
    finally:
        server.stop()
    assert sorted(r["key"] for r in server.received) == sorted(a.key for a in report.alerts)
    assert all(r["evidence"] for r in server.received)
