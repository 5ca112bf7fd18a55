"""Vocabularies more than one stage reads: reporting verbs by role, honorifics with gender, pronouns.

Each stage selects the subset it needs from one table, so a verb or an honorific is added in one
place:

* ``REPORTING_VERBS`` maps a verb lemma to its roles:

  - ``QUOTE_CUE``: the quotes stage's cue verbs ("said", "told reporters", "warned");
  - ``CLAIM_SOURCE``: the events stage's reporting verbs, which give an event's *source* rather than
    its modality ("Seoul said the North had shipped shells");
  - ``SPEECH_NAME``: the entities stage's evidence that a capitalised subject is a person
    ("Amelia Grant said").

* ``HONORIFICS`` lists the courtesy titles written before a name, each with its gender ("female",
  "male" or None) and the forms each stage reads.
"""

from __future__ import annotations

from dataclasses import dataclass

QUOTE_CUE = "quote_cue"
CLAIM_SOURCE = "claim_source"
SPEECH_NAME = "speech_name"

_QUOTE_CUES = """
say tell warn add note write state insist report confirm announce claim argue suggest explain
acknowledge admit deny assert declare emphasize emphasise stress predict estimate reply respond
ask urge caution complain concede contend allege maintain observe remark reiterate repeat
testify tweet post reveal disclose mention comment indicate agree boast vow pledge promise
conclude counter charge retort recount quip lament affirm proclaim underline threaten read
""".split()
_CLAIM_SOURCES = """
say report tell confirm announce state add note write explain insist reveal disclose quote
acknowledge argue suggest warn
""".split()
_SPEECH_NAMES = "say tell add insist argue warn testify explain".split()


def _tag_verbs() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    for role, verbs in ((QUOTE_CUE, _QUOTE_CUES), (CLAIM_SOURCE, _CLAIM_SOURCES), (SPEECH_NAME, _SPEECH_NAMES)):
        for verb in verbs:
            roles.setdefault(verb, set()).add(role)
    return {verb: frozenset(r) for verb, r in roles.items()}


REPORTING_VERBS: dict[str, frozenset[str]] = _tag_verbs()


def reporting_verbs(role: str) -> frozenset[str]:
    """The lemmas of reporting verbs that play ``role`` (QUOTE_CUE, CLAIM_SOURCE, SPEECH_NAME)."""
    return frozenset(verb for verb, roles in REPORTING_VERBS.items() if role in roles)


# --- honorifics -------------------------------------------------------------------------

FEMALE = "female"
MALE = "male"


@dataclass(frozen=True)
class Honorific:
    word: str  # lower case, no full stop
    gender: str | None  # FEMALE | MALE | None
    abbreviated: bool = False  # written with or without a full stop: "Mr." and "Mr"
    short_mention: bool = False  # the entities stage keeps it on a short person mention ("Mr. Kim")
    gender_cue: bool = False  # the quotes stage reads the gender of a mention from it


HONORIFICS: tuple[Honorific, ...] = (
    Honorific("mr", MALE, abbreviated=True, short_mention=True, gender_cue=True),
    Honorific("ms", FEMALE, abbreviated=True, short_mention=True, gender_cue=True),
    Honorific("mrs", FEMALE, abbreviated=True, short_mention=True, gender_cue=True),
    Honorific("miss", FEMALE, short_mention=True, gender_cue=True),
    Honorific("mme", FEMALE, abbreviated=True, short_mention=True),
    Honorific("dr", None, abbreviated=True, short_mention=True),
    Honorific("prof", None, abbreviated=True),
    Honorific("sir", MALE, gender_cue=True),
    Honorific("dame", FEMALE, gender_cue=True),
    Honorific("madam", FEMALE, gender_cue=True),
    Honorific("lord", MALE),
    Honorific("lady", FEMALE),
)

# entities: the tokens of a short person mention's honorific ("mr.", "mr", "miss")
SHORT_MENTION_HONORIFICS = frozenset(
    form for h in HONORIFICS if h.short_mention
    for form in ((h.word, h.word + ".") if h.abbreviated else (h.word,))
)
# quotes: how a mention's text starts when an honorific gives its gender ("Mr.", "Mr ", "Sir ")
HONORIFIC_PREFIXES: dict[str, tuple[str, ...]] = {
    gender: tuple(
        prefix for h in HONORIFICS if h.gender == gender and h.gender_cue
        for prefix in ((h.word.capitalize() + ".", h.word.capitalize() + " ") if h.abbreviated
                       else (h.word.capitalize() + " ",))
    )
    for gender in (MALE, FEMALE)
}


def honorific_gender(word: str | None) -> str | None:
    """FEMALE, MALE or None for an honorific as written ("Mr.", "mrs", "Dr.")."""
    low = (word or "").lower().rstrip(".")
    return next((h.gender for h in HONORIFICS if h.word == low and h.short_mention), None)


def prefix_gender(text: str) -> str | None:
    """The gender an honorific at the start of a mention's text gives ("Mrs. Clinton" -> FEMALE)."""
    for gender in (MALE, FEMALE):
        if text.startswith(HONORIFIC_PREFIXES[gender]):
            return gender
    return None


# --- pronouns ---------------------------------------------------------------------------

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})


def pronoun_gender(word: str) -> str | None:
    """MALE for he/him/his/himself, FEMALE for she/her/hers/herself, else None."""
    low = word.lower()
    if low in MALE_PRONOUNS:
        return MALE
    if low in FEMALE_PRONOUNS:
        return FEMALE
    return None
