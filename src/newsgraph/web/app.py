"""The workbench app: JSON API (:mod:`.api`), pages (:mod:`.pages`, when present), static files,
security and error handling.

Errors never carry a traceback: ``/api`` answers JSON ``{"detail": ...}``, pages a plain HTML
page; an unexpected exception is logged on the server and answered 500 with no details.
"""

from __future__ import annotations

import html
import importlib
import logging
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..query import Corpus
from ..store import Store
from . import api, brief_api, security

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("newsgraph.web")


def create_app(store: str | Path | Store | None = None, *, read_only: bool = False,
               token: str | None = None) -> FastAPI:
    """The app over ``store`` (a Store, a path or SQLAlchemy URL, None for the data folder's).
    Writes need ``token``; with none given, NEWSGRAPH_TOKEN or the data folder's (made if absent)."""
    store = store if isinstance(store, Store) else Store(store)
    app = FastAPI(title="newsgraph workbench", version="1", description=__doc__,
                  openapi_tags=[{"name": "api", "description": "the corpus graph, as JSON"}])
    app.state.store = store
    app.state.corpus = Corpus(store)
    app.state.read_only = read_only
    app.state.token = token if token is not None else (None if read_only else security.load_or_create_token()[0])
    app.include_router(api.router)
    app.include_router(brief_api.router)
    try:
        pages = importlib.import_module(f"{__package__}.pages")
    except ModuleNotFoundError as exc:  # the pages are optional (the API runs alone)
        if exc.name != f"{__package__}.pages":
            raise
    else:
        app.include_router(pages.router)
        app.include_router(importlib.import_module(f"{__package__}.brief_pages").router)
    STATIC.mkdir(parents=True, exist_ok=True)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_error_handlers(app)
    _install_middleware(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, detail: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    text = detail if isinstance(detail, str) else "the request could not be handled"
    body = (f"<!doctype html><html><head><meta charset='utf-8'><title>{status}</title></head>"
            f"<body><h1>{status}</h1><p>{html.escape(text)}</p><p><a href='/'>newsgraph home</a></p></body></html>")
    return HTMLResponse(body, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, exc.detail)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                    for e in exc.errors()]
        return _error(request, 422, problems if _wants_json(request) else "invalid request parameters")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "internal error")


def _install_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        security.set_csrf_cookie(request, response)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def app_from_env() -> FastAPI:
    """The app for an ASGI server: NEWSGRAPH_DB (else the data folder's store), NEWSGRAPH_TOKEN,
    NEWSGRAPH_READ_ONLY=1."""
    read_only = os.environ.get("NEWSGRAPH_READ_ONLY", "") not in ("", "0", "false")
    return create_app(os.environ.get("NEWSGRAPH_DB") or None, read_only=read_only)


app: FastAPI  # built on first access, by __getattr__ below


def __getattr__(name: str) -> Any:
    """``newsgraph.web.app:app`` is built on first access (so importing this module opens nothing)."""
    if name == "app":
        global app
        app = app_from_env()
        return app
    raise AttributeError(name)
