"""Bad input never stops the batch: one IngestError naming the file and the reason, per problem."""

import gzip
import json
import os

import pytest

from newsgraph.config import Settings
from newsgraph.ingest import IngestError, read_inputs

GOOD = ("Russian and North Korean officials signed a new agreement on river transport on Friday, "
        "state media in both countries reported.")


def _one_error(path, settings=None):
    items = list(read_inputs([str(path)], settings))
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    assert items[0].path == str(path)
    assert "\n" not in str(items[0])
    return items[0].reason


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n \t\n", "empty file"),
    ("nul.txt", b"abc\x00\x01\x02def", "binary file"),
    ("doc.txt", b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ("mixed.txt", "Ünïcödé ".encode() + b"\x81\x8d\x8f", "undecodable"),
    ("broken.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
    ("broken.json", b'{"text": "unfinished', "invalid JSON at line 1"),
    ("nothing.json", b"[]", "no records"),
    ("notext.json", json.dumps({"title": "Only a headline"}).encode(), "record has no text"),
    ("scalar.json", b"42", "expected a JSON object"),
    ("only-furniture.txt", b"Click here to subscribe.\n\nAdvertisement\n", "no article text left"),
    ("slides.pptx", b"PK\x03\x04", "unsupported file type '.pptx'"),
    ("bad.html.gz", b"\x1f\x8bnot really gzip", "gzip"),
])
def test_bad_file(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    assert reason in _one_error(path)


def test_oversized_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 20, encoding="utf-8")
    assert "too large" in _one_error(path, Settings(max_input_bytes=1000))


def test_gzip_bomb_is_stopped(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 100_000))
    assert "over limit" in _one_error(path, Settings(max_input_bytes=10_000))


def test_missing_path(tmp_path):
    assert _one_error(tmp_path / "nope.txt") == "no such file or folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        assert _one_error(path) == "permission denied"
    finally:
        path.chmod(0o644)


def test_unreadable_file_as_root_simulated(tmp_path, monkeypatch):
    """Permission errors are reported even where tests run as root (open() is made to fail)."""
    import builtins

    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    assert _one_error(path) == "permission denied"


def test_batch_goes_on_after_errors(tmp_path):
    good1, good2 = tmp_path / "1.txt", tmp_path / "3.txt"
    good1.write_text(GOOD, encoding="utf-8")
    good2.write_text(GOOD + " Talks continue.", encoding="utf-8")
    bad = tmp_path / "2.txt"
    bad.write_bytes(b"\x00\x00")
    items = list(read_inputs([str(good1), str(bad), str(tmp_path / "missing.txt"), str(good2)]))
    assert [isinstance(i, IngestError) for i in items] == [False, True, True, False]
    assert str(items[1]).startswith(str(bad) + ": binary file")


def test_folder_that_cannot_be_listed(tmp_path, monkeypatch):
    from newsgraph.ingest import reading

    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(reading.os, "scandir", scandir)
    items = list(read_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError"]
    assert str(items[1]) == f"{tmp_path / 'locked'}: cannot list folder: Permission denied"


def test_oversized_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode() * 10)))
    [item] = list(read_inputs(["-"], Settings(max_input_bytes=200)))
    assert item.path == "<stdin>" and "too large" in item.reason


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    [doc] = list(read_inputs([str(path)]))
    assert doc.text == GOOD


def test_jsonl_is_streamed_past_the_file_size_limit(tmp_path):
    path = tmp_path / "feed.jsonl"
    record = json.dumps({"text": GOOD})
    path.write_text("\n".join([record] * 30 + [json.dumps({"text": GOOD + " x" * 400})]) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)], Settings(max_input_bytes=500)))
    assert sum(not isinstance(i, IngestError) for i in items) == 30
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert errors == [f"{path}: line 31: line longer than limit 500 bytes"]


@pytest.mark.parametrize("data,reason", [(b"", "empty file"), (b"\x00\x01{}", "binary file"),
                                         (b"%PDF-1.4", "PDF")])
def test_bad_jsonl_file(tmp_path, data, reason):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(data)
    assert reason in _one_error(path)


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"text": GOOD}) + "\n").encode() * 3))
    assert [i.text for i in read_inputs([str(path)])] == [GOOD] * 3
