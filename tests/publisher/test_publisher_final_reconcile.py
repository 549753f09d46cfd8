"""The last attempt ends without an answer: before the target is given up, the network is asked once
more, so a post that exists is reported published (exactly once), never failed."""
from dataclasses import dataclass

import pytest

from smmkit import events as ev
from tests.publisher.conftest import unique_ref

MAX_ATTEMPTS = 3  # tests/publisher/conftest.publisher_settings


@dataclass
class Account:
    network: str
    ref: str  # the target's account_ref
    owner: str  # whom the sandbox files posts and faults under
    credentials: dict[str, str]
    publish_path: str | None = None  # the write that creates the post, where a network makes several


def account_on(network: str) -> Account:
    ref = unique_ref()
    if network == "bluesky":
        did = f"did:plc:u{ref}"
        return Account(network, did, did, {"access_jwt": f"sbx-u{ref}.a1", "refresh_jwt": f"sbx-u{ref}.r1", "did": did})
    if network == "linkedin":
        urn = f"urn:li:organization:{ref}"
        return Account(network, urn, urn, {"access_token": "sbx-li"})
    if network == "threads":
        return Account(network, ref, ref, {"access_token": "sbx-threads"}, publish_path="threads_publish")
    return Account(network, ref, ref, {"access_token": f"sbx-{ref}"})


async def run_out_of_attempts(publisher, target_id):
    """Run the target until it leaves the retry loop (each run skips the backoff)."""
    for _ in range(MAX_ATTEMPTS):
        target = await publisher.run(target_id, now_offset_s=60)
        if target.state not in ("received", "uncertain"):
            break
    assert target.attempts == MAX_ATTEMPTS, "every attempt was used"
    return target


async def scheduled(publisher, account: Account, text: str):
    account_id = await publisher.connect(account.network, account.ref, account.credentials)
    return await publisher.schedule(account_id, account.network, account.ref, text)


def arm(sandbox, account: Account, kind: str, times: int, **options) -> None:
    if account.publish_path:
        options.setdefault("path_contains", account.publish_path)
    sandbox.fault(account.network, account.owner, kind, times=times, **options)


def event_names(events: list[ev.Envelope]) -> list[str]:
    return [type(e.payload).__name__ for e in events]


@pytest.mark.parametrize("network", ["mastodon", "vk", "bluesky"])
async def test_guarded_network_every_answer_lost_is_published_once_not_failed(publisher, sandbox, network):
    account = account_on(network)
    target_id = await scheduled(publisher, account, f"Every answer lost on {network}")
    arm(sandbox, account, "lost_response", times=MAX_ATTEMPTS)  # the guard replays; no answer ever arrives

    target = await run_out_of_attempts(publisher, target_id)

    assert target.state == "published"
    [post] = sandbox.posts(network, account.owner)
    assert target.external_id.endswith(post["external_id"].rsplit("/", 1)[-1])
    assert target.url
    [published] = await publisher.events(target_id)
    assert event_names([published]) == ["PostPublished"]
    assert published.payload.external_id == target.external_id


@pytest.mark.parametrize("network", ["x", "linkedin", "threads"])
async def test_unguarded_network_answer_lost_on_the_last_attempt_is_found_not_failed(publisher, sandbox, network):
    account = account_on(network)
    target_id = await scheduled(publisher, account, f"Lost at the last try on {network}")
    arm(sandbox, account, "server_error", times=MAX_ATTEMPTS - 1)  # refused: nothing created
    arm(sandbox, account, "lost_response", times=1)  # created, but we never hear of it

    target = await run_out_of_attempts(publisher, target_id)

    assert target.state == "published"
    [post] = sandbox.posts(network, account.owner)
    assert target.external_id == post["external_id"]
    assert event_names(await publisher.events(target_id)) == ["PostPublished"]


@pytest.mark.parametrize("network", ["mastodon", "x"])
async def test_truly_absent_post_fails_saying_it_was_checked(publisher, sandbox, network):
    account = account_on(network)
    target_id = await scheduled(publisher, account, f"Never arrived on {network}")
    arm(sandbox, account, "timeout", times=MAX_ATTEMPTS)  # the network never does anything

    target = await run_out_of_attempts(publisher, target_id)

    assert target.state == "failed"
    assert sandbox.posts(network, account.owner) == []
    [failed] = await publisher.events(target_id)
    assert failed.payload.error_kind == "uncertain"
    assert failed.payload.reason.startswith("The network never confirmed the post; gave up after")
    assert "not on the account either" in failed.payload.reason


async def test_a_failed_check_after_lost_answers_parks_the_target_for_a_person(publisher, runtime, sandbox):
    account = account_on("mastodon")
    target_id = await scheduled(publisher, account, "Lost, and the account cannot be read")
    arm(sandbox, account, "lost_response", times=MAX_ATTEMPTS)
    arm(sandbox, account, "server_error", times=1, on="read")  # the only read: the check after the last try

    target = await run_out_of_attempts(publisher, target_id)

    assert target.state == "needs_review", "the post may exist: not failed"
    assert len(sandbox.posts("mastodon", account.owner)) == 1
    [parked] = await publisher.events(target_id)
    assert "reading the account back" in parked.payload.reason and "mark the target published" in parked.payload.reason
    assert "Telegram" not in parked.payload.reason


async def test_refused_every_time_and_unreadable_is_failed_not_parked(publisher, sandbox):
    account = account_on("x")
    target_id = await scheduled(publisher, account, "Refused three times")
    arm(sandbox, account, "server_error", times=MAX_ATTEMPTS)  # a 500 on X creates nothing
    arm(sandbox, account, "server_error", times=10, on="read")

    target = await run_out_of_attempts(publisher, target_id)

    assert target.state == "failed"
    assert sandbox.posts("x", account.owner) == []
    [failed] = await publisher.events(target_id)
    assert failed.payload.error_kind == "transient"
