"""The brief, watch and alerts commands (thin over newsgraph.brief, .watch, .alerts)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.model import Alert
from newsgraph.store import Store


def _run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_watch_commands(tmp_path):
    db = str(tmp_path / "w.sqlite")
    added = _run("watch", "add", "kim", "--entity", "Kim Jong-un", "--with", "Vladimir Putin", "--types",
                 "ASSAULT,THREATEN", "--quad", "material-conflict", "--status-change", "--quotes", "--first-seen",
                 "--db", db)
    assert added.exit_code == 0, added.output
    [line] = _run("watch", "list", "--db", db).stdout.splitlines()
    rule = json.loads(line)
    assert rule["types"] == ["ASSAULT", "THREATEN"] and rule["quad"] == ["material-conflict"] and rule["first_seen"]
    (tmp_path / "rules.json").write_text(json.dumps([rule | {"name": "copy"}]))
    assert _run("watch", "load", str(tmp_path / "rules.json"), "--db", db).exit_code == 0
    assert len(_run("watch", "list", "--db", db).stdout.splitlines()) == 2
    assert _run("watch", "remove", "kim", "--db", db).exit_code == 0
    assert _run("watch", "remove", "kim", "--db", db).exit_code == 1
    assert _run("watch", "add", "bad", "--types", "SHOUT", "--db", db).exit_code == 1


def test_alerts_list_and_ack(tmp_path):
    db = str(tmp_path / "a.sqlite")
    store = Store(db)
    [alert] = store.alerts.add([Alert(key="k1", watchlist="w", kind="event", subject="V1", reason="a test")], {})
    assert "a test" in _run("alerts", "--unread", "--db", db).stdout
    assert _run("alerts", "ack", str(alert.id), "--db", db).exit_code == 0
    assert _run("alerts", "--unread", "--db", db).stdout == ""
    assert json.loads(_run("alerts", "--json", "--db", db).stdout)["read"] is True
    assert _run("alerts", "ack", "999", "--db", db).exit_code == 1


def test_brief_command_writes_each_format(tmp_path):
    from newsgraph.store import Store

    db = str(tmp_path / "b.sqlite")
    Store(db).close()  # an empty store: a brief never creates one
    assert _run("brief", "--db", str(tmp_path / "missing.sqlite")).exit_code == 1
    out = tmp_path / "b.html"
    assert _run("brief", "--since", "2024-01-01", "--until", "2024-01-07", "-f", "html", "-o", str(out),
                "--db", db).exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    data = json.loads(_run("brief", "--last", "2w", "--until", "2024-01-14", "-f", "json", "--db", db).stdout)
    assert (data["since"], data["until"], data["previous_since"]) == ("2024-01-01", "2024-01-14", "2023-12-18")
    assert "# Briefing 2024-01-08" in _run("brief", "--until", "2024-01-14", "--db", db).stdout
    assert _run("brief", "--last", "soon", "--db", db).exit_code == 1


def test_a_period_outside_the_calendar_is_a_clear_error():
    import pytest

    from newsgraph.brief.collect import period

    assert period("2024-01-01", "2024-01-07") == ("2024-01-01", "2024-01-07")
    for since, until, last in (("0001-01-05", "0001-01-10", None), (None, "2024-01-01", "99999999d"),
                               ("9999-12-01", "9999-12-31", None)):
        with pytest.raises(ValueError, match="outside the calendar"):
            period(since, until, last)
