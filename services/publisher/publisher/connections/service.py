"""Connecting an account through the network's consent screen, in one user action (docs/connections.md).

``start`` answers the network's authorization URL (``state``, PKCE); ``callback`` swaps the code for
tokens, finds who signed in and, where the network has them, lets the person ``choose`` a destination;
the tokens are then held (encrypted) while ``connection.authorized`` asks the planner, which alone creates
accounts, which account this is. Its ``connection.settled`` answer makes the credentials the account's
(``on_settled``) and hands the metrics service its read credentials, sealed for it.

A failure ends the attempt with its reason and wipes its secrets: no account, credentials or tokens are left.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta

import httpx
from smmkit import events as ev
from smmkit.crypto import SecretBox
from smmkit.db import UnitOfWork
from smmkit.networks import short
from smmkit.problems import Conflict, DomainError, NotFound
from smmkit.sealed import seal
from sqlalchemy import select

from publisher.accounts.models import AccountCredentials, AccountStatus, KnownAccount
from publisher.connections import flows
from publisher.connections.models import Connection, ConnectionStatus
from publisher.connections.schemas import (
    ConnectionCreate,
    ConnectionRead,
    ConnectionStarted,
    Destination,
)
from publisher.settings import PublisherSettings


class ConnectionFailed(DomainError):
    """A connection attempt that ended: its problem answer, with the connection's id."""

    def __init__(self, status: int, title: str, detail: str, connection_id: uuid.UUID | None = None) -> None:
        super().__init__(detail, **({"connection_id": str(connection_id)} if connection_id else {}))
        self.status, self.title = status, title


# flows.FlowError.kind -> (HTTP status, problem title). A network that fails is 424 (Failed Dependency), not a
# 5xx: our service is healthy, and trying again later is the answer.
_FAILURES = {"code": (400, "Authorization code refused"), "scopes": (403, "Permissions missing"),
             "network": (424, "The network failed")}


def _hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


def read(row: Connection, box: SecretBox) -> ConnectionRead:
    options = box.decrypt(row.secret).get("destinations", []) if row.status == ConnectionStatus.CHOOSING else []
    return ConnectionRead.model_validate(row).model_copy(
        update={"destinations": [Destination(ref=d["ref"], name=d["name"][:200]) for d in options]})


async def start(*, uow: UnitOfWork, box: SecretBox, settings: PublisherSettings, http: httpx.AsyncClient,
                tenant_id: uuid.UUID, body: ConnectionCreate, now: datetime) -> ConnectionStarted:
    connect = flows.connect_of(body.network)
    if body.return_to is not None and not body.return_to.startswith(("https://", "http://")):
        raise DomainError("return_to must be an http(s) URL", errors=[
            {"loc": ["body", "return_to"], "msg": "an http(s) URL", "type": "value_error"}])
    if body.account_id is not None:  # a reconnect: the tenant's own account, on this network
        known = await uow.session.get(KnownAccount, body.account_id)
        if known is None or known.tenant_id != tenant_id or known.network != body.network:
            raise NotFound(f"account {body.account_id} not found on {body.network}")
    base_url, redirect_uri = settings.base_url(body.network), settings.connect_callback_url
    if not connect.consent:
        return await _pasted(uow=uow, box=box, settings=settings, http=http, tenant_id=tenant_id, body=body, now=now)
    client = flows.Client(**settings.oauth_client(body.network))
    if connect.register_url:
        try:
            client = await flows.register_app(http, base_url, connect, redirect_uri)
        except (flows.FlowError, httpx.HTTPError) as exc:
            raise ConnectionFailed(424, "The network failed", f"registering with the instance failed: {short(str(exc))}") from exc
    state = secrets.token_urlsafe(32)
    verifier, challenge = flows.pkce_pair() if connect.pkce else (None, None)
    row = Connection(tenant_id=tenant_id, network=body.network, state_hash=_hash(state), account_id=body.account_id,
                     return_to=body.return_to, expires_at=now + timedelta(seconds=settings.connect_state_ttl_s),
                     secret=box.encrypt({"verifier": verifier, "client_id": client.client_id,
                                         "client_secret": client.client_secret}))
    uow.session.add(row)
    await uow.session.flush()
    url = flows.authorization_url(base_url, connect, client, redirect_uri=redirect_uri, state=state,
                                  challenge=challenge)
    started = ConnectionStarted(**read(row, box).model_dump(), authorization_url=url)
    await uow.commit()
    return started


async def _pasted(*, uow: UnitOfWork, box: SecretBox, settings: PublisherSettings, http: httpx.AsyncClient,
                  tenant_id: uuid.UUID, body: ConnectionCreate, now: datetime) -> ConnectionStarted:
    """No consent screen (Telegram's bot token, Bluesky's app password): checked with the network now, then
    the same path as a consent: the planner decides which account it is."""
    if not body.credentials:
        raise DomainError(f"{body.network} connects with a pasted {flows.connect_of(body.network).flow.replace('_', ' ')}",
                          errors=[{"loc": ["body", "credentials"], "msg": "required for this network",
                                   "type": "missing"}])
    try:
        signed = await flows.check_pasted(http, settings.base_url(body.network), body.network, dict(body.credentials),
                                          body.account_ref)
    except flows.FlowError as exc:
        if exc.kind == "input":
            raise DomainError(str(exc)) from exc
        status, title = _FAILURES[exc.kind]
        raise ConnectionFailed(status, title, str(exc)) from exc
    except httpx.HTTPError as exc:
        raise ConnectionFailed(424, "The network failed", "the network did not answer") from exc
    row = Connection(tenant_id=tenant_id, network=body.network, state_hash=_hash(secrets.token_urlsafe(32)),
                     account_id=body.account_id, expires_at=now, secret=box.encrypt({}))
    uow.session.add(row)
    await uow.session.flush()
    row = await _authorize(uow=uow, box=box, row=row, credentials=signed.credentials,
                           chosen={"ref": signed.account_id, "name": signed.name})
    return ConnectionStarted(**read(row, box).model_dump(), authorization_url=None)


async def callback(*, uow: UnitOfWork, box: SecretBox, settings: PublisherSettings, http: httpx.AsyncClient,
                   state: str, code: str | None, error: str | None, error_description: str | None,
                   device_id: str | None, now: datetime) -> Connection:
    """The person is back from the consent screen. ``state`` is their ticket: unknown, used or expired, refused."""
    row = await uow.session.scalar(select(Connection).where(Connection.state_hash == _hash(state))
                                   .with_for_update())
    if row is None:
        raise ConnectionFailed(400, "Unknown state", "this sign-in link is not one we started; start again")
    if row.status != ConnectionStatus.PENDING:
        raise ConnectionFailed(409, "Already used", "this sign-in link was already used; start again", row.id)
    if row.expires_at <= now:
        await _fail(uow, box, row, "the sign-in took too long and expired; start again")
        raise ConnectionFailed(400, "Expired", row.reason or "", row.id)
    if error is not None or not code:
        denied = error == "access_denied"
        reason = ("consent was denied on the network's screen" if denied
                  else f"the network answered {short(error or 'no code')}: {short(error_description or '')}")
        await _fail(uow, box, row, reason)
        raise ConnectionFailed(403 if denied else 400, "Consent denied" if denied else "Authorization failed",
                               reason, row.id)
    held = box.decrypt(row.secret)
    client = flows.Client(held["client_id"], held["client_secret"])
    try:
        signed = await flows.redeem(http, settings.base_url(row.network), row.network, client, code=code,
                                    redirect_uri=settings.connect_callback_url, verifier=held.get("verifier"),
                                    state=state, device_id=device_id, now=now)
    except (flows.FlowError, httpx.HTTPError) as exc:
        kind = exc.kind if isinstance(exc, flows.FlowError) else "network"
        await _fail(uow, box, row, str(exc) or "the network did not answer")
        status, title = _FAILURES[kind]
        raise ConnectionFailed(status, title, row.reason or "", row.id) from exc
    connect = flows.connect_of(row.network)
    member = connect.account_ref.format(id=signed.account_id)
    options = signed.destinations
    if connect.member_is_destination:  # LinkedIn: the member, or an organisation they administer
        options = [{"ref": member, "name": signed.name}, *options]
    if connect.destinations_url and len(options) != 1:
        if not options:
            await _fail(uow, box, row, "there is nothing this sign-in may post as (no Page or business account)")
            raise ConnectionFailed(403, "Nothing to connect", row.reason or "", row.id)
        row.status, row.handle = ConnectionStatus.CHOOSING, signed.name[:200]
        row.secret = box.encrypt({"credentials": signed.credentials, "destinations": options})
        await uow.commit()
        return row
    chosen = options[0] if options else {"ref": member, "name": signed.name}
    return await _authorize(uow=uow, box=box, row=row, credentials=signed.credentials, chosen=chosen)


async def choose(*, uow: UnitOfWork, box: SecretBox, tenant_id: uuid.UUID, connection_id: uuid.UUID,
                 ref: str) -> Connection:
    row = await _get(uow, tenant_id, connection_id, lock=True)
    if row.status != ConnectionStatus.CHOOSING:
        raise Conflict(f"connection {connection_id} is {row.status}, not choosing a destination")
    held = box.decrypt(row.secret)
    chosen = next((d for d in held["destinations"] if d["ref"] == ref), None)
    if chosen is None:
        raise DomainError(f"{ref!r} is not one of this connection's destinations",
                          errors=[{"loc": ["body", "ref"], "msg": "not offered", "type": "value_error"}])
    return await _authorize(uow=uow, box=box, row=row, credentials=held["credentials"], chosen=chosen)


async def _authorize(*, uow: UnitOfWork, box: SecretBox, row: Connection, credentials: dict[str, str],
                     chosen: dict[str, str]) -> Connection:
    """Hold the tokens and ask the planner which account this is, unless it is plainly another tenant's."""
    ref = chosen["ref"]
    if "token" in chosen:  # a Page posts with its own token; the person's is kept to renew it
        credentials = {**credentials, "user_access_token": credentials["access_token"],
                       "access_token": chosen["token"], "page_id": ref}
    taken = await uow.session.scalar(select(KnownAccount).where(
        KnownAccount.network == row.network, KnownAccount.account_ref == ref, KnownAccount.tenant_id != row.tenant_id))
    if taken is not None:  # the planner has the last word (connection.settled); this spares the round trip
        await _fail(uow, box, row, "this account is already connected by another workspace")
        raise ConnectionFailed(409, "Already connected elsewhere", row.reason or "", row.id)
    if row.account_id is not None:
        known = await uow.session.get(KnownAccount, row.account_id)
        if known is not None and known.account_ref != ref:
            await _fail(uow, box, row, f"signed in as {ref}, but the account being reconnected is {known.account_ref}")
            raise ConnectionFailed(409, "Another account", row.reason or "", row.id)
    row.status, row.account_ref, row.handle = ConnectionStatus.AUTHORIZED, ref, chosen["name"][:200]
    row.secret = box.encrypt({"credentials": credentials})
    uow.emit(ev.new_event(ev.ConnectionAuthorized(connection_id=row.id, network=row.network, account_ref=ref,
                                                  handle=row.handle, account_id=row.account_id),
                          tenant_id=row.tenant_id))
    await uow.commit()
    return row


async def on_settled(*, uow: UnitOfWork, box: SecretBox, settings: PublisherSettings,
                     event: ev.Envelope[ev.ConnectionSettled]) -> None:
    """The planner answered: the tokens become the account's credentials, or the attempt ends with its reason."""
    p = event.payload
    row = await uow.session.get(Connection, p.connection_id, with_for_update=True)
    if row is None or row.status != ConnectionStatus.AUTHORIZED or row.tenant_id != event.tenant_id:
        return  # a redelivery, or not ours
    if p.account_id is None:
        await _fail(uow, box, row, p.refusal or "the planner refused the account", commit=False)
        return
    credentials = box.decrypt(row.secret)["credentials"]
    # The planner announced this account (it alone does): known here now, even before account.created arrives.
    await uow.session.merge(KnownAccount(account_id=p.account_id, tenant_id=event.tenant_id, network=p.network,
                                         account_ref=p.account_ref, created_at=event.occurred_at))
    creds = await uow.session.get(AccountCredentials, p.account_id, with_for_update=True)
    if creds is None:
        creds = AccountCredentials(account_id=p.account_id, tenant_id=event.tenant_id)
        uow.session.add(creds)
    # the planner says whose it is (a row squatted before ids were checked changes hands, as in accounts.connect)
    creds.tenant_id, creds.network, creds.account_ref = event.tenant_id, p.network, p.account_ref
    creds.secret = box.encrypt(credentials)
    creds.status, creds.status_reason = AccountStatus.CONNECTED, None  # a reconnect: the same account, healthy
    row.status, row.account_id, row.secret = ConnectionStatus.CONNECTED, p.account_id, box.encrypt({})
    uow.emit(ev.new_event(ev.CredentialsIssued(account_id=p.account_id, network=p.network, account_ref=p.account_ref,
                                               sealed=seal(settings.metrics_seal_public_key, credentials)),
                          tenant_id=event.tenant_id, correlation_id=event.correlation_id))


async def get(*, uow: UnitOfWork, tenant_id: uuid.UUID, connection_id: uuid.UUID) -> Connection:
    return await _get(uow, tenant_id, connection_id)


async def _get(uow: UnitOfWork, tenant_id: uuid.UUID, connection_id: uuid.UUID, *, lock: bool = False) -> Connection:
    stmt = select(Connection).where(Connection.id == connection_id, Connection.tenant_id == tenant_id)
    row = await uow.session.scalar(stmt.with_for_update() if lock else stmt)
    if row is None:
        raise NotFound(f"connection {connection_id} not found")
    return row


async def _fail(uow: UnitOfWork, box: SecretBox, row: Connection, reason: str, *, commit: bool = True) -> None:
    """End the attempt: its reason kept for the person, its secrets (tokens, verifier) wiped."""
    row.status, row.reason, row.secret = ConnectionStatus.FAILED, reason[:2000], box.encrypt({})
    if commit:
        await uow.commit()
