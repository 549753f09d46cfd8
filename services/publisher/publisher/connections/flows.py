"""The calls a connection makes to the network, driven by its catalogue entry's ``connect`` facts.

Every URL in the catalogue is a production one; its path (and query) is kept and its origin swapped for
the network's configured base URL, so the same code talks to the network or to the sandbox. Nothing here is
per network: a network whose flow is one of the catalogue's kinds needs no code of its own.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from smmkit.catalogue import Connect, spec
from smmkit.networks import short


class FlowError(Exception):
    """The network refused a step: ``kind`` says which failure it is ("code", "scopes", "network")."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Client:
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class Signed:
    """Who signed in, and the credentials the network gave."""

    account_id: str
    name: str
    credentials: dict[str, str]
    destinations: list[dict[str, str]]  # {"ref", "name", "token"?}: where a choice is needed


def connect_of(network: str) -> Connect:
    connect = spec(network).connect
    if connect is None:
        raise KeyError(network)
    return connect


def at(base_url: str, production_url: str) -> str:
    """``production_url`` with its origin swapped for ``base_url`` (which has no path)."""
    parts = urlsplit(production_url)
    return base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge), RFC 7636."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def dig(data: Any, path: str) -> Any:
    """``dig({"data": {"id": 1}}, "data.id") == 1``, ``dig({"items": [{"id": 1}]}, "items.0.id") == 1``;
    None where the path is missing."""
    for part in path.split("."):
        if isinstance(data, list) and part.isdigit():
            data = data[int(part)] if int(part) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


async def register_app(http: httpx.AsyncClient, base_url: str, connect: Connect, redirect_uri: str) -> Client:
    """Mastodon: an app is registered on each instance before anyone there can consent to it."""
    answer = await http.post(at(base_url, connect.register_url or ""), data={
        "client_name": "SMM platform", "redirect_uris": redirect_uri, "scopes": " ".join(connect.scopes)})
    body = _json(answer)
    if not answer.is_success or not body.get("client_id"):
        raise FlowError("network", f"the instance refused the app registration (HTTP {answer.status_code})")
    return Client(str(body["client_id"]), str(body["client_secret"]))


def authorization_url(base_url: str, connect: Connect, client: Client, *, redirect_uri: str, state: str,
                      challenge: str | None) -> str:
    params = {"response_type": "code", connect.client_id_param: client.client_id, "redirect_uri": redirect_uri,
              "scope": connect.scope_separator.join(connect.scopes), "state": state, **dict(connect.authorize_params)}
    if challenge is not None:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    return f"{at(base_url, connect.authorize_url or '')}?{urlencode(params)}"


async def redeem(http: httpx.AsyncClient, base_url: str, network: str, client: Client, *, code: str,
                 redirect_uri: str, verifier: str | None, state: str, device_id: str | None,
                 now: datetime) -> Signed:
    """Swap the code for tokens, check the scopes, find who signed in and where they may post."""
    connect = connect_of(network)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            connect.client_id_param: client.client_id}
    if verifier is not None:
        form["code_verifier"] = verifier
    if connect.flow == "vk_id":
        form |= {"device_id": device_id or "", "state": state}
    auth = None
    if connect.client_auth == "basic":
        auth = (client.client_id, client.client_secret)
    else:
        form["client_secret"] = client.client_secret
    url = at(base_url, connect.token_url or "")
    answer = (await http.get(url, params=form) if connect.token_method == "GET"
              else await http.post(url, data=form, auth=auth or httpx.USE_CLIENT_DEFAULT))
    tokens = _json(answer)
    if not answer.is_success or not tokens.get("access_token"):
        if 400 <= answer.status_code < 500:
            raise FlowError("code", "the network refused the authorization code: it was already used, has expired "
                                    f"or was not issued for this request ({_said(tokens, answer)})")
        raise FlowError("network", f"the network's token endpoint failed ({_said(tokens, answer)})")
    if "scope" in tokens:
        granted = set(str(tokens["scope"]).replace(",", " ").split())
        if missing := [s for s in connect.scopes if s not in granted]:
            raise FlowError("scopes", f"the permissions {', '.join(missing)} were not granted; connect again and "
                                      "allow them all")
    access = str(tokens["access_token"])
    credentials = {"access_token": access, "client_id": client.client_id, "client_secret": client.client_secret}
    if tokens.get("refresh_token"):
        credentials["refresh_token"] = str(tokens["refresh_token"])
    if tokens.get("expires_in"):
        credentials["expires_at"] = (now + timedelta(seconds=float(tokens["expires_in"]))).isoformat()
    if connect.exchange_grant:  # Meta, Threads: a short-lived token is swapped for a long-lived one at once
        access, lifetime_s = await _long_lived(http, base_url, url, connect, client, access)
        credentials |= {"access_token": access}
        if connect.flow == "meta_login":
            credentials |= {"app_id": client.client_id, "app_secret": client.client_secret}
        credentials.pop("expires_at", None)
        if lifetime_s:
            credentials["expires_at"] = (now + timedelta(seconds=lifetime_s)).isoformat()
    if connect.permissions_url and "scope" not in tokens:  # Meta lists what was granted, and declined, apart
        listed = await _call(http, "GET", at(base_url, connect.permissions_url), access, client_id=client.client_id)
        granted = {str(p.get("permission")) for p in dig(listed, "data") or [] if p.get("status") == "granted"}
        if missing := [s for s in connect.scopes if s not in granted]:
            raise FlowError("scopes", f"the permissions {', '.join(missing)} were not granted; connect again and "
                                      "allow them all")
    who = await _call(http, connect.identity_method, at(base_url, connect.identity_url or ""), access,
                      client_id=client.client_id)
    account_id = dig(who, connect.identity_id)
    if account_id in (None, ""):
        raise FlowError("network", "the network did not say who signed in")
    destinations = []
    if connect.destinations_url:
        listed = await _call(http, "GET", at(base_url, connect.destinations_url.replace("{account}", str(account_id))),
                             access, client_id=client.client_id)
        for item in dig(listed, connect.destinations_list) or []:
            ref = dig(item, connect.destination_id)
            if ref in (None, ""):
                continue  # a Page without an Instagram account linked to it
            token = dig(item, connect.destination_token) if connect.destination_token else None
            ref = connect.destination_ref.format(account=account_id, ref=ref)
            destinations.append({"ref": ref, "name": str(dig(item, connect.destination_name) or ref),
                                 **({"token": str(token)} if token else {})})
    return Signed(str(account_id), str(dig(who, connect.identity_name) or account_id), credentials, destinations)


async def check_pasted(http: httpx.AsyncClient, base_url: str, network: str, credentials: dict[str, str],
                       account_ref: str | None) -> Signed:
    """A bot token or an app password, checked against the network before anything is kept."""
    connect = connect_of(network)
    if connect.flow == "bot_token":
        token, chat = credentials.get("bot_token", ""), account_ref or ""
        if not token or not chat:
            raise FlowError("input", f"a {spec(network).title} connection needs the bot_token and the channel "
                                     "(account_ref)")
        if connect.channel_url:
            return await _bot_sees_channel(http, base_url, connect, token, chat)
        api = at(base_url, (connect.identity_url or "").format(token=token)).rsplit("/", 1)[0]
        bot = await _telegram(http, f"{api}/getMe", {})
        found = await _telegram(http, f"{api}/getChat", {"chat_id": chat})
        member = await _telegram(http, f"{api}/getChatMember", {"chat_id": chat, "user_id": dig(bot, connect.identity_id.removeprefix("result."))})
        if member.get("status") not in ("administrator", "creator") or (
                member.get("status") == "administrator" and not member.get("can_post_messages", True)):
            raise FlowError("scopes", f"the bot is not an administrator of {chat} allowed to post messages; "
                                      "add it as one in the channel's settings")
        return Signed(chat, str(found.get("title") or chat), {"bot_token": token}, [])
    # app_password (Bluesky): a session opened with it says who it is
    identifier, password = credentials.get("identifier", ""), credentials.get("app_password", "")
    if not identifier or not password:
        raise FlowError("input", "a Bluesky connection needs the identifier (handle) and an app_password")
    answer = await http.post(at(base_url, connect.identity_url or ""), json={"identifier": identifier,
                                                                             "password": password})
    session = _json(answer)
    if not answer.is_success or not session.get("did"):
        raise FlowError("code" if 400 <= answer.status_code < 500 else "network",
                        f"the network refused the app password ({_said(session, answer)})")
    return Signed(str(session["did"]), str(session.get("handle") or identifier),
                  {"identifier": identifier, "app_password": password, "did": str(session["did"]),
                   "access_jwt": str(session.get("accessJwt", "")), "refresh_jwt": str(session.get("refreshJwt", ""))},
                  [])


async def _bot_sees_channel(http: httpx.AsyncClient, base_url: str, connect: Connect, token: str,
                            channel: str) -> Signed:
    """Discord: the token is a bot's, and the bot can see the channel (it is in the server, the channel not hidden
    from it). Discord offers no call that answers "may it post here"; a permission lost later shows at the first
    publish as Missing Permissions, which asks for a reconnect."""
    headers = {"Authorization": f"{connect.token_scheme} {token}"}
    bot = await http.get(at(base_url, connect.identity_url or ""), headers=headers)
    if not bot.is_success or dig(_json(bot), connect.identity_id) in (None, ""):
        raise FlowError("code" if 400 <= bot.status_code < 500 else "network",
                        f"the network refused the bot token ({_said(_json(bot), bot)})")
    found = await http.get(at(base_url, (connect.channel_url or "").format(channel=channel)), headers=headers)
    body = _json(found)
    if found.status_code in (403, 404):
        raise FlowError("scopes", f"the bot cannot see channel {channel} ({_said(body, found)}); add it to the server "
                                  "and allow it View Channel and Send Messages there")
    if not found.is_success:
        raise FlowError("code" if 400 <= found.status_code < 500 else "network",
                        f"the network refused the channel ({_said(body, found)})")
    name = f"#{body['name']}" if body.get("name") else channel
    kept = {"bot_token": token, **({"guild_id": str(body["guild_id"])} if body.get("guild_id") else {})}
    return Signed(channel, name, kept, [])


async def _telegram(http: httpx.AsyncClient, url: str, params: dict[str, Any]) -> dict[str, Any]:
    answer = await http.post(url, json=params)
    body = _json(answer)
    if not answer.is_success or not body.get("ok"):
        description = short(str(body.get("description") or f"HTTP {answer.status_code}"))
        raise FlowError("code" if answer.status_code in (401, 404) else "scopes" if answer.status_code in (400, 403)
                        else "network", f"Telegram refused: {description}")
    return body.get("result") or {}


async def _long_lived(http: httpx.AsyncClient, base_url: str, token_url: str, connect: Connect, client: Client,
                     token: str) -> tuple[str, float | None]:
    """(the long-lived token, its lifetime in seconds if said). Meta swaps at the token URL (fb_exchange_token),
    Threads at its own exchange URL with the token itself."""
    if connect.exchange_url:
        answer = await http.get(at(base_url, connect.exchange_url), params={
            "grant_type": connect.exchange_grant, "client_secret": client.client_secret, "access_token": token})
    else:
        answer = await http.get(token_url, params={"grant_type": connect.exchange_grant, "client_id": client.client_id,
                                                   "client_secret": client.client_secret, "fb_exchange_token": token})
    body = _json(answer)
    if not answer.is_success or not body.get("access_token"):
        raise FlowError("network", f"the swap for a long-lived token failed ({_said(body, answer)})")
    lifetime = body.get("expires_in")
    return str(body["access_token"]), float(lifetime) if lifetime and connect.exchange_url else None


async def _call(http: httpx.AsyncClient, method: str, url: str, token: str, *, client_id: str) -> Any:
    if method == "POST":  # VK ID's user_info takes the token in the form
        answer = await http.post(url, data={"access_token": token, "client_id": client_id})
    else:
        answer = await http.get(url, headers={"Authorization": f"Bearer {token}"})
    body = _json(answer)
    error = body.get("error")
    said_error = isinstance(error, dict) and error.get("code") not in (None, "ok")  # TikTok: errors with HTTP 200 too
    if not answer.is_success or said_error:
        raise FlowError("network", f"the network refused the new token ({_said(body, answer)})")
    return body


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _said(body: dict[str, Any], answer: httpx.Response) -> str:
    """The network's own words for an error, short, never a token."""
    error = body.get("error")
    if isinstance(error, dict):
        error = error.get("message")
    error = error or body.get("message")  # Discord, Pinterest: {"code", "message"}
    return short(str(body.get("error_description") or error or f"HTTP {answer.status_code}"))
