"""Stage ``timexes``: temporal expressions resolved to calendar values (issue 4).

The stage fills ``Document.timexes`` with TimeML TIMEX3 types and values,
resolved against the document creation time ``Document.published`` (the DCT):
"Tuesday" -> ``2023-09-12``, "last month" -> ``2023-08``, "two months later"
-> two months after the reference time, "18-month-old" -> ``P18M``.
Without a DCT, values that need it stay ``None``.

Other stages use :func:`reference_time_at` to date a sentence that carries no
time expression of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Settings
from ..model import Document
from ..pipeline import PipelineResources, register_stage, require_analysis
from .calendar import parse_dct, parse_value
from .dct import InferredDct, infer_dct
from .extract import BOUND_MODS, BOUND_WORDS, bound_word, detect, extract_timexes

__all__ = ["BOUND_WORDS", "InferredDct", "ReferenceTime", "TimexStage", "bound_word", "detect", "extract_timexes",
           "infer_dct", "make_stage", "make_timex_stage", "reference_time_at"]


class TimexStage:
    """Pipeline stage ``timexes``."""

    name = "timexes"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> Document:
        doc.timexes = extract_timexes(doc.text, doc.published, require_analysis(doc, self.name))
        return doc


@register_stage("timexes", requires=("analysis", "text"), uses=("published",), assigns=("timexes",))
def make_timex_stage(resources: PipelineResources) -> TimexStage:
    return TimexStage(resources.settings)


def make_stage(settings: Settings) -> TimexStage:
    return TimexStage(settings)


@dataclass
class ReferenceTime:
    """The time a stretch of text is talking about when it names none itself."""

    value: str | None  # TIMEX3 calendar value; None when neither a timex nor the DCT gives one
    timex: int | None = None  # index into Document.timexes; None when it is the DCT
    source: str = "none"  # "timex" | "DCT" | "none"


def reference_time_at(doc: Document, offset: int, same_paragraph: bool = False) -> ReferenceTime:
    """The reference time in force at character ``offset``.

    It is the last resolved calendar DATE/TIME timex ending before ``offset`` (a
    specific value such as ``2024-01-16`` or ``2019-04``, not a bound like "more
    than three years ago" or "since July 2000" nor PRESENT_REF), else the DCT.  With
    ``same_paragraph=True`` a timex counts only inside the paragraph of ``offset``.
    A caller that dates an event this way should mark the date as inferred.
    """
    paragraph_start = doc.text.rfind("\n", 0, offset) + 1 if same_paragraph else 0
    for i in range(len(doc.timexes) - 1, -1, -1):
        t = doc.timexes[i]
        if t.end > offset or t.start < paragraph_start:
            continue
        if t.type in ("DATE", "TIME") and t.mod not in BOUND_MODS and parse_value(t.value) is not None \
                and bound_word(doc.text, t.start) is None:
            return ReferenceTime(t.value, i, "timex")
    dct = parse_dct(doc.published)
    if dct is not None:
        return ReferenceTime(dct.isoformat(), None, "DCT")
    return ReferenceTime(None, None, "none")
