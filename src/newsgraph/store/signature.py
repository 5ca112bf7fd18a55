"""The MinHash signature stored with every document (``documents.minhash``), for near-duplicates.

Each document gets a MinHash of its word 5-shingles (datasketch, ``NUM_PERM`` permutations)
when it is stored; :mod:`newsgraph.resolve.stories` compares the stored signatures.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 64
SHINGLE = 5
SCHEME = "affine32"  # datasketch hashing scheme; stored signatures depend on it
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _permutations():
    """The hash permutations for NUM_PERM and seed 1 (costly to draw; the same every time)."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def text_signature(text: str) -> bytes:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    mh.update_batch([s.encode("utf-8") for s in shingles if s])
    return mh.hashvalues.astype(np.uint64).tobytes()
