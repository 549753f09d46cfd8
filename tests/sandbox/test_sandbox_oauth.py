"""The sandbox as each network's authorization server (``sandbox.oauth``), over real HTTP, for every
catalogued network with a consent screen: state echoed, PKCE verified, scopes, consent denied, codes single-use."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sandbox.client import SandboxControl
from sandbox.oauth import path_of, s256
from smmkit.catalogue import CATALOGUE

CONSENT_NETWORKS = [name for name, spec in CATALOGUE.items() if spec.connect and spec.connect.consent]
REDIRECT = "https://app.example/connections/callback"


def _client(sandbox: SandboxControl, network: str) -> tuple[str, str]:
    """(client_id, client_secret): Mastodon's are registered with the instance first, as there."""
    connect = CATALOGUE[network].connect
    if connect.register_url is None:
        return "sbx-client", "sbx-secret"
    app = httpx.post(sandbox.url(network) + path_of(connect.register_url),
                     data={"client_name": "SMM", "redirect_uris": REDIRECT, "scopes": " ".join(connect.scopes)})
    assert app.status_code == 200, app.text
    return app.json()["client_id"], app.json()["client_secret"]


def _authorize(sandbox: SandboxControl, network: str, client_id: str, **overrides: str) -> dict[str, str]:
    connect = CATALOGUE[network].connect
    params = {"response_type": "code", connect.client_id_param: client_id, "redirect_uri": REDIRECT,
              "scope": connect.scope_separator.join(connect.scopes), "state": secrets.token_urlsafe(8)}
    if connect.pkce:
        params |= {"code_challenge": s256("v" * 50), "code_challenge_method": "S256"}
    params |= overrides
    answer = httpx.get(sandbox.url(network) + path_of(connect.authorize_url), params=params)
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(REDIRECT + "?")
    back = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    assert back.get("state") == params["state"], "state is echoed"
    return back


def _token(sandbox: SandboxControl, network: str, client: tuple[str, str], code: str, verifier: str) -> httpx.Response:
    connect = CATALOGUE[network].connect
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, connect.client_id_param: client[0],
            "client_secret": client[1], "code_verifier": verifier}
    url = sandbox.url(network) + path_of(connect.token_url)
    if connect.token_method == "GET":
        return httpx.get(url, params=form)
    return httpx.post(url, data=form)


@pytest.mark.parametrize("network", CONSENT_NETWORKS)
def test_the_code_grant_with_state_pkce_and_single_use_codes(sandbox: SandboxControl, network: str):
    connect = CATALOGUE[network].connect
    sandbox.consent(network, account="7001")
    client = _client(sandbox, network)
    back = _authorize(sandbox, network, client[0])
    assert "code" in back and "error" not in back
    if connect.pkce:
        wrong = _token(sandbox, network, client, back["code"], "w" * 50)
        assert wrong.status_code == 400, "a wrong PKCE verifier is refused"
        back = _authorize(sandbox, network, client[0])  # the refused attempt spent that code
    tokens = _token(sandbox, network, client, back["code"], "v" * 50)
    assert tokens.status_code == 200, tokens.text
    access = tokens.json()["access_token"]
    if "scope" in tokens.json():
        assert set(tokens.json()["scope"].replace(",", " ").split()) == set(connect.scopes)

    again = _token(sandbox, network, client, back["code"], "v" * 50)
    assert again.status_code == 400, "a code is single-use"
    assert "used" in again.text
    if connect.identity_url and network != "mastodon":
        who = httpx.request(connect.identity_method, sandbox.url(network) + path_of(connect.identity_url),
                            headers={"Authorization": f"Bearer {access}"})
        assert who.status_code in (400, 401), "what a replayed code gave is revoked"


@pytest.mark.parametrize("network", CONSENT_NETWORKS)
def test_denied_consent_missing_pkce_and_unknown_scopes_go_back_as_errors(sandbox: SandboxControl, network: str):
    connect = CATALOGUE[network].connect
    client = _client(sandbox, network)
    sandbox.consent(network, "deny")
    assert _authorize(sandbox, network, client[0])["error"] == "access_denied"
    sandbox.consent(network, "approve")
    assert _authorize(sandbox, network, client[0], scope="no_such_scope")["error"] == "invalid_scope"
    if connect.pkce:
        assert _authorize(sandbox, network, client[0], code_challenge_method="plain")["error"] == "invalid_request"
