"""Through the real processes: a CSV-imported post is published by the publisher on the sandbox, the planner
settles it from post.published, tells the tenant's webhook (Standard Webhooks, verified with the library), and
shows it in the calendar and .ics."""
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook

from tests.integration.conftest import Api, create_tenant
from tests.integration.test_walking_skeleton import connect_mastodon_account, sandbox_posts, wait_target_status
from tests.utils.polling import eventually_sync


def test_imported_post_is_published_and_the_webhook_is_told(platform, settings):
    got: list[tuple[dict, bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            got.append(({k.lower(): v for k, v in self.headers.items()},
                        self.rfile.read(int(self.headers["content-length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        api = Api(platform, create_tenant(platform, settings, "Hooked Roasters")["api_key"])
        hook = api.planner.post("/webhooks", json={"url": f"http://127.0.0.1:{server.server_port}/smm"}).json()
        account_id = connect_mastodon_account(api, "3101")
        text = f"Imported and live {uuid.uuid4().hex[:6]}"
        due = (datetime.now(timezone.utc) + timedelta(seconds=1)).isoformat()
        resp = api.planner.post("/imports/posts", content=f"scheduled_at,accounts,text,pillar\n{due},{account_id},"
                                                          f"{text},engage\n", headers={"content-type": "text/csv"})
        assert resp.status_code == 201, resp.text
        post_id = resp.json()["post_ids"][0]
        target = wait_target_status(api, post_id, "published")
        assert len(sandbox_posts(platform, text)) == 1
        eventually_sync(lambda: api.planner.get(f"/posts/{post_id}").json()["status"] == "published",
                        what="post published")
        eventually_sync(lambda: got, what="webhook delivery")
        headers, body = got[0]
        data = Webhook(hook["secret"]).verify(body, headers)
        assert json.loads(body) == data and headers["webhook-event"] == "post.published"
        assert (data["type"], data["data"]["target_id"], data["data"]["external_id"]) == (
            "post.published", target["id"], target["external_id"])
        assert len(got) == 1
        day = datetime.fromisoformat(target["scheduled_at"]).date().isoformat()
        cal = api.planner.get("/calendar", params={"from": day, "to": day, "status": "published"}).json()
        assert [i["target_id"] for d in cal["days"] for i in d["items"]] == [target["id"]]
        ics = api.planner.get("/calendar.ics", params={"from": day, "to": day}).text
        assert f"UID:{target['id']}@smm-planner" in ics
    finally:
        server.shutdown()
