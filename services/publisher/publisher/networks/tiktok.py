"""TikTok videos through the Content Posting API (Direct Post), uploaded from our bytes.

- ``account_ref`` is the creator's ``open_id``; the video goes to the token's creator.
- The post's text is the video's title (TikTok's caption: 2,200 UTF-16 code units); the link, if any,
  is appended (TikTok does not link it, but people can copy it).
- Steps: ``POST /v2/post/publish/creator_info/query/`` (TikTok requires it before every post: the privacy
  levels this creator may use; we post ``PUBLIC_TO_EVERYONE`` when allowed, else the first offered, e.g.
  ``SELF_ONLY`` for an app not audited yet), then ``POST /v2/post/publish/video/init/`` with
  ``source: FILE_UPLOAD`` (a ``publish_id`` and an ``upload_url``: nothing is posted yet), then one ``PUT``
  of the bytes to ``upload_url`` (``Content-Range``; videos under 64 MB go in one chunk, and media
  downloads stop at 50 MB), then ``POST /v2/post/publish/status/fetch/`` until ``PUBLISH_COMPLETE``
  (``publicaly_available_post_id`` names the post, spelled so by TikTok) or ``FAILED`` (``fail_reason``).
- No idempotency key. The upload's completion is the point of no return: after an answer lost there,
  the status of the ``publish_id`` tells whether TikTok has the bytes (it then publishes by itself),
  so the upload is never sent twice within an attempt. A post still processing when we stop polling
  ends the attempt "uncertain"; before any retry the publisher reconciles, reading the creator's videos
  (``POST /v2/video/list/``) for our title since the target was due. A private post (``SELF_ONLY``) is
  not listed there and gets no public id: its ``publish_id`` is recorded instead.
- Limits: 6 inits a minute per token, 30 status fetches a minute, about 15 posts a day per creator
  (``spam_risk_too_many_posts``). Errors are ``{"error": {"code", "message", "log_id"}}``, read by
  ``smmkit.catalogue.tiktok.tiktok_error``.

Credentials: ``access_token``; for refresh also ``refresh_token``, ``client_key``, ``client_secret``
(``POST /v2/oauth/token/``; the answer carries the refresh token to use next).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from publisher.networks.base import Adapter, Publication, PublishedPost, final_text, parse_time
from smmkit.catalogue import spec
from smmkit.catalogue.tiktok import tiktok_error
from smmkit.networks import NetworkError

_VIDEO_FIELDS = "id,title,video_description,create_time,share_url"
_DONE, _FAILED = "PUBLISH_COMPLETE", "FAILED"
_RECONCILE_PAGES = 3


class TikTokAdapter(Adapter):
    network = "tiktok"
    status_poll_s: float = 3.0
    publish_timeout_s: float = 300.0  # TikTok processes most videos within a minute; moderation may take longer

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}",
                "Content-Type": "application/json; charset=UTF-8"}

    async def publish(self, pub: Publication) -> PublishedPost:
        if len(pub.media) != 1 or pub.media[0].kind != "video":
            raise NetworkError("invalid", "a TikTok post is one video", code="media_kind")
        video = await self._fetch_media(pub.media[0])
        creator = (await self._send("POST", "v2/post/publish/creator_info/query/", write=False,
                                    headers=self._auth()))["data"]
        options = creator.get("privacy_level_options") or []
        privacy = "PUBLIC_TO_EVERYONE" if "PUBLIC_TO_EVERYONE" in options or not options else options[0]
        size = len(video.content)
        init = {"post_info": {"title": final_text(pub), "privacy_level": privacy, "disable_comment": False,
                              "disable_duet": False, "disable_stitch": False},
                "source_info": {"source": "FILE_UPLOAD", "video_size": size, "chunk_size": size,
                                "total_chunk_count": 1}}
        # Initialising posts nothing until the bytes arrive: a lost answer is merely "transient".
        started = (await self._send("POST", "v2/post/publish/video/init/", write=False, headers=self._auth(),
                                    json=init))["data"]
        publish_id = str(started["publish_id"])
        await self._upload(started["upload_url"], publish_id, video.content, video.content_type)
        post_id = await self._until_published(publish_id)
        username = creator.get("creator_username") or ""
        if post_id is None:  # private posts get no public id
            return PublishedPost(external_id=publish_id, url="")
        return PublishedPost(external_id=post_id, url=f"https://www.tiktok.com/@{username}/video/{post_id}")

    async def _upload(self, upload_url: str, publish_id: str, content: bytes, content_type: str) -> None:
        """PUT the whole video; if the answer is lost, the publish status says whether TikTok has it."""
        headers = {"Content-Type": content_type, "Content-Range": f"bytes 0-{len(content) - 1}/{len(content)}"}
        try:
            await self._send("PUT", upload_url, write=True, headers=headers, content=content)
        except NetworkError as exc:
            if exc.kind not in ("transient", "uncertain"):
                raise
            status = await self._status(publish_id, uncertain=True)
            if int(status.get("uploaded_bytes") or 0) < len(content) and status.get("status") == "PROCESSING_UPLOAD":
                raise NetworkError("transient", f"the upload did not reach TikTok ({exc.message})", status=exc.status,
                                   code="upload_incomplete") from exc

    async def _until_published(self, publish_id: str) -> str | None:
        """Poll the publish status: the post id once complete (None for a private post); FAILED is final."""
        deadline = time.monotonic() + self.publish_timeout_s
        while True:
            status = await self._status(publish_id, uncertain=True)
            if status.get("status") == _DONE:
                ids = status.get("publicaly_available_post_id") or []
                return str(ids[0]) if ids else None
            if status.get("status") == _FAILED:
                reason = str(status.get("fail_reason") or "failed")
                kind = self._kind_of_failure(reason)
                raise NetworkError(kind, f"TikTok did not publish the video: {reason}", code=reason)
            if time.monotonic() >= deadline:
                raise NetworkError("uncertain", "TikTok is still processing the video", code="publish_processing")
            await asyncio.sleep(self.status_poll_s)

    def _kind_of_failure(self, reason: str) -> str:
        """A FAILED post's ``fail_reason`` is one of TikTok's error codes (``spam_risk_too_many_posts`` ...)."""
        return spec(self.network).errors.kind_of(reason) or "invalid"

    async def _status(self, publish_id: str, *, uncertain: bool) -> dict[str, Any]:
        """The publish status; once the bytes may be with TikTok, a failed read leaves the post uncertain."""
        try:
            answer = await self._send("POST", "v2/post/publish/status/fetch/", write=False, headers=self._auth(),
                                      json={"publish_id": publish_id})
        except NetworkError as exc:
            if not uncertain or exc.kind not in ("transient", "uncertain", "rate_limited"):
                raise
            raise NetworkError("uncertain", f"the video may be publishing; its status did not answer ({exc.message})",
                               status=exc.status, code="publish_status_unknown") from exc
        return answer.get("data") or {}

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        since = self._reconcile_since(pub)
        body: dict[str, Any] = {"max_count": 20}
        for _ in range(_RECONCILE_PAGES):
            answer = (await self._send("POST", "v2/video/list/", write=False, headers=self._auth(),
                                       params={"fields": _VIDEO_FIELDS}, json=body))["data"]
            videos = [(PublishedPost(str(v["id"]), v.get("share_url") or ""), v.get("title") or "",
                       parse_time(v.get("create_time"))) for v in answer.get("videos") or []]
            if found := self._first_ours(pub, videos):
                return found
            oldest = videos[-1][2] if videos else None
            if not answer.get("has_more") or (oldest is not None and oldest < since):
                return None
            body["cursor"] = answer.get("cursor")
        return None

    async def refresh_credentials(self) -> dict[str, str] | None:
        if not self._credentials.get("refresh_token"):
            return None
        form = {"grant_type": "refresh_token", "refresh_token": self._credentials["refresh_token"],
                "client_key": self._credential("client_key"), "client_secret": self._credential("client_secret")}
        return await self._oauth_refresh("v2/oauth/token/", form)

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        return tiktok_error(response, body, write=write)
