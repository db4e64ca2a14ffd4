"""The studio answers only its own browser tab.

It listens on 127.0.0.1 alone. Every request must carry the random token printed and opened
with the studio (in the URL once, then in a cookie), so another local user or a web page
cannot drive it; the Host header must be the studio's own (a DNS-rebinding page names its
own host); and a request that changes anything must also send the token in a header or
form field and, when the browser says where it comes from, come from the studio's origin.
"""

from __future__ import annotations

import secrets
from urllib.parse import parse_qsl, urlencode

from starlette.responses import PlainTextResponse, RedirectResponse

COOKIE = "safepacks_studio"
HEADER = "x-safepacks-token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Guard:
    """ASGI middleware: refuse what does not come from the studio's own tab."""

    def __init__(self, app, *, token: str, port: int) -> None:  # noqa: ANN001
        self.app, self.token, self.port = app, token, port

    @property
    def hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host") not in self.hosts:
            await _refuse(scope, receive, send, 421, "This address is not the studio's.")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if secrets.compare_digest(query.get("token", ""), self.token):  # the opening link: keep it in a cookie
            rest = urlencode({k: v for k, v in query.items() if k != "token"})
            location = scope["path"] + (f"?{rest}" if rest else "")
            response = RedirectResponse(location, status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict", path="/")
            await response(scope, receive, send)
            return
        if not secrets.compare_digest(_cookie(headers.get("cookie", "")), self.token):
            await _refuse(scope, receive, send, 403, "Open the studio with the link it printed when it started.")
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin.removeprefix("http://") not in self.hosts:
                await _refuse(scope, receive, send, 403, "Changes can only be made from the studio itself.")
                return
            if not secrets.compare_digest(headers.get(HEADER, ""), self.token):
                await _with_form_token(scope, receive, send, self.app, self.token)
                return
        await self.app(scope, receive, send)


def _cookie(header: str) -> str:
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return ""


async def _with_form_token(scope, receive, send, app, token: str) -> None:  # noqa: ANN001
    """A plain HTML form sends the token as a field: read the body once, check it, and hand
    the same body on to the studio."""
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > MAX_FORM_BYTES:
            await _refuse(scope, receive, send, 413, "That is too much to send at once.")
            return
    content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1")
    sent = ""
    if content_type.startswith("application/x-www-form-urlencoded"):
        sent = dict(parse_qsl(body.decode("utf-8", "replace"))).get(FIELD, "")
    elif content_type.startswith("multipart/form-data") and f'name="{FIELD}"'.encode() in body:
        start = body.index(f'name="{FIELD}"'.encode())
        sent = body[start:].split(b"\r\n\r\n", 1)[1].split(b"\r\n", 1)[0].decode("latin-1", "replace")
    if not secrets.compare_digest(sent, token):
        await _refuse(scope, receive, send, 403, "Changes can only be made from the studio itself.")
        return
    delivered = False

    async def replay() -> dict:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    await app(scope, replay, send)


MAX_FORM_BYTES = 6_000_000  # a logo upload (5 MB at most) and the form around it


async def _refuse(scope, receive, send, status: int, message: str) -> None:  # noqa: ANN001
    await PlainTextResponse(message, status_code=status)(scope, receive, send)
