"""Attribution models: who gets credit for an order, computed exactly.

The definitions follow ``/work/shared/reference/attribution.md``.

Exactness
---------
Every per-touch model returns :class:`fractions.Fraction` shares that add up
*exactly* to the journey's value (``Fraction(Decimal)`` is exact, and time
decay turns its float weights into exact fractions before normalising).

When money must be stored in integer minor units (cents), pass
``minor_units=True``: the exact shares are then apportioned with the
**largest-remainder (Hamilton) method** -- every touch gets the floor of its
exact share, and the few units left over go to the touches with the largest
fractional remainders. Ties between equal remainders go to the *earlier*
touch (per-journey functions) or to the alphabetically first channel
(:func:`attribute`). Integer shares therefore still sum exactly to the value.

Which journeys count
--------------------
A journey that did not convert has nothing to share: its credited value is 0
for the heuristic models and Shapley, while the Markov model uses it as a
path that ends in ``null``. Journeys without touches cannot be attributed and
are skipped by the multi-journey models; the per-journey functions reject them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np

DIRECT_CHANNEL = "direct"
DEFAULT_HALF_LIFE = timedelta(days=7)

START = "(start)"
CONVERSION = "(conversion)"
NULL = "(null)"
REMOVAL_EFFECT_TOLERANCE = 1e-12  # |RE| below this is solver noise, not credit

MARKOV_CONVENTION = (
    "Markov removal effect (Anderl et al.; ChannelAttribution convention for "
    "conversions): self-loops dropped, absorbing chain solved exactly via "
    "(I-Q)x=r, RE_c = 1 - P_-c(conv)/P(conv) where removing c sends every "
    "transition into c to null. Global share: channel c gets "
    "total_conversions*RE_c/sum_k RE_k conversions and total_value*RE_c/sum_k "
    "RE_k revenue, with removal effects computed on conversions (each "
    "converting journey counts as one conversion)."
)

ShareList = list[Fraction] | list[int]


# --------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Touch:
    """One marketing touch: a channel (or a post-target id) seen at ``at``."""

    channel: str
    at: datetime
    key: str | None = None

    def __post_init__(self) -> None:
        # Naive datetimes silently shift by the server's zone; refuse them.
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"Touch.at must be timezone-aware (UTC), got {self.at!r}")


@dataclass(frozen=True)
class Journey:
    """The time-ordered touches of one visitor and how the journey ended.

    ``value`` is revenue in integer minor units (or a conversion count); it is
    only credited when ``converted`` is true.
    """

    touches: list[Touch]
    converted: bool = True
    value: Decimal | int = 1
    converted_at: datetime | None = None

    def __post_init__(self) -> None:
        times = [touch.at for touch in self.touches]
        if any(later < earlier for earlier, later in zip(times, times[1:])):
            raise ValueError("Journey.touches must be in time order")
        if self.converted_at is not None and self.converted_at.utcoffset() is None:
            raise ValueError("Journey.converted_at must be timezone-aware (UTC)")

    @property
    def credited_value(self) -> Fraction:
        """The value the models share out: the order value, or 0 if no order."""
        return Fraction(self.value) if self.converted else Fraction(0)

    @property
    def channels(self) -> list[str]:
        return [touch.channel for touch in self.touches]


# --------------------------------------------------------------------------
# Rounding


def largest_remainder(shares: Sequence[Fraction], tie_order: Sequence[int] | None = None) -> list[int]:
    """Round exact shares to integers that keep their exact (integral) total.

    Hamilton's method: floor everything, then hand the leftover units to the
    largest fractional parts. ``tie_order`` ranks positions for equal
    remainders (default: earlier position wins). Works for negative shares
    (refund reversals) because floors and remainders are taken consistently.
    """
    total = sum(shares, Fraction(0))
    if total.denominator != 1:
        raise ValueError(f"shares must add up to a whole number of units, got {total}")
    floors = [math.floor(share) for share in shares]
    leftover = int(total) - sum(floors)
    ranks = list(tie_order) if tie_order is not None else list(range(len(shares)))
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), ranks[i]))
    for i in by_remainder[:leftover]:
        floors[i] += 1
    return floors


def _finish(shares: list[Fraction], minor_units: bool) -> ShareList:
    return largest_remainder(shares) if minor_units else shares


def _split_by_weights(journey: Journey, weights: Sequence[Fraction], minor_units: bool) -> ShareList:
    """Share the journey value in proportion to exact weights."""
    total_weight = sum(weights, Fraction(0))
    value = journey.credited_value
    return _finish([value * weight / total_weight for weight in weights], minor_units)


def _require_touches(journey: Journey) -> None:
    if not journey.touches:
        raise ValueError("cannot attribute a journey without touches")


# --------------------------------------------------------------------------
# Heuristic models: one journey -> one share per touch


def first_touch(journey: Journey, *, minor_units: bool = False) -> ShareList:
    """All of the value to the touch that started the journey."""
    _require_touches(journey)
    weights = [Fraction(0)] * len(journey.touches)
    weights[0] = Fraction(1)
    return _split_by_weights(journey, weights, minor_units)


def last_touch(journey: Journey, *, minor_units: bool = False) -> ShareList:
    """All of the value to the touch just before the order."""
    _require_touches(journey)
    weights = [Fraction(0)] * len(journey.touches)
    weights[-1] = Fraction(1)
    return _split_by_weights(journey, weights, minor_units)


def is_direct(channel: str) -> bool:
    """``direct`` (any case, surrounding spaces ignored) is the no-marketing channel."""
    return channel.strip().lower() == DIRECT_CHANNEL


def last_non_direct(journey: Journey, *, minor_units: bool = False) -> ShareList:
    """All of the value to the last touch that is not ``direct``.

    Typing the URL after seeing a post should not steal the post's credit. If
    every touch is direct, the last (direct) touch keeps the value.
    """
    _require_touches(journey)
    candidates = [i for i, touch in enumerate(journey.touches) if not is_direct(touch.channel)]
    winner = candidates[-1] if candidates else len(journey.touches) - 1
    weights = [Fraction(int(i == winner)) for i in range(len(journey.touches))]
    return _split_by_weights(journey, weights, minor_units)


def linear(journey: Journey, *, minor_units: bool = False) -> ShareList:
    """V/n to each of the n touches."""
    _require_touches(journey)
    return _split_by_weights(journey, [Fraction(1)] * len(journey.touches), minor_units)


def time_decay_weights(journey: Journey, half_life: timedelta = DEFAULT_HALF_LIFE) -> list[Fraction]:
    """Weights 2^(-Δt/H), Δt = converted_at - touch.at, as exact fractions.

    Weights are taken relative to the most recent touch (exponent >= 0 shift),
    which keeps old touches from underflowing without changing the ratios.
    Without ``converted_at`` the last touch's time stands in for the order.
    """
    _require_touches(journey)
    if half_life <= timedelta(0):
        raise ValueError("half_life must be positive")
    order_time = journey.converted_at or journey.touches[-1].at
    ages = [order_time - touch.at for touch in journey.touches]
    if any(age < timedelta(0) for age in ages):
        raise ValueError("a touch happens after the conversion; time decay needs touches before the order")
    youngest = min(ages)
    return [Fraction(2.0 ** (-((age - youngest) / half_life))) for age in ages]


def time_decay(
    journey: Journey, *, half_life: timedelta = DEFAULT_HALF_LIFE, minor_units: bool = False
) -> ShareList:
    """Recent touches count more: touch k gets V * w_k / Σw, w_k = 2^(-Δt_k/H)."""
    return _split_by_weights(journey, time_decay_weights(journey, half_life), minor_units)


def position_based_weights(n: int) -> list[Fraction]:
    """U-shape: 100% (n=1), 50/50 (n=2), else 40% first, 40% last, 20% spread."""
    if n < 1:
        raise ValueError("position-based weights need at least one touch")
    if n == 1:
        return [Fraction(1)]
    if n == 2:
        return [Fraction(1, 2), Fraction(1, 2)]
    middle = Fraction(1, 5) / (n - 2)
    return [Fraction(2, 5)] + [middle] * (n - 2) + [Fraction(2, 5)]


def position_based(journey: Journey, *, minor_units: bool = False) -> ShareList:
    """Opening and closing touches matter most (40/20/40 U-shape)."""
    _require_touches(journey)
    return _split_by_weights(journey, position_based_weights(len(journey.touches)), minor_units)


def credit_by_channel(journey: Journey, shares: Sequence[Fraction | int]) -> dict[str, Fraction]:
    """Add up per-touch shares per channel (a repeated channel collects every share)."""
    if len(shares) != len(journey.touches):
        raise ValueError("one share per touch expected")
    totals: dict[str, Fraction] = defaultdict(Fraction)
    for touch, share in zip(journey.touches, shares):
        totals[touch.channel] += Fraction(share)
    return dict(totals)


def aggregate(
    model: Callable[..., ShareList], journeys: Iterable[Journey], **params: Any
) -> dict[str, Fraction]:
    """Run a per-journey model over many journeys and total the credit per channel.

    Every channel seen in any journey is listed, with 0 if it earned nothing,
    so all models report the same set of channels.
    """
    journeys = list(journeys)
    totals: dict[str, Fraction] = {channel: Fraction(0) for j in journeys for channel in j.channels}
    for journey in journeys:
        if not journey.touches or not journey.converted:
            continue
        for channel, credit in credit_by_channel(journey, model(journey, **params)).items():
            totals[channel] += credit
    return dict(totals)


# --------------------------------------------------------------------------
# Markov chain with removal effect


@dataclass(frozen=True)
class MarkovResult:
    """Removal effects and the conversions/revenue they earn per channel.

    ``conversion_probability`` and ``removal_effects`` are floats from the
    linear solve; ``conversions`` and ``revenue`` are exact fractions of the
    totals (they add up to the totals exactly).
    """

    conversion_probability: float
    removal_effects: dict[str, float]
    conversions: dict[str, Fraction]
    revenue: dict[str, Fraction]
    total_conversions: int
    total_value: Fraction
    transition_counts: dict[tuple[str, str], int] = field(repr=False)
    convention: str = MARKOV_CONVENTION

    def to_dict(self) -> dict[str, Any]:
        return {
            "conversion_probability": self.conversion_probability,
            "removal_effects": dict(self.removal_effects),
            "conversions": {c: float(v) for c, v in self.conversions.items()},
            "revenue": {c: float(v) for c, v in self.revenue.items()},
            "total_conversions": self.total_conversions,
            "total_value": float(self.total_value),
            "convention": self.convention,
        }


def markov_path(journey: Journey) -> list[str]:
    """start → channels (repeats in a row collapsed: self-loops dropped) → conversion|null."""
    states = [START]
    for channel in journey.channels:
        if channel != states[-1]:
            states.append(channel)
    states.append(CONVERSION if journey.converted else NULL)
    return states


def transition_counts(journeys: Iterable[Journey]) -> Counter[tuple[str, str]]:
    """Count observed transitions, one per journey (one conversion per converting journey)."""
    counts: Counter[tuple[str, str]] = Counter()
    for journey in journeys:
        if journey.touches:
            path = markov_path(journey)
            counts.update(zip(path, path[1:]))
    return counts


def conversion_probability(counts: Mapping[tuple[str, str], int], removed: str | None = None) -> float:
    """P(absorbed in conversion | start), solving (I - Q) x = r exactly.

    Transient states are start and the channels; ``removed`` is dropped from
    them and any transition into it is treated as a transition into null.
    """
    transient = sorted({src for src, _ in counts} - {removed})
    index = {state: i for i, state in enumerate(transient)}
    q = np.zeros((len(transient), len(transient)))
    r = np.zeros(len(transient))
    out_totals: Counter[str] = Counter()
    for (src, dst), n in counts.items():
        out_totals[src] += n
    for (src, dst), n in counts.items():
        if src == removed:
            continue
        probability = n / out_totals[src]
        if dst == CONVERSION:
            r[index[src]] += probability
        elif dst in index:
            q[index[src], index[dst]] += probability
        # else: null, or the removed channel redirected to null
    absorbed = np.linalg.solve(np.eye(len(transient)) - q, r)
    return float(absorbed[index[START]])


def _clean_effect(effect: float) -> float:
    """Removal can only lower P(conv), so RE lies in [0, 1]; drop float noise around 0."""
    return 0.0 if effect < REMOVAL_EFFECT_TOLERANCE else min(effect, 1.0)


def _global_shares(total: Fraction, effects: Mapping[str, float]) -> dict[str, Fraction]:
    """total · RE_c / Σ RE_k, made exact so that the shares add up to total."""
    exact = {channel: Fraction(effect) for channel, effect in effects.items()}
    denominator = sum(exact.values(), Fraction(0))
    if denominator == 0:
        return {channel: Fraction(0) for channel in effects}
    return {channel: total * effect / denominator for channel, effect in exact.items()}


def markov_removal(journeys: Iterable[Journey]) -> MarkovResult:
    """Credit channels by how much conversion probability disappears without them."""
    journeys = [journey for journey in journeys if journey.touches]
    counts = transition_counts(journeys)
    channels = sorted({channel for journey in journeys for channel in journey.channels})
    total_conversions = sum(1 for journey in journeys if journey.converted)
    total_value = sum((journey.credited_value for journey in journeys), Fraction(0))

    base = conversion_probability(counts) if counts else 0.0
    if base == 0.0:
        effects = {channel: 0.0 for channel in channels}
    else:
        effects = {
            channel: _clean_effect(1.0 - conversion_probability(counts, removed=channel) / base)
            for channel in channels
        }
    return MarkovResult(
        conversion_probability=base,
        removal_effects=effects,
        conversions=_global_shares(Fraction(total_conversions), effects),
        revenue=_global_shares(total_value, effects),
        total_conversions=total_conversions,
        total_value=total_value,
        transition_counts=dict(counts),
    )


# --------------------------------------------------------------------------
# Shapley value


def _coalition_returns(journeys: Iterable[Journey], measure: str) -> dict[frozenset[str], Fraction]:
    """R(T): conversions or value of converting journeys whose channel set is exactly T."""
    if measure not in ("value", "conversions"):
        raise ValueError(f"measure must be 'value' or 'conversions', got {measure!r}")
    returns: dict[frozenset[str], Fraction] = defaultdict(Fraction)
    for journey in journeys:
        if journey.touches and journey.converted:
            amount = journey.credited_value if measure == "value" else Fraction(1)
            returns[frozenset(journey.channels)] += amount
    return dict(returns)


def shapley(journeys: Iterable[Journey], *, measure: str = "value") -> dict[str, Fraction]:
    """Shapley credit via the simplification φ_i = Σ_{T∋i} R(T)/|T| (Zhao et al., 2018).

    Each exact channel set shares its own return equally among its members,
    which equals the full coalition formula when v(S) = Σ_{T⊆S} R(T).
    """
    journeys = list(journeys)
    credit: dict[str, Fraction] = {c: Fraction(0) for j in journeys for c in j.channels}
    for coalition, amount in _coalition_returns(journeys, measure).items():
        for channel in coalition:
            credit[channel] += amount / len(coalition)
    return credit


MAX_BRUTE_FORCE_CHANNELS = 14


def shapley_brute_force(journeys: Iterable[Journey], *, measure: str = "value") -> dict[str, Fraction]:
    """Textbook Shapley value over all 2^n coalitions; a reference for tests.

    φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · [v(S∪{i}) − v(S)], v(S) = Σ_{T⊆S} R(T).
    """
    journeys = list(journeys)
    players = sorted({c for j in journeys for c in j.channels})
    n = len(players)
    if n > MAX_BRUTE_FORCE_CHANNELS:
        raise ValueError(f"brute force is exponential; {n} channels is too many")
    returns = _coalition_returns(journeys, measure)

    def coalition_value(members: frozenset[str]) -> Fraction:
        return sum((amount for subset, amount in returns.items() if subset <= members), Fraction(0))

    credit: dict[str, Fraction] = {}
    for player in players:
        others = [p for p in players if p != player]
        total = Fraction(0)
        for size in range(n):
            weight = Fraction(math.factorial(size) * math.factorial(n - size - 1), math.factorial(n))
            for subset in combinations(others, size):
                members = frozenset(subset)
                total += weight * (coalition_value(members | {player}) - coalition_value(members))
        credit[player] = total
    return credit


# --------------------------------------------------------------------------
# Dispatcher

PER_JOURNEY_MODELS: dict[str, Callable[..., ShareList]] = {
    "first_touch": first_touch,
    "last_touch": last_touch,
    "last_non_direct": last_non_direct,
    "linear": linear,
    "time_decay": time_decay,
    "position_based": position_based,
}
MODEL_PARAMETERS: dict[str, set[str]] = {name: set() for name in PER_JOURNEY_MODELS}
MODEL_PARAMETERS["time_decay"] = {"half_life"}
MODEL_PARAMETERS["markov"] = set()
MODEL_PARAMETERS["shapley"] = {"measure"}
MODELS = tuple(MODEL_PARAMETERS)


def attribute(
    model: str, journeys: Iterable[Journey], *, minor_units: bool = False, **params: Any
) -> dict[str, Fraction] | dict[str, int]:
    """Credited value per channel under ``model``.

    Exact fractions by default. With ``minor_units=True`` the *channel totals*
    (not each touch) are rounded by largest remainder, ties to the
    alphabetically first channel, so they still add up to the total value.
    Markov credits revenue (``MarkovResult.revenue``).
    """
    if model not in MODEL_PARAMETERS:
        raise ValueError(f"unknown attribution model {model!r}; choose one of: {', '.join(MODELS)}")
    unexpected = set(params) - MODEL_PARAMETERS[model]
    if unexpected:
        allowed = ", ".join(sorted(MODEL_PARAMETERS[model])) or "none"
        raise ValueError(
            f"model {model!r} does not take parameter(s) {', '.join(sorted(unexpected))}; allowed: {allowed}"
        )
    journeys = list(journeys)
    if model == "markov":
        credit = markov_removal(journeys).revenue
    elif model == "shapley":
        credit = shapley(journeys, **params)
    else:
        credit = aggregate(PER_JOURNEY_MODELS[model], journeys, **params)
    if not minor_units:
        return credit
    channels = sorted(credit)
    rounded = largest_remainder([credit[c] for c in channels])
    return dict(zip(channels, rounded))
