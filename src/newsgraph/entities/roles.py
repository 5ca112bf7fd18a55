"""Titles, roles and affiliations read around a person's name.

Two places carry them in news English:

* pre-modifiers: "North Korean Foreign Minister Choe Son-hui", "State Department spokesman
  Matthew Miller", "former State Department official Michael Kimmage", "Sen. Christopher A. Coons";
* appositives and relative clauses: "Go Myong-hyun, a research fellow at Seoul's Asan Institute",
  "Oleg Kiriyanov, a Russian specialist on North Korea who heads the Asia Risk Research Center",
  "Mason Richey, who teaches international relations at Seoul's Hankuk University".

:func:`find_roles` returns :class:`Role` findings; the resolver turns them into entity titles,
affiliations and relations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from .kb import KBEntry, KnowledgeBase
from .lexicon import (
    AFFILIATION_PREPOSITIONS,
    DESCRIPTOR_HEADS,
    FORMER_WORDS,
    HEAD_TITLES,
    LEADER_TITLES,
    MEMBER_TITLES,
    ROLE_VERBS,
    SPOKES_TITLES,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TITLE_SECTORS,
)
from .mentions import POSSESSIVE, Candidate

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token

STOP_POS = {"DET", "ADP", "PRON", "VERB", "AUX", "CCONJ", "SCONJ", "ADV", "NUM", "PART", "INTJ"}
NP_BREAK = {",", ".", ";", ":", "“", "”", '"', "—", "–", "(", ")", "[", "]", "?", "!"}


@dataclass
class Role:
    """One title or affiliation of the person named by ``mention``."""

    mention: Candidate
    start: int  # evidence span (characters)
    end: int
    rule: str
    title: str | None = None
    former: bool = False
    predicate: str | None = None  # employee_of | member_of | head_of | leader_of | spokesperson_for
    target: Candidate | None = None  # the organisation or state mention
    target_state: KBEntry | None = None  # a state given by demonym/seat with no own mention
    country: str | None = None
    citizen_of: Candidate | None = None  # the demonym/state mention giving nationality
    org_country: str | None = None  # hints about the target organisation
    org_sector: str | None = None
    more: list = field(default_factory=list)  # further (target, predicate): "a Delaware Democrat on X"


def predicate_for(title: str | None, target_is_state: bool) -> str:
    head = _title_head(title or "")
    bare = (title or "").replace("acting ", "").replace("interim ", "")
    if head in SPOKES_TITLES:
        return "spokesperson_for"
    if bare in LEADER_TITLES or bare == "supreme leader":  # not "vice president", "deputy leader"
        return "leader_of" if target_is_state else "head_of"
    if bare in HEAD_TITLES or bare in {"executive director", "managing director", "general director"}:
        return "head_of"  # not "research director", "deputy head"
    if head in MEMBER_TITLES or (target_is_state and head.endswith("minister")):
        return "member_of"
    return "employee_of"


def _title_head(title: str) -> str:
    words = title.split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]) in TITLE_HEADS:
            return " ".join(words[-n:])
    return words[-1] if words else ""


def _words(tokens) -> list[tuple[str, list]]:
    """Lower-cased words with hyphenated parts joined ('secretary-general'), and their tokens."""
    out: list[tuple[str, list]] = []
    for t in tokens:
        if t.text == ".":
            continue  # "Lt. Gen." tokenised as "Lt", ".", "Gen", "."
        low = TITLE_ABBREVIATIONS.get(t.lower_, t.lower_)
        if out and (t.text == "-" or out[-1][0].endswith("-")) and not t.nbor(-1).whitespace_:
            word, toks = out[-1]
            out[-1] = (word + low, toks + [t])
        else:
            out.append((low, [t]))
    return out


def split_title(tokens: Iterable[Token], taken: frozenset = frozenset()) -> tuple[str | None, list, bool]:
    """(title, qualifier tokens, former) from words that end in a title head."""
    words = _words(tokens)
    former = any(w in FORMER_WORDS for w, _ in words)
    words = [(w, ts) for w, ts in words if w not in FORMER_WORDS and w != "now"]
    if not words:
        return None, [], former
    head_n = 0
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(w for w, _ in words[-n:]) in TITLE_HEADS:
            head_n = n
            break
    if not head_n:
        return None, [t for _, ts in words for t in ts], former
    k = len(words) - head_n
    while k > 0 and words[k - 1][0] in TITLE_MODIFIERS and not any(t.i in taken for t in words[k - 1][1]):
        k -= 1  # (a word of a named body is not a title word: "Joint Chiefs of Staff spokesman")
    title = " ".join(w for w, _ in words[k:])
    qualifier = [t for _, ts in words[:k] for t in ts]
    return title, qualifier, former


class RoleReader:
    def __init__(self, sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> None:
        self.sd = sd
        self.kb = kb
        self.cands = cands
        self.by_token: dict[int, Candidate] = {}
        for c in cands:
            for i in range(c.tok_start, c.tok_end):
                self.by_token[i] = c
        self.taken_tokens = frozenset(i for i, c in self.by_token.items() if c.label == "ORG")

    # -- helpers ---------------------------------------------------------------------
    def cands_in(self, tokens: Iterable[Token]) -> list[Candidate]:
        seen, out = set(), []
        for t in tokens:
            c = self.by_token.get(t.i)
            if c is not None and id(c) not in seen:
                seen.add(id(c))
                out.append(c)
        return out

    def state_of(self, c: Candidate) -> KBEntry | None:
        """The state a demonym, state name, capital or seat mention stands for."""
        e = c.entry
        if e is not None and e.kind == "state":
            return e
        if c.role in ("seat", "capital") and e is not None:
            return e if e.kind == "state" else None
        return None

    def place_country(self, c: Candidate) -> str | None:
        if c.entry is not None and c.entry.kind in ("state", "place"):
            return c.entry.country
        return self.kb.country_of_place(c.text)

    def _qualify(self, role: Role, tokens) -> None:
        """Read a title's qualifier: a state (demonym, name, seat) or an organisation."""
        for c in self.cands_in(tokens):
            state = self.state_of(c)
            if c.label in ("ORG",) or (c.entry is not None and c.entry.kind == "org"):
                role.target = c
            elif state is not None:
                role.target = role.target or c
                role.country = role.country or state.country
            elif c.label in ("GPE", "LOC"):
                role.country = role.country or self.place_country(c)
        if role.target is None and tokens:
            text = " ".join(t.text for t in tokens if t.text not in POSSESSIVE)
            entry = self.kb.lookup(text)
            if entry is not None:
                role.target_state = entry if entry.kind == "state" else None
                role.country = role.country or entry.country

    # -- pre-modifiers -------------------------------------------------------------------
    def premodifier(self, c: Candidate) -> Role | None:
        sd = self.sd
        j = c.tok_start - 1
        toks: list[Token] = []
        while j >= 0:
            t = sd[j]
            other = self.by_token.get(j)
            if other is not None and other.label == "PERSON":
                break
            low = t.lower_
            if t.text == "." and j > 0 and sd[j - 1].lower_ in TITLE_ABBREVIATIONS:
                toks.insert(0, t)
                j -= 1
                continue
            postings = {"ambassador", "envoy", "representative", "delegate"}
            if (low == "to" and j > 0 and sd[j - 1].lower_ in postings) or \
                    (low == "the" and j > 1 and sd[j - 1].lower_ == "to" and sd[j - 2].lower_ in postings):
                toks.insert(0, t)  # "U.S. Ambassador to the United Nations Linda Thomas-Greenfield"
                j -= 1
                continue
            if low == "of" and j > 0 and sd[j - 1].lower_ in {"secretary", "minister", "chief", "head"} \
                    and toks and toks[0].text[:1].isupper():
                toks.insert(0, t)
                j -= 1
                continue
            titleish = low in TITLE_HEADS or low in TITLE_MODIFIERS or low in TITLE_ABBREVIATIONS \
                or low in FORMER_WORDS
            capital = t.text[:1].isupper() and (t.is_alpha or t.text.endswith(".") or "-" in t.text)
            joiner = t.text in POSSESSIVE or (t.text == "-" and not t.whitespace_)
            if not (titleish or joiner or (capital and t.pos_ not in STOP_POS)):
                break
            if t.text in NP_BREAK:
                break
            toks.insert(0, t)
            if t.is_sent_start:
                break
            j -= 1
        while toks and toks[0].text in POSSESSIVE | {"-"}:
            toks = toks[1:]
        for i, t in enumerate(toks):
            envoy_words = {"ambassador", "envoy", "representative", "delegate"}
            if t.lower_ == "to" and i > 0 and toks[i - 1].lower_ in envoy_words:
                toks = toks[:i]  # the posting is not part of the title nor an affiliation
                break
        if not toks:
            return None
        title, qualifier, former = split_title(toks, self.taken_tokens)
        if title is None:
            return None
        # "Russian Natural Resources Minister": capitalised words after the state are the portfolio
        tail: list[Token] = []
        for t in reversed(qualifier):
            q = self.by_token.get(t.i)
            if q is not None or not t.is_alpha or not t.text[:1].isupper() or t.lower_ in FORMER_WORDS:
                break
            tail.insert(0, t)
        if tail and len(tail) < len(qualifier):
            title = " ".join(t.lower_ for t in tail) + " " + title
            qualifier = qualifier[:len(qualifier) - len(tail)]
        role = Role(c, toks[0].idx, c.end, "entities.title_premodifier", title=title, former=former)
        self._qualify(role, qualifier)
        role.predicate = predicate_for(title, self._target_is_state(role))
        return role

    def _target_is_state(self, role: Role) -> bool:
        if role.target_state is not None:
            return True
        return role.target is not None and self.state_of(role.target) is not None and role.target.label != "ORG"

    # -- appositives and relative clauses ---------------------------------------------
    def appositive(self, c: Candidate) -> list[Role]:
        sd, n = self.sd, len(self.sd)
        k = c.tok_end
        if k + 2 < n and sd[k].lower_ == "of":  # "Sen. Jim Risch of Idaho, the panel's ..."
            place = self.by_token.get(k + 1)
            if place is not None and place.label in ("GPE", "LOC") and place.tok_end < n \
                    and sd[place.tok_end].text == ",":
                k = place.tok_end
        if k >= n or sd[k].text != ",":
            return []
        if k + 2 < n and sd[k + 1].like_num and sd[k + 2].text == ",":
            k += 2  # "Kim Yong-chol, 78, a former spy chief"
        j = k + 1
        np = []
        while j < n and sd[j].text not in NP_BREAK and sd[j].lower_ not in {"who", "which", "that"} \
                and not sd[j].is_sent_start:
            if sd[j].pos_ in ("VERB", "AUX") and not _adjectival(sd, j):
                break
            np.append(sd[j])
            j += 1
        rel = []
        if j < n and sd[j].lower_ == "who":
            j += 1
        elif j + 1 < n and sd[j].text == "," and sd[j + 1].lower_ == "who":
            j += 2
        else:
            j = -1
        if j > 0:
            while j < n and sd[j].text not in NP_BREAK and not sd[j].is_sent_start:
                rel.append(sd[j])
                j += 1
        roles = []
        if np and np[0].lower_ == "of":
            roles.extend(self._of_org(c, np))
        elif np:
            roles.extend(self._read_nps(c, np, c.start, np[-1].idx + len(np[-1].text), "entities.title_appositive"))
        if rel:
            rel_role = self._read_relative(c, rel)
            if rel_role is not None:
                roles.append(rel_role)
        return roles

    def _read_nps(self, c: Candidate, np, start: int, end: int, rule: str) -> list[Role]:
        """Coordinated appositives: 'a fellow at X and a former Pentagon analyst'."""
        parts: list[list[Token]] = []
        current: list[Token] = []
        for i, t in enumerate(np):
            nxt = np[i + 1] if i + 1 < len(np) else None
            if t.lower_ == "and" and nxt is not None and nxt.lower_ in {"a", "an", "the", "former", "now"}:
                parts.append(current)
                current = []
                continue
            current.append(t)
        parts.append(current)
        roles = []
        for part in parts:
            role = self._read_np(c, part, start, end, rule)
            if role is not None:
                roles.append(role)
        return roles

    def _read_np(self, c: Candidate, np, start: int | None = None, end: int | None = None,
                 rule: str = "entities.title_appositive") -> Role | None:
        toks = list(np)
        while toks and toks[0].lower_ in {"a", "an", "the", "now", "his", "her", "its", "their"}:
            toks = toks[1:]
        if not toks:
            return None
        # split "research fellow | at Seoul's Asan Institute"
        split = len(toks)
        for i, t in enumerate(toks):
            inside = self.by_token.get(t.i)
            if inside is not None and inside.tok_start < t.i:
                continue  # "of" inside "Joint Chiefs of Staff"
            if t.lower_ in AFFILIATION_PREPOSITIONS or t.lower_ in {"on", "to"}:
                words = " ".join(x.lower_ for x in toks[max(0, i - 1):i + 2])
                if words in TITLE_HEADS:  # "head of state", "chief of staff"
                    continue
                if t.lower_ == "of" and i + 1 < len(toks) and toks[i + 1].lower_ == "state" and \
                        i > 0 and toks[i - 1].lower_ == "secretary":
                    continue
                split = i
                break
        head, tail = toks[:split], toks[split:]
        title, left, former = split_title(head, self.taken_tokens)
        if start is None or end is None:  # callers give both or neither
            start, end = c.start, np[-1].idx + len(np[-1].text)
        role = Role(c, start, end, rule, title=title, former=former)
        meaningful = title is not None
        if title and _title_head(title) in DESCRIPTOR_HEADS and tail and tail[0].lower_ in {"on", "in"}:
            role.title = title = None  # "a Russian specialist on North Korea": a descriptor
        # what stands before the title head: states, organisations, demonyms, parties, places
        for q in self.cands_in(left if meaningful else head):
            state = self.state_of(q)
            if q is c:
                continue
            if q.role == "demonym" and state is not None:
                role.country = role.country or state.country
                if title is None or TITLE_SECTORS.get(_title_head(title)) not in ("GOV", "DIP", "MIL", "LEG"):
                    role.citizen_of = q
                elif role.target is None:
                    role.target = q
                meaningful = True
            elif q.entry is not None and q.entry.party:
                role.more.append((q, "member_of"))
                meaningful = True
            elif q.label == "ORG" or (q.entry is not None and q.entry.kind == "org"):
                if meaningful:
                    role.target = q
            elif state is not None and q.role in ("name", "seat", "capital") and meaningful:
                role.target = role.target or q  # "Russia's ambassador", "the White House spokesman"
                role.country = role.country or state.country
            elif q.label in ("GPE", "LOC") or state is not None:
                role.country = role.country or self.place_country(q)
        if not meaningful:
            return None
        if title and _title_head(title) in {"ambassador", "envoy", "representative"} and role.target is not None \
                and role.target.entry is not None and role.target.entry.sector == "IGO":
            states = [q for q in self.cands_in(left) if self.state_of(q) is not None and q.label != "ORG"]
            if states:  # "Russia's U.N. ambassador": the United Nations is the posting
                role.target = states[0]
        if tail and tail[0].lower_ in AFFILIATION_PREPOSITIONS | {"on"}:
            orgs = [q for q in self.cands_in(tail)
                    if q.label == "ORG" or (q.entry is not None and q.entry.kind == "org")]
            if orgs:
                role.target = orgs[-1] if tail[0].lower_ != "on" else orgs[0]
                self._org_hints(role, tail, role.target)
                role.predicate = "member_of" if tail[0].lower_ == "on" else None
            elif tail[0].lower_ == "of":
                states = [q for q in self.cands_in(tail) if self.state_of(q) is not None]
                if states and role.target is None:
                    role.target = states[0]
        if role.target is not None and role.predicate is None:
            role.predicate = predicate_for(title, self.state_of(role.target) is not None and role.target.label != "ORG")
        return role

    def _read_relative(self, c: Candidate, rel) -> Role | None:
        for i, t in enumerate(rel[:3]):
            lemma = t.lemma_.lower()
            as_np = lemma in {"be", "become"} or (lemma == "serve" and i + 1 < len(rel) and rel[i + 1].lower_ == "as")
            if as_np:
                rest = rel[i + 2:] if lemma == "serve" else rel[i + 1:]
                role = self._read_np(c, rest, c.start, rel[-1].idx + len(rel[-1].text), "entities.role_relative")
                if role is not None and t.tag_ == "VBD" and lemma != "become" and \
                        not any(x.lower_ == "now" for x in rel[:i + 2]):
                    role.former = True
                return role
        verb_i = None
        for i, t in enumerate(rel[:4]):
            if t.lemma_.lower() in ROLE_VERBS and t.pos_ in ("VERB", "AUX", "NOUN"):
                verb_i = i
                break
        if verb_i is None:
            return None
        verb = rel[verb_i]
        predicate, title = ROLE_VERBS[verb.lemma_.lower()]
        after = rel[verb_i + 1:]
        orgs = []
        for q in self.cands_in(after):
            if q.label == "ORG" or (q.entry is not None and q.entry.kind == "org"):
                orgs.append(q)
        if not orgs:
            return None
        target = orgs[0]
        former = verb.tag_ == "VBD" and not any(t.lower_ == "now" for t in rel[:verb_i])
        role = Role(c, c.start, target.end, "entities.role_relative", title=title, former=former,
                    predicate=predicate, target=target)
        self._org_hints(role, after, target)
        return role

    def _org_hints(self, role: Role, tokens, org: Candidate) -> None:
        """'Seoul-based think tank X', "Ukraine's X": the organisation's country and sector."""
        before = [t for t in tokens if t.i < org.tok_start]
        if before and before[-1].text in POSSESSIVE:
            owner = self.by_token.get(before[-1].i - 1)
            state = self.state_of(owner) if owner is not None else None
            if state is not None:
                role.org_country = state.country
        for i, t in enumerate(before):
            if t.lower_ == "based" and i >= 2 and before[i - 1].text == "-":
                place = before[i - 2]
                role.org_country = self.kb.country_of_place(place.text)
        text = " ".join(t.lower_ for t in before)
        if "think tank" in text or "university" in text or "institute" in text:
            role.org_sector = "EDU"

    def _of_org(self, c: Candidate, tokens) -> list[Role]:
        """'Park Min-ji of the Korea Institute for National Unification'; 'Jim Risch of Idaho'."""
        found = self.cands_in(tokens[:8])
        if not found:
            return []
        q = found[0]
        if q.label == "ORG" or (q.entry is not None and q.entry.kind == "org"):
            return [Role(c, c.start, q.end, "entities.role_of", predicate="employee_of", target=q)]
        if q.label in ("GPE", "LOC"):
            return [Role(c, c.start, q.end, "entities.role_of", country=self.place_country(q))]
        return []

    def after_name(self, c: Candidate) -> list[Role]:
        """'Name of ORG' directly after the name."""
        sd, k = self.sd, c.tok_end
        if k < len(sd) and sd[k].lower_ == "of":
            return self._of_org(c, sd[k:k + 10])
        return []

    def reverse_appositive(self, c: Candidate) -> list[Role]:
        """'The Kremlin's spokesman, Dmitry Peskov, said', 'North Korea's premier, Kim Tok-hun'."""
        sd = self.sd
        j = c.tok_start - 1
        while j >= 0 and (sd[j].lower_ in TITLE_ABBREVIATIONS or sd[j].text == "."):
            j -= 1  # "..., Col. Lee Sung-joon"
        if j < 1 or sd[j].text != ",":
            return []
        after = sd[c.tok_end] if c.tok_end < len(sd) else None
        if after is not None and after.text not in {",", ".", ";", "—", "–"}:
            return []  # "hanging over his head, Mr. Putin attended": not an apposition
        k = j - 1
        np: list[Token] = []
        while k >= 0 and sd[k].text not in NP_BREAK:
            if sd[k].pos_ in ("VERB", "AUX") and sd[k].lower_ != "based":
                break
            np.insert(0, sd[k])
            if sd[k].is_sent_start:
                break
            k -= 1
        if not np or not any(t.lower_ in TITLE_HEADS or t.lower_ in TITLE_ABBREVIATIONS for t in np):
            return []
        if any(self.by_token.get(t.i) is not None and self.by_token[t.i].label == "PERSON"
               and not _is_possessive(sd, self.by_token[t.i]) for t in np):
            return []  # "Lavrov, Choe Son-hui": a list of names, not an appositive
        # the noun phrase may start after a verb's object: "held talks with | his counterpart"
        for i in range(len(np)):
            if i and np[i].lower_ not in {"a", "an", "the", "his", "her", "their", "its"} and np[i - 1].pos_ != "ADP":
                continue
            roles = self._read_nps(c, np[i:], np[i].idx, c.end, "entities.title_reverse_appositive")
            if any(r.title for r in roles):
                return roles
        return []

    def roles_of(self, c: Candidate) -> list[Role]:
        out = []
        pre = self.premodifier(c)
        if pre is not None:
            out.append(pre)
        out.extend(self.reverse_appositive(c))
        out.extend(self.appositive(c))
        out.extend(self.after_name(c))
        return out


def _adjectival(sd, j: int) -> bool:
    """A participle inside a noun phrase: 'a retired diplomat', 'Seoul-based', 'a visiting fellow'."""
    t = sd[j]
    if t.lower_ in FORMER_WORDS or t.lower_ == "based":
        return True
    nxt = sd[j + 1] if j + 1 < len(sd) else None
    return t.tag_ in ("VBN", "VBG") and nxt is not None and nxt.pos_ in ("ADJ", "NOUN", "PROPN")


def _is_possessive(sd, c: Candidate) -> bool:
    return c.tok_end < len(sd) and sd[c.tok_end].text in POSSESSIVE


def find_roles(sd: Doc, cands: list[Candidate], kb: KnowledgeBase) -> list[Role]:
    reader = RoleReader(sd, cands, kb)
    out = []
    for c in cands:
        if c.label == "PERSON":
            out.extend(reader.roles_of(c))
    # "Lavrov met his North Korean counterpart, Choe Son-hui": the same office, another state
    for r in out:
        if r.title != "counterpart":
            continue
        sent = sd[r.mention.tok_start].sent
        earlier = [o for o in out if o.title and o.title != "counterpart" and o.mention.tok_start >= sent.start
                   and o.mention.end <= r.start and not o.former]
        r.title = earlier[-1].title if earlier else None
        if r.title and r.target is None and r.citizen_of is not None:
            r.target, r.citizen_of = r.citizen_of, None
        if r.title and r.target is not None:
            r.predicate = predicate_for(r.title, reader.state_of(r.target) is not None)
    # "Japanese Foreign Minister Yoko Kamikawa and Defense Minister Minoru Kihara": the state
    # qualifies both titles
    pre = [r for r in out if r.rule == "entities.title_premodifier"]
    for prev, r in pairwise(pre):
        if r.target is not None or r.target_state is not None or prev.target is None:
            continue
        between = sd.char_span(prev.end, r.start, alignment_mode="expand")
        if between is not None and [t.lower_ for t in between] in (["and"], [","]):
            if reader.state_of(prev.target) is not None and prev.target.label != "ORG":
                r.target = prev.target
                r.country = r.country or prev.country
                r.predicate = predicate_for(r.title, True)
    return out
