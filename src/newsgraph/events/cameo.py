"""The CAMEO root (two-digit cue category) of a PLOVER-coded event, for CAMEO-based tools.

PLOVER was made from CAMEO, and its manual gives the translation (PLOVER manual, Table 7.1):
03 AGREE, 04 CONSULT, 05 SUPPORT, 06 COOPERATE, 07 AID, 08 CONCEDE (081-083) and RETREAT
(084-087), 09 and 11 ACCUSE, 10 REQUEST, 12 REJECT, 13 THREATEN, 14 PROTEST, 15 MOBILIZE,
16 SANCTION, 17 COERCE, 18-20 ASSAULT; 01 MAKE PUBLIC STATEMENT and 02 APPEAL are dropped. Going
back is mostly the same table read the other way, with two cases the type alone cannot tell and
the event's trigger can:

* newsgraph codes an appeal ("urged", "called on", "appealed for") as a REQUEST of its speaker, as
  it codes a demand; CAMEO keeps them apart (02 APPEAL, 10 DEMAND), so a REQUEST whose trigger is
  a verb of appeal is 02;
* a rejection of an accusation ("rejected the allegations") is CAMEO 016 "deny responsibility", a
  public statement (01), which the manual says one might code REJECT, as newsgraph does;
* newsgraph keeps an act's type and puts its futurity or failure in ``modality``; CAMEO codes the
  statement instead: cooperation only promised or offered ("will release the hostages", "is
  willing to withdraw its troops", "will visit Albania": planned or hypothetical) is 03 EXPRESS
  INTENT TO COOPERATE, unless it is promised only "unless" the other side acts (an ultimatum, 13)
  or only considered ("is considering sending aid": a statement, 01); a conflict act announced
  ("will begin a new operation", "plans to impose restrictions", "will withdraw the inspectors":
  planned) or conditional ("may halt mediation if cooperation founders") is 13 THREATEN; an act
  refused or failed ("refused to meet", "failed to reach agreement", "will not accept": negated)
  12 REJECT; an act its doer denies is the denial, a public statement (016); a claimed or alleged
  use of force is the claim (01), and so is an event condolences or respects are offered over
  (018);
* a call for a punitive measure ("called for sanctions against") is a demand (10), not an appeal.

:func:`cameo_parties` gives an event's source and target as CAMEO codes them (the host of a
visit its source). :func:`cameo_root` gives the root; :data:`CAMEO_QUAD` the quad class of a
root as ConfliBERT's ``cameo_class`` labels count them (0 statement: 01-02, 1 verbal
cooperation: 03-05, 2 material cooperation: 06-08, 3 verbal conflict: 09-13 and 16, 4 material
conflict: 14-15 and 17-20).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Modality
from .senses import trigger_token

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Document, Event

ROOT_OF_TYPE = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
                "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11", "REQUEST": "10", "REJECT": "12",
                "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
                "ASSAULT": "18"}
# verbs of appeal (CAMEO 02) among the REQUEST triggers; "demand", "insist", "must" stay 10
APPEAL_TRIGGERS = frozenset({"urge", "call on", "call upon", "call for", "appeal", "ask", "request", "plead",
                             "implore", "push for", "beg", "exhort"})
# the accusation nouns whose rejection is a denial (CAMEO 016)
ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge", "claim", "report", "suggestion",
                              "assertion", "criticism"})
DENYING_TRIGGERS = frozenset({"reject", "deny", "dismiss", "refute", "rebut"})
HOST_TRIGGERS = frozenset({"host", "receive", "welcome"})
MOURNING = frozenset({"condolence", "condolences", "sympathy", "respect", "respects", "tribute", "mourn",
                      "commemorate", "commemoration"})
DELIBERATING = frozenset({"consider", "mull", "weigh", "contemplate", "study", "explore", "debate", "ponder"})
CAMEO_QUAD = {**dict.fromkeys(("01", "02"), 0), **dict.fromkeys(("03", "04", "05"), 1),
              **dict.fromkeys(("06", "07", "08"), 2), **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
              **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4)}
COOPERATION = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
INTENDED = frozenset({Modality.PLANNED, Modality.HYPOTHETICAL})
MATERIAL_CONFLICT = frozenset({"PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "SANCTION"})
# what a call asks for that makes it a demand against someone (10), not an appeal (02)
PUNITIVE_NOUNS = frozenset({"sanction", "embargo", "boycott", "punishment", "prosecution", "arrest", "expulsion",
                            "ban", "strike"})
_TRIGGER_RULE = re.compile(r"events\.(?:verb|light|noun|speech):([^+]+)")


def trigger_lemma(event: Event) -> str | None:
    """The trigger the coder's rule names ("events.verb:call on+..." -> "call on")."""
    found = _TRIGGER_RULE.search(event.rule)
    return found.group(1) if found else None


def cameo_root(doc: Document, event: Event) -> str:
    """The CAMEO root code of ``event`` (see the module docstring)."""
    token = trigger_token(doc, event)
    if event.modality == Modality.NEGATED:
        return "12"
    if event.modality == Modality.DENIED:
        return "01"  # the denial is the statement (016 deny responsibility)
    if event.modality == Modality.ALLEGED and event.type in MATERIAL_CONFLICT:
        return "01"  # "the Houthis claimed that they had attacked the airport": the claim is the statement
    if _mourned(token):
        return "01"  # "expressed condolences over an attack": an empathetic comment (018)
    if event.modality in INTENDED and _deliberated(token):
        return "01"  # "is considering sending aid": a statement of deliberation, no intent yet
    if event.modality in INTENDED and _conditioned(token, ("unless",)):
        return "13"  # "will withdraw its force unless ...": an ultimatum
    if event.type in COOPERATION and event.modality in INTENDED:
        return "03"
    if event.type in MATERIAL_CONFLICT and (event.modality == Modality.PLANNED or (
            event.modality == Modality.HYPOTHETICAL and _conditioned(token, ("if", "unless")))):
        return "13"  # announced, or conditional: "may halt mediation if cooperation founders"
    lemma = trigger_lemma(event)
    if event.type == "REQUEST" and lemma in APPEAL_TRIGGERS and not _asks_for_punishment(token):
        return "02"
    if event.type == "REJECT" and lemma in DENYING_TRIGGERS and _rejects_an_accusation(token):
        return "01"
    return ROOT_OF_TYPE.get(event.type, "01")


def cameo_plover_type(doc: Document, event: Event) -> str | None:
    """The PLOVER type of ``event``'s CAMEO root read back through Table 7.1: the type a coder
    who codes in CAMEO and maps to PLOVER gives (an intention to cooperate AGREE, a refusal
    REJECT, an announced use of force THREATEN); None for a public statement or an appeal (01,
    02), which PLOVER does not code."""
    root = cameo_root(doc, event)
    if root in ("01", "02"):
        return None
    return {"03": "AGREE", "12": "REJECT", "13": "THREATEN"}.get(root, event.type)


def cameo_parties(event: Event) -> tuple[list[str], list[str]]:
    """(source, target) entity ids as CAMEO codes them: newsgraph (and PLOVER, 3.2.2) makes the
    visitor the actor of a visit its host receives ("Yeltsin hosted Hashimoto": Hashimoto visits
    Yeltsin); CAMEO codes that as 043 HOST A VISIT, the host its source."""
    if event.type == "CONSULT" and trigger_lemma(event) in HOST_TRIGGERS and event.recipients:
        return list(event.recipients), list(event.actors)
    return list(event.actors), list(event.recipients)


def _mourned(token: Token | None) -> bool:
    """The event is what condolences or respects are offered over ("condolences to the families
    of those killed in the attack", "paid his respects to a soldier killed in Afghanistan")."""
    if token is None:
        return False
    governors = list(token.ancestors)[:6]
    near = [*governors, *(c for a in governors for c in a.children)]
    return any(t.lemma_.lower() in MOURNING for t in near)


def _deliberated(token: Token | None) -> bool:
    """The act is only being considered ("is considering sending aid", "mulls sanctions")."""
    governors = list(token.ancestors)[:2] if token is not None else []
    return any(g.lemma_.lower() in DELIBERATING for g in governors)


def _conditioned(token: Token | None, marks: tuple[str, ...]) -> bool:
    """The act's clause has an adverbial clause opened by one of ``marks`` ("unless ...", "if ...")."""
    clause = [token, *list(token.ancestors)[:2]] if token is not None else []
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for t in clause for c in t.children)


def _asks_for_punishment(token: Token | None) -> bool:
    """"called for sanctions against Turkey": a call for a punitive measure is a demand (10)."""
    if token is None:
        return False
    asked = [c for c in token.children if c.dep_ == "dobj"]
    asked += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "for"
              for p in c.children if p.dep_ == "pobj"]
    return any(a.lemma_.lower() in PUNITIVE_NOUNS for a in asked)


def _rejects_an_accusation(token: Token | None) -> bool:
    return token is not None and any(child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in ACCUSATION_NOUNS
                                     for child in token.children)
