"""YouTube videos through the Data API v3, uploaded with Google's resumable upload protocol.

- ``account_ref`` is the channel id ("UC..."); the video goes to the token's channel.
- The post's text is the video's description (the link, if any, appended: YouTube links URLs in
  descriptions); the title is the text's first line, cut to 100 characters ("New video" when there is
  no text). YouTube refuses "<" and ">" in both: they are sent as "‹" and "›".
- Upload: ``POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`` with the metadata
  opens an upload session (nothing is published yet) and answers its URL in ``Location``; the bytes
  then go there in ``PUT`` chunks (multiples of 256 KiB). An intermediate chunk is answered
  ``308 Resume Incomplete`` with ``Range: bytes=0-N`` (what the server holds); the last one with the
  video resource.
- Interruptions: when a chunk fails (5xx, dropped connection, no answer in time) we ask the session
  what it holds (``PUT`` with ``Content-Range: bytes */total`` and no body) and go on from there; a
  session that already completed answers the video itself, so a lost answer to the last chunk never
  uploads the video twice. After ``resume_attempts`` such failures the attempt ends "uncertain".
- Shorts: YouTube makes a Short of a vertical or square video up to 3 minutes; a post that says
  ``#Shorts`` is published as one and gets its ``youtube.com/shorts/`` URL (the hashtag also helps
  YouTube classify it). The video's shape is the author's to choose.
- No idempotency key across attempts (the upload session lives only within one): reconciliation reads
  the channel's uploads playlist (``UU`` + the channel id's tail; ``playlistItems.list``, 1 quota unit)
  for our description since the target was due.
- Quota: ``videos.insert`` has a bucket of 100 a day per project; errors are Google's (``quotaExceeded``
  is a 403), read by ``smmkit.catalogue.youtube.google_error``.

Credentials: ``access_token``; for refresh also ``refresh_token``, ``client_id``, ``client_secret``
(Google's token endpoint, ``https://oauth2.googleapis.com/token``; the sandbox serves it at ``/token``).
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from publisher.networks.base import Adapter, Publication, PublishedPost, final_text, json_or_none, parse_time
from smmkit.catalogue.youtube import ANGLES, SPEC, TITLE_MAX, google_error
from smmkit.networks import NetworkError

_UPLOAD = "upload/youtube/v3/videos"
_RANGE = re.compile(r"bytes=0-(\d+)")
_SHORTS = re.compile(r"(?<!\w)#shorts\b", re.IGNORECASE)
_CHUNK_UNIT = 256 * 1024  # Google's chunk sizes are multiples of 256 KiB (the last chunk excepted)
_RECONCILE_PAGES = 2


def is_short(text: str) -> bool:
    return bool(_SHORTS.search(text))


def title_of(text: str) -> str:
    """The first non-empty line, cut to YouTube's 100 characters."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "") or "New video"
    return line if len(line) <= TITLE_MAX else line[: TITLE_MAX - 1].rstrip() + "…"


class YouTubeAdapter(Adapter):
    network = "youtube"
    chunk_size: int = 32 * _CHUNK_UNIT  # 8 MiB
    resume_attempts: int = 5

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._credential('access_token')}"}

    def sent_text(self, pub: Publication) -> str:
        return final_text(pub).translate(ANGLES)

    async def publish(self, pub: Publication) -> PublishedPost:
        if len(pub.media) != 1 or pub.media[0].kind != "video":
            raise NetworkError("invalid", "a YouTube post is one video", code="media_kind")
        media = await self._fetch_media(pub.media[0])
        snippet: dict[str, Any] = {"title": title_of(pub.text).translate(ANGLES), "description": self.sent_text(pub),
                                   "categoryId": "22"}
        if pub.language:
            snippet[SPEC.language_field] = pub.language  # BCP 47, as YouTube takes it
        metadata = {"snippet": snippet, "status": {"privacyStatus": "public", "selfDeclaredMadeForKids": False}}
        headers = {**self._auth(), "X-Upload-Content-Type": media.content_type,
                   "X-Upload-Content-Length": str(len(media.content))}
        # Opening the session publishes nothing: a lost answer is merely "transient".
        response, _ = await self._exchange("POST", _UPLOAD, write=False, headers=headers, json=metadata,
                                           params={"uploadType": "resumable", "part": "snippet,status"})
        session = response.headers.get("Location")
        if not session:
            raise NetworkError("transient", "YouTube opened no upload session", status=response.status_code)
        video = await self._upload(session, media.content, media.content_type)
        return _published(str(video["id"]), short=is_short(pub.text))

    async def _upload(self, session: str, content: bytes, content_type: str) -> dict[str, Any]:
        """PUT the bytes chunk by chunk; after a failed chunk, ask the session what it holds and go on."""
        total, offset, failures = len(content), 0, 0
        while True:
            end = min(offset + self.chunk_size, total)
            headers = {**self._auth(), "Content-Type": content_type,
                       "Content-Range": f"bytes {offset}-{end - 1}/{total}" if total else "bytes */0"}
            try:
                response = await self._request("PUT", session, write=end == total, headers=headers,
                                               content=content[offset:end])
                done, offset = self._progress(response, write=end == total)
            except NetworkError as exc:
                if exc.kind not in ("transient", "uncertain"):
                    raise
                failures += 1
                if failures > self.resume_attempts:
                    raise NetworkError("uncertain", f"the upload kept failing ({exc.message})", status=exc.status,
                                       code="upload_interrupted") from exc
                done, offset = await self._held(session, total)
            if done is not None:
                return done

    async def _held(self, session: str, total: int) -> tuple[dict[str, Any] | None, int]:
        """Ask the upload session how much it holds: ``(the video, total)`` if it is complete."""
        headers = {**self._auth(), "Content-Range": f"bytes */{total}"}
        try:
            response = await self._request("PUT", session, write=False, headers=headers, content=b"")
            if response.status_code in (404, 410):
                raise NetworkError("uncertain", "the upload session is gone", status=response.status_code,
                                   code="upload_session_gone")
            return self._progress(response, write=True)
        except NetworkError as exc:
            if exc.kind not in ("transient", "uncertain"):
                raise
            # the last chunk may have landed: only the channel can tell now (reconciliation)
            raise NetworkError("uncertain", f"the upload was interrupted and its session did not say how far it "
                               f"got ({exc.message})", status=exc.status, code="upload_interrupted") from exc

    def _progress(self, response: httpx.Response, *, write: bool) -> tuple[dict[str, Any] | None, int]:
        """``(video, _)`` once the upload is complete, else ``(None, the next byte to send)``."""
        if response.status_code == 308:
            held = _RANGE.fullmatch(response.headers.get("Range", "").strip())
            return None, int(held.group(1)) + 1 if held else 0
        body = json_or_none(response)
        if error := self._error_from(response, body, write=write):
            raise error
        if not isinstance(body, dict) or not body.get("id"):
            raise NetworkError("uncertain", "the upload ended without naming the video", status=response.status_code)
        return body, 0

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        channel = pub.account_ref
        params: dict[str, Any] = {"part": "snippet", "playlistId": "UU" + channel.removeprefix("UC"),
                                  "maxResults": 50}
        for _ in range(_RECONCILE_PAGES):
            page = await self._send("GET", "youtube/v3/playlistItems", write=False, headers=self._auth(),
                                    params=params)
            items = [((s := item.get("snippet") or {}).get("resourceId") or {}, s) for item in page.get("items", [])]
            found = self._first_ours(pub, ((_published(str(ref.get("videoId")), short=is_short(pub.text)),
                                            s.get("description") or "", parse_time(s.get("publishedAt")))
                                           for ref, s in items))
            if found or not page.get("nextPageToken"):
                return found
            params["pageToken"] = page["nextPageToken"]
        return None

    async def refresh_credentials(self) -> dict[str, str] | None:
        if not self._credentials.get("refresh_token"):
            return None
        form = {"grant_type": "refresh_token", "refresh_token": self._credentials["refresh_token"],
                "client_id": self._credential("client_id"), "client_secret": self._credential("client_secret")}
        return await self._oauth_refresh(self._token_url(), form)

    def _token_url(self) -> str:
        if self._http.base_url.host == "www.googleapis.com":
            return "https://oauth2.googleapis.com/token"
        return "token"

    def _error_from(self, response: httpx.Response, body: Any, *, write: bool) -> NetworkError | None:
        return google_error(response, body, write=write)


def _published(video_id: str, *, short: bool) -> PublishedPost:
    url = f"https://www.youtube.com/shorts/{video_id}" if short else f"https://www.youtube.com/watch?v={video_id}"
    return PublishedPost(external_id=video_id, url=url)
