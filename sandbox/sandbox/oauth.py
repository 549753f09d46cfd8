"""The sandbox as each network's authorization server, built from the catalogue's ``connect`` facts.

For every network with a consent screen, ``router_for(network)`` serves, at the production paths of the
catalogue's URLs (on the network's own port):

- the authorize endpoint: checks ``response_type=code``, the client, the redirect URI, the scopes (an
  unknown one is ``invalid_scope``) and, where the network uses PKCE, an S256 ``code_challenge``; then
  "consents" without a screen and redirects back with a single-use ``code`` and the ``state`` echoed, or
  with ``error=access_denied`` when the consent switch says deny (``POST /_sandbox/oauth/consent``);
- the token endpoint's ``authorization_code`` grant (``exchange``): the code once only (a second use is
  ``invalid_grant`` and revokes what the first use issued, as RFC 6749 4.1.2 advises), the same client
  and redirect URI, and the PKCE verifier; where the network module already serves the token path (for
  refreshes), that module calls ``exchange``;
- who signed in (the identity URL) and what they may post as (Pages, organisations), in the network's shape;
- Mastodon's per-instance app registration, ``POST /api/v1/apps``.

Tokens issued here are "sbx-<account>.a<n>": the network modules read the account from them as before.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from smmkit.catalogue import CATALOGUE, Connect

from sandbox.gate import StateDep, answer, bearer_token, read_params, token_owner
from sandbox.state import SandboxState, utc_now

CODE_TTL = timedelta(minutes=10)
# How long each network's first access token lives (seconds); Meta's and Threads' are short-lived until swapped.
_LIFETIMES = {"x": 7200, "linkedin": 5_184_000, "threads": 3600, "facebook": 5400, "instagram": 5400,
              "mastodon": None, "vk": 3600, "pinterest": 2_592_000, "youtube": 3599, "tiktok": 86400,
              "reddit": 86400, "gbp": 3599}
# networks whose code grant also gives a refresh token (Google's with access_type=offline, Reddit's when permanent)
_REFRESHABLE = {"x", "linkedin", "vk", "pinterest", "youtube", "tiktok", "reddit", "gbp"}
_GRAPH = {"facebook", "instagram", "threads"}  # errors in the Graph API's own format


@dataclass
class Consent:
    """What the next person to sign in to a network does on its consent screen."""

    decision: str = "approve"  # or "deny"
    account: str = "1001"
    scopes: tuple[str, ...] | None = None  # granted; None: all that were asked for


@dataclass
class Grant:
    network: str
    client_id: str
    redirect_uri: str
    challenge: str | None
    scopes: tuple[str, ...]
    account: str
    issued_at: datetime
    used: bool = False
    tokens: list[str] = field(default_factory=list)


@dataclass
class OAuthBook:
    consent: dict[str, Consent] = field(default_factory=dict)
    codes: dict[str, Grant] = field(default_factory=dict)
    tokens: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)  # token -> network, account, scopes
    revoked: set[str] = field(default_factory=set)
    apps: dict[str, dict[str, Any]] = field(default_factory=dict)  # Mastodon client_id -> the registered app

    def account_of(self, network: str, token: str | None) -> str | None:
        if not token or token in self.revoked or not token.startswith("sbx-") or token.startswith("sbx-expired"):
            return None
        known = self.tokens.get(token)
        return known[1] if known else token_owner(token)


def book(state: SandboxState) -> OAuthBook:
    if not isinstance(getattr(state, "oauth", None), OAuthBook):
        state.oauth = OAuthBook()  # type: ignore[attr-defined]
    return state.oauth  # type: ignore[attr-defined]


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def path_of(url: str) -> str:
    return urlsplit(url).path


# --- the flow -------------------------------------------------------------------------------------------


def _authorize_handler(network: str, connect: Connect) -> Callable[..., Any]:
    async def authorize(request: Request, state: StateDep) -> Response:
        q = request.query_params
        client_id, redirect_uri, given_state = (q.get(connect.client_id_param, ""), q.get("redirect_uri", ""),
                                                q.get("state"))
        if not client_id or not redirect_uri.startswith(("http://", "https://")):
            # Nowhere safe to send the person back to: the network shows its own error page.
            return answer({"error": "invalid_request", "error_description": "client_id and redirect_uri are required"},
                          400)
        oauth = book(state)
        if connect.register_url is not None:
            app = oauth.apps.get(client_id)
            if app is None or redirect_uri not in app["redirect_uris"]:
                return answer({"error": "invalid_client", "error_description": "Client authentication failed"}, 401)

        def back(**params: str | None) -> Response:
            params = {k: v for k, v in {**params, "state": given_state}.items() if v is not None}
            return RedirectResponse(f"{redirect_uri}{'&' if '?' in redirect_uri else '?'}{urlencode(params)}", 302)

        if q.get("response_type") != "code":
            return back(error="unsupported_response_type", error_description="response_type must be code")
        asked = tuple(s for s in q.get("scope", "").replace(",", " ").split() if s)
        unknown = [s for s in asked if s not in connect.scopes]
        if unknown:
            return back(error="invalid_scope", error_description=f"unknown scope: {', '.join(unknown)}")
        challenge = q.get("code_challenge")
        if connect.pkce and (not challenge or q.get("code_challenge_method") != "S256"):
            return back(error="invalid_request", error_description="code_challenge with method S256 is required")
        consent = oauth.consent.get(network, Consent())
        if consent.decision == "deny":
            return back(error="access_denied", error_description="The user denied the request")
        granted = tuple(s for s in asked if consent.scopes is None or s in consent.scopes)
        code = secrets.token_urlsafe(24)
        oauth.codes[code] = Grant(network, client_id, redirect_uri, challenge, granted, consent.account, utc_now())
        extra = {"device_id": f"sbx-device-{consent.account}"} if connect.flow == "vk_id" else {}
        return back(code=code, **extra)

    return authorize


def _token_error(network: str, description: str, *, error: str = "invalid_grant") -> Response:
    if network in _GRAPH:  # Meta answers OAuth errors as Graph errors: 100/36009 is "code already used"
        return answer({"error": {"message": description, "type": "OAuthException", "code": 100,
                                 "error_subcode": 36009 if "used" in description else 36008}}, 400)
    return answer({"error": error, "error_description": description}, 400)


async def exchange(request: Request, network: str, state: SandboxState, params: dict[str, Any]) -> Response:
    """The ``authorization_code`` grant at the network's token endpoint."""
    oauth = book(state)
    connect = CATALOGUE[network].connect
    client_id = str(params.get(connect.client_id_param if connect else "client_id") or "")
    if not client_id and request.headers.get("authorization", "").lower().startswith("basic "):
        raw = base64.b64decode(request.headers["authorization"].split(" ", 1)[1]).decode(errors="replace")
        client_id = raw.partition(":")[0]
    grant = oauth.codes.get(str(params.get("code") or ""))
    if grant is None or grant.network != network:
        return _token_error(network, "Invalid authorization code")
    if grant.used:
        oauth.revoked.update(grant.tokens)  # a replayed code: what it gave is revoked
        return _token_error(network, "This authorization code has been used")
    grant.used = True
    if utc_now() - grant.issued_at > CODE_TTL:
        return _token_error(network, "This authorization code has expired")
    if client_id != grant.client_id or params.get("redirect_uri") != grant.redirect_uri:
        return _token_error(network, "redirect_uri or client_id does not match the authorization request")
    if grant.challenge is not None:
        verifier = str(params.get("code_verifier") or "")
        if not verifier or s256(verifier) != grant.challenge:
            return _token_error(network, "code_verifier does not match the code_challenge")
    n = state.next_id(f"{network}-oauth")
    access = f"sbx-{grant.account}.a{n}"
    grant.tokens.append(access)
    oauth.tokens[access] = (network, grant.account, grant.scopes)
    body: dict[str, Any] = {"access_token": access, "token_type": "bearer"}
    if (lifetime := _LIFETIMES.get(network)) is not None:
        body["expires_in"] = lifetime
    if network in _REFRESHABLE:
        body["refresh_token"] = f"sbx-{grant.account}.r{n}"
        grant.tokens.append(body["refresh_token"])
    if network == "threads":
        body["user_id"] = grant.account
    if network == "tiktok":  # the creator the token is for
        body |= {"open_id": grant.account, "refresh_expires_in": 31_536_000}
    elif network == "vk":
        body |= {"user_id": grant.account, "state": params.get("state"), "scope": " ".join(grant.scopes)}
    elif network not in _GRAPH:  # Meta says what was granted through /me/permissions, not here
        body["scope"] = (connect.scope_separator if connect else " ").join(grant.scopes)
    return answer(body)


def long_lived(state: SandboxState, network: str, token: str) -> str | None:
    """Meta's swap of a short-lived token this server issued for a long-lived one of the same person."""
    oauth = book(state)
    known = oauth.tokens.get(token)
    if known is None or token in oauth.revoked:
        return None
    fresh = f"sbx-{known[1]}.l{state.next_id(f'{network}-oauth')}"
    oauth.tokens[fresh] = known
    return fresh


# --- who signed in, and what they may post as ---------------------------------------------------------


def _identity(network: str, account: str) -> dict[str, Any]:
    name = f"Sandbox {network} user {account}"
    return {
        "x": {"data": {"id": account, "name": name, "username": f"sbx_{account}"}},
        "linkedin": {"sub": account, "name": name, "email_verified": True},
        "threads": {"id": account, "username": f"sbx_{account}"},
        "facebook": {"id": account, "name": name},
        "instagram": {"id": account, "name": name},
        "vk": {"user": {"user_id": account, "first_name": name}},
        # Business Profile's accounts.list: the person's business accounts (the first is theirs)
        "gbp": {"accounts": [{"name": f"accounts/{account}", "accountName": name, "type": "PERSONAL"}]},
    }[network]


def _destinations(network: str, account: str, state: SandboxState) -> dict[str, Any]:
    if network == "facebook":  # each Page with its own token (the facebook module reads "sbx-page<id>")
        return {"data": [{"id": f"{account}{i}", "name": f"Sandbox Page {i}",
                          "access_token": f"sbx-page{account}{i}.{state.next_id('meta-token')}"} for i in (1, 2)]}
    if network == "instagram":  # Pages, each with the Instagram business account linked to it, if any
        return {"data": [{"id": f"{account}1", "instagram_business_account": {"id": f"17841{account}",
                                                                             "username": f"sbx_{account}"}},
                         {"id": f"{account}2"}]}
    if network == "vk":  # groups.get?filter=admin&extended=1: the communities the person administers
        return {"response": {"count": 2, "items": [{"id": int(f"{account}{i}"), "name": f"Sandbox community {i}",
                                                    "screen_name": f"club{account}{i}", "is_admin": 1,
                                                    "admin_level": 3} for i in (1, 2)]}}
    if network == "pinterest":  # GET /v5/boards: the person's boards
        return {"items": [{"id": f"{account}{i}", "name": f"Sandbox board {i}", "privacy": "PUBLIC"} for i in (1, 2)],
                "bookmark": None}
    if network == "reddit":  # GET /subreddits/mine/subscriber: a Listing of the subreddits they subscribe to
        return {"kind": "Listing", "data": {"after": None, "children": [
            {"kind": "t5", "data": {"display_name": f"sbx{account}{i}", "display_name_prefixed": f"r/sbx{account}{i}"}}
            for i in (1, 2)]}}
    if network == "gbp":  # locations.list of the account: the person's business locations
        return {"locations": [{"name": f"locations/{account}{i}", "title": f"Sandbox location {i}"} for i in (1, 2)]}
    return {"elements": [{"organization": f"urn:li:organization:{account}{i}", "role": "ADMINISTRATOR",
                          "state": "APPROVED", "roleAssignee": f"urn:li:person:{account}"} for i in (1, 2)],
            "paging": {"start": 0, "count": 2}}


def _permissions(network: str) -> Callable[..., Any]:
    """Meta's ``GET /me/permissions``: each permission asked for, granted or declined on the consent screen."""
    async def permissions(request: Request, state: StateDep) -> Response:
        token = bearer_token(request) or str((await read_params(request)).get("access_token") or "")
        known = book(state).tokens.get(token)
        if known is None or known[0] != network or token in book(state).revoked:
            return _unauthorized(network)
        asked = CATALOGUE[network].connect.scopes
        return answer({"data": [{"permission": p, "status": "granted" if p in known[2] else "declined"}
                                for p in asked]})

    return permissions


def _unauthorized(network: str) -> Response:
    if network in _GRAPH:
        return answer({"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}},
                      400)
    return answer({"error": "invalid_token", "error_description": "The access token is invalid"}, 401)


def _who(network: str, make: Callable[[str, str, SandboxState], dict[str, Any]]) -> Callable[..., Any]:
    async def who(request: Request, state: StateDep) -> Response:
        token = bearer_token(request) or str((await read_params(request)).get("access_token") or "")
        account = book(state).account_of(network, token)
        if account is None:
            return _unauthorized(network)
        return answer(make(network, account, state))

    return who


# --- Mastodon's app registration -------------------------------------------------------------------------


async def register_app(request: Request, state: StateDep) -> Response:
    params = await read_params(request)
    uris = params.get("redirect_uris") or ""
    uris = uris if isinstance(uris, list) else str(uris).split()
    if not params.get("client_name") or not uris:
        return answer({"error": "Validation failed: Application name can't be blank, Redirect URI can't be blank"},
                      422)
    client_id = f"sbx-app-{secrets.token_hex(8)}"
    app = {"id": str(state.next_id("mastodon-app")), "name": params["client_name"], "website": params.get("website"),
           "scopes": str(params.get("scopes") or "read").split(), "redirect_uris": uris, "redirect_uri": "\n".join(uris),
           "client_id": client_id, "client_secret": secrets.token_urlsafe(24), "vapid_key": "sbx"}
    book(state).apps[client_id] = app
    return answer(app)


# --- the routers -----------------------------------------------------------------------------------------


def router_for(network: str, served: Callable[[str, str], bool]) -> APIRouter:
    """The network's authorization endpoints; ``served(method, path)``: whether its own module answers it
    (then that module's handler calls ``exchange`` for a code grant)."""
    router = APIRouter()
    connect = CATALOGUE[network].connect
    if connect is None or not connect.consent:
        return router

    def add(method: str, url: str | None, endpoint: Callable[..., Any], *, over_module: bool = False) -> None:
        """``over_module``: served even where a pattern of the module matches (``/2/users/me``)."""
        if url is not None and (over_module or not served(method, path_of(url))):
            # ``{account}``: an id with slashes in it (Business Profile's "accounts/1")
            router.add_api_route(path_of(url).replace("{account}", "{account:path}"), endpoint, methods=[method])

    add("GET", connect.authorize_url, _authorize_handler(network, connect), over_module=True)

    async def token(request: Request, state: StateDep) -> Response:
        params = await read_params(request)
        if params.get("grant_type", "authorization_code") != "authorization_code":
            return _token_error(network, "unsupported grant_type", error="unsupported_grant_type")
        return await exchange(request, network, state, params)

    add(connect.token_method, connect.token_url, token)

    async def exchange_for_long_lived(request: Request, state: StateDep) -> Response:
        """Threads' ``GET /access_token?grant_type=th_exchange_token``: the same person's 60-day token."""
        q = request.query_params
        if q.get("grant_type") != connect.exchange_grant or not q.get("client_secret"):
            return _token_error(network, "grant_type and client_secret are required", error="invalid_request")
        fresh = long_lived(state, network, q.get("access_token", ""))
        if fresh is None:
            return _unauthorized(network)
        return answer({"access_token": fresh, "token_type": "bearer", "expires_in": 5_184_000})

    add("GET", connect.exchange_url, exchange_for_long_lived)
    add("POST", connect.register_url, register_app)
    # Where the network's module answers who signed in (Pinterest's user_account, YouTube's channels, TikTok's
    # user info, Reddit's me), it does; these are the others.
    if network in ("x", "linkedin", "threads", "facebook", "instagram", "vk", "gbp"):
        add(connect.identity_method, connect.identity_url, _who(network, lambda n, a, s: _identity(n, a)),
            over_module=True)
    add("GET", connect.permissions_url, _permissions(network), over_module=True)
    if network in ("facebook", "instagram", "linkedin", "vk", "pinterest", "reddit", "gbp"):
        add("GET", connect.destinations_url, _who(network, _destinations), over_module=True)
    return router


class ConsentIn(BaseModel):
    network: str
    decision: str = Field("approve", pattern="^(approve|deny)$")
    account: str = Field("1001", min_length=1, max_length=64)
    scopes: list[str] | None = None


control_router = APIRouter(prefix="/_sandbox/oauth", tags=["sandbox control"])


@control_router.post("/consent")
async def set_consent(body: ConsentIn, state: StateDep) -> dict[str, Any]:
    """What the next person signing in to ``network`` does: approve (as ``account``, granting ``scopes``) or deny."""
    book(state).consent[body.network] = Consent(body.decision, body.account,
                                                 None if body.scopes is None else tuple(body.scopes))
    return {"network": body.network, "decision": body.decision, "account": body.account, "scopes": body.scopes}
