"""newsgraph: read news like an analyst and build an evidence-backed knowledge graph."""

__version__ = "0.1.0"

from .model import Document  # noqa: E402,F401
