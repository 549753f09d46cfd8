"""Cursor pagination for every list answer: ``?limit=&cursor=`` in, ``{"items": [...], "next_cursor": ...}`` out.

Using it is three lines: the route takes ``page: PageDep`` and declares ``response_model=Page[ThingRead]``, and
its service function (``conn.execute`` instead of ``scalars`` for Core rows; ``ks.page(rows, convert)`` maps rows)::

    ks = page.keyset(select(Thing).where(Thing.tenant_id == tenant_id), Thing.created_at, Thing.id, scope=tenant_id)
    return ks.page((await session.scalars(ks.stmt)).all())   # {"items": [...], "next_cursor": ... | None}

The order columns are the list's natural order with a unique column last (the id) as tie-break, all ascending
or all ``descending=True``; their values must never change once a row exists, so paging is stable: a row that
existed when the first page was read is on exactly one page, whatever is inserted meanwhile. No OFFSET: the next
page starts strictly after the last row's key (a row comparison PostgreSQL answers from an index).

The cursor is opaque to clients: the last row's key, the route and the ``scope`` (the tenant) it was issued for,
signed with an HMAC of ``SECRET_KEYS``. A changed, made-up, another route's or another tenant's cursor is a 422
naming ``cursor``; a cursor never widens what the query's own ``WHERE`` allows.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from sqlalchemy import Select, tuple_

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
CURSOR_MAX = 512  # a cursor holds a few sort values and a signature; far below this

LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT,
                                  description=f"Items per page (default {DEFAULT_LIMIT}, at most {MAX_LIMIT})")]
CursorQuery = Annotated[str | None, Query(min_length=1, max_length=CURSOR_MAX, pattern=r"^[A-Za-z0-9_-]+$",
                                          description="`next_cursor` of the previous page; leave out for the first")]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list, in the list's stable order."""

    items: list[T] = Field(description=f"At most `limit` items (default {DEFAULT_LIMIT}, at most {MAX_LIMIT})")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page only")


def _invalid_cursor(msg: str) -> RequestValidationError:
    # the same 422 problem as any invalid query parameter, naming it
    return RequestValidationError([{"loc": ("query", "cursor"), "msg": msg, "type": "value_error"}])


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _encode_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _decode_value(value: Any, python_type: type) -> Any:
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is uuid.UUID:
        return uuid.UUID(value)
    if python_type in (int, str) and type(value) is python_type:
        return value
    raise ValueError(f"a {python_type.__name__} was expected")


@dataclass(frozen=True)
class Keyset:
    """A list query limited to one page (``stmt``), and how to cut the rows it returns into a ``Page``."""

    stmt: Select
    request: PageRequest
    order: tuple
    scope: str
    key: Callable[[Any], Sequence[Any]]

    def page(self, rows: Sequence[Any], convert: Callable[[Any], Any] | None = None) -> dict:
        """``{"items", "next_cursor"}`` for the rows of ``stmt`` (``convert`` maps each kept row to its item)."""
        rows = list(rows)
        more = len(rows) > self.request.limit
        rows = rows[:self.request.limit]
        next_cursor = self.request.sign(self.scope, self.key(rows[-1])) if more else None
        return {"items": [convert(r) for r in rows] if convert else rows, "next_cursor": next_cursor}


def _attribute_key(order: tuple) -> Callable[[Any], tuple]:
    names = [getattr(col, "key", None) or col.name for col in order]
    return lambda row: tuple(getattr(row, n) for n in names)


@dataclass(frozen=True)
class PageRequest:
    """``limit`` and ``cursor`` of one list request, bound to its route (and, in ``keyset``, to its tenant)."""

    limit: int
    cursor: str | None
    route: str
    secrets: tuple[bytes, ...]

    def keyset(self, stmt: Select, *order, descending: bool = False, scope: object = None,
               key: Callable[[Any], Sequence[Any]] | None = None) -> Keyset:
        """``stmt`` ordered by ``order``, from after the cursor's row, one row beyond ``limit`` (to know if there
        is more). ``key`` reads a row's order values (default: the attributes named like the columns)."""
        scope_text = "" if scope is None else str(scope)
        if self.cursor is not None:
            values = self._values(scope_text, order)
            after = tuple_(*order) < tuple_(*values) if descending else tuple_(*order) > tuple_(*values)
            stmt = stmt.where(after)
        stmt = stmt.order_by(None).order_by(*(c.desc() if descending else c.asc() for c in order))
        return Keyset(stmt=stmt.limit(self.limit + 1), request=self, order=order, scope=scope_text,
                      key=key or _attribute_key(order))

    # --- the cursor ---------------------------------------------------------------------------------

    def _mac(self, secret: bytes, body: bytes) -> bytes:
        return hmac.new(secret, self.route.encode() + b"\0" + body, hashlib.sha256).digest()[:16]

    def sign(self, scope: str, values: Sequence[Any]) -> str:
        body = json.dumps([scope, [_encode_value(v) for v in values]], separators=(",", ":")).encode()
        return _b64(self._mac(self.secrets[0], body) + body)  # 16 bytes of MAC, then the JSON

    def _values(self, scope: str, order: tuple) -> list[Any]:
        try:
            raw = _unb64(self.cursor)
        except (binascii.Error, ValueError):
            raise _invalid_cursor("not a cursor this list issued") from None
        tag, body = raw[:16], raw[16:]
        if not any(hmac.compare_digest(tag, self._mac(s, body)) for s in self.secrets):
            raise _invalid_cursor("not a cursor this list issued (changed, or from another list)")
        try:
            issued_scope, values = json.loads(body)
            if issued_scope != scope:
                raise _invalid_cursor("this cursor was issued to another tenant")
            if len(values) != len(order):
                raise ValueError("wrong number of values")
            return [_decode_value(v, col.type.python_type) for v, col in zip(values, order)]
        except (ValueError, TypeError):
            raise _invalid_cursor("not a cursor this list issued") from None


def _cursor_secrets(request: Request) -> tuple[bytes, ...]:
    # derived, not the keys themselves: a cursor's MAC must never help anyone with what SECRET_KEYS encrypts.
    # Every key verifies (a rotation does not break the cursors in clients' hands); the newest signs.
    keys = [k.strip() for k in request.app.state.runtime.settings.secret_keys.split(",") if k.strip()] or [""]
    return tuple(hashlib.sha256(b"smm-cursor\0" + k.encode()).digest() for k in keys)


async def page_request(request: Request, limit: LimitQuery = DEFAULT_LIMIT,
                       cursor: CursorQuery = None) -> PageRequest:
    # async on purpose (see smmkit.deps): no thread-pool hop. The route's template and its path values
    # (``/posts/{post_id}/comments`` and the post) are what a cursor is bound to.
    route = request.scope.get("route")
    where = getattr(route, "path_format", request.url.path)
    params = ",".join(f"{k}={v}" for k, v in sorted(request.path_params.items()))
    return PageRequest(limit=limit, cursor=cursor, route=f"{request.method} {where} {params}",
                       secrets=_cursor_secrets(request))


PageDep = Annotated[PageRequest, Depends(page_request)]
