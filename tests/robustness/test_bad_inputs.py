"""The bad-input catalogue (issue 11): each input that used to hang, crash or break the store
gives a clean result or one line, the batch goes on, and the store stays intact."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import networkx as nx
import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from newsgraph import corpus
from newsgraph.cli import app
from newsgraph.config import Settings
from newsgraph.ingest import IngestError, document_from_text, read_inputs
from newsgraph.model import Document, Source
from newsgraph.pipeline import BUDGET_RULE, Pipeline, StageSpec
from newsgraph.store import Store, StoreError, content_hash

ARTICLE = ("SEOUL, March 3 - North Korean leader Kim Jong Un met Russian President Vladimir Putin on "
           "Tuesday, officials said.\n\n\"We will build a strong friendship,\" Kim said.\n")


def _runner() -> CliRunner:
    return CliRunner()


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


# --- inputs that hung it --------------------------------------------------------------

def test_fifo_alone_or_in_a_folder_is_one_line_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    items = list(read_inputs([str(folder), str(folder / "pipe.txt")]))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.text[:5] for d in items if isinstance(d, Document)] == ["SEOUL"]
    assert len(errors) == 2
    assert all(e.reason == "not a regular file (a FIFO); only regular files are read" for e in errors)


def test_a_device_is_refused():
    (item,) = read_inputs(["/dev/null"])
    assert isinstance(item, IngestError) and item.reason.startswith("not a regular file (a character device)")


@pytest.mark.parametrize("text", [
    'Mr. Kim said "' * 1500,
    '"' * 50_000,
    "Mr. X said.\n" * 4000,
    "Officials met. " * 2000 + "\n\n" + "Word " * 3000,
], ids=["open-quotes", "bare-quotes", "mr-x-said", "long-paragraph"])
def test_pathological_text_is_processed_in_bounded_time(pipeline, text):
    doc = document_from_text(text, path="bad.txt")
    started = time.perf_counter()
    out = pipeline(doc)
    seconds = time.perf_counter() - started
    assert seconds < 2.0 + 0.25 * len(text) / 1024, seconds  # normal articles: ~0.05 s/KB
    assert not [w for w in out.warnings if w.rule == BUDGET_RULE]
    for q in out.quotes:
        assert out.text[q.start:q.end] == q.text


def _starts_set_one_by_one(doc):
    """The paragraph component as it was: each start set through spaCy's setter."""
    from newsgraph.analysis import paragraph_starts

    for i in paragraph_starts(doc):
        doc[i].is_sent_start = True
    return [t.i for t in doc if t.is_sent_start]


@pytest.mark.parametrize("text", [
    "Mr. X said.\n" * 50, "First line\n\n  Indented\r\nthird\t\nfourth\n", "\n\nStarts blank", "Ends here\n",
    "No newline at all.", "a  \n  b \n\n\n c", ARTICLE,
], ids=["lines", "mixed-space", "leading", "trailing", "none", "spaces", "article"])
def test_paragraph_starts_are_those_the_setter_gave(settings, text):
    from newsgraph.analysis import PARAGRAPH_COMPONENT, load_nlp

    nlp = load_nlp(settings.spacy_model)
    component = nlp.get_pipe(PARAGRAPH_COMPONENT)
    marked = component(nlp.make_doc(text))
    assert [t.i for t in marked if t.is_sent_start] == _starts_set_one_by_one(nlp.make_doc(text))


def test_paragraph_component_is_linear_in_lines(settings):
    from newsgraph.analysis import PARAGRAPH_COMPONENT, load_nlp

    nlp = load_nlp(settings.spacy_model)
    doc = nlp.make_doc("Mr. X said.\n" * 10_000)  # 50,000 tokens: setting starts one by one took ~10 s
    started = time.perf_counter()
    nlp.get_pipe(PARAGRAPH_COMPONENT)(doc)
    assert time.perf_counter() - started < 1.0
    assert sum(1 for t in doc if t.is_sent_start) == 10_000


def test_text_over_the_parser_limit_is_parsed_in_pieces_with_whole_text_offsets(pipeline):
    from newsgraph.analysis import PIECE_CHARS

    para = "Kim Jong Un met Vladimir Putin in Moscow on Tuesday, officials said. " * 40
    text = "\n\n".join([para] * (PIECE_CHARS // len(para) + 2))
    assert len(text) > PIECE_CHARS
    out = pipeline(document_from_text(text, path="long.txt"))
    assert not out.warnings
    assert out.analysis.text == out.text
    late = [m for e in out.entities for m in e.mentions if m.start > PIECE_CHARS]
    assert late, "entities are found after the first piece"
    for e in out.entities:
        for m in e.mentions:
            assert out.text[m.start:m.end] == m.text


def test_a_runaway_stage_costs_one_warning_and_the_batch_goes_on(settings):
    class Slow:
        name = "slow"

        def __call__(self, doc: Document) -> Document:
            if "slow" in doc.text:
                time.sleep(5)
            return doc

    quick = Settings(spacy_model=settings.spacy_model, stage_budget_s=0.3, stage_budget_s_per_kb=0.0)
    pipe = Pipeline(quick, stages=[StageSpec("slow", lambda _res: Slow(), requires=("text",))])
    docs = [Document(doc_id=f"d{i}", source=Source(), text=t) for i, t in enumerate(["fast", "slow", "fast"])]
    started = time.perf_counter()
    out = list(pipe.pipe(docs))
    assert time.perf_counter() - started < 3
    assert [len(d.warnings) for d in out] == [0, 1, 0]
    (warning,) = out[1].warnings
    assert warning.rule == BUDGET_RULE and "time budget" in warning.message and "\n" not in warning.message


def test_a_document_over_the_memory_budget_is_refused_with_one_line_and_the_batch_goes_on(settings):
    from newsgraph.pipeline import MEMORY_RULE, estimated_tokens

    small = Settings(spacy_model=settings.spacy_model, max_document_tokens=500)
    pipe = Pipeline(small)
    big = "Officials met in Seoul on Tuesday. " * 100  # 700 tokens
    assert estimated_tokens(big) == 700
    docs = [Document(doc_id=f"d{i}", source=Source(), text=t) for i, t in enumerate([ARTICLE, big, ARTICLE])]
    out = list(pipe.pipe(docs))
    assert [len(d.warnings) for d in out] == [0, 1, 0]
    (warning,) = out[1].warnings
    assert warning.rule == MEMORY_RULE and "\n" not in warning.message and "700 tokens" in warning.message
    assert out[1].analysis is None and not out[1].entities and not out[1].timexes and not out[1].events
    assert out[0].entities and out[2].entities
    unlimited = Pipeline(Settings(spacy_model=settings.spacy_model, max_document_tokens=0))
    assert not unlimited(Document(doc_id="b", source=Source(), text=big)).warnings


def test_the_token_estimate_is_close_to_spacy(pipeline):
    from newsgraph.pipeline import estimated_tokens

    for text in (ARTICLE, "Officials met. " * 300, "Mr. X said.\n" * 200):
        parsed = len(pipeline(document_from_text(text, path="t.txt")).analysis)
        assert 0.8 * parsed <= estimated_tokens(text) <= 1.25 * parsed, (text[:20], parsed)


def test_the_shipped_memory_budget_takes_normal_and_pathological_inputs(settings):
    from newsgraph.pipeline import over_memory_budget

    for text in (ARTICLE, "Mr. X said.\n" * 10_000, "Officials met. " * 70_000):
        assert over_memory_budget(settings, Document(doc_id="x", source=Source(), text=text)) is None


def test_lone_surrogate_neither_crashes_hashing_nor_the_pipeline(pipeline, tmp_path):
    text = "Kim met Putin \ud800 in Moscow on Tuesday."
    assert len(content_hash(text)) == 64
    out = pipeline(Document(doc_id="s", source=Source(), text=text))
    assert out.text[14] == "\ufffd" and len(out.text) == len(text)
    store = Store(tmp_path / "s.sqlite")
    assert store.save(out) == "added"


# --- the store --------------------------------------------------------------------------

def test_bad_db_is_one_line(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database\n" * 100)
    for args in (["timeline", "--db", str(junk)], ["ingest", str(junk), "--db", str(junk)],
                 ["search", "kim", "--db", str(tmp_path)], ["quotes", "--by", "Kim", "--db", "foo://x"]):
        result = _runner().invoke(app, args)
        assert result.exit_code == 1, args
        assert len(_lines(result.output)) == 1, result.output
        assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_queries_never_create_a_store(tmp_path):
    missing = tmp_path / "typo.sqlite"
    for args in (["timeline"], ["entity", "Kim"], ["search", "x"], ["export", "-f", "json"], ["remove", "abc"]):
        result = _runner().invoke(app, [*args, "--db", str(missing)])
        assert result.exit_code == 1, (args, result.output)
        assert "no such store" in result.output and len(_lines(result.output)) == 1
    assert not missing.exists()
    with pytest.raises(StoreError):
        Store(missing, create=False)


def test_a_full_store_stops_with_one_line_and_stays_intact(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Report {i}. " + ARTICLE * (20 + i), encoding="utf-8")
    store = Store(tmp_path / "full.sqlite")
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 30}")

    store.engine.dispose()
    event.listen(store.engine, "connect", cap)
    report = corpus.ingest([str(folder)], store, pipeline=pipeline)
    assert report.stopped is not None and "the store is full" in report.stopped and "\n" not in report.stopped
    assert 0 < report.count("added") < 6
    assert store.check_integrity() == []


def test_same_file_by_another_path_replaces(tmp_path, pipeline, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = Store(tmp_path / "s.sqlite")
    monkeypatch.chdir(tmp_path)
    corpus.ingest(["corpus"], store, pipeline=pipeline)
    article.write_text(ARTICLE + "\nTalks will resume in May, the ministry said.\n", encoding="utf-8")
    report = corpus.ingest([str(folder.resolve())], store, pipeline=pipeline)
    assert [i.status for i in report.items] == ["replaced"]
    assert store.count() == 1


def test_published_only_supplies_a_missing_date(tmp_path, pipeline):
    dated = tmp_path / "dated.txt"
    dated.write_text("Published: 2024-06-19\n\n" + ARTICLE, encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text(ARTICLE.replace("Kim said", "Putin said"), encoding="utf-8")
    store = Store(tmp_path / "s.sqlite")
    corpus.ingest([str(dated), str(undated)], store, pipeline=pipeline, published="2023-01-01")
    dates = {Path(d.source.path or "").name: d.published for d in store.iter_documents()}
    assert dates == {"dated.txt": "2024-06-19", "undated.txt": "2023-01-01"}


# --- exports ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_store(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("small")
    for i, who in enumerate(("Kim", "Putin", "Lavrov")):
        (folder / f"{i}.txt").write_text(ARTICLE.replace("Kim said", f"{who} said"), encoding="utf-8")
    store = Store(folder / "s.sqlite")
    corpus.ingest([str(folder)], store, pipeline=pipeline)
    return store


def test_failed_export_leaves_the_old_file(small_store, tmp_path, monkeypatch):
    import newsgraph.export as export_module

    out = tmp_path / "corpus.json"
    export_module.export(small_store, "json", out)
    before = out.read_text(encoding="utf-8")
    assert json.loads(before)["documents"]

    def broken(store, handle):
        handle.write("{partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "write_json", broken)
    result = _runner().invoke(app, ["export", "-f", "json", "-o", str(out), "--db", small_store.url[10:]])
    assert result.exit_code == 1 and len(_lines(result.output)) == 1
    assert "left as it was" in result.output
    assert out.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.json"]


def test_graphml_edge_ids_are_unique(small_store, tmp_path):
    from newsgraph.export import export

    path = export(small_store, "graphml", tmp_path / "g.graphml")
    assert path is not None
    ids = [line.split('id="')[1].split('"')[0] for line in path.read_text().splitlines() if "<edge " in line]
    assert ids and len(ids) == len(set(ids))
    assert nx.read_graphml(path).number_of_edges() == len(ids)


# --- the command line -------------------------------------------------------------------

def test_version():
    result = _runner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("newsgraph ")


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("NEWSGRAPH_SPACY_MODEL", "no_such_model", "spaCy model 'no_such_model' is not installed"),
    ("NEWSGRAPH_TORCH_THREADS", "two", "NEWSGRAPH_TORCH_THREADS must be a whole number"),
])
def test_a_setting_that_cannot_be_used_is_one_line_and_exit_2(tmp_path, variable, value, says):
    """The installed command (``newsgraph.cli:main``) in a fresh process, as a user runs it."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Egypt sent four fighter jets to Sudan last month.\n", encoding="utf-8")
    env = {**os.environ, variable: value, "NEWSGRAPH_HOME": str(tmp_path / "home")}
    if variable == "NEWSGRAPH_TORCH_THREADS":
        pytest.importorskip("torch", reason="the event model (ml extra) reads this setting")
    result = subprocess.run([sys.executable, "-m", "newsgraph", "extract", str(tmp_path / "a.txt")], env=env,
                            capture_output=True, text=True, timeout=300)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(errors) == 1 and says in errors[0]


def test_piped_tables_are_not_cut_to_80_columns(small_store):
    result = _runner().invoke(app, ["timeline", "--db", small_store.url[10:]])
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) > 80
    assert "…" not in result.output
