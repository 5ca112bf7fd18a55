"""Given names: the usual gender of a first name (read through newsgraph.coref by every stage).

The project's own short list of given names common in English-language news
(``entities.lexicon.GIVEN_NAMES``) answers first, and its "u" entries (Kim, Lee, Chris…, used for
both sexes or also surnames) answer None; any other name is looked up in gender-guesser's offline
list, where only a clear "male" or "female" counts.
"""

from __future__ import annotations

from functools import lru_cache

from .entities.lexicon import GIVEN_NAMES


@lru_cache(maxsize=1)
def _detector():
    try:
        from gender_guesser.detector import Detector

        return Detector(case_sensitive=False)
    except Exception:  # package missing or broken: the project's list alone answers
        return None


@lru_cache(maxsize=50_000)
def first_name_gender(word: str) -> str | None:
    """"m", "f", or None when the given name is unknown or used for both sexes."""
    key = word.strip().strip(".").lower()
    if not key or not key.replace("-", "").isalpha():
        return None
    listed = GIVEN_NAMES.get(key)
    if listed is not None:
        return listed if listed in ("m", "f") else None
    detector = _detector()
    if detector is None:
        return None
    return {"male": "m", "female": "f"}.get(detector.get_gender(key.capitalize()))
