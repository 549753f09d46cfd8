"""The catalogue's text counters against figures the networks document or show."""
import pytest

from smmkit.catalogue.text import graphemes, mastodon_length, threads_length, utf16_units, x_weighted

FAMILY = "\N{MAN}\u200d\N{WOMAN}\u200d\N{GIRL}\u200d\N{BOY}"


@pytest.mark.parametrize("text,weighted", [
    ("hello", 5),
    ("a" * 281, 281),
    ("日本語" * 50, 300),                       # CJK weighs 2
    ("Привет", 6),                             # Cyrillic weighs 1
    ("e\u0301" * 140, 140),                    # NFC: e + combining acute is one é
    (FAMILY * 140, 280),                       # an emoji sequence weighs 2, whatever its length
    ("\N{REGIONAL INDICATOR SYMBOL LETTER U}\N{REGIONAL INDICATOR SYMBOL LETTER A}", 2),
    ("1\ufe0f\u20e3", 2),
    ("\N{THUMBS UP SIGN}\N{EMOJI MODIFIER FITZPATRICK TYPE-4}", 2),
    ("©", 1), ("©\ufe0f", 2),                  # © is text unless the emoji selector follows
    ("see https://example.com/a/very/long/path/indeed?with=query " * 3, 3 * (4 + 23 + 1)),
])
def test_x_weighted_length_follows_twitter_texts_v3_rules(text, weighted):
    assert x_weighted(text) == weighted


def test_other_counters():
    assert graphemes(FAMILY) == 1 and utf16_units(FAMILY) == 11
    assert utf16_units("\N{GRINNING FACE}") == 2
    assert mastodon_length("look https://example.com/" + "x" * 100) == 5 + 23
    assert threads_length("\N{PARTY POPPER}") == 4
