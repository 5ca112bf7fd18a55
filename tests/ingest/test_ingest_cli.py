"""The extract command's handling of inputs: failures counted, exit status, --id and --published checks."""

import json

from typer.testing import CliRunner

from newsgraph.cli import app

TEXT = ("BEIJING — Chinese and Russian diplomats held talks on Monday about shipping routes in the "
        "Arctic, the foreign ministry in Beijing said in a brief statement.")


def test_extract_reports_failures_and_exits_nonzero(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(good), str(bad), str(tmp_path / "missing.txt"),
                                      "--published", "2024-02-05"])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert len(lines) == 1
    assert lines[0]["published"] == "2024-02-05"
    assert lines[0]["dateline"]["place"] == "Beijing"
    assert f"{bad}: invalid JSON" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr
    assert "1 document(s) written, 2 input(s) failed" in result.stderr


def test_extract_id_needs_one_input(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--id", "x"])
    assert result.exit_code == 2 and "--id needs exactly one input" in result.stderr
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--id", "story-1"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["doc_id"] == "story-1"


def test_extract_rejects_malformed_published(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--published", "11/09/2023"])
    assert result.exit_code == 2 and "ISO date" in result.stderr
