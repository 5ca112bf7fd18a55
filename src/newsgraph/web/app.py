"""A minimal app for the pages alone (branch i12pages); the full app with the API is branch i12api's."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ..store import Store


def create_app(store: Store | str | Path, *, read_only: bool = False, token: str | None = None) -> FastAPI:
    app = FastAPI(title="newsgraph workbench")
    app.state.store = store if isinstance(store, Store) else Store(store)
    app.state.read_only = read_only
    app.state.token = token or secrets.token_urlsafe(24)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    from .pages import router

    app.include_router(router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> HTMLResponse:
        from .pages import render

        return render(request, "error.html", status_code=error.status_code, message=str(error.detail))

    return app
