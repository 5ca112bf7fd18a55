"""Event types in plain words, keyed by PLOVER type and mode (a mode not listed falls back to
its type's words).  The words are a past-tense verb phrase: "Kim Jong-un *met with* Vladimir Putin"."""

from __future__ import annotations

TYPE_WORDS: dict[str, str] = {
    "AGREE": "agreed with", "CONSULT": "met", "SUPPORT": "backed", "CONCEDE": "gave way to",
    "COOPERATE": "cooperated with", "AID": "aided", "RETREAT": "pulled back from", "REQUEST": "asked",
    "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "SANCTION": "sanctioned",
    "PROTEST": "protested against", "MOBILIZE": "mobilized", "COERCE": "coerced", "ASSAULT": "attacked",
}
MODE_WORDS: dict[tuple[str, str], str] = {
    ("CONSULT", "visit"): "visited", ("CONSULT", "third-party"): "mediated between",
    ("CONSULT", "multilateral"): "met in a multilateral meeting with", ("CONSULT", "phone"): "spoke by phone with",
    ("RETREAT", "withdraw"): "withdrew from", ("RETREAT", "release"): "released",
    ("RETREAT", "disarm"): "disarmed", ("RETREAT", "ceasefire"): "agreed a ceasefire with",
    ("RETREAT", "access"): "granted access to", ("RETREAT", "resign"): "resigned from",
    ("REQUEST", "assist"): "asked for help from", ("REQUEST", "change"): "called for change by",
    ("REQUEST", "yield"): "demanded concessions from", ("REQUEST", "meet"): "asked to meet",
    ("REJECT", "assist"): "refused help to", ("REJECT", "change"): "refused change demanded by",
    ("REJECT", "yield"): "refused to yield to", ("REJECT", "meet"): "refused to meet",
    ("ACCUSE", "disapprove"): "criticized", ("ACCUSE", "investigate"): "investigated",
    ("ACCUSE", "allege"): "accused",
    ("THREATEN", "restrict"): "threatened restrictions on", ("THREATEN", "arrest"): "threatened to arrest",
    ("THREATEN", "relations"): "threatened to cut ties with", ("THREATEN", "expel"): "threatened to expel",
    ("THREATEN", "territory"): "threatened territory of", ("THREATEN", "violence"): "threatened force against",
    ("PROTEST", "demo"): "demonstrated against", ("PROTEST", "riot"): "rioted against",
    ("PROTEST", "strike"): "went on strike against", ("PROTEST", "hunger"): "went on hunger strike against",
    ("PROTEST", "boycott"): "boycotted", ("PROTEST", "obstruct"): "obstructed",
    ("PROTEST", "vandalize"): "vandalized",
    ("SANCTION", "convict"): "convicted", ("SANCTION", "expel"): "expelled",
    ("SANCTION", "withdraw"): "withdrew from", ("SANCTION", "discontinue"): "cut off",
    ("MOBILIZE", "troops"): "deployed troops", ("MOBILIZE", "weapons"): "tested or deployed weapons",
    ("MOBILIZE", "police"): "deployed police", ("MOBILIZE", "militia"): "mobilized militia",
    ("COERCE", "seize"): "seized", ("COERCE", "restrict"): "restricted", ("COERCE", "censor"): "censored",
    ("COERCE", "curfew"): "imposed a curfew on", ("COERCE", "martial-law"): "imposed martial law on",
    ("COERCE", "arrest"): "arrested", ("COERCE", "deport"): "deported", ("COERCE", "withhold"): "withheld from",
    ("COERCE", "misinformation"): "spread misinformation about", ("COERCE", "cyber"): "hacked",
    ("ASSAULT", "abduct"): "abducted", ("ASSAULT", "beat"): "beat", ("ASSAULT", "torture"): "tortured",
    ("ASSAULT", "sexual"): "sexually assaulted", ("ASSAULT", "targeted"): "killed",
    ("ASSAULT", "destroy"): "destroyed property of", ("ASSAULT", "primitive"): "attacked with crude weapons",
    ("ASSAULT", "firearms"): "shot at",
    ("ASSAULT", "explosives"): "bombed", ("ASSAULT", "suicide-attack"): "carried out a suicide attack on",
    ("ASSAULT", "aerial"): "struck from the air", ("ASSAULT", "drone"): "struck by drone",
    ("ASSAULT", "heavy-weapons"): "shelled", ("ASSAULT", "crowd-control"): "used crowd-control weapons on",
    ("ASSAULT", "unconventional"): "used unconventional weapons against",
}


# with no recipient named, a verb phrase drops its object's preposition ("cooperated with" -> "cooperated")
_OBJECT_WORDS = (" with", " to", " from", " of", " on", " against", " between", " by")
WITHOUT_OBJECT = {"CONSULT": "met", "MOBILIZE": "mobilized"}
KEEP_WITHOUT_OBJECT = {("MOBILIZE", "weapons"), ("MOBILIZE", "troops")}  # "tested or deployed weapons"


def plain_words(event_type: str, mode: str | None = None, has_object: bool = True) -> str:
    """"met", "accused", "sanctioned" ... for a PLOVER type (and mode); ``has_object=False``
    when the event names no recipient ("Choe and Lavrov met", "the allies cooperated")."""
    words = MODE_WORDS.get((event_type, mode or ""), TYPE_WORDS.get(event_type, event_type.lower()))
    if has_object:
        return words
    if event_type in WITHOUT_OBJECT and (event_type, mode or "") not in KEEP_WITHOUT_OBJECT:
        return WITHOUT_OBJECT[event_type]
    for tail in _OBJECT_WORDS:
        if words.endswith(tail):
            return words[: -len(tail)]
    return words
