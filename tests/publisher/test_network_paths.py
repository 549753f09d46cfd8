"""Each adapter's requests reach the path its network documents, whatever the shape of the base URL.

Production base URLs have no path (``https://api.x.com``); an operator may write one with a
trailing slash, or put a network behind a path prefix (a proxy). A recording server in front of
the sandbox network (``tests.utils.recording``) sees exactly what went on the wire, on both
transports. The join once produced ``https://bsky.socialxrpc/...`` and no test noticed.
"""
from __future__ import annotations

import uuid

import pytest

from publisher.networks import ADAPTERS
from publisher.networks.base import Publication
from publisher.networks.http import make_network_client
from publisher.networks.media import MediaFetcher, MediaPolicy
from tests.utils.recording import BASE_SHAPES, Recorder
from tests.utils.required_media import required_media

# network: (account_ref, credentials, the requests publishing one post makes, as documented)
PUBLISHING = {
    "telegram": ("@sandbox_news", {"bot_token": "sbx-bot"}, ["POST /botsbx-bot/sendMessage"]),
    "vk": ("123456", {"access_token": "sbx-vk"}, ["POST /method/wall.post"]),
    "mastodon": ("42", {"access_token": "sbx-42"}, ["POST /api/v1/statuses"]),
    "bluesky": ("did:plc:alice", {"identifier": "alice.test", "app_password": "sbx-app-pass"},
                ["POST /xrpc/com.atproto.server.createSession", "POST /xrpc/com.atproto.repo.putRecord"]),
    "x": ("1001", {"access_token": "sbx-1001"}, ["POST /2/tweets"]),
    "facebook": ("5550001", {"access_token": "sbx-page"}, ["POST /v21.0/5550001/feed"]),
    "instagram": ("1784", {"access_token": "sbx-ig"},
                  ["POST /v21.0/1784/media", "GET /v21.0/{id}?fields=status_code", "POST /v21.0/1784/media_publish",
                   "GET /v21.0/{id}?fields=permalink"]),
    "linkedin": ("urn:li:organization:7", {"access_token": "sbx-li"}, ["POST /rest/posts"]),
    "threads": ("2000", {"access_token": "sbx-threads"},
                ["POST /v1.0/2000/threads", "GET /v1.0/{id}?fields=status", "POST /v1.0/2000/threads_publish",
                 "GET /v1.0/{id}?fields=permalink"]),
    "pinterest": ("5551", {"access_token": "sbx-pin"}, ["POST /v5/pins"]),
    # the bytes go to the upload session's URL, on Google's upload host (the sandbox's own address here)
    "youtube": ("UC1", {"access_token": "sbx-UC1"},
                ["POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"]),
    # the bytes go to the upload URL TikTok answers (open-upload.tiktokapis.com; the sandbox's own address here)
    "tiktok": ("creator1", {"access_token": "sbx-creator1"},
               ["POST /v2/post/publish/creator_info/query/", "POST /v2/post/publish/video/init/",
                "POST /v2/post/publish/status/fetch/"]),
    "reddit": ("smallbusiness", {"access_token": "sbx-u7"}, ["POST /api/submit"]),
    "discord": ("1100000000000000007", {"bot_token": "sbx-b7"},
                ["POST /api/v10/channels/1100000000000000007/messages", "GET /api/v10/channels/1100000000000000007"]),
    "gbp": ("accounts/1/locations/77", {"access_token": "sbx-gbp"}, ["POST /v4/accounts/1/locations/77/localPosts"]),
}


def test_every_network_is_covered():
    assert set(PUBLISHING) == set(ADAPTERS)


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
@pytest.mark.parametrize("shape", BASE_SHAPES)
@pytest.mark.parametrize("network", list(PUBLISHING))
async def test_publishing_reaches_the_documented_path(network, shape, transport, sandbox):
    account_ref, credentials, documented = PUBLISHING[network]
    media = required_media(network, sandbox)
    fetcher = MediaFetcher(MediaPolicy(allowed_networks=("127.0.0.0/8",)))  # the sandbox's sample video
    async with Recorder(sandbox.url(network), shape) as recorder:
        async with make_network_client(recorder.base_url, timeout_s=5, transport=transport) as http:
            adapter = ADAPTERS[network](http=http, credentials=credentials, media=fetcher)
            await adapter.publish(Publication(uuid.uuid4(), account_ref, f"Paths {uuid.uuid4().hex[:8]}", media=media))

    recorder.expect(*documented)
    assert sandbox.posts(network), "the post reached the sandbox network"
