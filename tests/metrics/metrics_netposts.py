"""Publishing one post on a sandbox network the way the publisher does, for collector tests.

Returns ``(external_id, account_ref, read_credentials)``.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import httpx

from sandbox.client import SandboxControl


def publish(sandbox: SandboxControl, network: str) -> tuple[str, str, dict[str, str]]:
    text = f"Autumn blend {uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=sandbox.url(network), timeout=5) as http:
        if network == "telegram":
            http.post("/botsbx-1/sendMessage", json={"chat_id": "@shop", "text": text}).raise_for_status()
            last = http.post("/botsbx-1/sendMessage", json={"chat_id": "@shop", "text": text + "!"}).json()
            return str(last["result"]["message_id"]), "@shop", {"bot_token": "sbx-1"}
        if network == "vk":
            r = http.post("/method/wall.post", data={"access_token": "sbx-1", "v": "5.199", "owner_id": "-77",
                                                      "from_group": "1", "message": text}).json()
            return f"-77_{r['response']['post_id']}", "77", {"access_token": "sbx-1"}
        if network == "mastodon":
            r = http.post("/api/v1/statuses", json={"status": text}, headers={"Authorization": "Bearer sbx-42"}).json()
            return r["id"], "42", {"access_token": "sbx-42"}
        if network == "bluesky":
            session = http.post("/xrpc/com.atproto.server.createSession",
                                json={"identifier": "shop.bsky.social", "password": "sbx-pw"}).json()
            r = http.post("/xrpc/com.atproto.repo.createRecord", headers={
                "Authorization": f"Bearer {session['accessJwt']}"}, json={
                "repo": session["did"], "collection": "app.bsky.feed.post",
                "record": {"$type": "app.bsky.feed.post", "text": text,
                           "createdAt": datetime.now(timezone.utc).isoformat()}}).json()
            return r["uri"], session["did"], {}
        if network == "x":
            r = http.post("/2/tweets", json={"text": text}, headers={"Authorization": "Bearer sbx-42"}).json()
            return r["data"]["id"], "42", {"access_token": "sbx-42"}
        if network == "facebook":
            r = http.post("/v21.0/555/feed", json={"message": text}, headers={"Authorization": "Bearer sbx-page"})
            return r.json()["id"], "555", {"access_token": "sbx-page"}
        if network in ("instagram", "threads"):
            user, version, edge = ("999", "v21.0", "media") if network == "instagram" else ("321", "v1.0", "threads")
            body = ({"image_url": "https://cdn.example/p.jpg", "caption": text} if network == "instagram"
                    else {"media_type": "TEXT", "text": text})
            auth = {"Authorization": "Bearer sbx-user"}
            container = http.post(f"/{version}/{user}/{edge}", json=body, headers=auth).json()["id"]
            r = http.post(f"/{version}/{user}/{edge}_publish", json={"creation_id": container}, headers=auth).json()
            return r["id"], user, {"access_token": "sbx-user"}
        if network == "linkedin":
            org = "urn:li:organization:5"
            r = http.post("/rest/posts", headers={"Authorization": "Bearer sbx-li", "LinkedIn-Version": "202605"}, json={
                "author": org, "commentary": text, "visibility": "PUBLIC", "lifecycleState": "PUBLISHED",
                "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                                 "thirdPartyDistributionChannels": []}})
            assert r.status_code == 201, r.text
            return r.headers["x-restli-id"], org, {"access_token": "sbx-li"}
        if network == "pinterest":
            r = http.post("/v5/pins", headers={"Authorization": "Bearer sbx-pin"}, json={
                "board_id": "5551", "description": text, "link": "https://shop.example/autumn",
                "media_source": {"source_type": "image_url", "url": "https://cdn.example/p.jpg"}})
            assert r.status_code == 201, r.text
            return r.json()["id"], "5551", {"access_token": "sbx-pin"}
        if network == "youtube":
            auth = {"Authorization": "Bearer sbx-UC7"}
            video = b"\0" * 1000
            r = http.post("/upload/youtube/v3/videos", params={"uploadType": "resumable", "part": "snippet,status"},
                          headers={**auth, "X-Upload-Content-Length": "1000", "X-Upload-Content-Type": "video/mp4"},
                          json={"snippet": {"title": text, "description": text}, "status": {"privacyStatus": "public"}})
            r = http.put(r.headers["Location"], content=video, headers={**auth, "Content-Range": "bytes 0-999/1000"})
            assert r.status_code == 200, r.text
            return r.json()["id"], "UC7", {"access_token": "sbx-UC7"}
        if network == "tiktok":
            auth = {"Authorization": "Bearer sbx-creator7"}
            r = http.post("/v2/post/publish/video/init/", headers=auth, json={
                "post_info": {"title": text, "privacy_level": "PUBLIC_TO_EVERYONE"},
                "source_info": {"source": "FILE_UPLOAD", "video_size": 1000, "chunk_size": 1000,
                                "total_chunk_count": 1}}).json()["data"]
            r = http.put(r["upload_url"], content=b"\0" * 1000,
                         headers={"Content-Type": "video/mp4", "Content-Range": "bytes 0-999/1000"})
            assert r.status_code == 201, r.text
            [video] = http.post("/v2/video/list/", params={"fields": "id"}, headers=auth, json={}).json()["data"][
                "videos"]
            return video["id"], "creator7", {"access_token": "sbx-creator7"}
        if network == "reddit":
            r = http.post("/api/submit", headers={"Authorization": "Bearer sbx-u1"}, data={
                "api_type": "json", "sr": "coffee", "kind": "self", "title": text, "text": "Tasting notes"}).json()
            return r["json"]["data"]["name"], "coffee", {"access_token": "sbx-u1"}
        if network == "discord":
            channel = "1100000000000000001"
            r = http.post(f"/api/v10/channels/{channel}/messages", headers={"Authorization": "Bot sbx-b1"},
                          json={"content": text}).json()
            return r["id"], channel, {"bot_token": "sbx-b1"}
        if network == "gbp":
            location = "accounts/1/locations/55"
            r = http.post(f"/v4/{location}/localPosts", headers={"Authorization": "Bearer sbx-gbp"}, json={
                "topicType": "STANDARD", "summary": text,
                "callToAction": {"actionType": "ORDER", "url": "https://shop.example/autumn"}}).json()
            return r["name"], location, {"access_token": "sbx-gbp"}
    raise ValueError(network)
