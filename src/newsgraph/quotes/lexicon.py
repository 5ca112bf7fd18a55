"""Word lists for quotes: cue verbs, pronouns, unnamed-source nouns, descriptions."""

from __future__ import annotations

from ..lexicon import (  # noqa: F401  (pronoun sets re-exported for the quotes stage)
    FEMALE,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    HONORIFIC_PREFIXES,
    MALE,
    MALE_PRONOUNS,
    NEUTER_PRONOUNS,
    PLURAL_PRONOUNS,
    QUOTE_CUE,
    reporting_verbs,
)

# Lemmas of verbs that report speech or writing ("said", "told reporters", "warned").
SPEECH_VERBS = reporting_verbs(QUOTE_CUE)

# Cue verbs whose content can be an infinitive clause: promises, warnings, appeals ("vowed to
# block the bill", "urged voters to register").
XCOMP_CUES = frozenset("vow pledge promise urge warn ask tell threaten caution".split())

# Nouns for an utterance, objects of a verb leading into a quotation ("made the following remark:").
SPEECH_NOUNS = frozenset("""
statement remark remarks comment comments message warning appeal announcement speech address
tweet post plea promise pledge response reply answer note observation
""".split())

# Verbs that utter such a noun ("issued a statement", "made a remark"), not "examined the statement".
NOUN_CUE_VERBS = frozenset("make issue give release deliver post send offer publish tweet read".split())

# Cue verbs that also take things as subjects ("the visit suggested", "the data indicate"): they
# count only with a person, organisation, group or document as subject.
AMBIGUOUS_CUES = frozenset("suggest indicate reveal confirm mean show predict repeat read".split())

# Heads of noun phrases that name a kind of organisation rather than the organisation itself:
# in "Russia's Tass news agency" the speaker is the compound "Tass".
GENERIC_ORG_HEADS = frozenset("""
agency wire service news outlet newspaper paper daily channel network broadcaster television tv
radio media website site ministry office department
""".split())

# Documents that speak for their author ("a Kremlin statement said", "a release from the union said").
DOCUMENT_HEADS = frozenset("""
statement release report letter memo memorandum tweet post communique communiqué notice filing
complaint lawsuit document email e-mail message announcement bulletin readout transcript
""".split())

# Nouns for groups or kinds of unnamed people ("officials said", "analysts say").
UNNAMED_HEADS = frozenset("""
official officials analyst analysts expert experts observer observers source sources
critic critics diplomat diplomats aide aides resident residents witness witnesses
people person researcher researchers economist economists lawmaker lawmakers
voice voices spokesman spokeswoman spokesperson representative representatives leader leaders
member members activist activists scholar scholars specialist specialists insider insiders
""".split())

# Role nouns that make a definite description of a person ("the Russian leader").
PERSON_ROLES = frozenset("""
leader president minister spokesman spokeswoman spokesperson chairman chairwoman chair premier
chancellor secretary ambassador envoy general commander senator governor mayor king queen prince
official director chief diplomat dictator ruler head adviser advisor nominee candidate
businessman businesswoman lawmaker congressman congresswoman representative judge prosecutor
""".split())

MALE_HONORIFICS = HONORIFIC_PREFIXES[MALE]  # how a mention starts: "Mr.", "Mr ", "Sir "
FEMALE_HONORIFICS = HONORIFIC_PREFIXES[FEMALE]
# gendered title words ("spokeswoman"): newsgraph.coref.MALE_WORDS / FEMALE_WORDS

# Nationality adjectives -> ISO 3166-1 alpha-3, for descriptions ("the Russian leader").
NATIONALITY = {
    "russian": "RUS", "north korean": "PRK", "south korean": "KOR", "korean": None,
    "american": "USA", "u.s.": "USA", "us": "USA", "chinese": "CHN", "japanese": "JPN",
    "ukrainian": "UKR", "british": "GBR", "french": "FRA", "german": "DEU", "iranian": "IRN",
    "israeli": "ISR", "indian": "IND", "canadian": "CAN", "turkish": "TUR", "syrian": "SYR",
}
