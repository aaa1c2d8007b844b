"""What keeps the server safe to expose: body and query size limits, security headers, the write token.

Pure ASGI middleware (no buffering of the body): a request over the limit is refused with 413 as soon
as its Content-Length, or the bytes actually received, pass it.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials

Scope = dict[str, Any]

# Every asset comes from this server: no CDN, no inline script. Plotly sets inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


async def _refuse(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class Limits:
    """Refuse request bodies over `max_body` bytes (413) and query strings over `max_query` (414)."""

    def __init__(self, app: Any, *, max_body: int, max_query: int) -> None:
        self.app, self.max_body, self.max_query = app, max_body, max_query

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > self.max_query:
            await _refuse(send, 414, f"query string longer than {self.max_query} bytes")
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send, 413, f"request body larger than {self.max_body} bytes")
            return
        received = 0
        started = refused = False

        async def limited_receive() -> dict[str, Any]:
            # Past the limit: answer 413 now, and tell the app the client has gone (it stops reading).
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body and not refused:
                    refused = True
                    if not started:
                        await _refuse(send, 413, f"request body larger than {self.max_body} bytes")
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message: dict[str, Any]) -> None:
            nonlocal started
            if refused:
                return  # the app's own answer to a body it did not get
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited_receive, watched_send)


class Headers:
    """Add the security headers to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in present
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Writes need the operator's token; a server started without one is read-only."""
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(403, "this server is read-only: start it with MARSAD_API_TOKEN set to accept writes")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is needed to write", headers={"WWW-Authenticate": "Bearer"})
