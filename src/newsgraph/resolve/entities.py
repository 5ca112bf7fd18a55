"""Cross-document entity resolution: one canonical entity per real actor.

Input: every document's entities (``EntityInput``).  Output: clusters, each with a
deterministic id and, for every member, the evidence that put it there.

How it decides, in order (each step only joins clusters that do not conflict: two
different KB ids, or, for people and organisations, two different countries):

1. ``kb_id`` — entities with the same knowledge-base id (Wikidata QID) are one;
2. ``name`` — same type family (GPE and LOC count as one family) and the same
   normalised name: accents, case, hyphens, spaces, leading "the" and, for people,
   honorifics are ignored, so "Kim Jong Un", "Kim Jong-un" and "Mr. Kim Jong Un" agree;
3. ``partial-name`` — a person named by part of a name ("Putin", "Vladimir Putin")
   joins the one cluster whose full name contains those words as its first or last
   word(s); when several clusters fit, ``co-occurrence`` decides: the candidate that
   shares the most other actors with the document, then (``title``) the one holding the
   same title, if it is the only best one; otherwise the entity stays on its own;
4. one-word person names that fit no full name join each other;
5. ``head-lemma`` — entities with no KB id whose ``head`` lemma is given (mentions that are
   not names: "the quake", "the rehab center") join the others of the same type family and
   head; multi-word person names never join this way.  The store gives no head (its
   entities are named), so in practice this serves gold-mention evaluation (ECB+).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..store.keys import display_key, name_key, tokens

FAMILY = {"GPE": "PLACE", "LOC": "PLACE"}
COUNTRY_STRICT = {"PERSON", "ORG"}


@dataclass
class EntityInput:
    key: int  # store row id
    doc_id: str
    local_id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    kb_id: str | None = None
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # name mentions' texts
    n_mentions: int = 0
    head: str | None = None  # head lemma of a mention that is no name ("the quake", "rehab"), when known


@dataclass
class EntityCluster:
    id: str
    members: list[EntityInput]
    name: str
    type: str
    country: str | None
    sector: str | None
    kb_id: str | None
    aliases: list[str]
    titles: list[str]
    evidence: dict[int, tuple[str, str]]  # member key -> (reason, detail)
    tally: dict[str, dict[str, int]] = field(default_factory=dict)  # counts over the members (see tally())

    @property
    def documents(self) -> list[str]:
        return sorted({m.doc_id for m in self.members})


class _Clusters:
    """Union-find with per-cluster constraints (KB ids, countries)."""

    def __init__(self, items: list[EntityInput]):
        self.items = items
        self.parent = list(range(len(items)))
        self.kb = [{i.kb_id} if i.kb_id else set() for i in items]
        self.countries = [{i.country} if i.country and i.type in COUNTRY_STRICT else set() for i in items]
        self.evidence: dict[int, tuple[str, str]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def compatible(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.kb[ra] and self.kb[rb] and self.kb[ra] != self.kb[rb]:
            return False
        if self.countries[ra] and self.countries[rb] and self.countries[ra] != self.countries[rb]:
            return False
        return True

    def union(self, a: int, b: int, reason: str, detail: str) -> bool:
        """Attach b's cluster to a's; record why b joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not self.compatible(ra, rb):
            return False
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.kb[keep] |= self.kb[gone]
        self.countries[keep] |= self.countries[gone]
        self.evidence.setdefault(b, (reason, detail))
        return True

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.items)):
            out[self.find(i)].append(i)
        return out


def _single_word_person(item: EntityInput) -> bool:
    return item.type == "PERSON" and len(tokens(item.name, "PERSON")) == 1


def family(entity_type: str) -> str:
    return FAMILY.get(entity_type, entity_type)


_family = family


def resolve_entities(inputs: list[EntityInput], previous: dict[int, str] | None = None,
                     taken: set[str] | None = None,
                     context: dict[str, set[str]] | None = None) -> list[EntityCluster]:
    """Cluster ``inputs``.  Incremental use (a subset of the store): ``previous`` maps member keys
    to the canonical id they had (a cluster keeps the id most of its members had), ``taken`` are
    ids held by clusters outside the subset, ``context`` gives, per document, the canonical ids of
    its entities outside the subset (for co-occurrence)."""
    items = sorted(inputs, key=lambda e: (e.doc_id, e.local_id, e.key))
    uf = _Clusters(items)

    # 1. same knowledge-base id
    by_kb: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.kb_id:
            by_kb[item.kb_id].append(i)
    for kb_id, idx in by_kb.items():
        for j in idx[1:]:
            uf.union(idx[0], j, "kb_id", f"same knowledge-base id {kb_id}")

    # 2. same normalised name within a type family
    by_name: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        key = name_key(item.name, item.type)
        if key and not _single_word_person(item):  # "Kim" alone is not a name to match on (step 3)
            by_name[(_family(item.type), key)].append(i)
    for (_, key), idx in by_name.items():
        anchors = [idx[0]]  # one member per distinct cluster formed so far under this name
        for j in idx[1:]:
            for anchor in anchors:
                if uf.find(anchor) == uf.find(j) or uf.union(
                        anchor, j, "name",
                        f"'{items[j].name}' and '{items[anchor].name}' share the normalised name '{key}'"):
                    break
            else:
                anchors.append(j)

    # 3. partial person names, co-occurrence to break ties
    _partial_names(items, uf, context or {})

    # 4. one-word person names that fit no full name join each other ("Putin" in two documents
    #    that never give his first name), unless the word is part of some full name (ambiguous)
    edge_words = {w for item in items if item.type == "PERSON"
                  for w in (tokens(item.name, "PERSON")[:1] + tokens(item.name, "PERSON")[-1:])
                  if len(tokens(item.name, "PERSON")) > 1}
    sizes = Counter(uf.find(i) for i in range(len(items)))
    alone: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if _single_word_person(item) and sizes[uf.find(i)] == 1:
            word = tokens(item.name, "PERSON")[0]
            if word not in edge_words:
                alone[word].append(i)
    for idx in alone.values():
        for j in idx[1:]:
            uf.union(idx[0], j, "name", f"'{items[j].name}' and '{items[idx[0]].name}': same one-word name, "
                                        "no fuller name to tell them apart")

    # 5. no KB id and no name to go by: the same head lemma within a type family joins
    #    ("the 7.6-magnitude quake" / "the quake"); a multi-word person name never matches this way
    by_head: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.head and not item.kb_id and not (item.type == "PERSON" and len(tokens(item.name, "PERSON")) > 1):
            by_head[(_family(item.type), item.head.lower())].append(i)
    for (_, head), idx in by_head.items():
        for j in idx[1:]:
            if uf.find(idx[0]) != uf.find(j):
                uf.union(idx[0], j, "head-lemma", f"'{items[j].name}' and '{items[idx[0]].name}' share the head "
                                                  f"word '{head}' and neither has a knowledge-base id")

    return _build_clusters(items, uf, previous or {}, taken or set())


def _partial_names(items: list[EntityInput], uf: _Clusters, context: dict[str, set[str]]) -> None:
    full_names: dict[str, set[int]] = defaultdict(set)  # edge word(s) -> roots of multi-word names
    persons = [i for i, item in enumerate(items) if item.type == "PERSON"]
    words = {i: tokens(items[i].name, "PERSON") for i in persons}
    for i in persons:
        w = words[i]
        if len(w) >= 2:
            for n in range(1, len(w)):
                full_names[" ".join(w[-n:])].add(i)
                full_names[" ".join(w[:n])].add(i)
    # the other actors of each document, for co-occurrence
    doc_members: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        doc_members[item.doc_id].append(i)

    root_docs: dict[int, set[str]] = defaultdict(set)
    for i, item in enumerate(items):
        root_docs[uf.find(i)].add(item.doc_id)

    def candidates(i: int) -> set[int]:
        w = words[i]
        if not w or len(w) > 3:
            return set()
        roots = {uf.find(c) for c in full_names.get(" ".join(w), set()) if len(words[c]) > len(w)}
        return {r for r in roots if r != uf.find(i) and uf.compatible(r, i)}

    # unambiguous partial names first, so co-occurrence then sees the document's other actors resolved
    ambiguous = []
    for i in persons:
        roots = candidates(i)
        if len(roots) > 1:
            ambiguous.append(i)
            continue
        if len(roots) == 1:
            root = roots.pop()
            before = root_docs[uf.find(root)] | root_docs[uf.find(i)]
            if uf.union(root, i, "partial-name",
                        f"'{items[i].name}' is part of '{items[root].name}', the only person so named"):
                root_docs[uf.find(root)] = before
    title_members: dict[int, list[int]] = defaultdict(list)
    for j in persons:
        if items[j].titles:
            title_members[uf.find(j)].append(j)
    for i in ambiguous:
        roots = candidates(i)
        if not roots:
            continue
        # several people share the word: the one sharing most co-actors with this document,
        # then the one holding the same title ("Kim" the foreign minister)
        doc_roots: set[int | str] = {uf.find(j) for j in doc_members[items[i].doc_id] if j != i}
        doc_roots |= context.get(items[i].doc_id, set())
        my_titles = {t.lower() for t in items[i].titles}
        shared = {}
        for r in roots:
            their_roots: set[int | str] = {uf.find(j) for d in root_docs[uf.find(r)] for j in doc_members[d]}
            their_roots |= {c for d in root_docs[uf.find(r)] for c in context.get(d, ())}
            their_titles = {t.lower() for j in title_members.get(r, ()) for t in items[j].titles}
            shared[r] = (len(doc_roots & their_roots), len(my_titles & their_titles))
        best = max(shared.values())
        winners = [r for r, n in shared.items() if n == best]
        if best > (0, 0) and len(winners) == 1:
            merged = root_docs[winners[0]] | root_docs[uf.find(i)]
            why = "co-occurrence" if best[0] else "title"
            detail = (f"'{items[i].name}' fits {len(roots)} people; '{items[winners[0]].name}' shares "
                      f"{best[0]} other actor(s) with this document and {best[1]} title(s)")
            if uf.union(winners[0], i, why, detail):
                root_docs[uf.find(i)] = merged


def _pick_name(counts: Counter | dict[str, int], entity_type: str) -> str:
    """People: the fullest name, then the most used; others: the most used name."""
    if entity_type == "PERSON":
        return sorted(counts, key=lambda n: (-len(tokens(n)), -counts[n], n))[0]
    return sorted(counts, key=lambda n: (-counts[n], len(n), n))[0]


TALLIED = ("names", "types", "kb", "countries", "sectors", "titles", "aliases")


def tally(members: list[EntityInput]) -> dict[str, dict[str, int]]:
    """Counts over a cluster's members: all a canonical entity's fields are made from them."""
    out: dict[str, Counter] = {k: Counter() for k in TALLIED}
    add_to_tally(out, members)
    return {k: dict(v) for k, v in out.items()}


def add_to_tally(counts: dict, members: list[EntityInput]) -> None:
    for m in members:
        for field_name, value in (("names", m.name), ("types", m.type), ("kb", m.kb_id), ("countries", m.country),
                                  ("sectors", m.sector)):
            if value:
                counts[field_name][value] = counts[field_name].get(value, 0) + 1
        for t in m.titles:
            counts["titles"][t] = counts["titles"].get(t, 0) + 1
        for a in {display_key(a, m.type) for a in [m.name, *m.aliases]} - {""}:
            counts["aliases"][a] = counts["aliases"].get(a, 0) + 1


def tallied_fields(counts: dict[str, dict[str, int]]) -> dict[str, object]:
    """name, type, kb_id, country, sector, aliases, titles of a canonical entity, from its tally."""
    etype = _top(counts["types"]) or "PERSON"
    return dict(name=_pick_name(counts["names"], etype), type=etype, kb_id=_top(counts["kb"]),
                country=_top(counts["countries"]), sector=_top(counts["sectors"]),
                aliases=sorted(counts["aliases"]), titles=sorted(counts["titles"]))


def _top(counts: dict[str, int]) -> str | None:
    return sorted(counts, key=lambda v: (-counts[v], v))[0] if counts else None


def inherited_ids(groups: list[list[int]], previous: dict[int, str], taken: set[str]) -> dict[int, str]:
    """Group index -> the canonical id it keeps: the id most of its members had, each id going
    to the group holding most of its old members (ties: the first group)."""
    return ids_by_claims([Counter(previous[k] for k in keys if k in previous) for keys in groups], taken)


def ids_by_claims(claims_of: list[Counter[str]], taken: set[str]) -> dict[int, str]:
    """Group index -> the id it keeps, from how many old members each group holds of each id: the
    largest claim wins, each id goes to one group, ids in ``taken`` to none."""
    claims = sorted((-n, g, cid) for g, counts in enumerate(claims_of) for cid, n in counts.items())
    out: dict[int, str] = {}
    used = set(taken)
    for _n, g, cid in claims:
        if g not in out and cid not in used:
            out[g] = cid
            used.add(cid)
    return out


def fresh_id(prefix: str, basis: str, used: set[str]) -> str:
    """A new id from ``basis`` (content, not position, so an edited article gives the same one)."""
    cid = prefix + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
    n = 2
    while cid in used:  # same basis, kept apart (e.g. different countries)
        cid = prefix + hashlib.sha1(f"{basis}#{n}".encode()).hexdigest()[:12]
        n += 1
    used.add(cid)
    return cid


def _build_clusters(items: list[EntityInput], uf: _Clusters, previous: dict[int, str],
                    taken: set[str]) -> list[EntityCluster]:
    clusters = []
    groups = sorted(uf.groups().items())
    kept = inherited_ids([[items[i].key for i in idx] for _root, idx in groups], previous, taken)
    used_ids: set[str] = set(taken) | set(kept.values())
    for g, (_root, idx) in enumerate(groups):
        members = [items[i] for i in idx]
        counts = tally(members)
        fields = tallied_fields(counts)
        name, etype, kb_id, country = fields["name"], fields["type"], fields["kb_id"], fields["country"]
        basis = kb_id or f"{_family(str(etype))}|{name_key(str(name), str(etype))}|{country or ''}"
        cid = kept.get(g) or fresh_id("E", str(basis), used_ids)
        evidence = {}
        first = members[0]
        evidence[first.key] = ("first", f"first mention of '{name}' (in {first.doc_id})")
        for i in idx:
            if i in uf.evidence:
                evidence[items[i].key] = uf.evidence[i]
        for m in members:
            evidence.setdefault(m.key, ("first", f"first mention of '{name}' (in {m.doc_id})"))
        clusters.append(EntityCluster(
            id=cid, members=members, name=str(name), type=str(etype), country=country,  # type: ignore[arg-type]
            sector=fields["sector"], kb_id=kb_id, aliases=fields["aliases"],  # type: ignore[arg-type]
            titles=fields["titles"], evidence=evidence, tally=counts,  # type: ignore[arg-type]
        ))
    return clusters
