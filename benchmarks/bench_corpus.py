"""Corpus store and cross-document resolution.

1. ECB+ cross-document coreference (test topics 36-45), MUC / B3 / CEAF-e / CoNLL F1, for
   the project's entity resolver and its event resolver beside a same-head-lemma baseline
   computed in the same run.  Mentions are ECB+'s GOLD mentions (the extraction stages do
   not produce ECB+'s mention inventory); clustering is the project's own.
2. Ingest throughput (pipeline + store, and store alone) and store size per 1,000 articles.
3. Query latency (timeline, entity profile) at 10,000 stored articles.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from common import Skip, dataset, md_table

TITLE = "Corpus: cross-document coreference (ECB+), ingest throughput, query latency"

TEST_TOPICS = range(36, 46)
# the usual ECB+ development topics (Cybulska & Vossen's split); the resolver's rules were tuned here only
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
# NEWSGRAPH_BENCH_CORPUS_PARTS=ecb runs only the ECB+ part (gold-mention rows, no pipeline, no scale);
# "ecb,pipeline" adds the end-to-end rows, "scale" the throughput/latency part; default: all
PARTS = set(os.environ.get("NEWSGRAPH_BENCH_CORPUS_PARTS", "ecb,pipeline,scale").replace(" ", "").split(","))
ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_", "TIME_")
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
TYPE_OF_TAG = {"HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE",
               "HUMAN_PART_FAC": "FAC", "LOC_GEO": "LOC", "LOC_FAC": "FAC", "LOC_OTHER": "LOC"}
SYNTHETIC_DOCS = int(os.environ.get("NEWSGRAPH_BENCH_CORPUS_DOCS", "10000"))
PIPELINE_DOCS = 60


# --- coreference metrics ------------------------------------------------------------------

def _clusters(assign: dict) -> list[set]:
    groups = defaultdict(set)
    for mention, cluster in assign.items():
        groups[cluster].add(mention)
    return list(groups.values())


def muc(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(k_clusters, r_clusters):
        where = {m: i for i, c in enumerate(r_clusters) for m in c}
        num = den = 0
        for c in k_clusters:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    r, p = score(key, response), score(response, key)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float]:
    k_of = {m: c for c in key for m in c}
    r_of = {m: c for c in response for m in c}
    r = statistics.mean(len(k_of[m] & r_of.get(m, {m})) / len(k_of[m]) for m in k_of)
    p = statistics.mean(len(r_of[m] & k_of.get(m, {m})) / len(r_of[m]) for m in r_of)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    sim = np.zeros((len(key), len(response)))
    r_index = {m: j for j, c in enumerate(response) for m in c}
    for i, k in enumerate(key):
        for m in k:
            j = r_index.get(m)
            if j is not None and sim[i, j] == 0:
                inter = len(k & response[j])
                sim[i, j] = 2 * inter / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    r, p = total / len(key), total / len(response)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_all(gold: dict, predicted: dict) -> dict[str, float]:
    key, response = _clusters(gold), _clusters(predicted)
    m, b, c = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    return {"MUC": m[2], "B3": b[2], "CEAF-e": c[2], "CoNLL": (m[2] + b[2] + c[2]) / 3,
            "B3 P": b[0], "B3 R": b[1]}


# --- ECB+ reading ---------------------------------------------------------------------------

def _selected_sentences(root: Path) -> set[tuple[str, int]]:
    chosen = set()
    lines = (root / "ECBplus_coreference_sentences.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        topic, stem, sentence = line.split(",")
        chosen.add((f"{topic}_{stem}", int(sentence)))
    return chosen


def read_ecb(root: Path, topics) -> list[dict]:
    chosen = _selected_sentences(root)
    docs = []
    for topic in topics:
        folder = root / "ECB+" / str(topic)
        for path in sorted(folder.glob("*.xml")):
            tree = ET.parse(path).getroot()
            stem = path.stem
            tokens = {}
            for t in tree.iter("token"):
                tokens[t.get("t_id")] = (int(t.get("sentence")), t.text or "")
            mentions, descriptors = {}, {}
            for m in tree.find("Markables"):
                anchors = [a.get("t_id") for a in m.findall("token_anchor")]
                if anchors:
                    mentions[m.get("m_id")] = (m.tag, anchors)
                else:
                    descriptors[m.get("m_id")] = m.get("instance_id")
            gold = {}
            for rel in tree.find("Relations"):
                target = rel.find("target").get("m_id")
                cluster = descriptors.get(target) if rel.tag == "CROSS_DOC_COREF" else None
                cluster = cluster or f"{stem}:{target}"
                for src in rel.findall("source"):
                    gold[src.get("m_id")] = cluster
            kept = {}
            for m_id, (tag, anchors) in mentions.items():
                sentence = tokens[anchors[0]][0]
                if (stem, sentence) in chosen:
                    kept[m_id] = {"tag": tag, "anchors": anchors, "sentence": sentence,
                                  "text": " ".join(tokens[a][1] for a in anchors),
                                  "gold": gold.get(m_id, f"{stem}:{m_id}:singleton")}
            docs.append({"topic": topic, "doc": stem, "tokens": tokens, "mentions": kept})
    return docs


def add_head_lemmas(docs: list[dict]) -> None:
    """Head lemma of every mention: spaCy parse of the gold-tokenised document, the span's root."""
    import spacy
    from spacy.tokens import Doc

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from newsgraph.config import default_spacy_model

    nlp = spacy.load(default_spacy_model(), exclude=["ner"])
    for d in docs:
        ids = list(d["tokens"])
        words = [d["tokens"][i][1] or "_" for i in ids]
        starts = [i == 0 or d["tokens"][ids[i]][0] != d["tokens"][ids[i - 1]][0] for i in range(len(ids))]
        doc = Doc(nlp.vocab, words=words, sent_starts=starts)
        doc = nlp(doc)
        position = {t_id: i for i, t_id in enumerate(ids)}
        for m in d["mentions"].values():
            idx = sorted(position[a] for a in m["anchors"])
            span = doc[idx[0]: idx[-1] + 1]
            m["head"] = span.root.lemma_.lower()
            m["head_t"] = ids[span.root.i]


def ecb_scores(docs: list[dict]) -> tuple[list[list], list[list], dict]:
    from newsgraph.resolve import EntityInput, EventInput, resolve_entities, resolve_events
    from newsgraph.resolve.events import lemma_key

    ent_gold, ent_base, ent_ours = {}, {}, {}
    ev_gold, ev_base, ev_ours = {}, {}, {}
    by_topic = defaultdict(list)
    for d in docs:
        by_topic[d["topic"]].append(d)
    counts = {"documents": len(docs), "entity mentions": 0, "event mentions": 0}
    for topic, tdocs in by_topic.items():
        inputs, key_of = [], {}
        for d in tdocs:
            for m_id, m in d["mentions"].items():
                if m["tag"].startswith(ENTITY_TAGS):
                    key = (d["doc"], m_id)
                    ent_gold[key] = m["gold"]
                    ent_base[key] = (topic, m["head"])
                    key_of[len(inputs)] = key
                    inputs.append(EntityInput(key=len(inputs), doc_id=d["doc"], local_id=m_id, name=m["text"],
                                              type=TYPE_OF_TAG.get(m["tag"], m["tag"]), head=m["head"]))
        clusters = resolve_entities(inputs)
        canonical = {}
        for c in clusters:
            for member in c.members:
                ent_ours[key_of[member.key]] = c.id
                canonical[key_of[member.key]] = c.id
        counts["entity mentions"] += len(inputs)
        events = []
        ev_key_of = {}
        for d in tdocs:
            per_sentence = defaultdict(list)
            places = defaultdict(list)
            for m_id, m in d["mentions"].items():
                if m["tag"].startswith(("HUMAN_PART", "NON_HUMAN_PART")):
                    per_sentence[m["sentence"]].append(canonical[(d["doc"], m_id)])
                elif m["tag"].startswith("LOC_") and m["text"][:1].isupper():  # a named place, not "home"
                    places[m["sentence"]].append(canonical[(d["doc"], m_id)])
            for m_id, m in d["mentions"].items():
                if m["tag"].startswith(EVENT_TAGS):
                    key = (d["doc"], m_id)
                    ev_gold[key] = m["gold"]
                    ev_base[key] = (topic, m["head"])
                    ev_key_of[len(events)] = key
                    events.append(EventInput(
                        key=len(events), doc_id=d["doc"], local_id=m_id, type=lemma_key(m["head"]), lemma=m["head"],
                        actors=sorted(set(per_sentence[m["sentence"]])), recipients=[],
                        location=(places[m["sentence"]] or [None])[0]))
        for c in resolve_events(events, same_topic=True):  # clustered within each gold topic
            for member in c.members:
                ev_ours[ev_key_of[member.key]] = c.id
        counts["event mentions"] += len(events)
    header_rows = []
    for label, gold, base, ours in (("entities", ent_gold, ent_base, ent_ours), ("events", ev_gold, ev_base, ev_ours)):
        b, o = score_all(gold, base), score_all(gold, ours)
        header_rows.append([label, "same head lemma (baseline)", *(b[k] for k in ("MUC", "B3", "CEAF-e", "CoNLL"))])
        header_rows.append([label, "newsgraph resolver on gold mentions", *(o[k] for k in ("MUC", "B3", "CEAF-e", "CoNLL"))])
    return header_rows, (ent_gold, ev_gold), counts


def pipeline_scores(docs: list[dict], ent_gold: dict, ev_gold: dict) -> tuple[list[list], dict]:
    """End to end: the project's pipeline reads each ECB+ text (gold tokens joined by spaces), its
    entities and events are resolved across the topic's documents, and every gold mention takes the
    cluster of the pipeline mention (entity mention or event trigger) containing its head token;
    gold mentions the pipeline did not find are singletons."""
    from newsgraph.model import Document
    from newsgraph.pipeline import Pipeline
    from newsgraph.resolve import EntityInput, EventInput, resolve_entities, resolve_events

    built = []
    for d in docs:
        parts, offsets, length = [], {}, 0
        previous_sentence = None
        for t_id, (sentence, word) in d["tokens"].items():
            if previous_sentence is not None:
                sep = "\n\n" if sentence != previous_sentence else " "
                parts.append(sep)
                length += len(sep)
            offsets[t_id] = (length, length + len(word))
            parts.append(word)
            length += len(word)
            previous_sentence = sentence
        built.append((d, Document(doc_id=d["doc"], text="".join(parts)), offsets))
    pipeline = Pipeline()
    started = time.perf_counter()
    processed = list(pipeline.pipe([doc for _, doc, _ in built]))
    seconds = time.perf_counter() - started
    ent_ours, ev_ours = {}, {}
    found = {"entity": 0, "event": 0}
    by_topic = defaultdict(list)
    for (d, _, offsets), doc in zip(built, processed):
        by_topic[d["topic"]].append((d, doc, offsets))
    for topic, items in by_topic.items():
        inputs = [EntityInput(key=n, doc_id=doc.doc_id, local_id=e.id, name=e.name, type=e.type, country=e.country,
                              kb_id=e.kb_id) for n, (_, doc, _, e) in enumerate(
                                  (d, doc, o, e) for d, doc, o in items for e in doc.entities)]
        canonical = {}
        for c in resolve_entities(inputs):
            for m in c.members:
                canonical[(m.doc_id, m.local_id)] = c.id
        events, key = [], 0
        for d, doc, _ in items:
            for v in doc.events:
                ids = lambda xs: sorted({canonical[(doc.doc_id, x)] for x in xs if (doc.doc_id, x) in canonical})  # noqa: E731
                events.append(EventInput(
                    key=key, doc_id=doc.doc_id, local_id=v.id, type=v.type, actors=ids(v.actors),
                    recipients=ids(v.recipients), modality=v.modality, mode=v.mode,
                    date_value=v.date.value if v.date else None, date_inferred=bool(v.date and v.date.inferred),
                    location=(ids([v.location]) or [None])[0] if v.location else None))
                key += 1
        event_cluster = {}
        for c in resolve_events(events):
            for m in c.members:
                event_cluster[(m.doc_id, m.local_id)] = c.id
        for d, doc, offsets in items:
            spans = [(m.start, m.end, canonical[(doc.doc_id, e.id)]) for e in doc.entities for m in e.mentions]
            triggers = [(v.trigger.start, v.trigger.end, event_cluster[(doc.doc_id, v.id)])
                        for v in doc.events if v.trigger]
            for m_id, m in d["mentions"].items():
                head = offsets[m["head_t"]]
                gold_key = (d["doc"], m_id)
                pool, out, kind = (spans, ent_ours, "entity") if gold_key in ent_gold else \
                    (triggers, ev_ours, "event") if gold_key in ev_gold else (None, None, None)
                if pool is None:
                    continue
                covering = [(e - s, cid) for s, e, cid in pool if s <= head[0] and head[1] <= e]
                if covering:
                    out[gold_key] = min(covering)[1]
                    found[kind] += 1
                else:
                    out[gold_key] = ("missed",) + gold_key
    rows = []
    for label, gold, ours, kind in (("entities", ent_gold, ent_ours, "entity"), ("events", ev_gold, ev_ours, "event")):
        o = score_all(gold, ours)
        rows.append([label, f"newsgraph pipeline mentions + resolver ({found[kind] / len(gold):.0%} of gold mentions found)",
                     *(o[k] for k in ("MUC", "B3", "CEAF-e", "CoNLL"))])
    return rows, {"pipeline seconds": seconds, "stages": ", ".join(pipeline.stage_names)}


# --- throughput and latency on a synthetic corpus -----------------------------------------

def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def scale_section() -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the synthetic corpus
    from newsgraph.ingest import document_from_text
    from newsgraph.pipeline import Pipeline
    from newsgraph.query import Corpus
    from newsgraph.resolve import resolve_store
    from newsgraph.store import Store
    from synthetic import synthetic_corpus

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        # (a) the full ingest path on article texts: pipeline + store
        pipeline = Pipeline()
        texts = [d.text for d in synthetic_corpus(PIPELINE_DOCS, seed=11)]
        full = Store(Path(tmp) / "pipeline.sqlite")
        docs = [document_from_text(t, path=f"p{i}.txt") for i, t in enumerate(texts)]
        t0 = time.perf_counter()
        processed = list(pipeline.pipe(docs))
        t1 = time.perf_counter()
        for d in processed:
            full.save(d)
        t2 = time.perf_counter()
        pipe_rate = len(docs) / (t1 - t0)
        save_rate_small = len(docs) / (t2 - t1)
        stages = ", ".join(pipeline.stage_names)

        # (b) store alone: N synthetic processed documents
        store = Store(Path(tmp) / "corpus.sqlite")
        corpus_docs = list(synthetic_corpus(SYNTHETIC_DOCS, seed=5))
        t0 = time.perf_counter()
        for d in corpus_docs:
            store.save(d)
        save_seconds = time.perf_counter() - t0
        summary = resolve_store(store)
        again = resolve_store(store)
        store.engine.dispose()
        size = sum(p.stat().st_size for p in Path(tmp).glob("corpus.sqlite*"))
        store = Store(Path(tmp) / "corpus.sqlite")
        n_entities = sum(len(d.entities) for d in corpus_docs)
        n_events = sum(len(d.events) for d in corpus_docs)
        chars = sum(len(d.text) for d in corpus_docs)

        lines.append(md_table(
            ["measure", "value"],
            [["pipeline stages run", stages],
             ["pipeline (parse + stages), articles/s", f"{pipe_rate:.1f}"],
             [f"store.save of those {PIPELINE_DOCS} processed articles, articles/s", f"{save_rate_small:.0f}"],
             [f"store.save, {SYNTHETIC_DOCS:,} synthetic processed articles, articles/s",
              f"{len(corpus_docs) / save_seconds:.0f}"],
             ["store time / pipeline time per article (ratio)", f"{(1 / (len(corpus_docs) / save_seconds)) / (1 / pipe_rate):.3f}"],
             [f"full resolution at {SYNTHETIC_DOCS:,} articles ({n_entities:,} entity and {n_events:,} event rows), s",
              f"{summary.seconds:.1f} (re-run: {again.seconds:.1f})"],
             ["canonical entities / events / stories",
              f"{summary.canonical_entities:,} / {summary.canonical_events:,} / {summary.stories:,}"],
             ["store size per 1,000 articles (SQLite incl. WAL, FTS5)", f"{size / 1e6 / (SYNTHETIC_DOCS / 1000):.1f} MB"],
             ["article text per 1,000 articles", f"{chars / 1e6 / (SYNTHETIC_DOCS / 1000):.1f} MB"]]))

        # (c) query latency at N articles
        corpus = Corpus(store)
        rng = random.Random(3)
        people = sorted({e.name for d in corpus_docs[:2000] for e in d.entities if e.type == "PERSON" and " " in e.name})
        sample = rng.sample(people, 30)
        ids = [d.doc_id for d in rng.sample(corpus_docs, 30)]

        def timed(fn, args) -> list[float]:
            out = []
            for a in args:
                t = time.perf_counter()
                fn(a)
                out.append((time.perf_counter() - t) * 1000)
            return out

        baseline = timed(store.load_document, ids)
        timeline_ms = timed(lambda n: corpus.timeline(entity=n), sample)
        profile_ms = timed(corpus.entity_profile, sample)
        pair_ms = timed(lambda n: corpus.timeline(pair=(n, sample[0])), sample[1:])
        search_ms = timed(corpus.search, ["sanctions talks", "joint exercises", "aid", "criticized decision"] * 5)
        base = statistics.median(baseline)
        rows = []
        for label, values in (("load one document by id (baseline)", baseline),
                              ("timeline --entity NAME", timeline_ms), ("timeline, pair of entities", pair_ms),
                              ("entity NAME (profile)", profile_ms), ("search TEXT (FTS5)", search_ms)):
            med = statistics.median(values)
            rows.append([label, f"{med:.1f}", f"{_percentile(values, 0.95):.1f}", f"{med / base:.1f}x"])
        lines.append("")
        lines.append(f"Query latency at {SYNTHETIC_DOCS:,} stored articles (30 random people, ms):\n")
        lines.append(md_table(["query", "median ms", "p95 ms", "median / baseline"], rows))
        store.close()
        full.close()
    return "\n".join(lines)


def run() -> str:
    root = dataset("ecbplus")
    if not (root / "ECB+").exists():
        raise Skip(f"{root / 'ECB+'} is absent")
    started = time.perf_counter()
    dev = read_ecb(root, DEV_TOPICS)
    add_head_lemmas(dev)
    dev_rows, _, dev_counts = ecb_scores(dev)
    docs = read_ecb(root, TEST_TOPICS)
    add_head_lemmas(docs)
    rows, (ent_gold, ev_gold), counts = ecb_scores(docs)
    if "pipeline" in PARTS:
        end_to_end, info = pipeline_scores(docs, ent_gold, ev_gold)
        rows = [rows[0], rows[1], end_to_end[0], rows[2], rows[3], end_to_end[1]]
    else:
        info = None
    ecb_seconds = time.perf_counter() - started
    topics = ", ".join(map(str, DEV_TOPICS))
    rows = [[f"test 36-45: {r[0]}", *r[1:]] for r in rows]
    rows += [[f"dev {topics}: {r[0]}", *r[1:]] for r in dev_rows]
    parts = [
        "### ECB+ cross-document coreference, test topics 36-45 (reported only, never tuned on)\n",
        f"Test: {counts['documents']} documents, {counts['entity mentions']:,} entity and {counts['event mentions']:,} "
        "event mentions in the sentences ECB+ marks as coreference-annotated "
        "(`ECBplus_coreference_sentences.csv`). "
        f"Dev (topics {topics}, the only topics the resolver's rules were developed on): {dev_counts['documents']} "
        f"documents, {dev_counts['entity mentions']:,} entity and {dev_counts['event mentions']:,} event mentions. "
        "**Gold mentions**, clustered within each gold topic; "
        "singletons kept. Entity mentions are HUMAN_PART*, NON_HUMAN_PART*, LOC_* and TIME_*; event "
        "mentions ACTION_* and NEG_ACTION_*. The newsgraph entity resolver sees each mention's text, "
        "its coarse type and its head lemma (one document entity per mention: no within-document coreference). ECB+ "
        "triggers carry no PLOVER type, so the event resolver is given the trigger's head lemma as its type "
        "and lemma and, as participants and place, the canonical entities (from the resolver's own entity clusters) of "
        "the participant and location mentions in the trigger's sentence; ECB+ has no publication dates, so "
        "the time test never splits. Baseline: one cluster per head lemma (spaCy parse of the gold tokens) "
        "per topic. "
        + ("End to end: the pipeline (stages: " + info["stages"] + ") reads each text (gold tokens "
           "joined by spaces, no publication date), its own entities and PLOVER events are resolved per topic, and "
           "each gold mention takes the cluster of the pipeline mention or trigger that contains its head token; "
           "gold mentions it did not find count as singletons (scored on the same gold mentions as the rows above). "
           if info else "(End-to-end pipeline rows not run: NEWSGRAPH_BENCH_CORPUS_PARTS.) ")
        + "CoNLL = mean of MUC, B3 and CEAF-e F1.\n",
        md_table(["topics: mentions", "system", "MUC F1", "B3 F1", "CEAF-e F1", "CoNLL F1"], rows),
        f"\n_ECB+ part: {ecb_seconds:.0f} s"
        + (f", of which the pipeline over {counts['documents']} texts {info['pipeline seconds']:.0f} s._\n"
           if info else "._\n"),
    ]
    if "scale" in PARTS:
        parts += [
            "### Ingest throughput, store size, query latency\n",
            f"The scale corpus is generated by `tests/synthetic.py` (`synthetic_corpus`) (seeded): news-length "
            "articles in stories of about 4 reports, actors drawn from 1,200 generated people (40 first x 40 last "
            "names x 24 countries), 24 states and their capitals, dates over 2021-2024, 40% of stories first "
            "reported as planned, about 5% near-duplicate wire copies. Processed documents are written through "
            "`Store.save` directly (no re-parsing); the pipeline rate is measured separately on "
            f"{PIPELINE_DOCS} of the generated texts read back as plain articles.\n",
            scale_section(),
        ]
    return "\n".join(parts)
