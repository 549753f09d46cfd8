"""How networks measure text. Each counter returns the number a network compares with its limit."""
from __future__ import annotations

import re
import unicodedata

import regex

_GRAPHEME = regex.compile(r"\X")
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\"'.,;:!?)\]]")
_EMOJI_GLUE = frozenset("\u200d\ufe0e\ufe0f\u20e3")  # joiner, variation selectors, keycap
_LITTLE_RESERVED = re.compile(r"[\\|{}@\[\]()<>*_~]|#(?!\w)")
_LITTLE_ESCAPED = re.compile(r"\\([\\|{}@\[\]()<>#*_~])")
URL_WEIGHT = 23  # X and Mastodon count every link as 23 characters, however long
# Bluesky does not shorten links: its apps show a long one as "shop.example/some/pa…" with the full URL in a
# link facet, and so do we. The record's text holds the shown form, and that is what the PDS counts.
SHOWN_URL_AFTER, SHOWN_URL_CHARS = 40, 30


def find_urls(text: str) -> list[tuple[int, int]]:
    """(start, end) of each URL in the text. Trailing punctuation is not part of a URL,
    and a closing parenthesis is only when the URL opened one: "(see https://e.com/a)"."""
    spans = []
    for match in _URL.finditer(text):
        end = match.end()
        while (
            end < len(text)
            and text[end] == ")"
            and text[match.start() : end].count("(") > text[match.start() : end].count(")")
        ):
            end += 1
        spans.append((match.start(), end))
    return spans


def code_points(text: str) -> int:
    return len(text)


def graphemes(text: str) -> int:
    """User-perceived characters (extended grapheme clusters): a family emoji is one."""
    return len(_GRAPHEME.findall(text))


def utf8_bytes(text: str) -> int:
    return len(text.encode())


def utf16_units(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji outside the BMP is two."""
    return len(text.encode("utf-16-le")) // 2


# X's counting (twitter-text's v3 configuration): code points in these ranges weigh 1, every other code
# point 2, an emoji (a whole sequence) 2 and a link 23, on NFC-normalised text; 280 is the limit.
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
# An emoji: a pictograph past Latin-1's © and ® (those are text unless an emoji selector follows), a flag,
# a keycap, or anything with the emoji presentation selector.
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}--[\x00-\xff]]|\p{Regional_Indicator}|\u20e3|\ufe0f", regex.V1)


def x_weighted(text: str) -> int:
    """X's weighted length: Latin, Cyrillic and punctuation count 1, CJK and emoji 2, each link 23.

    Links are the http(s) URLs ``find_urls`` sees; X also links bare domains on known TLDs, which we
    leave to the sender to write with their scheme."""
    text = unicodedata.normalize("NFC", text)
    out, last = 0, 0
    for start, end in find_urls(text):
        out += _x_plain(text[last:start]) + URL_WEIGHT
        last = end
    return out + _x_plain(text[last:])


def _x_plain(text: str) -> int:
    weight = 0
    for cluster in _GRAPHEME.findall(text):
        if _EMOJI.search(cluster):
            weight += 2
        else:
            weight += sum(1 if any(lo <= ord(ch) <= hi for lo, hi in _X_LIGHT) else 2 for ch in cluster)
    return weight


def mastodon_length(text: str) -> int:
    """Mastodon counts grapheme clusters, each URL as 23 of them."""
    out, last = 0, 0
    for start, end in find_urls(text):
        out += graphemes(text[last:start]) + URL_WEIGHT
        last = end
    return out + graphemes(text[last:])


def shown_url(url: str) -> str:
    """A link as Bluesky shows it: whole up to 40 characters, else host and path cut to 30, then "…"."""
    return url if len(url) <= SHOWN_URL_AFTER else url.split("://", 1)[-1][:SHOWN_URL_CHARS] + "…"


def links_shown(text: str) -> str:
    """The text with every URL in its shown form (no scheme once shortened, so this is idempotent)."""
    parts, last = [], 0
    for start, end in find_urls(text):
        parts += [text[last:start], shown_url(text[start:end])]
        last = end
    return "".join(parts) + text[last:]


def bluesky_graphemes(text: str) -> int:
    return graphemes(links_shown(text))


def bluesky_bytes(text: str) -> int:
    """The post lexicon's maxLength of 3,000 counts UTF-8 bytes."""
    return utf8_bytes(links_shown(text))


def threads_length(text: str) -> int:
    """Threads counts emoji as their UTF-8 bytes. Anything emoji-like (a symbol, outside the Basic
    Multilingual Plane, or the glue of an emoji sequence) counts by bytes, so we err on the long side."""
    return sum(len(ch.encode()) if _emoji_like(ch) else 1 for ch in text)


def _emoji_like(ch: str) -> bool:
    return ord(ch) > 0xFFFF or ch in _EMOJI_GLUE or unicodedata.category(ch) == "So"


def escape_little(text: str) -> str:
    """LinkedIn's "little" text format: reserved characters escaped outside URLs, #hashtags kept."""
    parts, last = [], 0
    for start, end in find_urls(text):
        parts += [_escape_little(text[last:start]), text[start:end]]
        last = end
    parts.append(_escape_little(text[last:]))
    return "".join(parts)


def _escape_little(plain: str) -> str:
    return _LITTLE_RESERVED.sub(lambda m: "\\" + m.group(), plain)


def unescape_little(text: str) -> str:
    return _LITTLE_ESCAPED.sub(r"\1", text)


def linkedin_length(text: str) -> int:
    """LinkedIn limits the commentary as it receives it: escaped little text."""
    return len(escape_little(text))
