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

Many journeys
-------------
The multi-journey models also take :class:`PathTotal` rows (one per distinct
channel path, with its conversions, value and nulls), the format a report builds
in SQL: ``markov_removal_paths`` and ``shapley_paths`` give the same results as
``markov_removal`` and ``shapley`` on the journeys those rows add up.
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
from scipy import sparse
from scipy.sparse.linalg import splu

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
# Path totals: many journeys, one row per distinct path


@dataclass(frozen=True)
class PathTotal:
    """Journeys that followed the same channel path, added up (the input format of ``ChannelAttribution``).

    ``conversions`` of them ended in an order, worth ``value`` together (minor units or
    any other measure); ``nulls`` ended without one. A report aggregates its orders into
    these rows in SQL, so the models below see distinct paths, not every journey.
    """

    channels: tuple[str, ...]
    conversions: int = 0
    value: Fraction | Decimal | int = 0
    nulls: int = 0


def path_totals(journeys: Iterable[Journey]) -> list[PathTotal]:
    """Add up journeys with the same channel path; journeys without touches are skipped."""
    conversions: Counter[tuple[str, ...]] = Counter()
    nulls: Counter[tuple[str, ...]] = Counter()
    values: dict[tuple[str, ...], Fraction] = defaultdict(Fraction)
    for journey in journeys:
        if not journey.touches:
            continue
        path = tuple(journey.channels)
        if journey.converted:
            conversions[path] += 1
            values[path] += journey.credited_value
        else:
            nulls[path] += 1
    return [PathTotal(path, conversions[path], values.get(path, Fraction(0)), nulls[path])
            for path in dict.fromkeys([*conversions, *nulls])]


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


def collapse_repeats(channels: Iterable[str]) -> list[str]:
    """A channel repeated in a row is one state: self-loops are dropped."""
    states: list[str] = []
    for channel in channels:
        if not states or channel != states[-1]:
            states.append(channel)
    return states


def markov_path(journey: Journey) -> list[str]:
    """start → channels (repeats in a row collapsed: self-loops dropped) → conversion|null."""
    return [START, *collapse_repeats(journey.channels), CONVERSION if journey.converted else NULL]


def path_transition_counts(paths: Iterable[PathTotal]) -> Counter[tuple[str, str]]:
    """Transitions weighted by journeys: a path's steps count once per conversion and once per null."""
    counts: Counter[tuple[str, str]] = Counter()
    for path in paths:
        weight = path.conversions + path.nulls
        if not path.channels or weight == 0:
            continue
        states = [START, *collapse_repeats(path.channels)]
        for step in zip(states, states[1:]):
            counts[step] += weight
        if path.conversions:
            counts[(states[-1], CONVERSION)] += path.conversions
        if path.nulls:
            counts[(states[-1], NULL)] += path.nulls
    return counts


def transition_counts(journeys: Iterable[Journey]) -> Counter[tuple[str, str]]:
    """Count observed transitions, one per journey (one conversion per converting journey)."""
    return path_transition_counts(path_totals(journeys))


def _absorbing_system(counts: Mapping[tuple[str, str], int], removed: str | None = None):
    """(transient states, I - Q as a sparse matrix, r) of the chain; ``removed`` is sent to null."""
    transient = sorted({src for src, _ in counts} - {removed})
    index = {state: i for i, state in enumerate(transient)}
    out_totals: Counter[str] = Counter()
    for (src, _), n in counts.items():
        out_totals[src] += n
    rows, cols, probabilities = list(range(len(transient))), list(range(len(transient))), [1.0] * len(transient)
    r = np.zeros(len(transient))
    for (src, dst), n in sorted(counts.items()):
        if src == removed:
            continue
        probability = n / out_totals[src]
        if dst == CONVERSION:
            r[index[src]] += probability
        elif dst in index:
            rows.append(index[src])
            cols.append(index[dst])
            probabilities.append(-probability)
        # else: null, or the removed channel redirected to null
    matrix = sparse.csc_matrix((probabilities, (rows, cols)), shape=(len(transient), len(transient)))
    return transient, matrix, r


def conversion_probability(counts: Mapping[tuple[str, str], int], removed: str | None = None) -> float:
    """P(absorbed in conversion | start), solving (I - Q) x = r exactly.

    Transient states are start and the channels; ``removed`` is dropped from
    them and any transition into it is treated as a transition into null.
    This is the textbook removal (one solve per channel); :func:`removal_effects`
    gets every channel's effect from one factorisation.
    """
    transient, matrix, r = _absorbing_system(counts, removed)
    absorbed = splu(matrix).solve(r)
    return float(absorbed[transient.index(START)])


def removal_effects(counts: Mapping[tuple[str, str], int]) -> tuple[float, dict[str, float]]:
    """(P(conv), RE_c per channel) from one sparse LU factorisation of I - Q.

    Removing c loses exactly the conversions that pass through c: P₋c(conv) =
    P(conv) - h_c·x_c, with h_c the probability of ever reaching c from start and
    x_c = P(conv | at c). With N = (I - Q)⁻¹ (expected visits), h_c = N_sc / N_cc,
    so RE_c = N_sc·x_c / (N_cc·P(conv)). That equals re-solving the chain without c
    (:func:`conversion_probability` with ``removed=c``) but costs one factorisation
    and a few solves instead of one solve per channel: reports have hundreds of
    channels (post targets).
    """
    transient, matrix, r = _absorbing_system(counts)
    channels = [state for state in transient if state != START]
    if not channels:
        return 0.0, {}
    lu = splu(matrix)
    absorbed = lu.solve(r)
    start = transient.index(START)
    base = float(absorbed[start])
    if base <= 0.0:
        return 0.0, {channel: 0.0 for channel in channels}
    from_start = np.zeros(len(transient))
    from_start[start] = 1.0
    visits_from_start = lu.solve(from_start, trans="T")   # row `start` of N
    index = {state: i for i, state in enumerate(transient)}
    # Only channels reached from start that can still convert have an effect.
    live = [index[c] for c in channels if visits_from_start[index[c]] > 0 and absorbed[index[c]] > 0]
    visits_returning = _inverse_diagonal(lu, len(transient), live)
    effects = {}
    for channel in channels:
        i = index[channel]
        effect = visits_from_start[i] * absorbed[i] / (visits_returning[i] * base) if i in visits_returning else 0.0
        effects[channel] = _clean_effect(float(effect))
    return base, effects


INVERSE_BLOCK = 256   # columns of the identity solved at once: bounded memory for thousands of channels


def _inverse_diagonal(lu, size: int, columns: Sequence[int]) -> dict[int, float]:
    """N_cc for the given columns of N = (I - Q)⁻¹, solved a block of unit vectors at a time."""
    diagonal: dict[int, float] = {}
    for offset in range(0, len(columns), INVERSE_BLOCK):
        block = list(columns[offset:offset + INVERSE_BLOCK])
        units = np.zeros((size, len(block)))
        units[block, range(len(block))] = 1.0
        solved = lu.solve(units)
        diagonal.update(zip(block, solved[block, range(len(block))].tolist()))
    return diagonal


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


def markov_removal_paths(paths: Iterable[PathTotal]) -> MarkovResult:
    """:func:`markov_removal` on path totals: converting paths weighted by conversions, nulls end in null."""
    paths = [path for path in paths if path.channels]
    counts = path_transition_counts(paths)
    base, effects = removal_effects(counts) if counts else (0.0, {})
    channels = sorted({channel for path in paths for channel in path.channels})
    effects = {channel: effects.get(channel, 0.0) for channel in channels}
    total_conversions = sum(path.conversions for path in paths)
    total_value = sum((Fraction(path.value) for path in paths if path.conversions), Fraction(0))
    return MarkovResult(
        conversion_probability=base,
        removal_effects=effects,
        conversions=_global_shares(Fraction(total_conversions), effects),
        revenue=_global_shares(total_value, effects),
        total_conversions=total_conversions,
        total_value=total_value,
        transition_counts=dict(counts),
    )


def markov_removal(journeys: Iterable[Journey]) -> MarkovResult:
    """Credit channels by how much conversion probability disappears without them."""
    return markov_removal_paths(path_totals(journeys))


# --------------------------------------------------------------------------
# Shapley value

SHAPLEY_MEASURES = ("value", "conversions")


def _exact(amount: Fraction | Decimal | int) -> Fraction | int:
    """Ints stay ints (fast to add); a Decimal becomes an exact fraction."""
    return amount if isinstance(amount, (int, Fraction)) else Fraction(amount)


def _coalition_returns_of_paths(paths: Iterable[PathTotal], measure: str) -> dict[frozenset[str], Fraction | int]:
    """R(T): conversions or value of converting paths whose channel set is exactly T."""
    if measure not in SHAPLEY_MEASURES:
        raise ValueError(f"measure must be 'value' or 'conversions', got {measure!r}")
    returns: dict[frozenset[str], Fraction | int] = defaultdict(int)
    for path in paths:
        if path.channels and path.conversions:
            returns[frozenset(path.channels)] += _exact(path.value if measure == "value" else path.conversions)
    return dict(returns)


def _coalition_returns(journeys: Iterable[Journey], measure: str) -> dict[frozenset[str], Fraction | int]:
    """R(T): conversions or value of converting journeys whose channel set is exactly T."""
    return _coalition_returns_of_paths(path_totals(journeys), measure)


def shapley_paths(paths: Iterable[PathTotal], *, measure: str = "value") -> dict[str, Fraction]:
    """:func:`shapley` on path totals; every channel of any path is listed (0 if it earned nothing)."""
    paths = list(paths)
    # Σ R(T) per channel and coalition size first, divided once per size: exact, and no fraction per path.
    by_size: dict[str, dict[int, Fraction | int]] = {c: defaultdict(int) for path in paths for c in path.channels}
    for coalition, amount in _coalition_returns_of_paths(paths, measure).items():
        for channel in coalition:
            by_size[channel][len(coalition)] += amount
    return {channel: sum((Fraction(amount) / size for size, amount in sizes.items()), Fraction(0))
            for channel, sizes in by_size.items()}


def shapley(journeys: Iterable[Journey], *, measure: str = "value") -> dict[str, Fraction]:
    """Shapley credit via the simplification φ_i = Σ_{T∋i} R(T)/|T| (Zhao et al., 2018).

    Each exact channel set shares its own return equally among its members,
    which equals the full coalition formula when v(S) = Σ_{T⊆S} R(T).
    """
    journeys = list(journeys)
    credit = {c: Fraction(0) for j in journeys for c in j.channels}   # journeys without touches add nothing
    credit.update(shapley_paths(path_totals(journeys), measure=measure))
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
