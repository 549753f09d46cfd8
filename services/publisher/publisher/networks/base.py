"""What every network adapter is, and the helpers they share.

An adapter turns one ``Publication`` into one post on one network account, and maps
whatever the network answers onto ``smmkit.networks.NetworkError``. It never retries on
its own: the caller decides, using the error kind and ``has_idempotency_guard``.

Reconciliation: after an "uncertain" outcome the caller asks ``find_published`` whether
the post exists before trying again. Networks with an idempotency guard can simply be
called again with the same publication.
"""

from __future__ import annotations

import unicodedata
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Literal

import httpx

from publisher.networks.media import FetchedMedia, MediaFetcher
from smmkit.catalogue import Media, Violation, spec
from smmkit.networks import (
    Clock,
    NetworkError,
    retry_after_from_headers,
    short,  # noqa: F401 - adapters import it from here
    transport_errors,
    utc_now,
)


@dataclass(frozen=True)
class MediaItem:
    url: str
    kind: Literal["image", "video", "gif", "document"] = "image"


@dataclass(frozen=True)
class Publication:
    target_id: uuid.UUID
    account_ref: str  # channel "@name"/chat id, VK group id, page id, IG user id, bsky did, ...
    text: str  # final text for this network (links already rewritten by the caller)
    media: tuple[MediaItem, ...] = ()
    link: str | None = None  # optional link attachment (FB `link`, VK attachment, LinkedIn article)
    scheduled_at: datetime | None = None
    language: str | None = None  # BCP 47 tag of the text (canonical form); adapters send it where the network takes one


@dataclass(frozen=True)
class PublishedPost:
    external_id: str
    url: str


class Adapter(ABC):
    network: ClassVar[str]
    has_idempotency_guard: ClassVar[bool] = False
    # False when ``find_published`` cannot tell (Telegram bots cannot read a channel's history):
    # an uncertain outcome on such a network needs a person, never an automatic retry.
    can_reconcile: ClassVar[bool] = True
    # How far back find_published looks when the publication has no scheduled_at.
    reconcile_window: ClassVar[timedelta] = timedelta(hours=24)

    def __init__(
        self,
        *,
        http: httpx.AsyncClient,
        credentials: dict[str, str],
        media: MediaFetcher | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._http = http
        self._credentials = dict(credentials)
        self._media = media or MediaFetcher()
        self._now = clock

    @abstractmethod
    async def publish(self, pub: Publication) -> PublishedPost: ...

    @abstractmethod
    async def find_published(self, pub: Publication) -> PublishedPost | None: ...

    async def refresh_credentials(self) -> dict[str, str] | None:
        """Renew tokens where the network uses refresh; None means nothing to do."""
        return None

    def sent_text(self, pub: Publication) -> str:
        """The text this adapter puts in the post (before any escaping the network undoes itself:
        the catalogue counts the text as written). Networks with a link attachment keep the link apart."""
        return final_text(pub)

    def violations(self, pub: Publication) -> list[Violation]:
        """The rules of the network's catalogue entry the post, as sent, breaks: the same check the
        planner ran when the post was planned and the sandbox runs when it receives it.

        The last publication checked is remembered (by identity: it is frozen): the publisher checks the
        one it chose with ``fits``, then again before sending, and the check was ~40 us of each target."""
        last = getattr(self, "_last_checked", None)
        if last is not None and last[0] is pub:
            return list(last[1])
        text = self.sent_text(pub)
        attached = bool(pub.link) and pub.link not in text  # Facebook's and VK's links travel apart from the text
        found = spec(self.network).check(text, [Media(item.kind) for item in pub.media], with_link=attached)
        self._last_checked = (pub, tuple(found))
        return found

    def fits(self, pub: Publication) -> bool:
        """Whether the network takes the post as sent; the publisher keeps tracked links only while it does."""
        return not self.violations(pub)

    # --- HTTP plumbing -----------------------------------------------------------------

    async def _send(self, method: str, url: str, *, write: bool, **kwargs: Any) -> Any:
        """Send one request; return its JSON body ({} when empty) or raise NetworkError.

        ``write`` means the request may create something visible (see transport_errors).
        """
        return (await self._exchange(method, url, write=write, **kwargs))[1]

    async def _exchange(self, method: str, url: str, *, write: bool, **kwargs: Any) -> tuple[httpx.Response, Any]:
        """Like ``_send``, for callers that also need the response headers."""
        response = await self._request(method, url, write=write, **kwargs)
        body = json_or_none(response)
        error = self._error_from(response, body, write=write)
        if error is not None:
            raise error
        if body is None and response.content:
            raise NetworkError("uncertain" if write else "transient", "unreadable answer", status=response.status_code)
        return response, {} if body is None else body

    async def _request(self, method: str, url: str, *, write: bool, **kwargs: Any) -> httpx.Response:
        with transport_errors(write=write):
            return await self._http.request(method, url, **kwargs)

    @abstractmethod
    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        """Read the network's own error format; None when the answer is a success."""

    def _retry_after(self, response: httpx.Response) -> float | None:
        return retry_after_from_headers(response.headers, now=self._now)

    def _credential(self, key: str) -> str:
        value = self._credentials.get(key)
        if not value:
            raise NetworkError("auth_expired", f"credential {key!r} is missing; reconnect the account")
        return value

    async def _fetch_media(self, item: MediaItem) -> FetchedMedia:
        return await self._media.fetch(item.url)

    # --- credentials ---------------------------------------------------------------------

    async def _oauth_refresh(
        self, url: str, form: dict[str, str], *, auth: tuple[str, str] | None = None
    ) -> dict[str, str]:
        """Run a standard OAuth 2 ``refresh_token`` grant and return the renewed credentials.

        Only a definite rejection (400/401 from the token endpoint) is "auth_expired"; any
        other failure is "transient", so a flaky token endpoint never disconnects a channel.
        A network that does not rotate refresh tokens omits it: we keep the old one rather
        than wiping it.
        """
        response = await self._request("POST", url, write=False, data=form, auth=auth or httpx.USE_CLIENT_DEFAULT)
        body = json_or_none(response)
        if response.is_success and isinstance(body, dict) and body.get("access_token"):
            return self._renewed(body)
        code = body.get("error") if isinstance(body, dict) else None
        if response.status_code in (400, 401):
            raise NetworkError(
                "auth_expired",
                "the network rejected the refresh token; reconnect the account",
                status=response.status_code,
                code=code,
            )
        raise NetworkError(
            "transient",
            "token refresh failed; try again later",
            status=response.status_code,
            code=code,
            retry_after_s=self._retry_after(response),
        )

    def _renewed(self, token_answer: dict[str, Any]) -> dict[str, str]:
        """Merge a token endpoint's answer into the credentials, and use them from now on."""
        renewed = dict(self._credentials)
        renewed["access_token"] = str(token_answer["access_token"])
        if token_answer.get("refresh_token"):
            renewed["refresh_token"] = str(token_answer["refresh_token"])
        if token_answer.get("expires_in"):
            expires_at = self._now() + timedelta(seconds=float(token_answer["expires_in"]))
            renewed["expires_at"] = expires_at.isoformat()
        self._credentials = renewed
        return dict(renewed)

    # --- reconciliation ----------------------------------------------------------------

    def _is_ours(self, pub: Publication, *, text: str, created_at: datetime | None) -> bool:
        """Does a post read back from the network match this publication?"""
        return any(same_text(text, t) for t in self._expected_texts(pub)) and self._within_window(pub, created_at)

    def _expected_texts(self, pub: Publication) -> set[str]:
        """The texts this adapter may have posted for the publication."""
        return {self.sent_text(pub)}

    def _reconcile_since(self, pub: Publication) -> datetime:
        """The earliest our post can be on the network: ask only for posts since then, so a busy
        account's newer posts do not push ours out of the page we read back."""
        skew = timedelta(minutes=5)  # clocks of the network and ours disagree a little
        return (pub.scheduled_at or self._now() - self.reconcile_window) - skew

    def _within_window(self, pub: Publication, created_at: datetime | None) -> bool:
        if created_at is None:
            return True
        return created_at >= self._reconcile_since(pub)

    def _first_ours(
        self, pub: Publication, candidates: Iterable[tuple[PublishedPost, str, datetime | None]]
    ) -> PublishedPost | None:
        """The first (post, text, created_at) read back from the network that is ours."""
        for post, text, created_at in candidates:
            if self._is_ours(pub, text=text, created_at=created_at):
                return post
        return None

    async def _recover_duplicate(self, pub: Publication, error: NetworkError) -> PublishedPost:
        """The network refused the post as a duplicate. If the post it already has is
        ours (same text, inside the window), an earlier attempt did land: report that
        post instead of failing. Otherwise the refusal stands."""
        existing = await self.find_published(pub)
        if existing is not None:
            return existing
        raise error


@contextmanager
def refresh_failures() -> Iterator[None]:
    """While refreshing tokens only a definite rejection is "auth_expired"; every other
    failure becomes "transient", so a flaky endpoint never gets a channel disconnected."""
    try:
        yield
    except NetworkError as exc:
        if exc.kind == "auth_expired":
            raise
        raise NetworkError(
            "transient",
            f"token refresh failed: {exc.message}",
            status=exc.status,
            code=exc.code,
            retry_after_s=exc.retry_after_s,
        ) from exc


# --- text helpers shared by adapters -----------------------------------------------------


def final_text(pub: Publication, *, with_link: bool = True) -> str:
    """The text to post. Networks without a link attachment get the link appended."""
    if with_link and pub.link and pub.link not in pub.text:
        return f"{pub.text}\n\n{pub.link}" if pub.text else pub.link
    return pub.text


def same_text(a: str, b: str) -> bool:
    """Equal after Unicode normalisation and whitespace collapsing (networks trim and
    re-wrap whitespace, and may normalise composed characters)."""
    return _normalise(a) == _normalise(b)


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_time(value: str | int | float | None) -> datetime | None:
    """Network timestamps: ISO 8601 (with "Z" or "+0000") or Unix seconds."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def json_or_none(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None
