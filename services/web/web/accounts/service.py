"""Connect an account in one step: the planner creates it, then the publisher and metrics get its credentials.

The publisher and metrics learn of a new account from ``account.created`` (usually within a second) and
answer 404 with Retry-After until then; the connect call waits for that, as any API client does.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from web.apis import ApiProblem, Apis

KNOWN_WITHIN_S = 15.0


def parse_credentials(text: str) -> dict[str, str]:
    """``name=value`` lines; a line without ``=`` is the account's access token."""
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        name, sep, value = line.partition("=")
        if not sep:
            name, value = "access_token", line
        if not name.strip() or not value.strip():
            raise ApiProblem(422, "Invalid credentials", f"line {n}: write name=value",
                             errors=[{"loc": ["credentials"], "msg": f"line {n}: write name=value"}])
        out[name.strip()] = value.strip()
    if not out:
        raise ApiProblem(422, "Invalid credentials", "paste the account's token",
                         errors=[{"loc": ["credentials"], "msg": "paste the account's token"}])
    return out


async def _put_when_known(apis: Apis, service: str, account_id: str, body: dict) -> dict:
    deadline = time.monotonic() + KNOWN_WITHIN_S
    while True:
        try:
            return await apis.call(service, "PUT", f"/accounts/{account_id}/credentials", json=body)
        except ApiProblem as exc:
            if exc.status != 404 or "retry-after" not in exc.headers or time.monotonic() > deadline:
                raise
            await asyncio.sleep(min(float(exc.headers["retry-after"]), 0.5))


async def connect(*, apis: Apis, network: str, handle: str, account_ref: str, timezone: str,
                  credentials: dict[str, str], brand_id: str | None = None) -> dict:
    account = await apis.call("planner", "POST", "/accounts", json={
        "network": network, "handle": handle, "account_ref": account_ref, "timezone": timezone,
        "brand_id": brand_id or None})
    await put_credentials(apis=apis, account=account, credentials=credentials)
    return account


async def put_credentials(*, apis: Apis, account: dict, credentials: dict[str, str]) -> None:
    """The same credentials to the publisher (writes) and metrics (reads); a reconnect is this call again."""
    body = {"network": account["network"], "account_ref": account["account_ref"], "credentials": credentials}
    await _put_when_known(apis, "publisher", account["id"], body)
    await _put_when_known(apis, "metrics", account["id"], {**body, "timezone": account["timezone"]})


@dataclass
class AccountStatus:
    account: dict
    status: str  # connected | needs_reconnect | not_connected
    reason: str | None


async def _connection(apis: Apis, service: str, account_id: str) -> dict | None:
    try:
        return await apis.get(service, f"/accounts/{account_id}")
    except ApiProblem as exc:
        if exc.status == 404:
            return None
        raise


async def statuses(*, apis: Apis) -> list[AccountStatus]:
    accounts = await apis.get_all("planner", "/accounts")

    async def one(account: dict) -> AccountStatus:
        pub, met = await asyncio.gather(_connection(apis, "publisher", account["id"]),
                                        _connection(apis, "metrics", account["id"]))
        if pub is None or met is None:
            missing = " and ".join(n for n, c in (("publishing", pub), ("metrics", met)) if c is None)
            return AccountStatus(account, "not_connected", f"no credentials for {missing} yet")
        if pub["status"] != "connected":
            return AccountStatus(account, "needs_reconnect", pub.get("status_reason") or pub["status"])
        if met.get("polling_status") == "stopped":
            return AccountStatus(account, "needs_reconnect", met.get("stopped_reason") or met.get("last_error"))
        return AccountStatus(account, "connected", None)

    return list(await asyncio.gather(*(one(a) for a in accounts)))


# --- connecting through the network's own sign-in (docs/connections.md) -----------------------------------


async def start_connection(*, apis: Apis, network: str, return_to: str, account_id: str | None = None) -> str:
    """The network's consent URL: the publisher starts the connection and comes back to ``return_to``."""
    started = await apis.call("publisher", "POST", "/connections", json={
        "network": network, "return_to": return_to, **({"account_id": account_id} if account_id else {})})
    return started["authorization_url"]


async def settled_connection(*, apis: Apis, connection_id: str) -> dict:
    """The connection once the planner has settled it (connected or failed), or as it is after a short wait;
    ``choosing`` is answered at once (the person picks a Page or organisation)."""
    deadline = time.monotonic() + KNOWN_WITHIN_S
    while True:
        connection = await apis.get("publisher", f"/connections/{connection_id}")
        if time.monotonic() > deadline or connection["status"] in ("failed", "choosing") or (
                connection["status"] == "connected" and await _metrics_has(apis, connection["account_id"])):
            return connection
        await asyncio.sleep(0.2)


async def _metrics_has(apis: Apis, account_id: str | None) -> bool:
    """The metrics service gets its read credentials a moment after the publisher (sealed, over Kafka): the
    accounts page shows "connected" only once both hold theirs."""
    return account_id is None or await _connection(apis, "metrics", account_id) is not None


async def choose_destination(*, apis: Apis, connection_id: str, ref: str) -> dict:
    await apis.call("publisher", "POST", f"/connections/{connection_id}/destination", json={"ref": ref})
    return await settled_connection(apis=apis, connection_id=connection_id)
