"""The MiniLM sentence encoder of the learned event model, run directly on the transformer.

:class:`MiniLMEncoder` gives what ``SentenceTransformer.encode(..., normalize_embeddings=True)``
gives for all-MiniLM-L6-v2 (mean of the token states, L2-normalised), but faster on a CPU:

* **few input shapes**: a sentence is padded (and masked) to the next multiple of
  ``LENGTH_STEP`` tokens, sentences of one padded length form a batch, and a batch holds a power
  of two of them (at most ``MAX_GROUP``). The CPU kernels are built and cached per input shape;
  with one shape per exact length and batch size (up to 4,096 of them) the cache kept growing
  for a whole long ingest (about 70 MiB over 20,000 articles, and building kernels took time),
  while these few shapes are all met early. A sentence's padded length depends on itself alone,
  so its embedding does not depend on the sentences it is batched with (a test checks that
  encoding alone and in a batch give the same numbers); the masked positions leave the real
  ones as they are (float32 within 1e-6 of encoding unpadded);
* **a traced transformer** (``torch.jit.trace`` then ``freeze``): the same numbers as the eager
  module (a test checks sentences of several lengths and group sizes) with less Python per call,
  which matters at a handful of sentences per call (about 40% of the encoding time); the eager
  module is kept where tracing fails;
* **bfloat16 weights where the CPU computes in bfloat16 natively** (AVX512-BF16 or AMX): the
  transformer runs in bfloat16 and the pooling in float32. Against float32 the embeddings keep a
  cosine above 0.9999 on ConfliBERT train sentences, and the encoder runs about three times
  faster; elsewhere (or with ``NEWSGRAPH_EVENT_PRECISION=float32``) it stays in float32, where
  emulated bfloat16 would be slower.

The heads are trained on float32 embeddings from ``SentenceTransformer.encode`` itself
(:meth:`MiniLMEncoder.encode_reference`), so a model file does not depend on the machine that
made it, and ``make train`` still writes the same file.
"""

from __future__ import annotations

import logging
import os
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np

from ..config import ConfigurationError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

EMBEDDING_SIZE = 384
MAX_GROUP = 16  # sentences per forward pass (of one padded length); batches are powers of two
LENGTH_STEP = 16  # sentences are padded to a multiple of this many tokens
PRECISIONS = ("auto", "bfloat16", "float32")


def native_bfloat16() -> bool:
    """Whether this CPU computes bfloat16 matrix products in hardware (AVX512-BF16 or AMX)."""
    import torch

    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, name, lambda: False)()) for name in checks)


def resolve_precision(precision: str | None = None) -> str:
    """"bfloat16" or "float32": the argument, else ``NEWSGRAPH_EVENT_PRECISION``, else "auto"
    (bfloat16 where :func:`native_bfloat16`)."""
    chosen = (precision or os.environ.get("NEWSGRAPH_EVENT_PRECISION") or "auto").strip().lower()
    if chosen not in PRECISIONS:
        raise ConfigurationError(f"NEWSGRAPH_EVENT_PRECISION: the event model precision must be one of "
                                 f"{', '.join(PRECISIONS)}, not {chosen!r}")
    if chosen == "auto":
        return "bfloat16" if native_bfloat16() else "float32"
    return chosen


class MiniLMEncoder:
    """The tokenizer and transformer of a sentence-transformers MiniLM, encoding in few input shapes."""

    def __init__(self, model: SentenceTransformer, precision: str | None = None):
        import torch

        self.precision = resolve_precision(precision)
        self.sentence_transformer = model
        self.tokenizer = model.tokenizer
        self.max_length = int(model.max_seq_length or 256)
        transformer: Any = model[0].auto_model
        transformer.eval()
        self.transformer = transformer.to(torch.bfloat16) if self.precision == "bfloat16" else transformer
        self.forward = self._traced() or self._eager

    def _eager(self, input_ids: Any, attention_mask: Any) -> Any:
        return self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    def _traced(self) -> Any:
        """The transformer traced on a padded example batch (so the masked path is what is
        recorded), or None where tracing fails."""
        import torch
        from transformers.utils import logging as transformers_logging

        example = _padded(self.token_ids(["The two ministers met in the capital on Monday.", "Talks resumed."]),
                          LENGTH_STEP)
        verbosity = transformers_logging.get_verbosity()
        transformers_logging.set_verbosity_error()  # tracing reads properties that log notices
        try:  # torch and transformers warn that tracing is deprecated and records the all-ones mask
            with torch.inference_mode(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                traced = torch.jit.trace(_last_hidden_state(self.transformer), example, check_trace=False,
                                         strict=False)
                return torch.jit.freeze(traced.eval())
        except Exception as exc:  # an unusual torch build: the eager module gives the same numbers
            log.info("event model: tracing the encoder failed, running it eagerly: %s", exc)
            return None
        finally:
            transformers_logging.set_verbosity(verbosity)

    def encode_reference(self, texts: list[str]) -> np.ndarray:
        """The same embeddings from ``SentenceTransformer.encode`` (padded batches of 32), as the
        model file's heads were trained on; float32 encoders only."""
        if self.precision != "float32":
            raise ValueError("reference embeddings come from the float32 encoder")
        return np.asarray(self.sentence_transformer.encode(list(texts), batch_size=32, normalize_embeddings=True,
                                                           show_progress_bar=False), dtype=np.float32)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [self.tokenizer(text, truncation=True, max_length=self.max_length)["input_ids"] for text in texts]

    def encode(self, texts: list[str]) -> np.ndarray:
        """(n, 384) float32 L2-normalised mean-pooled embeddings, in the order of ``texts``."""
        import torch

        out = np.zeros((len(texts), EMBEDDING_SIZE), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for index, ids in enumerate(ids_list := self.token_ids(list(texts))):
            by_length.setdefault(self.padded_length(len(ids)), []).append(index)
        with torch.inference_mode():
            for length, rows in by_length.items():
                for group in power_of_two_groups(rows, MAX_GROUP):
                    out[group] = self._pooled(*_padded([ids_list[i] for i in group], length))
        return out

    def padded_length(self, n_tokens: int) -> int:
        return min(-(-n_tokens // LENGTH_STEP) * LENGTH_STEP, self.max_length)  # token_ids cut at max_length

    def _pooled(self, input_ids: Any, attention_mask: Any) -> np.ndarray:
        import torch

        states = self.forward(input_ids, attention_mask).float()
        mask = attention_mask.unsqueeze(-1).float()
        return torch.nn.functional.normalize((states * mask).sum(dim=1) / mask.sum(dim=1), dim=1).numpy()


def power_of_two_groups(rows: list[int], most: int) -> list[list[int]]:
    """``rows`` in consecutive groups of powers of two, largest first, none above ``most``."""
    groups, start = [], 0
    while start < len(rows):
        size = min(most, 1 << ((len(rows) - start).bit_length() - 1))
        groups.append(rows[start:start + size])
        start += size
    return groups


def _padded(ids_list: list[list[int]], length: int) -> tuple[Any, Any]:
    """Input ids padded with zeros to ``length`` (at least the longest) and their attention mask."""
    import torch

    length = max(length, *(len(ids) for ids in ids_list))
    input_ids = torch.zeros((len(ids_list), length), dtype=torch.long)
    attention_mask = torch.zeros_like(input_ids)
    for row, ids in enumerate(ids_list):
        input_ids[row, :len(ids)] = torch.tensor(ids)
        attention_mask[row, :len(ids)] = 1
    return input_ids, attention_mask


def _last_hidden_state(transformer: Any) -> Any:
    """A module giving the transformer's last hidden states for input ids and their attention
    mask: what tracing records (defined here because torch is an optional dependency)."""
    import torch

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    return LastHiddenState()
