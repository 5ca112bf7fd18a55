"""The analyst's workbench: a FastAPI app over the store (``newsgraph serve``).

    from newsgraph.web import create_app
    app = create_app("corpus.sqlite", read_only=False, token="...")   # any ASGI server

``newsgraph.web.app:app`` is the same app built from the environment (NEWSGRAPH_DB,
NEWSGRAPH_TOKEN, NEWSGRAPH_READ_ONLY) for ``uvicorn newsgraph.web.app:app``.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
