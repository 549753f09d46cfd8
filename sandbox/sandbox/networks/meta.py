"""What the Facebook, Instagram and Threads imitations share: Graph API errors, insights
answers, token exchange, and Instagram/Threads media containers.

Graph errors are ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``;
rate limits add ``X-Business-Use-Case-Usage`` whose ``estimated_time_to_regain_access``
is in minutes. Rate limits (the business use case's calls per day, Instagram's and Threads'
publishing quotas) and what a post may hold come from the catalogue.
"""

from __future__ import annotations

import json
import math
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from sandbox import oauth
from sandbox.gate import Reply, answer, check_token, read_params
from sandbox.rules import violations
from sandbox.state import Post, SandboxState
from smmkit.catalogue import NetworkLimit, spec
from smmkit.catalogue.spec import MediaKind


def graph_error(
    code: int,
    message: str,
    *,
    subcode: int | None = None,
    status: int = 400,
    type_: str = "OAuthException",
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    error = {"message": message, "type": type_, "code": code, "fbtrace_id": secrets.token_hex(8), **extra}
    if subcode is not None:
        error["error_subcode"] = subcode
    return answer({"error": error}, status, headers)


def invalid(message: str, *, code: int = 100, subcode: int | None = None) -> Reply:
    return Reply(graph_error(code, f"(#{code}) {message}", subcode=subcode))


def not_found(object_id: str) -> Reply:
    return Reply(
        graph_error(
            100,
            f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded due to "
            "missing permissions, or does not support this operation.",
            subcode=33,
            type_="GraphMethodException",
        )
    )


class GraphDialect:
    def __init__(self, network: str, *, rate_limit_code: int, rate_limit_message: str, usage_type: str) -> None:
        self.network = network
        self._code, self._message, self._usage_type = rate_limit_code, rate_limit_message, usage_type

    def unauthorized(self, *, expired: bool, missing: bool = False) -> Response:
        if expired:
            return graph_error(190, "Error validating access token: Session has expired.", subcode=463)
        return graph_error(190, "Invalid OAuth access token - Cannot parse access token")

    def rate_limited(self, retry_after_s: float, account: str, limit: NetworkLimit | None = None) -> Response:
        if limit is not None and limit.on == "write":  # the publishing quota
            return graph_error(
                9,
                "Application request limit reached",
                subcode=2207042,
                error_user_msg="You reached maximum number of posts that is allowed to be published",
            )
        usage = {
            account: [
                {
                    "type": self._usage_type,
                    "call_count": 100,
                    "total_cputime": 25,
                    "total_time": 25,
                    "estimated_time_to_regain_access": math.ceil(retry_after_s / 60),
                }
            ]
        }
        return graph_error(
            self._code, f"(#{self._code}) {self._message}", headers={"X-Business-Use-Case-Usage": json.dumps(usage)}
        )

    def server_error(self) -> Response:
        return graph_error(
            2, "An unexpected error has occurred. Please retry your request later.", status=500, is_transient=True
        )


def graph_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def insights(object_id: str, values: dict[str, int], *, period: str = "lifetime") -> dict[str, Any]:
    return {
        "data": [
            {
                "name": name,
                "period": period,
                "values": [{"value": value}],
                "title": name.replace("_", " ").title(),
                "description": f"Sandbox {name}",
                "id": f"{object_id}/insights/{name}/{period}",
            }
            for name, value in values.items()
        ]
    }


def requested_metrics(request: Request, available: dict[str, int]) -> dict[str, int]:
    names = [m for m in request.query_params.get("metric", "").split(",") if m]
    unknown = [m for m in names if m not in available]
    if not names or unknown:
        raise invalid(f"The value must be a valid insights metric: {', '.join(unknown) or '(none)'}")
    return {name: available[name] for name in names}


async def exchange_token(request: Request, dialect: GraphDialect, state: SandboxState) -> Response:
    """``GET /oauth/access_token?grant_type=fb_exchange_token``: a fresh long-lived token (of the same person,
    for one that ``sandbox.oauth`` issued); with a ``code``: Facebook Login's code grant."""
    params = await read_params(request)
    if "code" in params:  # Facebook Login's code grant (sandbox.oauth)
        return await oauth.exchange(request, dialect.network, state, params)
    if (
        params.get("grant_type") != "fb_exchange_token"
        or not params.get("client_id")
        or not params.get("client_secret")
    ):
        raise invalid("Missing or invalid grant_type, client_id or client_secret", code=101)
    check_token(dialect, params.get("fb_exchange_token"))
    if (fresh := oauth.long_lived(state, dialect.network, str(params["fb_exchange_token"]))) is not None:
        return answer({"access_token": fresh, "token_type": "bearer", "expires_in": 5183944})
    return answer(
        {"access_token": f"sbx-user.{state.next_id('meta-token')}", "token_type": "bearer", "expires_in": 5183944}
    )


# --- Instagram / Threads media containers -----------------------------------------------


@dataclass
class Container:
    id: str
    network: str
    user: str
    media_type: str  # IMAGE, VIDEO/REELS, TEXT, CAROUSEL
    text: str = ""
    media: list[str] = field(default_factory=list)
    is_carousel_item: bool = False
    status: str = "FINISHED"  # IN_PROGRESS -> FINISHED -> PUBLISHED


def add_container(state: SandboxState, container: Container) -> dict[str, str]:
    state.uploads[(container.network, container.id)] = {"container": container}
    return {"id": container.id}


def container(state: SandboxState, network: str, container_id: str) -> Container | None:
    stored = state.uploads.get((network, container_id))
    return stored["container"] if stored else None


def children_of(state: SandboxState, network: str, user: str, ids: Any) -> list[Container]:
    ids = ids.split(",") if isinstance(ids, str) else list(ids or [])
    found = [container(state, network, i.strip()) for i in ids if str(i).strip()]
    most = spec(network).media.max_items
    if not 2 <= len(found) <= most or any(c is None or c.user != user or not c.is_carousel_item for c in found):
        raise invalid(f"Carousel children must be 2 to {most} carousel item containers of this user")
    return [c for c in found if c is not None]


_KINDS: dict[str, MediaKind] = {"IMAGE": "image", "VIDEO": "video", "REELS": "video"}


def check_post(network: str, text: str, items: list[Container], words: dict[str, str]) -> None:
    """The catalogue's rules for the post a container makes (its own media, or a carousel's children),
    in the network's words: ``words`` per rule, formatted with the violation's ``limit``."""
    if problems := violations(network, text, [_KINDS[c.media_type] for c in items if c.media_type in _KINDS]):
        problem = problems[0]
        raise invalid(words.get(problem.rule, problem.detail).format(limit=problem.limit))


def status_on_read(item: Container) -> str:
    """Videos are reported IN_PROGRESS once, then FINISHED: clients must poll."""
    status = item.status
    if status == "IN_PROGRESS":
        item.status = "FINISHED"
    return status


def publish_container(state: SandboxState, network: str, user: str, creation_id: str) -> Post:
    item = container(state, network, creation_id)
    if item is None or item.user != user or item.is_carousel_item:
        raise invalid("Media builder not found", code=24, subcode=2207008)
    if item.status == "IN_PROGRESS":
        raise Reply(
            graph_error(
                9007,
                "Media ID is not available",
                subcode=2207027,
                error_user_msg="The media is not ready for publishing, please wait for a moment",
            )
        )
    if item.status == "PUBLISHED":
        raise invalid("This container has already been published")  # sandbox wording
    media_id = str(17_900_000_000_000_000 + state.next_id(network))
    item.status = "PUBLISHED"
    return state.add_post(
        network,
        user,
        media_id,
        item.text,
        media=item.media,
        extra={"media_type": item.media_type, "container": item.id},
    )
