"""Quotes and attributions: PolNeAR (source / cue / content spans) and the Gender Gap Tracker set.

PolNeAR (Newell et al., LREC 2018; networkdynamics/PolNeAR): brat ``.ann`` files
whose ``E`` relations tie a Source, a Cue and a Content span.  Each predicted
quote is one predicted relation: its ``speaker_span`` against Source, its
``cue_span`` against Cue, its ``start``/``end`` against Content (a direct quote widened over
the quotation marks at its edges, which PolNeAR's content includes; the pieces of one
quotation sharing a cue merged into one relation, as PolNeAR annotates them).  Spans are
compared after trimming white space and ``,.;:`` at both ends; a brat span in
several fragments counts from its first to its last character.  *Exact*: the
same characters; *overlap*: at least one character shared; predictions and
gold are paired one to one (greedy, in text order).  Gold kind is read from
the Content span's own fragments: no double quotation mark -> indirect; nothing but
quoted stretches (and a leading "that") -> direct; else mixed.  Precision by kind uses
the predicted kind, recall the gold kind (pairing is kind-blind).  Articles
annotated by several annotators are scored on the first annotator (by id).
PolNeAR also annotates thoughts and beliefs ("he thinks", "voters like"),
which newsgraph does not treat as quotes, so recall is bounded below 1.

GGT (sfu-discourse-lab/GenderGapTracker, NLP/evaluation): see ``ggt_rows``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from common import Skip, dataset, md_table, prf, timer

TITLE = "Quotes: PolNeAR attribution spans and Gender Gap Tracker speakers"

POLNEAR_SPLIT = os.environ.get("QUOTES_BENCH_SPLIT", "test")  # develop with dev/train
MAX_SECONDS = 330  # keep the whole benchmark within ~6 minutes on a shared 2-core machine

TRIM = " \t\n,.;:"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _kind_of(text: str, pieces: list[tuple[int, int]]) -> str:
    """Gold kind from the content's own characters (its fragments, not what lies between them)."""
    body = " ".join(text[a:b] for a, b in pieces).replace("''", '"')
    if not any(ch in "“”\"" for ch in body):
        return "indirect"
    outside = re.sub(r"[“\"][^“”\"]*[”\"]", " ", body)
    outside = re.sub(r"^\W*that\b", " ", outside)  # 'said that “…”' is still a direct quotation
    return "direct" if not re.search(r"[A-Za-z0-9]", outside) else "mixed"


# --- PolNeAR ------------------------------------------------------------------

def read_ann(path: Path) -> list[dict]:
    spans: dict[str, tuple[str, int, int]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *_ = line.split("\t") + [""]
            label, _, offsets = info.partition(" ")
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")
                      if re.fullmatch(r"\s*\d+\s+\d+\s*", p)]
            if not pieces:
                continue  # a malformed line (no offsets)
            spans[tid] = (label, min(a for a, _ in pieces), max(b for _, b in pieces), pieces)
        elif line.startswith("E"):
            relations.append(line.split("\t")[1].split())
    out = []
    for rel in relations:
        roles = {}
        for arg in rel[1:]:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789")
            if tid in spans and role in ("Source", "Cue", "Content") and role not in roles:
                roles[role] = spans[tid][1:3]
                if role == "Content":
                    roles["pieces"] = spans[tid][3]
        if "Content" in roles:
            out.append(roles)
    return out


def polnear_articles(split: str):
    base = dataset("polnear", split)
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(stem, ann)  # first annotator by id
    for stem, ann in sorted(chosen.items()):
        txt = base / "text" / f"{stem}.txt"
        if txt.exists():
            yield stem, txt.read_text(encoding="utf-8"), read_ann(ann)


def _pair(gold: list[tuple[int, int]], pred: list[tuple[int, int]], exact: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of gold and predicted spans; returns (gold index, pred index)."""
    used_g, used_p, pairs = set(), set(), []
    for pi, (ps, pe) in enumerate(pred):
        best, best_overlap = None, 0
        for gi, (gs, ge) in enumerate(gold):
            if gi in used_g:
                continue
            if exact:
                if (gs, ge) == (ps, pe):
                    best = gi
                    break
            else:
                overlap = min(ge, pe) - max(gs, ps)
                if overlap > best_overlap:
                    best, best_overlap = gi, overlap
        if best is not None:
            used_g.add(best)
            used_p.add(pi)
            pairs.append((best, pi))
    return pairs


def merge_by_cue(quotes, text: str):
    """One predicted relation per cue, like PolNeAR: the pieces of a quotation interrupted by its
    cue ("“A,” he said. “B.”") and the paragraphs that run on from it become one content span.
    Direct quotes are first widened over their quotation marks (see ``_with_marks``)."""
    from dataclasses import replace

    groups: dict[tuple[int, int], list] = {}
    out = []
    for q in quotes:
        start, end = _with_marks(text, q)
        q = replace(q, start=start, end=end)
        if q.cue_span is None:
            out.append(q)
            continue
        groups.setdefault((q.cue_span.start, q.cue_span.end), []).append(q)
    for group in groups.values():
        kinds = {q.kind for q in group}
        kind = "direct" if kinds == {"direct"} else ("indirect" if kinds == {"indirect"} else "mixed")
        out.append(replace(group[0], start=min(q.start for q in group), end=max(q.end for q in group),
                           kind=kind))
    return sorted(out, key=lambda q: q.start)


def _speech_cue(sdoc, start: int, end: int) -> bool:
    from newsgraph.quotes.lexicon import SPEECH_VERBS

    span = sdoc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.lemma_.lower() in SPEECH_VERBS or t.lower_ == "according"
                                    for t in span)


def _with_marks(text: str, q) -> tuple[int, int]:
    """PolNeAR's content spans include the quotation marks; newsgraph's direct quotes are the words
    inside them, so a direct quote is widened over marks right at its edges for scoring."""
    start, end = q.start, q.end
    if q.kind == "direct":
        if start > 0 and text[start - 1] in "“\"'":
            start -= 1 + (text[start - 2:start] == "''")
        if end < len(text) and text[end] in "”\"'":
            end += 1 + (text[end:end + 2] == "''")
    return start, end


def run_polnear(split: str = POLNEAR_SPLIT, time_budget: float = MAX_SECONDS) -> tuple[str, dict]:
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import Pipeline
    from newsgraph.quotes import make_stage

    pipeline = Pipeline(Settings(), stages=("analysis",))
    quote_stage = make_stage(Settings())
    parse_seconds = quote_seconds = 0.0
    articles = list(polnear_articles(split))
    if not articles:
        raise Skip(f"PolNeAR {split} has no articles")
    counts = {role: {m: [0, 0, 0] for m in ("exact", "overlap")} for role in ("Source", "Cue", "Content")}
    by_kind = {k: {"gold": 0, "pred": 0, "gold_hit": 0, "pred_hit": 0} for k in ("direct", "indirect", "mixed")}
    n_docs = n_gold = n_pred = 0
    speech = [0, 0]  # gold relations cued by a speech verb of the lexicon: found, all
    with timer() as elapsed:
        docs = (Document(doc_id=stem, text=text) for stem, text, _ in articles)
        golds = {stem: (text, rels) for stem, text, rels in articles}
        parsed = pipeline.pipe(docs, batch_size=8, keep_analysis=True)
        while True:
            t0 = time.perf_counter()
            doc = next(parsed, None)
            t1 = time.perf_counter()
            if doc is None:
                break
            quote_stage(doc)
            parse_seconds += t1 - t0
            quote_seconds += time.perf_counter() - t1
            text, rels = golds[doc.doc_id]
            n_docs += 1
            preds = merge_by_cue(doc.quotes, text)
            n_gold += len(rels)
            n_pred += len(preds)
            for role, get in (("Source", lambda q: q.speaker_span), ("Cue", lambda q: q.cue_span),
                              ("Content", lambda q: q)):
                g = [_trim(text, *r[role]) for r in rels if role in r]
                p = [_trim(text, s.start, s.end) for q in preds if (s := get(q)) is not None]
                for mode in ("exact", "overlap"):
                    tp = len(_pair(g, p, mode == "exact"))
                    c = counts[role][mode]
                    c[0] += tp
                    c[1] += len(p) - tp
                    c[2] += len(g) - tp
            g = [_trim(text, *r["Content"]) for r in rels]
            g_kind = [_kind_of(text, r["pieces"]) for r in rels]
            p = [_trim(text, q.start, q.end) for q in preds]
            pairs = _pair(g, p, exact=False)
            for k in g_kind:
                by_kind[k]["gold"] += 1
            for q in preds:
                by_kind[q.kind]["pred"] += 1
            for gi, pi in pairs:
                by_kind[g_kind[gi]]["gold_hit"] += 1
                by_kind[preds[pi].kind]["pred_hit"] += 1
            hit = {gi for gi, _ in pairs}
            for gi, r in enumerate(rels):
                if "Cue" in r and _speech_cue(doc.analysis, *r["Cue"]):
                    speech[0] += gi in hit
                    speech[1] += 1
            doc.analysis = None
            if elapsed() > time_budget:
                break
        seconds = elapsed()
    rows = []
    for role in ("Source", "Cue", "Content"):
        for mode in ("exact", "overlap"):
            tp, fp, fn = counts[role][mode]
            rows.append([role.lower(), mode, *prf(tp, fp, fn), tp, fp, fn])
    kind_rows = []
    for k, c in by_kind.items():
        p = c["pred_hit"] / c["pred"] if c["pred"] else 0.0
        r = c["gold_hit"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        kind_rows.append([k, c["gold"], c["pred"], p, r, f])
    subset = "" if n_docs == len(articles) else f" (first {n_docs} of {len(articles)} articles: time budget)"
    method = (" Each predicted quote is a relation (speaker span, cue span, content span); the pieces "
              "of one quotation sharing a cue are merged and direct quotes widened over their marks, "
              "as PolNeAR annotates them; one annotator per article (the first by id).")
    body = (
        f"**PolNeAR `{split}`**: {n_docs} articles{subset}, {n_gold} gold attributions, {n_pred} predicted "
        f"quotes, {seconds:.0f} s in all. Speed: the quotes stage took {quote_seconds:.1f} s, "
        f"{quote_seconds / max(parse_seconds, 1e-9):.2f}× the time of the spaCy parse it reads "
        f"({parse_seconds:.1f} s, measured in the same run).{method}\n\n"
        + md_table(["span", "match", "P", "R", "F1", "tp", "fp", "fn"], rows)
        + f"\n\nContent overlap recall on the {speech[1]} gold relations whose cue is a speech verb of "
        f"newsgraph's lexicon or 'according to' ({100 * speech[1] / max(1, n_gold):.0f}% of all): "
        f"**{speech[0] / max(1, speech[1]):.3f}**."
        + "\n\nContent spans by kind (overlap match; P by predicted kind, R by gold kind; the gold "
        "kind is read from the content: no double quotation marks -> indirect, nothing but quoted "
        "stretches and a leading 'that' -> direct, else mixed):\n\n"
        + md_table(["kind", "gold", "predicted", "P", "R", "F1"], kind_rows)
    )
    source_f1 = [r for r in rows if r[0] == "source" and r[1] == "overlap"][0][4]
    content_f1 = [r for r in rows if r[0] == "content" and r[1] == "overlap"][0][4]
    return body, {"source_f1": source_f1, "content_overlap_f1": content_f1, "seconds": seconds}


def run() -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    parts = []
    polnear_body, polnear = run_polnear()
    parts.append("### PolNeAR\n\n" + polnear_body + (
        f"\n\nFor comparison, BBC Citron's published figures on PARC3 (a different corpus, Penn Treebank "
        f"WSJ, with a trained model): source F1 82.0, content overlap F1 83.3; here source overlap F1 "
        f"{100 * polnear['source_f1']:.1f}, content overlap F1 {100 * polnear['content_overlap_f1']:.1f}. "
        "PolNeAR also counts beliefs and intentions as attributions, which newsgraph does not extract."))
    try:
        ggt_body = run_ggt()
        parts.append("### Gender Gap Tracker\n\n" + ggt_body)
    except Skip as exc:
        parts.append(f"### Gender Gap Tracker\n\n_Skipped: {exc}._")
    return "\n\n".join(parts)


# --- Gender Gap Tracker --------------------------------------------------------
#
# AnnotationTable_byArticle_withReplacementArticles.xlsx, one row per article: ``_id``
# (ObjectId(<24 hex>), sometimes with a missing bracket), ``articleBodyText`` (paragraphs joined
# by "\n .\n "), ``quotations`` (a JSON list, occasionally with a missing comma between
# objects) of {speaker, verb, quote, speaker_index, verb_index, quote_index, reference}, where
# ``reference`` is the speaker's full name after coreference (or the description for unnamed
# sources).  The indices point into articleBodyText for only about a quarter of the quotes (the
# others were made on a different version of the text), so each gold quote is located by its
# text: the occurrence in articleBodyText nearest to its quote_index (1,509 of 1,520 are found;
# the rest are dropped).  ``rawtext.zip`` holds the same articles with "\n\n" breaks; we read
# articleBodyText instead, with the " ." separator lines blanked (same offsets).
#
# Matching: a predicted quote matches a gold quote when they share at least half of the shorter
# span (trimmed of white space, quotation marks and ,.;:), paired one to one greedily.  Speaker
# accuracy, on matched quotes: the predicted name (the resolved entity's name, else the speaker
# words) is right when, lower-cased and without punctuation, every word of the shorter of it and
# the gold ``reference`` is in the longer ("Traeger" = "Jeff Traeger").

GGT_QUOTE_TRIM = TRIM + "“”\"'‘’"


def _hex_id(value: str):
    m = re.search(r"([0-9a-f]{24})\)?\s*$", value or "")
    return m.group(1) if m else None


def _load_quotations(raw: str) -> list[dict]:
    try:
        return json.loads(raw, strict=False)
    except json.JSONDecodeError:
        pass
    try:
        return json.loads(re.sub(r"}\s*{", "},{", raw), strict=False)
    except json.JSONDecodeError:
        out = []
        for block in re.findall(r"\{.*?\n\s*\}", raw, flags=re.S):
            try:
                out.append(json.loads(block, strict=False))
            except json.JSONDecodeError:
                continue
        return out


def ggt_rows():
    """(article id, text, [(start, end, reference, speaker words)]) for the GGT test set."""
    try:
        import openpyxl
    except ImportError as exc:  # bench extra not installed
        raise Skip(f"openpyxl is not installed ({exc})") from exc
    table = dataset("ggt", "AnnotationTable_byArticle_withReplacementArticles.xlsx")
    book = openpyxl.load_workbook(table, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    lost = 0
    out = []
    for values in rows[1:]:
        row = dict(zip(header, values))
        art_id, body = _hex_id(row.get("_id")), row.get("articleBodyText")
        if not art_id or not body:
            continue
        text = re.sub(r"\n \.\n", "\n  \n", body)
        gold = []
        for q in _load_quotations(row.get("quotations") or "[]"):
            quote = (q.get("quote") or "").strip()
            if not quote:
                continue
            hint = re.match(r"\(\s*(\d+)", q.get("quote_index") or "")
            hint = int(hint.group(1)) if hint else 0
            starts = [m.start() for m in re.finditer(re.escape(quote), body)]
            if not starts:
                lost += 1
                continue
            start = min(starts, key=lambda s: abs(s - hint))
            gold.append((start, start + len(quote), q.get("reference") or q.get("speaker") or "",
                         q.get("speaker") or ""))
        out.append((art_id, text, gold))
    return out, lost


def _norm_words(name: str) -> list[str]:
    return re.sub(r"[^\w\s-]", " ", name.lower()).split()


def same_speaker(predicted: str, reference: str) -> bool:
    a, b = _norm_words(predicted), _norm_words(reference)
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return all(w in long_ for w in short)


def _ggt_trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in GGT_QUOTE_TRIM:
        start += 1
    while end > start and text[end - 1] in GGT_QUOTE_TRIM:
        end -= 1
    return start, end


def _pair_half(gold, pred):
    pairs, used = [], set()
    for pi, (ps, pe) in enumerate(pred):
        best, best_overlap = None, 0
        for gi, (gs, ge) in enumerate(gold):
            if gi in used:
                continue
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > best_overlap and overlap >= 0.5 * min(ge - gs, pe - ps):
                best, best_overlap = gi, overlap
        if best is not None:
            used.add(best)
            pairs.append((best, pi))
    return pairs


def run_ggt(stages=("analysis", "entities", "quotes")) -> str:
    from newsgraph.config import Settings
    from newsgraph.model import Document
    from newsgraph.pipeline import Pipeline

    articles, lost = ggt_rows()
    pipeline = Pipeline(Settings(), stages=stages)
    tp = fp = fn = 0
    right = judged = 0
    attributed = 0  # detected quotes for which newsgraph gives a speaker (entity or words)
    by_kind = defaultdict(lambda: [0, 0])
    with timer() as elapsed:
        golds = {a: (t, g) for a, t, g in articles}
        docs = (Document(doc_id=a, text=t) for a, t, _ in articles)
        for doc in pipeline.pipe(docs, batch_size=8):
            text, gold = golds[doc.doc_id]
            g = [_ggt_trim(text, s, e) for s, e, _, _ in gold]
            p = [_ggt_trim(text, q.start, q.end) for q in doc.quotes]
            pairs = _pair_half(g, p)
            tp += len(pairs)
            fp += len(p) - len(pairs)
            fn += len(g) - len(pairs)
            for gi, pi in pairs:
                q = doc.quotes[pi]
                entity = doc.entity(q.speaker) if q.speaker else None
                name = entity.name if entity else (q.speaker_text or "")
                ok = same_speaker(name, gold[gi][2])
                right += ok
                judged += 1
                attributed += bool(q.speaker or q.speaker_text)
                by_kind[q.kind][0] += ok
                by_kind[q.kind][1] += 1
        seconds = elapsed()
    precision, recall, f1 = prf(tp, fp, fn)
    n_gold = sum(len(g) for _, _, g in articles)
    body = (
        f"**GGT test set**: {len(articles)} articles, {n_gold} gold quotes located in the text "
        f"({lost} could not be located and are left out), {tp + fp} predicted, {seconds:.0f} s.\n\n"
        + md_table(["measure", "value"], [
            ["quote detection P", precision], ["quote detection R", recall], ["quote detection F1", f1],
            ["speaker accuracy on detected quotes", right / judged if judged else 0.0],
            ["speaker accuracy on detected quotes given a speaker (unattributed left out)",
             right / attributed if attributed else 0.0],
            ["speaker right, end to end (of all gold quotes)", right / n_gold if n_gold else 0.0],
        ])
        + "\n\nSpeaker accuracy by predicted kind: "
        + ", ".join(f"{k} {c[0]}/{c[1]}" for k, c in sorted(by_kind.items()))
        + ". For comparison, the Gender Gap Tracker's own extractor: 86% speaker accuracy."
        + "\n\nHow it is scored: the table's `quotations` column lists each gold quote with `speaker` "
        "(the words), `reference` (the full name after coreference, or the description of an unnamed "
        "source) and offsets; as the offsets fit `articleBodyText` for only about a quarter of the "
        "quotes, each is located by its text. A prediction and a gold quote pair when they share at "
        "least half of the shorter span (marks and edge punctuation aside), one to one. A speaker is "
        "right when every word of the shorter of our name (the resolved entity's name, else the "
        "speaker's words) and the gold `reference` is in the longer. Quotations newsgraph keeps with no "
        "speaker (`quotes.direct.unattributed`) count as detected, with a wrong speaker."
    )
    return body


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    split = sys.argv[1] if len(sys.argv) > 1 else "dev"
    print(run_polnear(split)[0])
