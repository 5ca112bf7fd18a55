"""Acceptance on the two seed articles (read from ../shared/seeds; skipped when absent)."""

from __future__ import annotations

import pytest

from conftest import SEED_CHOE_VISIT, SEED_SUMMIT_PREVIEW, seed_path
from newsgraph.model import Document

# SEED_SUMMIT_PREVIEW is dated Monday 2023-09-11, SEED_CHOE_VISIT Wednesday 2024-01-17.


def _run(pipeline_stages, path, published):
    text = seed_path(path).read_text(encoding="utf-8")
    doc = Document(doc_id=path.stem, text=text, published=published)
    for stage in pipeline_stages:
        doc = stage(doc)
    return doc


@pytest.fixture(scope="module")
def stages(settings):
    from newsgraph.pipeline import build_stage

    return [build_stage("analysis", settings), build_stage("timexes", settings)]


def _values(doc, surface):
    """Values of every timex whose text is ``surface`` (case-insensitive), in text order."""
    return [t.value for t in doc.timexes if t.text.lower() == surface.lower()]


def _one(doc, surface, context):
    """The value of the timex ``surface`` found right after the words ``context``."""
    at = doc.text.index(context) + len(context)
    for t in doc.timexes:
        if t.start >= at and t.text.lower() == surface.lower():
            return t
    raise AssertionError(f"no timex {surface!r} after {context!r}")


@pytest.fixture(scope="module")
def summit(stages):
    return _run(stages, SEED_SUMMIT_PREVIEW, "2023-09-11")


@pytest.fixture(scope="module")
def choe(stages):
    return _run(stages, SEED_CHOE_VISIT, "2024-01-17")


def test_summit_weekdays(summit):
    assert _one(summit, "Tuesday", "armored train ").value == "2023-09-12"
    assert _one(summit, "Tuesday", "as soon as ").value == "2023-09-12"
    assert _one(summit, "Monday", "Seoul said ").value == "2023-09-11"
    assert _one(summit, "Sunday", "kicked off ").value == "2023-09-10"
    # "on Saturday and Sunday": two DATE timexes, one per day
    assert _one(summit, "Saturday", "20 summit on ").value == "2023-09-09"
    assert _one(summit, "Sunday", "Saturday and ").value == "2023-09-10"


def test_summit_months_and_relative(summit):
    assert _values(summit, "July")[0] == "2023-07"
    assert _values(summit, "last month") == ["2023-08"]
    assert _values(summit, "February 2019") == ["2019-02"]
    later = _one(summit, "Two months later", "Vietnam. ")
    assert later.value == "2019-04"
    assert summit.timexes[int(later.anchor.split(":")[1])].text == "February 2019"
    assert set(_values(summit, "the weekend")) == {"2023-W36-WE"}


def test_summit_durations_vague_and_sets(summit):
    assert _values(summit, "18-month-old") == ["P18M"]
    assert _values(summit, "four-day") == ["P4D"]
    ago = _one(summit, "more than three years ago", "pandemic ")
    assert (ago.value, ago.mod) == ("2020", "BEFORE")
    assert _values(summit, "soon") == ["FUTURE_REF"]
    assert _values(summit, "the coming days") == ["FUTURE_REF"]
    assert _values(summit, "these days") == ["PRESENT_REF"]
    assert _values(summit, "each Wednesday") == ["XXXX-WXX-3"]
    assert [t.type for t in summit.timexes if t.text == "each Wednesday"] == ["SET"]


def test_choe_visit(choe):
    assert _values(choe, "this week") == ["2024-W03"]
    assert _values(choe, "next month") == ["2024-02"]
    assert set(_values(choe, "Tuesday")) == {"2024-01-16"}
    assert _values(choe, "Wednesday") == ["2024-01-17"]
    assert _values(choe, "Sunday") == ["2024-01-14"]
    assert _values(choe, "September") == ["2023-09"]
    assert _values(choe, "November") == ["2023-11"]
    assert _values(choe, "three-day") == ["P3D"]
    assert _values(choe, "Earlier in the day") == ["2024-01-16"]


def test_seed_without_dct_leaves_relative_values_unresolved(stages):
    doc = _run(stages, SEED_SUMMIT_PREVIEW, None)
    assert _values(doc, "last month") == [None]
    assert set(_values(doc, "Tuesday")) == {None}
    assert _values(doc, "February 2019") == ["2019-02"]  # explicit: needs no DCT
    assert _values(doc, "Two months later") == ["2019-04"]  # anchored to February 2019
    assert _values(doc, "18-month-old") == ["P18M"]


def test_dct_guessed_from_the_summit_article_header():
    from newsgraph.timexes import infer_dct

    guess = infer_dct(seed_path(SEED_SUMMIT_PREVIEW).read_text(encoding="utf-8"))
    assert (guess.value, guess.confidence) == ("2023-09-11", 0.95)
    assert infer_dct(seed_path(SEED_CHOE_VISIT).read_text(encoding="utf-8")) is None  # states no date
