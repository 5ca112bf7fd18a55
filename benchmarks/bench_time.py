"""TempEval-3 Task A (time expressions): detection spans and normalised values.

Gold: ``tempeval3/platinum/`` (the TempEval-3 test set: reported, never used for tuning),
``tempeval3/timebank/`` + ``tempeval3/aquaint/`` (train/dev, used for development).
Each document is run with its DCT (the ``CREATION_TIME`` TIMEX3, which is not scored).

Scoring follows the TempEval-3 scorer (UzZaman et al. 2013), on characters rather than
its Perl tokens: a system timex matches *strictly* when its span equals a gold span
and *relaxed* when the two overlap; precision counts matched system timexes over all
system timexes, recall matched gold timexes over all gold timexes.  Value (and type)
F1 is the attribute F1 of the scorer: among relaxed matches, those whose value equals
the gold value count, over all system timexes (P) and all gold timexes (R); this equals
relaxed F1 x value accuracy on the matched pairs.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import dataset, md_table

TITLE = "Time expressions (TempEval-3 Task A)"

TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class TmlDoc:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> TmlDoc:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = dict(ATTR.findall(dct_match.group(1)))["value"] if dct_match else None
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex = None
    pos = 0
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(attrs)))
            if attrs.rstrip().endswith("/"):
                open_timex = None
        elif open_timex is not None:
            start, a = open_timex
            if a.get("functionInDocument") != "CREATION_TIME" and length > start:
                timexes.append(GoldTimex(start, length, a.get("type", ""), a.get("value", "")))
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return TmlDoc(path.stem, (dct or "")[:10] or None, "".join(parts), timexes)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict_p: int = 0
    strict_r: int = 0
    relaxed_p: int = 0
    relaxed_r: int = 0
    value_p: int = 0
    value_r: int = 0
    type_p: int = 0
    type_r: int = 0

    def add(self, doc: TmlDoc, system) -> None:
        gold = [(*_strip(doc.text, g.start, g.end), g) for g in doc.timexes]
        sys = [(*_strip(doc.text, t.start, t.end), t) for t in system]
        self.gold += len(gold)
        self.system += len(sys)
        for gs, ge, g in gold:
            over = [t for ss, se, t in sys if ss < ge and gs < se]
            exact = [t for ss, se, t in sys if (ss, se) == (gs, ge)]
            self.strict_r += bool(exact)
            if over:
                self.relaxed_r += 1
                best = (exact or over)[0]
                self.value_r += best.value == g.value
                self.type_r += best.type == g.type
        for ss, se, t in sys:
            over = [g for gs, ge, g in gold if ss < ge and gs < se]
            exact = [g for gs, ge, g in gold if (ss, se) == (gs, ge)]
            self.strict_p += bool(exact)
            if over:
                self.relaxed_p += 1
                best = (exact or over)[0]
                self.value_p += t.value == best.value
                self.type_p += t.type == best.type

    def row(self, name: str) -> list[object]:
        def f(num_p, num_r):
            p = num_p / self.system if self.system else 0.0
            r = num_r / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)
        sp, sr, sf = f(self.strict_p, self.strict_r)
        rp, rr, rf = f(self.relaxed_p, self.relaxed_r)
        _, _, vf = f(self.value_p, self.value_r)
        _, _, tf = f(self.type_p, self.type_r)
        return [name, self.gold, self.system, 100 * sp, 100 * sr, 100 * sf, 100 * rp, 100 * rr, 100 * rf,
                100 * tf, 100 * vf]


def _weekday_accuracy(docs: list[TmlDoc], outputs) -> tuple[int, int]:
    total = correct = 0
    for doc, system in zip(docs, outputs):
        by_span = {(t.start, t.end): t for t in system}
        for g in doc.timexes:
            if WEEKDAY.fullmatch(doc.text[g.start:g.end].strip()):
                total += 1
                t = by_span.get(_strip(doc.text, g.start, g.end))
                correct += bool(t and t.value == g.value)
    return correct, total


def _weekday_variants(docs, models, stage) -> list[list[object]]:
    """AQUAINT weekday accuracy under the resolution choices of newsgraph.timexes."""
    from newsgraph.timexes import extract as extract_module
    from newsgraph.timexes import rules

    variants = [
        ("tense + nearest day when tense unknown + document consistency (default)", True, "nearest", True),
        ("same, without document consistency", True, "nearest", False),
        ("tense + same ISO week when tense unknown + consistency", True, "same_week", True),
        ("no tense: nearest day always", False, "nearest", False),
        ("no tense: same ISO week always", False, "same_week", False),
    ]
    saved = (rules.WEEKDAY_POLICY.use_tense, rules.WEEKDAY_POLICY.unknown, extract_module.WEEKDAY_CONSISTENCY)
    rows = []
    try:
        for label, use_tense, unknown, consistency in variants:
            rules.WEEKDAY_POLICY.use_tense, rules.WEEKDAY_POLICY.unknown = use_tense, unknown
            extract_module.WEEKDAY_CONSISTENCY = consistency
            outputs = [stage(m).timexes for m in models]
            correct, total = _weekday_accuracy(docs, outputs)
            rows.append([label, correct, total, 100 * correct / total if total else 0.0])
    finally:
        rules.WEEKDAY_POLICY.use_tense, rules.WEEKDAY_POLICY.unknown, extract_module.WEEKDAY_CONSISTENCY = saved
    return rows


def run() -> str:
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import build_stage

    sets = {
        "platinum (TEST)": sorted(dataset("tempeval3", "platinum").glob("*.tml")),
        "timebank (dev)": sorted(dataset("tempeval3", "timebank").glob("*.tml")),
        "aquaint (dev)": sorted(dataset("tempeval3", "aquaint").glob("*.tml")),
    }
    settings = Settings()
    analysis = build_stage("analysis", settings)
    entities = build_stage("entities", settings)
    timexes = build_stage("timexes", settings)

    docs_by_set: dict[str, list[TmlDoc]] = {name: [read_tml(p) for p in paths] for name, paths in sets.items()}
    results: dict[str, list] = {}
    t_analysis = t_entities = t_timex = 0.0
    chars = 0
    for name, docs in docs_by_set.items():
        models = [Document(doc_id=d.name, text=d.text, published=d.dct) for d in docs]
        chars += sum(len(d.text) for d in docs)
        start = time.perf_counter()
        models = list(analysis.pipe(models, batch_size=32))
        t_analysis += time.perf_counter() - start
        start = time.perf_counter()
        models = [entities(m) for m in models]
        t_entities += time.perf_counter() - start
        start = time.perf_counter()
        models = [timexes(m) for m in models]
        t_timex += time.perf_counter() - start
        results[name] = [m.timexes for m in models]
        if name == "aquaint (dev)":
            aquaint_models = models

    rows = []
    scores = {}
    for name, docs in docs_by_set.items():
        score = Score()
        for doc, system in zip(docs, results[name]):
            score.add(doc, system)
        scores[name] = score
        rows.append(score.row(name))
    dev = Score()
    for name in ("timebank (dev)", "aquaint (dev)"):
        for doc, system in zip(docs_by_set[name], results[name]):
            dev.add(doc, system)
    rows.append(dev.row("timebank+aquaint (dev)"))
    correct, total = _weekday_accuracy(docs_by_set["aquaint (dev)"], results["aquaint (dev)"])
    weekday_rows = _weekday_variants(docs_by_set["aquaint (dev)"], aquaint_models, timexes)

    header = ["set", "gold", "system", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R",
              "relaxed F1", "type F1", "value F1"]
    n_docs = sum(len(d) for d in docs_by_set.values())
    ratio = t_timex / (t_analysis + t_entities) if t_analysis + t_entities else 0.0
    lines = [
        "Gold: TempEval-3 (UzZaman et al. 2013) `tempeval3/platinum/` (TEST, 20 docs; reported only, "
        "never used for tuning) and TBAQ-cleaned `timebank/` + `aquaint/` (development). DCT from each "
        "file's CREATION_TIME TIMEX3 (not scored). Spans compared on characters (whitespace-trimmed); "
        "strict = same span, relaxed = overlap; type/value F1 = the scorer's attribute F1 "
        "(correct attribute among relaxed matches over system and over gold counts, i.e. relaxed F1 x "
        "attribute accuracy). All figures in %.",
        "",
        md_table(header, rows),
        "",
        "Published value F1 on the platinum set: HeidelTime 77.61, SUTime 67.38 (UzZaman et al. 2013).",
        "",
        f"AQUAINT bare weekdays (gold text is just a weekday name): {correct}/{total} values right "
        f"({100 * correct / total if total else 0:.1f}%); a weekday missed or mis-spanned counts as wrong. "
        "Resolution policies compared on the same parses (AQUAINT is development data):",
        "",
        md_table(["weekday policy", "right", "of", "accuracy %"], weekday_rows),
        "",
        f"Throughput on all {n_docs} documents ({chars:,} characters), same run: analysis (spaCy "
        f"`{settings.spacy_model}`, nlp.pipe) {t_analysis:.1f} s, entities "
        f"(`{type(entities).__module__}.{type(entities).__name__}`) {t_entities:.1f} s, "
        f"timexes {t_timex:.1f} s: the timex stage costs **{ratio:.2f}x** the analysis+entities time "
        f"({100 * ratio:.0f}% more).",
    ]
    return "\n".join(lines)
