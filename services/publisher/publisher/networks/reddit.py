"""Reddit: a text submission to a subreddit through ``POST /api/submit`` (``kind=self``).

- ``account_ref`` is the subreddit ("smallbusiness"; "r/smallbusiness" is accepted).
- The post's first line is the title (at most 300 characters), the rest the Markdown body; the link, if
  any, is appended to the body (Reddit renders it). Media is refused before any call: this adapter does
  not upload to Reddit's media asset leases yet (the catalogue's rule says so at planning time).
- Flair: where a subreddit requires it, Reddit refuses with ``SUBMIT_VALIDATION_FLAIR_REQUIRED``. The
  account's ``flair_id`` (a template id) or ``flair_text`` (a template's text, looked up in
  ``/r/{sub}/api/link_flair_v2``) is sent with every submission; a subreddit that requires flair while the
  account names none is refused as "invalid" (code ``flair_required``), naming the templates to choose from.
- **No idempotency key**, and Reddit takes the same self post twice. So nothing is retried blindly:
  after an uncertain outcome the publisher asks ``find_published``, which reads the user's newest
  submissions (``/user/{name}/submitted?sort=new``, ``raw_json=1`` so ``& < >`` come back unescaped)
  and matches subreddit, title and body inside the window.
- Errors come with HTTP 200 as ``{"json": {"errors": [[CODE, message, field]]}}`` (``RATELIMIT`` carries its
  wait in ``json.ratelimit``) or as HTTP statuses with ``X-Ratelimit-Reset`` (seconds): read by
  ``smmkit.catalogue.reddit.reddit_error``, as the collector reads them.

Credentials: ``access_token``; for refresh also ``refresh_token``, ``client_id``, ``client_secret`` (empty
for an installed app); optional ``username`` (else ``/api/v1/me``), ``flair_id`` or ``flair_text``.
"""

from __future__ import annotations

from typing import Any

import httpx

from publisher.networks.base import Adapter, Publication, PublishedPost, parse_time
from smmkit.catalogue.reddit import reddit_body, reddit_error, reddit_title
from smmkit.networks import NetworkError

USER_AGENT = "server:smm-platform:v1 (multi-tenant scheduler)"  # Reddit asks every client for a descriptive one


class RedditAdapter(Adapter):
    network = "reddit"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}", "User-Agent": USER_AGENT}

    async def publish(self, pub: Publication) -> PublishedPost:
        if pub.media:
            raise NetworkError("invalid", "this platform does not upload media to Reddit yet", code="media_kind")
        subreddit = subreddit_of(pub.account_ref)
        text = self.sent_text(pub)
        form = {"api_type": "json", "sr": subreddit, "kind": "self", "title": reddit_title(text),
                "text": reddit_body(text), "sendreplies": "true", "resubmit": "true"}
        if flair_id := await self._flair_id(subreddit):
            form["flair_id"] = flair_id
        try:
            answer = await self._send("POST", "api/submit", write=True, headers=self._headers(), data=form)
        except NetworkError as exc:
            if exc.code == "SUBMIT_VALIDATION_FLAIR_REQUIRED":
                raise await self._flair_required(subreddit) from exc
            raise
        data = answer["json"]["data"]
        return PublishedPost(external_id=str(data["name"]), url=str(data["url"]))

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        subreddit = subreddit_of(pub.account_ref).lower()
        username = self._credentials.get("username") or (
            await self._send("GET", "api/v1/me", write=False, headers=self._headers()))["name"]
        listing = await self._send("GET", f"user/{username}/submitted", write=False, headers=self._headers(),
                                   params={"sort": "new", "limit": 100, "raw_json": 1})
        return self._first_ours(pub, (
            (PublishedPost(str(d["name"]), f"https://www.reddit.com{d['permalink']}"),
             f"{d.get('title', '')}\n{d.get('selftext', '')}", parse_time(d.get("created_utc")))
            for d in (child["data"] for child in listing["data"]["children"])
            if str(d.get("subreddit", "")).lower() == subreddit))

    async def refresh_credentials(self) -> dict[str, str] | None:
        form = {"grant_type": "refresh_token", "refresh_token": self._credential("refresh_token")}
        auth = (self._credential("client_id"), self._credentials.get("client_secret", ""))
        return await self._oauth_refresh(self._token_url(), form, auth=auth)

    def _token_url(self) -> str:
        # Tokens live on www.reddit.com, the API on oauth.reddit.com; any other base URL (the sandbox) serves both.
        if self._http.base_url.host == "oauth.reddit.com":
            return "https://www.reddit.com/api/v1/access_token"
        return "api/v1/access_token"

    async def _flair_id(self, subreddit: str) -> str | None:
        if flair_id := self._credentials.get("flair_id"):
            return flair_id
        if not (wanted := self._credentials.get("flair_text")):
            return None
        templates = await self._flair_templates(subreddit)
        found = next((t["id"] for t in templates if str(t.get("text", "")).casefold() == wanted.casefold()), None)
        if found is None:
            raise NetworkError("invalid", f"r/{subreddit} has no post flair {wanted!r}; it has: "
                               f"{_names(templates) or 'none'}", code="flair_unknown")
        return str(found)

    async def _flair_required(self, subreddit: str) -> NetworkError:
        names = _names(await self._flair_templates(subreddit))
        return NetworkError("invalid", f"r/{subreddit} requires post flair; choose the account's flair from: "
                            f"{names or 'none offered'}", code="flair_required")

    async def _flair_templates(self, subreddit: str) -> list[dict[str, Any]]:
        answer = await self._send("GET", f"r/{subreddit}/api/link_flair_v2", write=False, headers=self._headers())
        return [t for t in answer if isinstance(t, dict) and not t.get("mod_only")] if isinstance(answer, list) else []

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        return reddit_error(response, body, write=write)


def subreddit_of(account_ref: str) -> str:
    return account_ref.strip().removeprefix("/").removeprefix("r/").strip("/")


def _names(templates: list[dict[str, Any]]) -> str:
    return ", ".join(str(t.get("text")) for t in templates if t.get("text"))
