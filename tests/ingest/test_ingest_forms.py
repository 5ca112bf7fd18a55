"""Each input form: .txt, extensionless, HTML (+ .gz), JSON (one, list, wrapped list), JSON Lines,
folders, standard input."""

import gzip
import io
import json
import sys

import pytest

from newsgraph.ingest import IngestError, read_inputs

PARA1 = ("SEOUL, South Korea — South Korea and Japan agreed on Thursday to share real-time missile "
         "warning data, officials in both capitals said, after months of technical talks.")
PARA2 = ("The arrangement links radar stations in the two countries through a hub run by the "
         "United States, according to a statement from the defense ministry.")
PARA3 = ("Officials said the system would be fully working by the end of the year, though some "
         "details of the data exchange were still under discussion.")

HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Allies agree to share missile data | The Harbor Gazette</title>
<meta property="og:title" content="Allies agree to share missile warning data">
<meta property="og:site_name" content="The Harbor Gazette">
<meta name="author" content="Nora Whitfield">
<meta property="article:published_time" content="2023-12-19T08:00:00+09:00">
<link rel="canonical" href="https://harborgazette.example/world/missile-data">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sports">Sports</a></nav>
<article><h1>Allies agree to share missile warning data</h1>
<p>{PARA1}</p><p>{PARA2}</p>
<h2>Next steps</h2>
<p>{PARA3}</p>
<p>Click here to subscribe to our daily newsletter.</p>
</article>
<footer><p>Copyright © 2023 The Harbor Gazette. All rights reserved.</p></footer>
</body></html>"""


def _docs(items):
    errors = [i for i in items if isinstance(i, IngestError)]
    assert not errors, errors
    return items


def test_plain_text_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"Allies agree to share missile warning data\n\n{PARA1}\n\n{PARA2}\n", encoding="utf-8")
    [doc] = _docs(list(read_inputs([str(path)])))
    assert doc.title == "Allies agree to share missile warning data"
    assert doc.text == f"{PARA1}\n\n{PARA2}"
    assert doc.source.path == str(path)


def test_extensionless_text_file(tmp_path):
    path = tmp_path / "STORY"
    path.write_text(f"{PARA1}\n{PARA2}\n", encoding="utf-8")
    [doc] = _docs(list(read_inputs([str(path)])))
    assert doc.text == f"{PARA1}\n\n{PARA2}"


def test_utf8_bom_and_cp1252_text(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + PARA1.encode("utf-8"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("The minister’s visit to Pyongyang ended on Friday, officials said.".encode("cp1252"))
    [a, b] = _docs(list(read_inputs([str(bom), str(legacy)])))
    assert a.text == PARA1
    assert b.text.startswith("The minister’s visit")


@pytest.mark.parametrize("gz", [False, True])
def test_html_page(tmp_path, gz):
    path = tmp_path / ("page.html.gz" if gz else "page.html")
    data = HTML.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    [doc] = _docs(list(read_inputs([str(path)])))
    assert doc.title == "Allies agree to share missile warning data"
    assert doc.authors == ["Nora Whitfield"]
    assert doc.published == "2023-12-19"
    assert doc.source.publisher == "The Harbor Gazette"
    assert doc.source.url == "https://harborgazette.example/world/missile-data"
    assert doc.text.startswith("SEOUL, South Korea —")
    assert doc.dateline.place == "Seoul"
    assert PARA2 in doc.text and PARA3 in doc.text
    assert [h.text for h in doc.headings] == ["Next steps"]
    for unwanted in ("Home", "Sports", "Click here", "Copyright", "newsletter"):
        assert unwanted not in doc.text


def test_json_single_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({
        "id": "wire-0042", "headline": "Allies agree to share missile warning data",
        "body": f"{PARA1}\n\n{PARA2}", "published": "Tue, 19 Dec 2023 08:00:00 +0900",
        "link": "https://harborgazette.example/a", "byline": "By Nora Whitfield and Ken Ito",
        "source": {"name": "The Harbor Gazette"},
    }), encoding="utf-8")
    [doc] = _docs(list(read_inputs([str(path)])))
    assert doc.doc_id == "wire-0042"
    assert doc.title == "Allies agree to share missile warning data"
    assert doc.authors == ["Nora Whitfield", "Ken Ito"]
    assert doc.published == "2023-12-19"
    assert doc.source.url == "https://harborgazette.example/a"
    assert doc.source.publisher == "The Harbor Gazette"
    assert doc.dateline.text == "SEOUL, South Korea"


def test_json_list_and_wrapped_list(tmp_path):
    records = [{"title": "First", "text": PARA1, "date": "2024-06-19"},
               {"title": "Second", "content": PARA2, "authors": [{"name": "Ken Ito"}]}]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(records), encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": records}), encoding="utf-8")
    for path in (listed, wrapped):
        a, b = _docs(list(read_inputs([str(path)])))
        assert (a.title, a.published, a.text) == ("First", "2024-06-19", PARA1)
        assert (b.title, b.authors, b.text) == ("Second", ["Ken Ito"], PARA2)


def test_jsonl_records_and_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"title": "First", "text": PARA1}), "{not json", "",
             json.dumps({"title": "No body"}), json.dumps({"title": "Third", "text": PARA3})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "IngestError", "Document"]
    assert items[1].path == str(path) and items[1].reason.startswith("line 2: invalid JSON")
    assert items[2].reason.startswith("line 4: record has no text")
    assert items[3].title == "Third"


def test_json_record_holding_html(tmp_path):
    path = tmp_path / "html-record.json"
    path.write_text(json.dumps({"title": "Allies agree", "content": HTML}), encoding="utf-8")
    [doc] = _docs(list(read_inputs([str(path)])))
    assert doc.title == "Allies agree"
    assert doc.text.startswith("SEOUL, South Korea —") and "<p>" not in doc.text


def test_folder_recursive_sorted_skipping_hidden_and_unknown(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "2.txt").write_text(PARA2, encoding="utf-8")
    (tmp_path / "a.txt").write_text(PARA1, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": PARA3}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(PARA3, encoding="utf-8")
    (tmp_path / ".cache" / "x.txt").write_text(PARA3, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    docs = _docs(list(read_inputs([str(tmp_path)])))
    assert [d.text for d in docs] == [PARA1, PARA2, PARA3]
    assert docs[1].source.path == str(tmp_path / "b" / "2.txt")


def test_folder_order_is_the_sorted_relative_paths_and_links_to_folders_are_not_followed(tmp_path, monkeypatch):
    from pathlib import Path

    from newsgraph.ingest.reading import walk_folder

    for name in ("a/z.txt", "a.txt", "a b/1.txt", "B.txt", "a/b/c/d.txt", "a/b.txt", "ab/0.html", "a/y.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(PARA1, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "far.txt").write_text(PARA1, encoding="utf-8")
    (tmp_path / "c-link").symlink_to(tmp_path / "outside", target_is_directory=True)
    (tmp_path / "d-link.txt").symlink_to(tmp_path / "a.txt")
    walked = [Path(p) for p in walk_folder(tmp_path) if isinstance(p, str)]
    every = [p for p in tmp_path.rglob("*") if p.is_file() and "c-link" not in p.parts]
    assert walked == sorted(every, key=lambda p: p.relative_to(tmp_path).parts)
    assert tmp_path / "d-link.txt" in walked and tmp_path / "c-link" / "far.txt" not in walked
    monkeypatch.chdir(tmp_path)
    assert next(walk_folder("./a/")) == "a/b/c/d.txt"  # the prefix as pathlib writes it


@pytest.mark.parametrize("content,title", [
    (f"Allies agree to share missile warning data\n\n{PARA1}\n\n{PARA2}", "Allies agree to share missile warning data"),
    (HTML, "Allies agree to share missile warning data"),
    (json.dumps({"title": "From JSON", "text": PARA1}), "From JSON"),
    (json.dumps({"title": "Line one", "text": PARA1}) + "\n" + json.dumps({"title": "Line two", "text": PARA2}),
     "Line one"),
])
def test_stdin_is_sniffed(monkeypatch, content, title):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode("utf-8"))))
    docs = _docs(list(read_inputs(["-"], published="2024-01-02")))
    assert docs[0].title == title
    assert docs[0].source.path is None
    assert docs[0].published == "2024-01-02"


def test_given_id_applies_to_the_one_input(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(PARA1, encoding="utf-8")
    [doc] = _docs(list(read_inputs([str(path)], doc_id="my-id")))
    assert doc.doc_id == "my-id"


def test_web_page_saved_as_txt_and_jsonl_saved_as_json(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text(HTML, encoding="utf-8")
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"text": PARA1}) + "\n" + json.dumps({"text": PARA2}) + "\n", encoding="utf-8")
    [doc] = _docs(list(read_inputs([str(page)])))
    assert doc.title == "Allies agree to share missile warning data" and "<p>" not in doc.text
    assert [d.text for d in _docs(list(read_inputs([str(feed)])))] == [PARA1, PARA2]


@pytest.mark.parametrize("name", ["a.txt", "A.JSONL.GZ", ".hidden", ".hidden.txt", "trailing.", "no_suffix",
                                  "dir.d/file.HTML", "x..y", "archive.tar.gz", "..", "v1.2 report.htm"])
def test_file_suffixes_read_the_string_as_pathlib_reads_the_path(name):
    from pathlib import Path

    from newsgraph.ingest.reading import file_suffixes

    assert file_suffixes(name) == [s.lower() for s in Path(name).suffixes]
