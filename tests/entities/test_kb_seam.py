"""One knowledge base per pipeline: built once from Settings and handed to every stage that needs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.model import Document
from newsgraph.pipeline import Pipeline

FREEDONIA = {"name": "Freedonia", "kind": "state", "country": "XFR", "demonyms": ["Freedonian"],
             "capital": "Fredville", "seats": ["Palace of Rufus"]}  # the README's user-KB example


@pytest.fixture(scope="module")
def freedonia_pipeline(tmp_path_factory) -> Pipeline:
    home = tmp_path_factory.mktemp("home")
    (home / "kb").mkdir()
    (home / "kb" / "states.jsonl").write_text(json.dumps(FREEDONIA) + "\n", encoding="utf-8")
    return Pipeline(Settings(data_dir=Path(home)))


def test_every_stage_gets_the_pipelines_knowledge_base(freedonia_pipeline):
    entities = freedonia_pipeline.stages[freedonia_pipeline.stage_names.index("entities")]
    events = freedonia_pipeline.stages[freedonia_pipeline.stage_names.index("events")]
    assert entities.kb is freedonia_pipeline.kb and events.coder.kb is freedonia_pipeline.kb
    assert freedonia_pipeline.kb.capital_state("Fredville").name == "Freedonia"


def test_visit_to_a_user_capital_is_a_visit_to_the_user_state(freedonia_pipeline):
    doc = Document(doc_id="f", published="2024-01-17",
                   text="Freedonia has prepared for weeks: Mr. Putin is expected to pay a visit to "
                        "Fredville next month.")
    doc = freedonia_pipeline(doc)
    by_name = {e.name: e for e in doc.entities}
    visit = next(e for e in doc.events if e.mode == "visit")
    assert visit.recipients == [by_name["Freedonia"].id]  # the state, not the city
    assert visit.location == by_name["Fredville"].id
    assert by_name["Freedonia"].type == "GPE" and by_name["Freedonia"].country == "XFR"


def test_without_the_user_file_the_city_stays_the_recipient(freedonia_pipeline):
    """The case the seam fixes: the shipped knowledge base knows no Fredville."""
    from newsgraph.events import EventCoder

    doc = freedonia_pipeline(Document(doc_id="f", published="2024-01-17",
                                      text="Freedonia has prepared for weeks: Mr. Putin is expected to pay a "
                                           "visit to Fredville next month."))
    fredville = next(e for e in doc.entities if e.name == "Fredville")
    visit = next(e for e in EventCoder().code(doc) if e.mode == "visit")
    assert visit.recipients == [fredville.id]
