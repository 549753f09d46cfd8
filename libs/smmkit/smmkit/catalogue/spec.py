"""The shape of a catalogue entry, and the one check every service runs against it.

A ``NetworkSpec`` holds what we know about one network: how it counts text and what it allows,
its media rules, its rate limits and the budgets we pace ourselves with, where its API lives,
how its tokens are renewed and what its error codes mean. The planner checks posts with it at
planning time, the publisher's adapters before calling, the metrics collectors read its URLs and
error tables, and the sandbox refuses with it what the real network refuses.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

import regex

from smmkit.networks import ErrorKind, NetworkError, kind_for_status
from smmkit.ratelimit import Budget

MediaKind = Literal["image", "video", "gif", "document"]
Engaged = Literal["likes", "reposts", "comments", "views", "clicks", "followers"]
_HASHTAG = regex.compile(r"(?<!\w)#\w+")


@dataclass(frozen=True)
class Violation:
    """One rule a post breaks: ``rule`` is a stable name ("text_length"), ``detail`` is for people."""

    rule: str
    limit: Any
    actual: Any
    detail: str


@dataclass(frozen=True)
class TextLimit:
    limit: int
    count: Callable[[str], int]
    unit: str  # how ``count`` counts, for messages: "graphemes", "UTF-8 bytes" ...
    rule: str = "text_length"
    when: Literal["always", "with_media", "without_media"] = "always"

    def applies(self, *, with_media: bool) -> bool:
        return self.when == "always" or (self.when == "with_media") == with_media


@dataclass(frozen=True)
class MediaRules:
    """What one post may carry, as the network takes it and as our adapter for it sends it: where the
    adapter does less than the network (no video upload yet...), the narrower rule is the one here, so
    the planner never accepts what the publisher cannot post."""

    max_images: int = 0
    max_videos: int = 0
    max_gifs: int = 0
    max_documents: int = 0
    max_items: int | None = None  # every kind together: an album, a carousel
    together: frozenset[MediaKind] = frozenset()  # kinds that may share a post; any other mix is refused
    required: bool = False
    max_image_bytes: int | None = None
    max_video_bytes: int | None = None
    # Why a cap is narrower than the network's own ("video": ..., "items": ...), said instead of the bare figure.
    why: Mapping[str, str] = field(default_factory=dict)

    def cap(self, kind: MediaKind) -> int:
        return {"image": self.max_images, "video": self.max_videos, "gif": self.max_gifs,
                "document": self.max_documents}[kind]


@dataclass(frozen=True)
class Media:
    """What a check needs to know of one media item; the size only once it is known."""

    kind: MediaKind
    size_bytes: int | None = None


@dataclass(frozen=True)
class NetworkLimit:
    """A rate limit as the network enforces it (the sandbox enforces the same).

    ``per``: whose allowance it is; ``on``: which calls spend it; ``cost``: what one such call
    spends where the network counts points; ``scalable``: whether the sandbox's test scale applies
    (per-second burst limits keep their size)."""

    name: str
    capacity: int
    window_s: float
    per: Literal["account", "app", "chat"] = "account"
    on: Literal["all", "write", "read", "upload"] = "all"
    cost: int = 1
    scalable: bool = True


@dataclass(frozen=True)
class Renewal:
    """How an account's tokens are renewed.

    - ``none``: they do not expire (bot tokens, Mastodon);
    - ``oauth_refresh``: an OAuth 2 refresh token grant;
    - ``long_lived_exchange``: Meta's swap for a fresh long-lived token;
    - ``session``: a new session from a refresh JWT or app password (atproto).
    """

    kind: Literal["none", "oauth_refresh", "long_lived_exchange", "session"]

    @property
    def renewable(self) -> bool:
        return self.kind != "none"


ConnectFlow = Literal["oauth2", "meta_login", "mastodon_app", "vk_id", "bot_token", "app_password"]


@dataclass(frozen=True)
class Connect:
    """How a person connects an account, as the network does it (``docs/connections.md``).

    URLs are production ones, absolute: the publisher keeps their path and swaps the origin for the
    network's configured base URL, so the sandbox answers them on its port. ``flow``:

    - ``oauth2``: authorization code grant (with PKCE S256 where ``pkce``);
    - ``meta_login``: Facebook Login's code grant, then the swap for a long-lived token
      (``exchange_grant`` at ``token_url``), then a choice of destination (Pages, Instagram accounts);
    - ``mastodon_app``: an app registered per instance (``register_url``), then ``oauth2``;
    - ``vk_id``: VK ID's code grant (PKCE required; the token endpoint wants the ``device_id`` and ``state``);
    - ``bot_token`` / ``app_password``: no consent screen; the person pastes a token or app password,
      which is checked against the network (Telegram: the bot must be an admin of the channel).

    ``identity_url`` answers who signed in (``identity_id`` / ``identity_name``: dotted paths in its JSON).
    ``destinations_url`` lists what the person may post as (Pages, organisations, boards, subreddits, locations):
    ``destinations_list`` is the path of the list, ``destination_id`` / ``destination_name`` /
    ``destination_token`` paths in each item (a path may index a list: ``items.0.id``). ``{account}`` in
    ``destinations_url`` and ``destination_ref`` is the identity's id; ``{ref}`` in ``destination_ref`` the item's.

    ``client_id_param``: what the network calls the client id in the authorize and token requests (TikTok:
    ``client_key``); ``authorize_params``: fixed extra parameters of the authorize URL (Google's
    ``access_type=offline`` for a refresh token, Reddit's ``duration=permanent``).
    ``channel_url`` (``bot_token`` flows that authenticate with a header, Discord): the channel the bot must be
    able to read before it is connected (``{channel}``); ``token_scheme``: the Authorization scheme of the token.
    """

    flow: ConnectFlow
    authorize_url: str | None = None
    token_url: str | None = None
    token_method: Literal["POST", "GET"] = "POST"
    client_auth: Literal["body", "basic"] = "body"  # where the client secret goes in the token request
    scopes: tuple[str, ...] = ()
    scope_separator: str = " "
    pkce: bool = False
    register_url: str | None = None
    exchange_grant: str | None = None  # Meta: the grant that swaps a short-lived token for a long-lived one
    exchange_url: str | None = None  # where that swap is made, when not at ``token_url`` (Threads)
    identity_url: str | None = None
    identity_method: Literal["GET", "POST"] = "GET"
    identity_id: str = "id"
    identity_name: str = "name"
    account_ref: str = "{id}"  # the account_ref our adapter posts as, from the identity's id
    # Where the granted permissions are listed when the token answer does not say (Meta: /me/permissions)
    permissions_url: str | None = None
    destinations_url: str | None = None
    destinations_list: str = "data"
    destination_id: str = "id"
    destination_name: str = "name"
    destination_token: str | None = None  # a token of the destination's own (a Page token)
    member_is_destination: bool = False  # the person may post as themselves too (LinkedIn members)
    destination_ref: str = "{ref}"  # the account_ref a chosen destination becomes
    client_id_param: str = "client_id"
    authorize_params: tuple[tuple[str, str], ...] = ()
    channel_url: str | None = None
    token_scheme: str = "Bearer"
    sources: tuple[str, ...] = ()

    @property
    def consent(self) -> bool:
        """Whether the person goes through the network's consent screen (an authorization URL)."""
        return self.authorize_url is not None


@dataclass(frozen=True)
class ErrorTable:
    """What a network's own error codes mean. A code is a string (atproto's error names), an int
    (Graph, VK) or a (code, subcode) pair, which wins over the bare code."""

    kinds: dict[Any, ErrorKind] = field(default_factory=dict)
    duplicate: frozenset = frozenset()  # "you already posted this": reconcile, then refuse
    not_found: frozenset = frozenset()  # the post (or record) does not exist
    retry_after_s: dict[Any, float] = field(default_factory=dict)  # usual waits where the network says none

    def kind_of(self, code: Any, subcode: Any = None) -> ErrorKind | None:
        if subcode is not None and (code, subcode) in self.kinds:
            return self.kinds[(code, subcode)]
        return self.kinds.get(code)

    def is_not_found(self, code: Any, subcode: Any = None) -> bool:
        return (code, subcode) in self.not_found or code in self.not_found

    def is_duplicate(self, code: Any) -> bool:
        """``code`` as a ``NetworkError`` carries it (a string) or as the network sends it."""
        return any(code == c or code == str(c) for c in self.duplicate)

    def error(self, code: Any, subcode: Any = None, *, message: str, status: int | None = None, write: bool = False,
              retry_after_s: float | None = None) -> NetworkError:
        """The network's error answer as a ``NetworkError``: the kind this table gives its code, else
        what the HTTP status says (an error that came with HTTP 200, as VK's do, is "invalid").
        A rate limit without a wait from the network gets the table's usual wait for its code."""
        kind = self.kind_of(code, subcode) or (kind_for_status(status, write=write) if status and status >= 400
                                               else "invalid")
        if retry_after_s is None and kind == "rate_limited":
            retry_after_s = self.retry_after_s.get(code)
        return NetworkError(kind, message, retry_after_s=retry_after_s, status=status,
                            code=None if code is None else str(code))


def codes(kind: ErrorKind, *values: Any) -> dict[Any, ErrorKind]:
    return dict.fromkeys(values, kind)


@dataclass(frozen=True)
class NetworkSpec:
    name: str
    title: str
    write_base_url: str  # production; publishing goes here
    text: tuple[TextLimit, ...]
    media: MediaRules
    renewal: Renewal
    errors: ErrorTable = ErrorTable()
    read_base_url: str | None = None  # where public reads live when not the write API (Bluesky's AppView)
    max_hashtags: int | None = None
    text_or_media: bool = True  # a post without media (or a link attachment) needs some text, not just spaces
    duplicate_text_across_accounts: bool = False  # X refuses identical text on several accounts
    daily_quota: int | None = None  # posts per local calendar day of the account
    rolling_quota: tuple[int, timedelta] | None = None  # at most N posts in any window this long
    limits: tuple[NetworkLimit, ...] = ()
    account_budget: Budget | None = None  # our shared pace per account (publisher and metrics)
    app_budget: Budget | None = None  # our shared pace per app token, where the network limits the app
    write_cost: int = 1  # what one post costs of the account budget
    language_field: str | None = None  # the request field that carries a post's language, if any
    connect: Connect | None = None  # how an account is connected (docs/connections.md)
    # What this platform does with the network, for people (README's network table, ``catalogue.table``):
    link: str = "appended to the text"  # how a post's link goes out
    collects: tuple[Engaged, ...] = ()  # what the metrics collector reads (the EngagementCounts it fills, followers)
    first_comment: bool = False  # a first comment posted under the post
    threads: bool = False  # a thread of several posts
    # Hosts a visit from this network arrives with as its referrer (attribution's channel classification:
    # social, untracked). Subdomains match (l.instagram.com under instagram.com); ``name.*`` matches every
    # country domain of a name (pinterest.de, pinterest.co.uk). Empty where the referrer cannot tell the network.
    referrer_domains: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def read_url(self) -> str:
        return self.read_base_url or self.write_base_url

    def text_limits(self, *, with_media: bool) -> list[TextLimit]:
        return [t for t in self.text if t.applies(with_media=with_media)]

    def check_text(self, text: str, *, with_media: bool, with_link: bool = False) -> list[Violation]:
        out = []
        if self.text_or_media and not with_media and not with_link and not text.strip():
            out.append(Violation("text_required", 1, 0, f"{self.title} posts need text or media"))
        for t in self.text_limits(with_media=with_media):
            n = t.count(text)
            if n > t.limit:
                out.append(Violation(t.rule, t.limit, n, f"{self.title} allows {t.limit} {t.unit}, the text has {n}"))
        if self.max_hashtags is not None and (tags := len(_HASHTAG.findall(text))) > self.max_hashtags:
            out.append(Violation("hashtags", self.max_hashtags, tags, f"{self.title} allows {self.max_hashtags} hashtags"))
        return out

    def check_media(self, media: Sequence[Media]) -> list[Violation]:
        rules, title = self.media, self.title
        counts = Counter(m.kind for m in media)
        out = []
        if rules.required and not media:
            out.append(Violation("media_required", 1, 0, f"{title} posts need at least one image or video"))
        for kind, n in counts.items():
            if n > (cap := rules.cap(kind)):
                said = f"{title} allows {_count(cap, kind)} in one post" if cap else \
                    rules.why.get(kind, f"{title} does not take {_noun(kind, 2)}")
                out.append(Violation("media_count", cap, n, said))
        allowed = sorted(k for k in counts if rules.cap(k))  # a kind it does not take at all is said above
        if len(allowed) > 1 and not set(allowed) <= rules.together:
            kinds = " or ".join(_noun(k, rules.cap(k)) for k in allowed)
            out.append(Violation("media_kind", kinds, ", ".join(_count(counts[k], k) for k in allowed),
                                 f"{title} takes {kinds} in one post, not together"))
        if rules.max_items is not None and len(media) > rules.max_items and not out:
            out.append(Violation("media_count", rules.max_items, len(media),
                                 rules.why.get("items", f"{title} allows {rules.max_items} media in one post")))
        for n, m in enumerate(media):
            cap = rules.max_image_bytes if m.kind == "image" else rules.max_video_bytes if m.kind == "video" else None
            if cap is not None and m.size_bytes is not None and m.size_bytes > cap:
                out.append(Violation("media_size", cap, m.size_bytes,
                                     f"{title} allows {m.kind}s of {cap:,} bytes; media {n + 1} has {m.size_bytes:,}"))
        return out

    def check(self, text: str, media: Iterable[Media] = (), *, with_link: bool = False) -> list[Violation]:
        """Every rule the post breaks: text as the network counts it, hashtags, media. ``with_link``: the post
        carries a link attachment (a card) apart from its text."""
        media = list(media)
        return self.check_text(text, with_media=bool(media), with_link=with_link) + self.check_media(media)

    def fits(self, text: str, media: Iterable[Media] = ()) -> bool:
        return not self.check(text, media)


_NOUNS = {"image": "image", "video": "video", "gif": "GIF", "document": "document"}


def _noun(kind: MediaKind, n: int) -> str:
    return _NOUNS[kind] + ("" if n == 1 else "s")


def _count(n: int, kind: MediaKind) -> str:
    """ "4 images", "1 video": for messages."""
    return f"{n} {_noun(kind, n)}"
