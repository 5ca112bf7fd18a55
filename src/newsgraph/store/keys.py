"""How names are keyed in the store (canonical `norm_name`, the aliases table) and compared by resolution."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicon import HONORIFICS as PERSONAL_HONORIFICS

# Words that precede a name without being part of it ("President Putin", "Mr. Kim").
HONORIFICS = {h.word for h in PERSONAL_HONORIFICS} | {  # "mr", "mrs", "dr", "sir", ...
    "gen", "general",
    "col", "colonel", "lt", "maj", "major", "capt", "captain", "adm", "admiral", "sgt", "gov",
    "sen", "senator", "rep", "president", "vice", "premier", "prime", "minister", "chancellor",
    "king", "queen", "prince", "princess", "pope", "leader", "chairman", "comrade", "marshal",
    "foreign", "defense", "defence", "secretary", "ambassador", "spokesman", "spokeswoman",
}
ARTICLES = {"the"}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_POSSESSIVE = re.compile(r"['\u2019]s$")  # "Putin's" -> "Putin"


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without accents: "Kiriyánov" -> "kiriyanov"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokens(name: str, entity_type: str = "") -> list[str]:
    return list(_tokens(name, entity_type))


@lru_cache(maxsize=200_000)
def _tokens(name: str, entity_type: str) -> tuple[str, ...]:
    """Name words, folded; hyphens and apostrophes split ("Jong-un" -> "jong", "un");
    leading articles (all types) and honorifics (persons) dropped."""
    words = _WORD.findall(fold(_POSSESSIVE.sub("", name)))
    while words and words[0] in ARTICLES:
        words = words[1:]
    if entity_type == "PERSON":
        while len(words) > 1 and words[0] in HONORIFICS:
            words = words[1:]
    return tuple(words)


def name_key(name: str, entity_type: str = "") -> str:
    """The comparison key: words joined without spaces, so "Kim Jong Un", "Kim Jong-un" and
    "Kim Jongun" share one key."""
    return "".join(tokens(name, entity_type))


def display_key(name: str, entity_type: str = "") -> str:
    """Words joined by spaces (aliases table, lookups by typed name)."""
    return " ".join(tokens(name, entity_type))
