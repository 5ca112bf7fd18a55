"""Write access for the pages (a minimal stand-in; branch i12api's web.security is the real one).

After a login with the write token, a signed session cookie marks the browser as a writer; every
form carries ``csrf_token(request)`` and ``verify_form`` checks it (and the session) on each post.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request, Response

SESSION_COOKIE = "newsgraph_session"


def _sign(request: Request, what: str) -> str:
    key = str(request.app.state.token).encode()
    return hmac.new(key, what.encode(), hashlib.sha256).hexdigest()


def is_writer(request: Request) -> bool:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie, _sign(request, "writer"))


def csrf_token(request: Request) -> str:
    return _sign(request, "csrf:" + request.cookies.get(SESSION_COOKIE, ""))


def login(request: Request, response: Response, token: str) -> bool:
    if not token or not hmac.compare_digest(token.encode(), str(request.app.state.token).encode()):
        return False
    response.set_cookie(SESSION_COOKIE, _sign(request, "writer"), httponly=True, samesite="strict")
    return True


def logout(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE)


def author(request: Request) -> str:
    return "web"


async def verify_form(request: Request) -> None:
    form = await request.form()
    sent = str(form.get("csrf_token") or "")
    if getattr(request.app.state, "read_only", False) or not is_writer(request):
        raise HTTPException(status_code=401, detail="log in with the write token first")
    if not hmac.compare_digest(sent, csrf_token(request)):
        raise HTTPException(status_code=403, detail="the form's CSRF token is missing or wrong")
