"""Declared stages: the registry, the order check when a Pipeline is built, and the one error policy."""

from __future__ import annotations

import pytest

from newsgraph.entities import EntityStage
from newsgraph.model import Document, StageWarning
from newsgraph.pipeline import (
    STAGE_ORDER,
    Pipeline,
    PipelineResources,
    register_stage,
    registered_stages,
    stage_spec,
    unregister_stage,
)

MARKER = "XYZZY"


class Exploding:
    """Wraps a stage and raises on a document whose text contains MARKER."""

    def __init__(self, name: str, inner=None):
        self.name, self.inner = name, inner

    def __call__(self, doc: Document) -> Document:
        if MARKER in doc.text:
            raise RuntimeError(f"{self.name} cannot read the marker")
        return self.inner(doc) if self.inner else doc


@register_stage("test_exploding", requires=("text",), assigns=("test_marker",))
def make_exploding(resources: PipelineResources) -> Exploding:
    return Exploding("test_exploding")


@register_stage("test_exploding_entities", requires=("analysis",), assigns=("entities", "relations"))
def make_exploding_entities(resources: PipelineResources) -> Exploding:
    return Exploding("test_exploding_entities", EntityStage(resources.settings, resources.kb))


class ExplodingBatch(Exploding):
    """A stage whose batch ``pipe`` fails when one document of the batch has the marker."""

    def pipe(self, docs, batch_size: int = 16):
        return [self(doc) for doc in docs]


@register_stage("test_exploding_batch", requires=("text",), assigns=("test_marker",))
def make_exploding_batch(resources: PipelineResources) -> ExplodingBatch:
    return ExplodingBatch("test_exploding_batch")


def docs(*texts: str) -> list[Document]:
    return [Document(doc_id=f"d{n}", text=text, published="2024-01-17") for n, text in enumerate(texts)]


GOOD = "Mr. Putin met Kim Jong-un in Vladivostok on Wednesday."
BAD = f"Mr. Putin met Kim Jong-un in Vladivostok on Wednesday. {MARKER}"


# --- the registry and the order check -------------------------------------------------------------------

def test_shipped_stages_declare_what_they_need_and_fill():
    specs = registered_stages()
    assert set(STAGE_ORDER) <= set(specs)
    assert specs["analysis"].assigns == ("analysis",)
    assert specs["entities"].requires == ("analysis",) and "entities" in specs["entities"].assigns
    assert set(specs["events"].requires) == {"analysis", "entities"}
    assert "entities" in specs["quotes"].uses and "entities" not in specs["quotes"].requires


def test_a_requirement_no_earlier_stage_assigns_is_refused(settings):
    with pytest.raises(ValueError, match="'entities' requires 'analysis', which no earlier stage assigns"):
        Pipeline(settings, ["entities"])
    with pytest.raises(ValueError, match="'analysis' assigns it but comes later"):
        Pipeline(settings, ["entities", "analysis"])
    with pytest.raises(ValueError, match="'events' requires 'entities'"):
        Pipeline(settings, ["analysis", "events"])


def test_a_use_that_a_later_stage_assigns_is_refused(settings):
    with pytest.raises(ValueError, match="'quotes' uses 'entities', which stage 'entities' assigns only after"):
        Pipeline(settings, ["analysis", "quotes", "entities"])
    assert Pipeline(settings, ["analysis", "quotes"]).stage_names == ["analysis", "quotes"]


def test_unknown_and_clashing_stage_names(settings):
    with pytest.raises(ValueError, match="unknown stage 'no_such_stage'"):
        Pipeline(settings, ["no_such_stage"])
    with pytest.raises(ValueError, match="already registered"):
        register_stage("entities")(make_exploding)
    register_stage("test_transient")(make_exploding)
    assert stage_spec("test_transient").factory is make_exploding
    unregister_stage("test_transient")
    with pytest.raises(ValueError, match="unknown stage"):
        stage_spec("test_transient")


def test_a_stage_called_without_the_parse_says_so(settings):
    from newsgraph.events import make_stage

    with pytest.raises(ValueError, match="'events' needs the spaCy parse"):
        make_stage(settings)(Document(doc_id="x", text=GOOD))


# --- the one error policy ----------------------------------------------------------------------------

def test_a_failing_stage_leaves_a_warning_and_the_others_run(settings):
    pipeline = Pipeline(settings, ["analysis", "test_exploding", *STAGE_ORDER[1:]])
    bad, good = (pipeline(d) for d in docs(BAD, GOOD))
    assert bad.warnings == [StageWarning("test_exploding", "RuntimeError: test_exploding cannot read the marker",
                                         "pipeline.error")]
    assert bad.entities and bad.timexes and bad.events  # nothing depended on the failed stage
    assert good.warnings == [] and good.events


def test_stages_that_require_a_failed_output_are_skipped(settings):
    pipeline = Pipeline(settings, ["analysis", "test_exploding_entities", "timexes", "quotes", "events"])
    bad, good = pipeline.pipe(docs(BAD, GOOD))
    assert [(w.stage, w.rule) for w in bad.warnings] == [("test_exploding_entities", "pipeline.error"),
                                                          ("events", "pipeline.skipped")]
    assert "needs 'entities', which stage 'test_exploding_entities' failed" in bad.warnings[1].message
    assert bad.entities == [] and bad.events == [] and bad.timexes  # timexes does not need entities
    assert good.warnings == [] and good.entities and good.events


def test_one_bad_document_in_a_batch(settings):
    pipeline = Pipeline(settings, ["test_exploding_batch", "analysis", "entities"])
    out = list(pipeline.pipe(docs(GOOD, BAD, GOOD), batch_size=3))
    assert [len(d.warnings) for d in out] == [0, 1, 0]
    assert out[1].warnings[0].stage == "test_exploding_batch" and all(d.entities for d in out)
    assert all(d.analysis is None for d in out)


def test_worker_processes_follow_the_same_policy(settings):
    pipeline = Pipeline(settings, ["analysis", "test_exploding_entities", "timexes"])
    serial = [d.to_dict() for d in pipeline.pipe(docs(GOOD, BAD, GOOD, BAD))]
    parallel = [d.to_dict() for d in pipeline.pipe(docs(GOOD, BAD, GOOD, BAD), workers=2, batch_size=2)]
    assert parallel == serial
    assert [len(d["warnings"]) for d in parallel] == [0, 1, 0, 1]
    assert parallel[1]["warnings"][0]["rule"] == "pipeline.error"


# --- extract shows the warnings --------------------------------------------------------------------------

def test_extract_reports_a_failed_stage_and_exits_0(tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from newsgraph import quotes
    from newsgraph.cli import app

    real = quotes.extract

    def broken_on_marker(doc):
        if MARKER in doc.text:
            raise ValueError("odd quotation marks")
        return real(doc)

    monkeypatch.setattr(quotes, "extract", broken_on_marker)
    (tmp_path / "a.txt").write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(BAD + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0
    records = {json.loads(line)["source"]["path"]: json.loads(line) for line in result.stdout.splitlines()}
    bad = str(tmp_path / "b.txt")
    assert records[bad]["warnings"] == [{"stage": "quotes", "message": "ValueError: odd quotation marks",
                                         "rule": "pipeline.error"}]
    assert records[str(tmp_path / "a.txt")]["warnings"] == [] and records[bad]["events"]
    assert f"{bad}: warning: quotes: ValueError: odd quotation marks" in result.stderr
    assert "2 document(s) written, 1 with warnings" in result.stderr

    text = CliRunner().invoke(app, ["extract", bad, "--format", "text"])
    assert text.exit_code == 0 and "Warnings" in text.stdout
    assert "quotes: ValueError: odd quotation marks (pipeline.error)" in text.stdout
