"""Facebook Page posts through the Graph API.

- Text (and an optional ``link``): ``POST /{page-id}/feed``.
- One image: ``POST /{page-id}/photos`` with ``url`` and ``caption``.
- Several images: each uploaded unpublished (``published=false``), then one feed post
  with ``attached_media``. A lost upload leaves only an invisible, unpublished photo.
- One video: ``POST /{page-id}/videos`` with ``file_url``; the external id is the video id.
- GIFs are photos to the Graph API: they go as images do.

Error 506 ("Duplicate status message") means the Page's last post has the same text.
That can be our own earlier attempt whose answer was lost, so ``publish`` then looks for
that post and returns it if it is ours (same text, inside the reconcile window); only
otherwise does it raise "invalid" with code "506".

Credentials: ``access_token`` (a Page token). For ``refresh_credentials`` also
``user_access_token``, ``app_id``, ``app_secret`` and ``page_id``: the user token is
exchanged for a fresh long-lived one, and the Page token is read again with it.
"""

from __future__ import annotations

from publisher.networks.base import (
    Publication,
    PublishedPost,
    final_text,
    parse_time,
    refresh_failures,
)
from publisher.networks.graph import GraphAdapter
from smmkit.catalogue.graph import GRAPH_ERRORS
from smmkit.networks import NetworkError


class FacebookAdapter(GraphAdapter):
    network = "facebook"

    async def publish(self, pub: Publication) -> PublishedPost:
        try:
            return await self._post(pub)
        except NetworkError as exc:
            if GRAPH_ERRORS.is_duplicate(exc.code):
                return await self._recover_duplicate(pub, exc)
            raise

    async def _post(self, pub: Publication) -> PublishedPost:
        page = pub.account_ref
        kinds = {item.kind for item in pub.media}
        if not pub.media:
            fields = {"message": self.sent_text(pub), **({"link": pub.link} if pub.link else {})}
            answer = await self._graph("POST", page, "feed", write=True, json=fields)
            return _post(answer["id"])
        if kinds - {"image", "gif"}:
            if len(pub.media) != 1 or kinds != {"video"}:
                raise NetworkError("invalid", "a Page post takes images, or exactly one video", code="media_mix")
            fields = {"file_url": pub.media[0].url, "description": final_text(pub)}
            answer = await self._graph("POST", page, "videos", write=True, json=fields)
            return PublishedPost(answer["id"], f"https://www.facebook.com/{page}/videos/{answer['id']}")
        if len(pub.media) == 1:
            fields = {"url": pub.media[0].url, "caption": final_text(pub)}
            answer = await self._graph("POST", page, "photos", write=True, json=fields)
            return _post(answer["post_id"])
        photo_ids = []
        for item in pub.media:
            fields = {"url": item.url, "published": False}
            photo_ids.append((await self._graph("POST", page, "photos", write=False, json=fields))["id"])
        fields = {"message": final_text(pub), "attached_media": [{"media_fbid": pid} for pid in photo_ids]}
        return _post((await self._graph("POST", page, "feed", write=True, json=fields))["id"])

    async def find_published(self, pub: Publication) -> PublishedPost | None:
        params = {"fields": "id,message,created_time,permalink_url", "limit": 100,
                  "since": int(self._reconcile_since(pub).timestamp())}
        page = await self._graph("GET", pub.account_ref, "published_posts", write=False, params=params)
        return self._first_ours(
            pub,
            (
                (
                    PublishedPost(p["id"], p.get("permalink_url") or _url(p["id"])),
                    p.get("message", ""),
                    parse_time(p.get("created_time")),
                )
                for p in page.get("data", [])
            ),
        )

    def sent_text(self, pub: Publication) -> str:
        return final_text(pub) if pub.media else pub.text  # a feed post takes the link as its own field

    def _expected_texts(self, pub: Publication) -> set[str]:
        # A feed post keeps the link apart from the message; photo and video posts carry it in the text.
        return {pub.text, final_text(pub)}

    async def refresh_credentials(self) -> dict[str, str] | None:
        if not self._credentials.get("user_access_token") or not self._credentials.get("app_secret"):
            return None
        user_token = await self._exchange_for_long_lived(self._credentials["user_access_token"])
        with refresh_failures():
            page = await self._graph(
                "GET", self._credential("page_id"), write=False, token=user_token, params={"fields": "access_token"}
            )
        self._renewed({"access_token": page["access_token"]})
        self._credentials["user_access_token"] = user_token
        return dict(self._credentials)


def _url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


def _post(post_id: str) -> PublishedPost:
    return PublishedPost(external_id=post_id, url=_url(post_id))
