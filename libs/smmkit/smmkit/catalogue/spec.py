"""The shape of a catalogue entry, and the one check every service runs against it.

A ``NetworkSpec`` holds what we know about one network: how it counts text and what it allows,
its media rules, its rate limits and the budgets we pace ourselves with, where its API lives,
how its tokens are renewed and what its error codes mean. The planner checks posts with it at
planning time, the publisher's adapters before calling, the metrics collectors read its URLs and
error tables, and the sandbox refuses with it what the real network refuses.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

import regex

from smmkit.networks import ErrorKind, NetworkError, kind_for_status
from smmkit.ratelimit import Budget

MediaKind = Literal["image", "video", "gif", "document"]
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
    max_images: int = 0
    max_videos: int = 0  # videos and GIFs together
    max_documents: int = 0
    mixed: bool = False  # images and videos (and documents) in one post
    required: bool = False
    max_image_bytes: int | None = None
    max_video_bytes: int | None = None
    why_no_video: str | None = None  # said when a network (or our adapter for it) takes no video


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
    duplicate_text_across_accounts: bool = False  # X refuses identical text on several accounts
    daily_quota: int | None = None  # posts per local calendar day of the account
    rolling_quota: tuple[int, timedelta] | None = None  # at most N posts in any window this long
    limits: tuple[NetworkLimit, ...] = ()
    account_budget: Budget | None = None  # our shared pace per account (publisher and metrics)
    app_budget: Budget | None = None  # our shared pace per app token, where the network limits the app
    write_cost: int = 1  # what one post costs of the account budget
    language_field: str | None = None  # the request field that carries a post's language, if any
    sources: tuple[str, ...] = ()

    @property
    def read_url(self) -> str:
        return self.read_base_url or self.write_base_url

    def text_limits(self, *, with_media: bool) -> list[TextLimit]:
        return [t for t in self.text if t.applies(with_media=with_media)]

    def check_text(self, text: str, *, with_media: bool) -> list[Violation]:
        out = []
        for t in self.text_limits(with_media=with_media):
            n = t.count(text)
            if n > t.limit:
                out.append(Violation(t.rule, t.limit, n, f"{self.title} allows {t.limit} {t.unit}, the text has {n}"))
        if self.max_hashtags is not None and (tags := len(_HASHTAG.findall(text))) > self.max_hashtags:
            out.append(Violation("hashtags", self.max_hashtags, tags, f"{self.title} allows {self.max_hashtags} hashtags"))
        return out

    def check_media(self, media: Sequence[Media]) -> list[Violation]:
        rules, title = self.media, self.title
        images = sum(m.kind == "image" for m in media)
        videos = sum(m.kind in ("video", "gif") for m in media)
        docs = sum(m.kind == "document" for m in media)
        out = []
        if rules.required and not media:
            out.append(Violation("media_required", 1, 0, f"{title} posts need at least one image or video"))
        if images > rules.max_images:
            out.append(Violation("media_count", rules.max_images, images, f"{title} allows {rules.max_images} images"))
        if videos > rules.max_videos:
            why = rules.why_no_video if rules.max_videos == 0 and rules.why_no_video else \
                f"{title} allows {rules.max_videos} video/GIF"
            out.append(Violation("media_count", rules.max_videos, videos, why))
        if docs > rules.max_documents:
            out.append(Violation("media_kind", rules.max_documents, docs, f"{title} does not take {docs} document(s)"))
        if images and videos and not rules.mixed:
            out.append(Violation("media_kind", "images or video", f"{images} images + {videos} video",
                                 f"{title} takes images or one video, not both"))
        if docs and (images or videos) and not rules.mixed:
            out.append(Violation("media_kind", "document alone", f"{docs} document + {images + videos} media",
                                 f"{title} takes a document alone"))
        for n, m in enumerate(media):
            cap = rules.max_image_bytes if m.kind == "image" else rules.max_video_bytes if m.kind in ("video", "gif") \
                else None
            if cap is not None and m.size_bytes is not None and m.size_bytes > cap:
                out.append(Violation("media_size", cap, m.size_bytes,
                                     f"{title} allows {m.kind}s of {cap:,} bytes; media {n + 1} has {m.size_bytes:,}"))
        return out

    def check(self, text: str, media: Iterable[Media] = ()) -> list[Violation]:
        """Every rule the post breaks: text as the network counts it, hashtags, media."""
        media = list(media)
        return self.check_text(text, with_media=bool(media)) + self.check_media(media)

    def fits(self, text: str, media: Iterable[Media] = ()) -> bool:
        return not self.check(text, media)
