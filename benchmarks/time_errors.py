"""Value-error categories of the timex stage on the TempEval-3 development parts (timebank, aquaint).

    python benchmarks/time_errors.py

Prints counts only (no dataset text), for benchmarks/devsets/time_errors_notes.md.  Never run it on
the platinum (test) part: it is hard-wired to the two development parts.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

from bench_time import _strip, read_tml  # noqa: E402
from common import dataset  # noqa: E402

DEV_PARTS = ("timebank", "aquaint")
CALENDAR = re.compile(r"(\d{4})(?:-(\d\d|W\d\d|Q\d|SP|SU|FA|WI|H\d)(?:-(\d\d))?)?(T.*)?")
REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


def category(gold: str, system: str | None, anchor: str | None, dct: str) -> str:
    if system is None:
        return "system value None (needs an anchor it lacks)"
    if gold in REFS or system in REFS:
        return f"REF convention: gold {gold if gold in REFS else 'calendar/duration'} vs system " \
               f"{system if system in REFS else 'calendar/duration'}"
    if gold.startswith("P") != system.startswith("P"):
        return "DATE vs DURATION (one side a duration)"
    if gold.startswith("P"):
        return "duration amount/unit differs (e.g. PXY vs P2Y)"
    if re.fullmatch(r"\d{2,3}X*", gold) or re.fullmatch(r"\d{2,3}X*", system):
        return "decade/century format or value"
    if "X" in gold and "X" in system:
        return "underspecified (X) on both sides, differing"
    if "X" in gold:
        return "gold underspecified (X), system specific"
    if "X" in system:
        return "system underspecified (X), gold specific"
    g, s = CALENDAR.fullmatch(gold), CALENDAR.fullmatch(system)
    if not g or not s:
        return "other format (SET, TIME-of-day words, ...)"
    if g[4] or s[4]:
        if gold.startswith(system):
            return "time of day: gold has a time, system only the date"
        if system.startswith(gold):
            return "time of day: system has a time, gold only the date"
        return "time of day: other difference"
    if system.startswith(gold):
        return "granularity: system finer than gold"
    if gold.startswith(system):
        return "granularity: system coarser than gold"
    if g[1] != s[1]:
        if anchor == "DCT" and s[1] == dct[:4]:
            return "wrong year: system anchored to DCT year, gold in another year"
        return "wrong year: other"
    kinds = {"W": "week", "Q": "quarter", "S": "season", "F": "season", "H": "half"}
    if (g[2] or "")[:1] in kinds or (s[2] or "")[:1] in kinds:
        return "same year, different week/quarter/season/half"
    if g[3] and s[3] and g[2] == s[2]:
        return "same month, different day (weekday choice etc.)"
    return "same year, different month/day"


def run() -> tuple[Counter, Counter]:
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import build_stage

    settings = Settings()
    stages = [build_stage(n, settings) for n in ("analysis", "entities", "timexes")]
    errors, totals = Counter(), Counter()
    for part in DEV_PARTS:
        for path in sorted(dataset("tempeval3", part).glob("*.tml")):
            doc = read_tml(path)
            model = Document(doc_id=doc.name, text=doc.text, published=doc.dct)
            for stage in stages:
                model = stage(model)
            sys_spans = [(*_strip(doc.text, t.start, t.end), t) for t in model.timexes]
            for g in doc.timexes:
                gs, ge = _strip(doc.text, g.start, g.end)
                exact = [t for s, e, t in sys_spans if (s, e) == (gs, ge)]
                over = [t for s, e, t in sys_spans if s < ge and gs < e]
                totals["gold"] += 1
                if not over:
                    totals["missed"] += 1
                    continue
                t = (exact or over)[0]
                totals["matched"] += 1
                if t.value != g.value:
                    anchor = "DCT" if t.anchor == "DCT" else ("timex" if (t.anchor or "").startswith("timex")
                                                             else "none")
                    errors[(category(g.value, t.value, t.anchor, doc.dct or ""), anchor)] += 1
    return errors, totals


if __name__ == "__main__":
    errors, totals = run()
    print(dict(totals), "value errors:", sum(errors.values()))
    by_category = Counter()
    for (name, _), n in errors.items():
        by_category[name] += n
    for name, n in by_category.most_common():
        anchors = ", ".join(f"{a} {errors[(name, a)]}" for a in ("DCT", "timex", "none") if errors[(name, a)])
        print(f"{n:5d}  {name}  (system anchor: {anchors})")
