"""Google Business Profile: a local post ("update") on a business location, with a call to action.

- ``POST /v4/{account_ref}/localPosts`` with a ``STANDARD`` LocalPost: ``summary`` (the text, at most 1,500
  characters), ``languageCode`` (the post's language), ``callToAction`` and at most one photo, which Google
  fetches from its URL (``media[].sourceUrl``: nothing is uploaded).
- ``account_ref`` is the location's resource name, "accounts/{account}/locations/{location}".
- The link becomes the post's call-to-action button, not text: ``actionType`` is the account's
  ``call_to_action`` (BOOK, ORDER, SHOP, LEARN_MORE, SIGN_UP; default LEARN_MORE) with the link as ``url``.
  ``CALL`` (the business's phone number) takes no URL: the link then stays in the text.
- **No idempotency key**: the API has no request id for local posts and takes the same summary twice. So
  the publisher reconciles before every retry: ``find_published`` lists the location's local posts
  (newest first, a few pages of 100) and matches the summary within the window since the post was due.
- Errors are Google's ``{"error": {"code", "message", "status", "details"}}``, read by
  ``smmkit.catalogue.gbp.gbp_error`` (RESOURCE_EXHAUSTED's ``RetryInfo`` gives the wait).

Credentials: ``access_token``; for refresh also ``refresh_token``, ``client_id``, ``client_secret``; optional
``call_to_action``.
"""

from __future__ import annotations

from typing import Any

import httpx

from publisher.networks.base import Adapter, Publication, PublishedPost, final_text, parse_time
from smmkit.catalogue.gbp import gbp_error
from smmkit.networks import NetworkError

ACTIONS_WITH_URL = frozenset({"BOOK", "ORDER", "SHOP", "LEARN_MORE", "SIGN_UP"})
_RECONCILE_PAGES = 3


class GbpAdapter(Adapter):
    network = "gbp"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}"}

    async def publish(self, pub: Publication) -> PublishedPost:
        if any(item.kind != "image" for item in pub.media):
            raise NetworkError("invalid", "a Google Business Profile post takes one photo", code="media_kind")
        post: dict[str, Any] = {"topicType": "STANDARD", "summary": self.sent_text(pub)}
        if pub.language:
            post["languageCode"] = pub.language
        if action := self._call_to_action(pub):
            post["callToAction"] = action
        if pub.media:
            post["media"] = [{"mediaFormat": "PHOTO", "sourceUrl": item.url} for item in pub.media]
        answer = await self._send("POST", f"v4/{location_of(pub)}/localPosts", write=True, headers=self._headers(),
                                  json=post)
        return PublishedPost(external_id=str(answer["name"]), url=str(answer.get("searchUrl") or ""))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        page_token = ""
        for _ in range(_RECONCILE_PAGES):
            params = {"pageSize": 100, **({"pageToken": page_token} if page_token else {})}
            answer = await self._send("GET", f"v4/{location_of(pub)}/localPosts", write=False,
                                      headers=self._headers(), params=params)
            posts = answer.get("localPosts") or []
            if found := self._first_ours(pub, ((PublishedPost(str(p["name"]), str(p.get("searchUrl") or "")),
                                                p.get("summary", ""), parse_time(p.get("createTime")))
                                               for p in posts)):
                return found
            page_token = answer.get("nextPageToken") or ""
            oldest = parse_time(posts[-1].get("createTime")) if posts else None
            if not page_token or (oldest is not None and oldest < self._reconcile_since(pub)):
                return None
        return None

    def sent_text(self, pub: Publication) -> str:
        # The link is the call-to-action button's, unless the action is a phone call.
        return pub.text if self._action_type() in ACTIONS_WITH_URL else final_text(pub)

    async def refresh_credentials(self) -> dict[str, str] | None:
        form = {"grant_type": "refresh_token", "refresh_token": self._credential("refresh_token"),
                "client_id": self._credential("client_id"), "client_secret": self._credential("client_secret")}
        return await self._oauth_refresh(self._token_url(), form)

    def _token_url(self) -> str:
        # Google's tokens live on oauth2.googleapis.com; any other base URL (the sandbox) serves both.
        if self._http.base_url.host == "mybusiness.googleapis.com":
            return "https://oauth2.googleapis.com/token"
        return "token"

    def _action_type(self) -> str:
        return (self._credentials.get("call_to_action") or "LEARN_MORE").upper()

    def _call_to_action(self, pub: Publication) -> dict[str, str] | None:
        action = self._action_type()
        if action == "CALL":
            return {"actionType": "CALL"}
        if action not in ACTIONS_WITH_URL:
            raise NetworkError("invalid", f"unknown call to action {action!r}; one of CALL, "
                               f"{', '.join(sorted(ACTIONS_WITH_URL))}", code="call_to_action")
        return {"actionType": action, "url": pub.link} if pub.link else None

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        return gbp_error(response, body, write=write)


def location_of(pub: Publication) -> str:
    return pub.account_ref.strip().strip("/")
