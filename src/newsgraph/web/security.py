"""Who may write, and protection of the pages' forms against cross-site requests.

* The write token: ``NEWSGRAPH_TOKEN``, else the one stored in the data folder
  (``<data_dir>/web_token``, mode 0600), else a new one generated and stored there at first serve
  (:func:`load_or_create_token` says whether it was new, so ``serve`` prints it once).
* API writes carry it as ``Authorization: Bearer TOKEN`` or ``X-Newsgraph-Token: TOKEN``
  (:func:`require_writer`).  A page session (after the login form, :func:`start_session`) is a
  cookie holding an HMAC of the token; a write made with it also needs the CSRF token.
* CSRF: double-submit.  :func:`csrf_token` gives the page's token (a random value kept in a
  SameSite=Strict cookie, set by the app's middleware); a form posts it back as the field
  ``csrf_token`` (checked by :func:`verify_csrf_form`), page scripts send it as ``X-CSRF-Token``.
* ``read_only``: every write answers 403.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from fastapi import HTTPException, Request, Response

from ..config import Settings

TOKEN_ENV = "NEWSGRAPH_TOKEN"
TOKEN_FILE = "web_token"
SESSION_COOKIE = "newsgraph_session"
CSRF_COOKIE = "newsgraph_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
TOKEN_HEADER = "X-Newsgraph-Token"


def token_path(settings: Settings | None = None) -> Path:
    return Path((settings or Settings()).data_dir) / TOKEN_FILE


def load_or_create_token(settings: Settings | None = None) -> tuple[str, bool]:
    """(token, created): from NEWSGRAPH_TOKEN, else the data folder's file, else a new one saved there."""
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV], False
    path = token_path(settings)
    if path.exists():
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token, False
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    os.chmod(path, 0o600)
    return token, True


def _app_token(request: Request) -> str | None:
    return getattr(request.app.state, "token", None)


def _session_value(token: str) -> str:
    return hmac.new(token.encode(), b"newsgraph page session", hashlib.sha256).hexdigest()


def _presented_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get(TOKEN_HEADER)


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def has_session(request: Request) -> bool:
    """True when the request carries a valid page-session cookie."""
    token = _app_token(request)
    return token is not None and _same(request.cookies.get(SESSION_COOKIE), _session_value(token))


def is_writer(request: Request) -> bool:
    """May this request write (for pages: show the review forms)?"""
    if request.app.state.read_only:
        return False
    token = _app_token(request)
    return token is not None and (_same(_presented_token(request), token) or has_session(request))


def require_writer(request: Request) -> str:
    """Dependency of every write endpoint: 403 in read-only mode, 401 without the token (a page
    session must also send the CSRF token); the writer's name (X-Newsgraph-User, else "analyst")."""
    if request.app.state.read_only:
        raise HTTPException(403, "the server is read-only")
    token = _app_token(request)
    if token is None:
        raise HTTPException(401, "no write token is configured")
    if not _same(_presented_token(request), token):
        if not has_session(request):
            raise HTTPException(401, "a write token is needed (Authorization: Bearer TOKEN)")
        if not _same(request.headers.get(CSRF_HEADER), request.cookies.get(CSRF_COOKIE)):
            raise HTTPException(403, "missing or wrong CSRF token")
    return (request.headers.get("X-Newsgraph-User") or "analyst")[:80]


def csrf_token(request: Request) -> str:
    """The CSRF token to embed in this page's forms (made on first use, set as a cookie by the app)."""
    current = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_new", None)
    if not current:
        current = secrets.token_urlsafe(24)
        request.state.csrf_new = current
    return current


async def verify_csrf_form(request: Request) -> None:
    """Dependency of every page form post: the form's ``csrf_token`` equals the CSRF cookie."""
    form = await request.form()
    if not _same(str(form.get(CSRF_FIELD) or ""), request.cookies.get(CSRF_COOKIE)):
        raise HTTPException(403, "missing or wrong CSRF token")


def start_session(request: Request, response: Response, token: str) -> bool:
    """The login form: when ``token`` is the write token, set the page-session cookie."""
    expected = _app_token(request)
    if request.app.state.read_only or expected is None or not _same(token, expected):
        return False
    response.set_cookie(SESSION_COOKIE, _session_value(expected), httponly=True, samesite="strict")
    return True


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE)


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Middleware step: store a CSRF token made while rendering the page."""
    new = getattr(request.state, "csrf_new", None)
    if new:
        response.set_cookie(CSRF_COOKIE, new, httponly=False, samesite="strict")


def author(request: Request) -> str:
    """Who a correction is recorded as made by (the X-Newsgraph-User header, else "analyst")."""
    return (request.headers.get("X-Newsgraph-User") or "analyst")[:80]


async def verify_writer_form(request: Request) -> None:
    """Dependency of every page form that writes: 403 read-only, 401 not logged in, 403 bad CSRF."""
    if request.app.state.read_only:
        raise HTTPException(403, "the server is read-only")
    if not is_writer(request):
        raise HTTPException(401, "log in with the write token first")
    await verify_csrf_form(request)
