"""Attribution models against hand-computed numbers (see reference/attribution.md)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.credit import (
    MODELS,
    Journey,
    Touch,
    attribute,
    credit_by_channel,
    first_touch,
    largest_remainder,
    last_non_direct,
    last_touch,
    linear,
    markov_path,
    markov_removal,
    position_based,
    position_based_weights,
    shapley,
    shapley_brute_force,
    time_decay,
    transition_counts,
)

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


def make_journey(channels, *, converted=True, value=1, start=T0, step=DAY, converted_at=None):
    touches = [Touch(channel, start + i * step) for i, channel in enumerate(channels)]
    return Journey(touches=touches, converted=converted, value=value, converted_at=converted_at)


# --------------------------------------------------------------------------
# Data validation


def test_touch_requires_aware_datetime():
    with pytest.raises(ValueError, match="timezone-aware"):
        Touch("facebook", datetime(2024, 3, 1, 12, 0))


def test_journey_requires_time_order():
    with pytest.raises(ValueError, match="time order"):
        Journey([Touch("a", T0 + DAY), Touch("b", T0)])


def test_per_journey_models_reject_empty_journeys():
    with pytest.raises(ValueError, match="without touches"):
        linear(Journey([], value=100))


# --------------------------------------------------------------------------
# First / last touch


def test_first_and_last_touch_give_everything_to_one_end():
    journey = make_journey(["email", "facebook", "direct"], value=999)
    assert first_touch(journey) == [999, 0, 0]
    assert last_touch(journey) == [999, 0, 0][::-1]
    assert first_touch(journey, minor_units=True) == [999, 0, 0]


def test_non_converting_journey_shares_nothing():
    journey = make_journey(["email", "facebook"], converted=False, value=500)
    assert linear(journey) == [0, 0]


# --------------------------------------------------------------------------
# Last non-direct


def test_last_non_direct_skips_trailing_direct_touches():
    journey = make_journey(["email", "direct", "facebook", "direct", "Direct "], value=700)
    # Last non-direct is "facebook" (index 2); "Direct " also counts as direct.
    assert last_non_direct(journey) == [0, 0, 700, 0, 0]


def test_last_non_direct_with_only_direct_touches_credits_the_last_direct():
    journey = make_journey(["direct", "direct", "direct"], value=300)
    assert last_non_direct(journey) == [0, 0, 300]


def test_last_non_direct_when_last_touch_is_not_direct():
    journey = make_journey(["direct", "instagram"], value=50)
    assert last_non_direct(journey) == [0, 50]


# --------------------------------------------------------------------------
# Linear, with minor-unit rounding


def test_linear_exact_thirds():
    journey = make_journey(["a", "b", "c"], value=100)
    shares = linear(journey)
    assert shares == [F(100, 3)] * 3
    assert sum(shares) == 100


def test_linear_minor_units_largest_remainder_sums_exactly():
    # 100 / 3 = 33.33…: floors 33+33+33 = 99, one unit left -> earliest touch (ties).
    assert linear(make_journey(["a", "b", "c"], value=100), minor_units=True) == [34, 33, 33]
    # 200 / 3 = 66.67: floors sum to 198, two units left -> first two touches.
    assert linear(make_journey(["a", "b", "c"], value=200), minor_units=True) == [67, 67, 66]
    # 1000 / 7 = 142.857…: floors sum to 994, six units left -> first six touches.
    assert linear(make_journey(list("abcdefg"), value=1000), minor_units=True) == [143] * 6 + [142]


def test_linear_minor_units_for_refund_reversal():
    # -100 / 3 = -33.33: floors -34 x3 = -102, two units back -> first two touches.
    shares = linear(make_journey(["a", "b", "c"], value=-100), minor_units=True)
    assert shares == [-33, -33, -34]
    assert sum(shares) == -100


def test_linear_with_decimal_value_is_exact():
    shares = linear(make_journey(["a", "b", "c"], value=Decimal("10.00")))
    assert shares == [F(10, 3)] * 3
    assert sum(shares) == 10


def test_largest_remainder_refuses_fractional_total():
    with pytest.raises(ValueError, match="whole number"):
        largest_remainder([F(1, 2), F(1, 3)])


def test_largest_remainder_tie_order():
    # Three equal remainders of 1/3 and one unit to hand out: the rank decides.
    assert largest_remainder([F(1, 3)] * 3, tie_order=[2, 0, 1]) == [0, 1, 0]


# --------------------------------------------------------------------------
# Time decay


def test_time_decay_four_touches_hand_computed():
    converted_at = T0 + 21 * DAY
    journey = make_journey(
        ["email", "facebook", "instagram", "direct"], value=1500, step=7 * DAY, converted_at=converted_at
    )
    # Touches at T0, T0+7d, T0+14d, T0+21d; the order at T0+21d; H = 7 days.
    # Δt = 21, 14, 7, 0 days -> w = 2^-3, 2^-2, 2^-1, 2^0 = 1/8, 1/4, 1/2, 1
    # Σw = 1/8 + 2/8 + 4/8 + 8/8 = 15/8
    # shares = 1500 · (1/8, 2/8, 4/8, 8/8) / (15/8) = 1500 · (1, 2, 4, 8)/15 = 100, 200, 400, 800
    assert time_decay(journey) == [100, 200, 400, 800]
    assert time_decay(journey, minor_units=True) == [100, 200, 400, 800]


def test_time_decay_irrational_weights_still_sum_exactly():
    # Touches 10.5 and 3.5 days before the order, H = 7 days:
    # w = 2^-1.5 = 0.353553…, 2^-0.5 = 0.707107…; Σw = 1.060660…
    # shares = 100 · (0.353553/1.060660, 0.707107/1.060660) = 33.333…, 66.666… (exactly 1:2)
    converted_at = T0 + timedelta(days=10, hours=12)
    journey = make_journey(["a", "b"], value=100, step=7 * DAY, converted_at=converted_at)
    shares = time_decay(journey)
    assert sum(shares) == 100
    assert float(shares[0]) == pytest.approx(100 / 3, rel=1e-12)
    assert float(shares[1]) == pytest.approx(200 / 3, rel=1e-12)
    assert time_decay(journey, minor_units=True) == [33, 67]


def test_time_decay_half_life_is_configurable():
    journey = make_journey(["a", "b", "c"], value=700, step=14 * DAY, converted_at=T0 + 28 * DAY)
    # H = 14 days, Δt = 28, 14, 0 days -> w = 1/4, 1/2, 1; Σw = 7/4 -> 100, 200, 400
    assert time_decay(journey, half_life=timedelta(days=14)) == [100, 200, 400]
    # H = 7 days -> w = 1/16, 1/4, 1; Σw = 21/16 -> 700·(1, 4, 16)/21 = 33.3, 133.3, 533.3
    assert time_decay(journey) == [F(100, 3), F(400, 3), F(1600, 3)]


def test_time_decay_without_conversion_time_uses_last_touch():
    journey = make_journey(["a", "b"], value=300, step=7 * DAY)
    # Δt = 7, 0 days -> w = 1/2, 1 -> 100, 200
    assert time_decay(journey) == [100, 200]


def test_time_decay_rejects_touch_after_order():
    journey = make_journey(["a", "b"], value=300, step=7 * DAY, converted_at=T0 + DAY)
    with pytest.raises(ValueError, match="after the conversion"):
        time_decay(journey)


# --------------------------------------------------------------------------
# Position-based


def test_position_based_one_touch_gets_everything():
    assert position_based(make_journey(["a"], value=1000)) == [1000]


def test_position_based_two_touches_split_evenly():
    assert position_based(make_journey(["a", "b"], value=1000)) == [500, 500]


def test_position_based_three_touches():
    # 40% / 20% / 40% of 1000
    assert position_based(make_journey(["a", "b", "c"], value=1000)) == [400, 200, 400]


def test_position_based_five_touches():
    # 40% ends, 20%/3 = 6.67% to each of the three middle touches: 400, 66.67 x3, 400
    journey = make_journey(["a", "b", "c", "d", "e"], value=1000)
    assert position_based(journey) == [400, F(200, 3), F(200, 3), F(200, 3), 400]
    # minor units: floors 400+66+66+66+400 = 998; the two leftover units go to the
    # earliest of the tied middle remainders (2/3 each).
    assert position_based(journey, minor_units=True) == [400, 67, 67, 66, 400]


def test_position_based_weights_sum_to_one():
    for n in range(1, 12):
        assert sum(position_based_weights(n)) == 1


def test_repeated_channel_is_credited_once_per_appearance():
    journey = make_journey(["facebook", "email", "facebook"], value=900)
    assert credit_by_channel(journey, linear(journey)) == {"facebook": 600, "email": 300}


# --------------------------------------------------------------------------
# Markov removal effect

# Five journeys (A→A is a self-loop and must be dropped):
#   1. A → B → A → conv          2. B → C → null        3. A → C → conv
#   4. A → A → B → null          5. C → conv
LOOPY_JOURNEYS = [
    make_journey(["A", "B", "A"], value=1000),
    make_journey(["B", "C"], converted=False, value=0),
    make_journey(["A", "C"], value=2000),
    make_journey(["A", "A", "B"], converted=False, value=0),
    make_journey(["C"], value=500),
]
# Transition counts (self-loop A→A dropped):
#   start: A 3, B 1, C 1 (of 5)     A: B 2, C 1, conv 1 (of 4)
#   B: A 1, C 1, null 1 (of 3)      C: conv 2, null 1 (of 3)
# Absorption probabilities x (into conversion):
#   x_C = 2/3
#   x_B = x_A/3 + x_C/3 = x_A/3 + 2/9
#   x_A = x_B/2 + x_C/4 + 1/4 = x_A/6 + 1/9 + 1/6 + 1/4  ->  (5/6) x_A = 19/36  ->  x_A = 19/30
#   x_B = 19/90 + 20/90 = 13/30
#   P(conv) = x_S = 3/5·19/30 + 1/5·13/30 + 1/5·20/30 = (57 + 13 + 20)/150 = 3/5
# Remove A (into A -> null): x_C = 2/3, x_B = 2/9, x_S = 1/5·2/9 + 1/5·2/3 = 8/45
#   RE_A = 1 − (8/45)/(3/5) = 1 − 8/27 = 19/27
# Remove B: x_C = 2/3, x_A = 1/4 + 1/4·2/3 = 5/12, x_S = 3/5·5/12 + 1/5·2/3 = 23/60
#   RE_B = 1 − (23/60)/(3/5) = 1 − 23/36 = 13/36
# Remove C: x_B = x_A/3, x_A = x_A/6 + 1/4 -> x_A = 3/10, x_B = 1/10, x_S = 9/50 + 1/50 = 1/5
#   RE_C = 1 − (1/5)/(3/5) = 2/3
# Σ RE = 19/27 + 13/36 + 2/3 = (76 + 39 + 72)/108 = 187/108
# Global shares: A 76/187, B 39/187, C 72/187 of 3 conversions and of 3500 revenue.
RE = {"A": F(19, 27), "B": F(13, 36), "C": F(2, 3)}
SHARE = {"A": F(76, 187), "B": F(39, 187), "C": F(72, 187)}


def test_markov_paths_drop_self_loops():
    assert markov_path(LOOPY_JOURNEYS[3]) == ["(start)", "A", "B", "(null)"]
    counts = transition_counts(LOOPY_JOURNEYS)
    assert ("A", "A") not in counts
    assert counts[("(start)", "A")] == 3
    assert counts[("A", "B")] == 2
    assert counts[("B", "A")] == 1
    assert counts[("C", "(conversion)")] == 2


def test_markov_removal_effects_hand_computed():
    result = markov_removal(LOOPY_JOURNEYS)
    assert result.conversion_probability == pytest.approx(3 / 5, abs=1e-12)
    for channel, effect in RE.items():
        assert result.removal_effects[channel] == pytest.approx(float(effect), abs=1e-12)
    assert result.total_conversions == 3
    assert result.total_value == 3500
    for channel, share in SHARE.items():
        assert float(result.conversions[channel]) == pytest.approx(float(3 * share), abs=1e-12)
        assert float(result.revenue[channel]) == pytest.approx(float(3500 * share), abs=1e-12)
    # Exact global shares: credits add up to the totals with no rounding drift.
    assert sum(result.conversions.values()) == 3
    assert sum(result.revenue.values()) == 3500
    assert "global" in result.convention.lower()
    assert "self-loops dropped" in result.convention


def test_markov_self_loop_does_not_change_the_result():
    without_loop = [*LOOPY_JOURNEYS[:3], make_journey(["A", "B"], converted=False, value=0), LOOPY_JOURNEYS[4]]
    assert markov_removal(without_loop).removal_effects == markov_removal(LOOPY_JOURNEYS).removal_effects


def test_markov_dispatcher_credits_revenue_in_minor_units():
    credit = attribute("markov", LOOPY_JOURNEYS, minor_units=True)
    # 3500·76/187 = 1422.46, 3500·39/187 = 729.95, 3500·72/187 = 1347.59
    # floors 1422 + 729 + 1347 = 3498; remainders .46, .95, .59 -> B and C get +1
    assert credit == {"A": 1422, "B": 730, "C": 1348}


def test_markov_without_conversions_credits_nothing():
    result = markov_removal([make_journey(["A", "B"], converted=False, value=0)])
    assert result.conversion_probability == 0
    assert result.removal_effects == {"A": 0.0, "B": 0.0}
    assert result.revenue == {"A": 0, "B": 0}


def test_markov_single_channel_gets_everything():
    journeys = [make_journey(["A"], value=100), make_journey(["A"], converted=False, value=0)]
    result = markov_removal(journeys)
    # P(conv) = 1/2; removing A leaves start -> null only, so RE_A = 1.
    assert result.conversion_probability == pytest.approx(0.5, abs=1e-12)
    assert result.removal_effects == {"A": pytest.approx(1.0, abs=1e-12)}
    assert result.revenue == {"A": 100}


# --------------------------------------------------------------------------
# Shapley

# R({A}) = 10, R({A,B}) = 20, R({B,C}) = 30, R({A,B,C}) = 60; the C-only journey
# did not convert. Simplified formula φ_i = Σ_{T∋i} R(T)/|T|:
#   φ_A = 10 + 20/2 + 60/3 = 40
#   φ_B = 20/2 + 30/2 + 60/3 = 45
#   φ_C = 30/2 + 60/3 = 35          (Σ = 120 = total converted value)
# Brute force for A (n = 3, weights |S|!(n−|S|−1)!/n! = 1/3, 1/6, 1/3):
#   v(∅)=0 v(A)=10 v(B)=0 v(C)=0 v(AB)=30 v(AC)=10 v(BC)=30 v(ABC)=120
#   φ_A = 1/3·(10−0) + 1/6·(30−0) + 1/6·(10−0) + 1/3·(120−30) = 10/3 + 5 + 5/3 + 30 = 40
SHAPLEY_JOURNEYS = [
    make_journey(["A"], value=10),
    make_journey(["A", "B", "A"], value=20),
    make_journey(["B", "C"], value=30),
    make_journey(["C", "B", "A"], value=60),
    make_journey(["C"], converted=False, value=0),
]


def test_shapley_three_channels_hand_computed():
    assert shapley(SHAPLEY_JOURNEYS) == {"A": 40, "B": 45, "C": 35}
    assert shapley_brute_force(SHAPLEY_JOURNEYS) == {"A": 40, "B": 45, "C": 35}


def test_shapley_on_conversion_counts():
    # R({A}) = R({A,B}) = R({B,C}) = R({A,B,C}) = 1 conversion:
    # φ_A = 1 + 1/2 + 1/3 = 11/6, φ_B = 1/2 + 1/2 + 1/3 = 4/3, φ_C = 1/2 + 1/3 = 5/6
    expected = {"A": F(11, 6), "B": F(4, 3), "C": F(5, 6)}
    assert shapley(SHAPLEY_JOURNEYS, measure="conversions") == expected
    assert shapley_brute_force(SHAPLEY_JOURNEYS, measure="conversions") == expected


channel_names = st.sampled_from(["A", "B", "C", "D", "E"])
random_journeys = st.lists(
    st.builds(
        lambda channels, converted, value: make_journey(channels, converted=converted, value=value),
        st.lists(channel_names, min_size=1, max_size=5),
        st.booleans(),
        st.integers(min_value=-500, max_value=5000),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(random_journeys)
def test_shapley_simplified_equals_brute_force_and_is_efficient(journeys):
    simplified = shapley(journeys)
    brute = shapley_brute_force(journeys)
    assert simplified == brute
    total = sum((j.value for j in journeys if j.converted), 0)
    assert sum(simplified.values()) == total


# --------------------------------------------------------------------------
# Dispatcher

MIXED_JOURNEYS = [
    make_journey(["email", "facebook", "direct"], value=300),
    make_journey(["facebook"], value=100),
    make_journey(["instagram", "email"], converted=False, value=0),
    Journey([], converted=True, value=999),  # unattributable: skipped
]


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("first_touch", {"email": 300, "facebook": 100, "direct": 0, "instagram": 0}),
        ("last_touch", {"email": 0, "facebook": 100, "direct": 300, "instagram": 0}),
        ("last_non_direct", {"email": 0, "facebook": 400, "direct": 0, "instagram": 0}),
        ("linear", {"email": 100, "facebook": 200, "direct": 100, "instagram": 0}),
        ("position_based", {"email": 120, "facebook": 160, "direct": 120, "instagram": 0}),
        # Journey 1 has channel set {email, facebook, direct}: 300/3 each; journey 2 {facebook}.
        ("shapley", {"email": 100, "facebook": 200, "direct": 100, "instagram": 0}),
    ],
)
def test_attribute_dispatches_each_model(model, expected):
    assert attribute(model, MIXED_JOURNEYS) == expected


def test_attribute_markov_on_mixed_journeys():
    # Paths: S→email→facebook→direct→conv, S→facebook→conv, S→instagram→email→null.
    # x_direct = 1, x_facebook = 1/2·1 + 1/2 = 1, x_email = 1/2·x_facebook = 1/2,
    # x_instagram = x_email = 1/2, P(conv) = 1/3·(1/2 + 1 + 1/2) = 2/3.
    # Without email: x_S = 1/3·1 = 1/3 -> RE 1/2.  Without facebook: x_S = 0 -> RE 1.
    # Without direct: x_fb = 1/2, x_email = x_insta = 1/4, x_S = 1/3 -> RE 1/2.
    # Without instagram: x_S = 1/3·(1/2 + 1) = 1/2 -> RE 1/4 (it feeds email).
    # Σ RE = 9/4 -> shares 2/9, 4/9, 2/9, 1/9 of 400.
    credit = attribute("markov", MIXED_JOURNEYS)
    expected = {"email": 800 / 9, "facebook": 1600 / 9, "direct": 800 / 9, "instagram": 400 / 9}
    assert {c: float(v) for c, v in credit.items()} == pytest.approx(expected, abs=1e-9)
    assert sum(credit.values()) == 400


def test_attribute_time_decay_passes_half_life():
    journey = make_journey(["email", "facebook", "direct"], value=300, step=2 * DAY)
    # No converted_at: the last touch stands in, so Δt = 4, 2, 0 days.
    # H = 2 days -> w = 1/4, 1/2, 1; Σw = 7/4 -> 300·(1, 2, 4)/7 = 42.86, 85.71, 171.43
    credit = attribute("time_decay", [journey], half_life=timedelta(days=2))
    assert credit == {"email": F(300, 7), "facebook": F(600, 7), "direct": F(1200, 7)}
    # Channel totals rounded by largest remainder: floors 42+85+171 = 298, remainders
    # .86, .71, .43 -> email and facebook get the two leftover units.
    rounded = attribute("time_decay", [journey], half_life=timedelta(days=2), minor_units=True)
    assert rounded == {"email": 43, "facebook": 86, "direct": 171}


def test_attribute_unknown_model_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown attribution model 'u_shaped'.*position_based"):
        attribute("u_shaped", MIXED_JOURNEYS)


def test_attribute_rejects_parameters_the_model_does_not_take():
    with pytest.raises(ValueError, match="does not take parameter"):
        attribute("linear", MIXED_JOURNEYS, half_life=timedelta(days=1))


def test_models_are_all_listed():
    assert set(MODELS) == {
        "first_touch", "last_touch", "last_non_direct", "linear",
        "time_decay", "position_based", "markov", "shapley",
    }


@settings(max_examples=100, deadline=None)
@given(random_journeys, st.sampled_from(MODELS))
def test_every_model_conserves_the_total_value(journeys, model):
    total = sum((j.value for j in journeys if j.converted and j.touches), 0)
    credit = attribute(model, journeys)
    rounded = attribute(model, journeys, minor_units=True)
    if any(j.converted for j in journeys):
        assert sum(credit.values()) == total
        assert sum(rounded.values()) == total
        assert all(isinstance(v, int) for v in rounded.values())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(channel_names, min_size=1, max_size=8),
    st.integers(min_value=-10_000, max_value=10_000),
    st.sampled_from(["first_touch", "last_touch", "last_non_direct", "linear", "time_decay", "position_based"]),
)
def test_per_touch_minor_units_sum_exactly_and_stay_within_one_unit(channels, value, model):
    journey = make_journey(channels, value=value, step=timedelta(hours=17))
    from attribution import credit as module

    exact = getattr(module, model)(journey)
    rounded = getattr(module, model)(journey, minor_units=True)
    assert sum(exact) == value
    assert sum(rounded) == value
    assert all(abs(r - e) < 1 for r, e in zip(rounded, exact))
