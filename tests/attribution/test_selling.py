""""Is our SMM selling?" analysis on synthetic series with known structure."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from attribution.selling import (
    CAUSALITY_CAVEAT,
    MIN_DAYS,
    LagCorrelation,
    adstock,
    analyze_selling,
    best_lag,
    lagged_correlations,
    spearman_ci,
)

START = date(2024, 1, 1)


def days(n: int) -> list[date]:
    return [START + timedelta(days=i) for i in range(n)]


def lagged_pair(seed: int, n: int = 120, lag: int = 2, beta: float = 0.8, noise: float = 10.0):
    """Engagement ~ iid around 100; sales_t = beta·eng_{t-lag} + noise (sales lag engagement)."""
    rng = np.random.default_rng(seed)
    raw = 100 + 20 * rng.standard_normal(n + lag)
    sales = beta * raw[:n] + noise * rng.standard_normal(n)
    return raw[lag:], sales


def assert_json_safe(result) -> dict:
    payload = result.to_dict()
    json.dumps(payload, allow_nan=False)  # raises on NaN / inf / numpy types
    return payload


def assert_caveat(verdict: str) -> None:
    assert "correlation is not incrementality" in verdict.lower()
    assert "holdout" in verdict.lower()


# --------------------------------------------------------------------------
# Building blocks, hand-computed


def test_adstock_recursion_by_hand():
    # A_0 = 1; A_1 = 0 + 0.5·1 = 0.5; A_2 = 0 + 0.5·0.5 = 0.25; A_3 = 2 + 0.5·0.25 = 2.125
    assert adstock([1, 0, 0, 2], 0.5).tolist() == [1.0, 0.5, 0.25, 2.125]
    assert adstock([3, 1, 4], 0.0).tolist() == [3.0, 1.0, 4.0]


def test_spearman_ci_fisher_z_by_hand():
    # rho = 0.5, n = 28: z = atanh(0.5) = 0.549306; se = sqrt((1 + 0.25/2)/25) = 0.212132
    # half width = 1.959964 · 0.212132 = 0.415771
    # CI = tanh(0.133535), tanh(0.965077) = 0.132747, 0.746533
    low, high = spearman_ci(0.5, 28)
    assert low == pytest.approx(0.132747, abs=1e-6)
    assert high == pytest.approx(0.746533, abs=1e-6)
    assert spearman_ci(1.0, 28) == (1.0, 1.0)
    assert spearman_ci(0.3, 3) is None


def test_lag_pairs_engagement_earlier_than_sales():
    eng = np.array([1.0, 5.0, 2.0, 8.0, 3.0, 9.0, 4.0, 7.0, 6.0, 10.0, 2.0, 5.0, 1.0])
    sales = np.roll(eng, 1) * 2 + 1  # sales_t = 2·eng_{t-1} + 1 (except the wrapped day 0)
    rows = lagged_correlations(eng, sales, max_lag=2)
    # 13 days, at least 10 pairs per lag -> lags 0..2 with n = 13, 12, 11
    assert [row.n for row in rows] == [13, 12, 11]
    # lag 1 pairs eng[0:12] with sales[1:13] = 2·eng[0:12] + 1: an exact line, r = 1.
    assert rows[1].pearson_r == pytest.approx(1.0, abs=1e-12)
    assert rows[1].spearman_rho == pytest.approx(1.0, abs=1e-12)
    assert rows[0].pearson_r == pytest.approx(np.corrcoef(eng, sales)[0, 1], abs=1e-12)
    assert rows[2].pearson_r == pytest.approx(np.corrcoef(eng[:11], sales[2:])[0, 1], abs=1e-12)


def _row(lag: int, r: float, p_adjusted: float) -> LagCorrelation:
    return LagCorrelation(lag, 100, r, (r - 0.1, r + 0.1), p_adjusted, p_adjusted, r, None, p_adjusted)


def test_best_lag_needs_significance_positive_r_and_prefers_smaller_lag_on_ties():
    rows = [
        _row(0, 0.90, 0.20),  # strongest, but not significant after Holm
        _row(1, -0.80, 0.001),  # significant but negative
        _row(2, 0.60, 0.001),
        _row(3, 0.60, 0.002),  # tie with lag 2 -> lag 2 wins
        _row(4, 0.40, 0.01),
    ]
    assert best_lag(rows).lag == 2
    assert best_lag([_row(0, 0.9, 0.2)]) is None


# --------------------------------------------------------------------------
# End-to-end


def test_two_day_lag_is_found_and_granger_points_one_way():
    eng, sales = lagged_pair(seed=7)
    result = analyze_selling(days(120), eng, sales)

    assert result.enough_data
    assert result.best_lag == 2
    assert result.lead_lag_days == 2
    assert result.engagement_leads_sales is True
    lag2 = result.lags[2]
    assert lag2.n == 118
    assert lag2.pearson_r > 0.6
    assert lag2.pearson_ci[0] < lag2.pearson_r < lag2.pearson_ci[1]
    assert lag2.spearman_ci[0] < lag2.spearman_rho < lag2.spearman_ci[1]
    assert len(result.lags) == 15  # lags 0..14

    forward = result.granger_engagement_to_sales
    backward = result.granger_sales_to_engagement
    assert forward.min_adjusted_p < 1e-6
    assert forward.lag >= 2  # one lag of history cannot see a 2-day lead
    assert forward.p_values[1] > forward.p_values[2]
    assert max(forward.p_values) == 14
    assert backward.min_adjusted_p > 0.05

    assert not result.stationarity.differenced
    assert "appears to lead sales by about 2 days" in result.verdict
    assert "strong evidence" in result.verdict
    assert "Sales also predict" not in result.verdict
    assert_caveat(result.verdict)

    payload = assert_json_safe(result)
    assert payload["best_lag"] == 2
    assert payload["start"] == "2024-01-01"
    assert payload["granger_engagement_to_sales"]["adjusted_p_values"]["2"] < 1e-6


def test_holm_adjusted_p_is_never_below_raw_p():
    eng, sales = lagged_pair(seed=7)
    result = analyze_selling(days(120), eng, sales)
    for row in result.lags:
        assert row.pearson_p_adjusted >= row.pearson_p
    g = result.granger_engagement_to_sales
    assert all(g.adjusted_p_values[k] >= g.p_values[k] for k in g.p_values)
    assert g.min_adjusted_p == min(g.adjusted_p_values.values())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_independent_noise_does_not_claim_a_relationship(seed):
    rng = np.random.default_rng(seed)
    eng = 100 + 20 * rng.standard_normal(120)
    sales = 50 + 10 * rng.standard_normal(120)
    result = analyze_selling(days(120), eng, sales)

    assert result.enough_data
    assert result.engagement_leads_sales is False
    assert result.lead_lag_days is None
    assert result.best_lag is None
    assert result.granger_engagement_to_sales.min_adjusted_p >= 0.05
    assert result.verdict.startswith("No reliable evidence that engagement leads sales")
    assert "appears to lead" not in result.verdict
    assert_caveat(result.verdict)
    assert_json_safe(result)


def test_sales_leading_engagement_is_not_read_as_engagement_selling():
    # Reverse world: engagement_t = 0.8·sales_{t-2} + noise (people post after buying).
    sales, eng = lagged_pair(seed=11)
    result = analyze_selling(days(120), eng, sales)
    assert result.engagement_leads_sales is False
    assert result.granger_sales_to_engagement.min_adjusted_p < 1e-6
    assert "Sales also predict later engagement" in result.verdict
    assert "appears to lead" not in result.verdict
    assert_caveat(result.verdict)


def test_random_walk_series_are_differenced_first():
    rng = np.random.default_rng(5)
    walk = 1000 + np.cumsum(5 * rng.standard_normal(152))
    eng = walk[2:]
    sales = 0.8 * walk[:-2] + 2 * rng.standard_normal(150)
    result = analyze_selling(days(150), eng, sales)
    assert result.stationarity.differenced is True
    assert result.stationarity.engagement_adf_p > 0.05
    assert any("differenced once" in note for note in result.notes)
    assert "differenced once" in result.verdict
    assert result.granger_engagement_to_sales.differenced is True
    assert result.engagement_leads_sales is True
    assert_json_safe(result)


def test_adstock_recovers_known_decay():
    rng = np.random.default_rng(3)
    eng = rng.uniform(0, 100, 120)
    sales = 5 + 0.3 * adstock(eng, 0.5) + 5 * rng.standard_normal(120)
    fit = analyze_selling(days(120), eng, sales).adstock
    assert abs(fit.decay - 0.5) <= 0.15  # this seed picks λ = 0.45
    # The coefficient's scale depends on the λ picked (A sums to ~x/(1-λ)), so
    # check it loosely; its CI is conditional on λ and must exclude 0.
    assert fit.coefficient == pytest.approx(0.3, abs=0.05)
    assert 0 < fit.ci[0] < fit.coefficient < fit.ci[1]
    assert fit.p_value < 1e-6
    assert fit.r_squared == max(fit.r_squared_by_decay.values())
    assert sorted(fit.r_squared_by_decay) == [round(0.05 * i, 2) for i in range(20)]


def test_perfectly_lagged_copy_does_not_crash():
    # sales_t = eng_{t-3} exactly: r = 1 at lag 3, and the Granger VAR fits perfectly.
    rng = np.random.default_rng(1)
    raw = rng.uniform(50, 150, 63)
    result = analyze_selling(days(60), raw[3:], raw[:-3])
    assert result.best_lag == 3
    assert result.lags[3].pearson_r == pytest.approx(1.0, abs=1e-12)
    assert_caveat(result.verdict)
    assert_json_safe(result)


# --------------------------------------------------------------------------
# Not enough data


@pytest.mark.parametrize(
    ("engagement", "sales", "reason"),
    [
        ([7.0] * 60, list(np.linspace(1, 60, 60)), "engagement is constant"),
        (list(np.linspace(1, 60, 60)), [0.0] * 60, "sales are constant"),
        ([5.0] * 60, [5.0] * 60, "engagement is constant"),
        (list(range(10)), list(range(10)), f"at least {MIN_DAYS}"),
        ([], [], f"at least {MIN_DAYS}"),
    ],
)
def test_short_or_constant_series_say_not_enough_data(engagement, sales, reason):
    result = analyze_selling(days(len(engagement)), engagement, sales)
    assert result.verdict.lower().startswith("not enough data")
    assert reason in result.verdict
    assert CAUSALITY_CAVEAT in result.verdict
    assert result.enough_data is False
    assert result.engagement_leads_sales is None
    assert result.lags == [] and result.adstock is None
    payload = assert_json_safe(result)
    assert payload["best_lag"] is None and payload["granger_engagement_to_sales"] is None


def test_minimum_length_series_runs_every_analysis():
    eng, sales = lagged_pair(seed=4, n=MIN_DAYS)
    result = analyze_selling(days(MIN_DAYS), eng, sales)
    assert result.enough_data
    # 28 days: Granger needs nobs > 3·maxlag + 1, so at most 8 lags (7 if differenced).
    assert max(result.granger_engagement_to_sales.p_values) <= 8
    assert [row.lag for row in result.lags] == list(range(15))
    assert_json_safe(result)


def test_malformed_input_is_rejected():
    with pytest.raises(ValueError, match="aligned"):
        analyze_selling(days(30), [1.0] * 30, [1.0] * 29)
    gappy = days(29) + [START + timedelta(days=40)]
    with pytest.raises(ValueError, match="consecutive"):
        analyze_selling(gappy, list(range(30)), list(range(30)))
    with pytest.raises(ValueError, match="finite"):
        analyze_selling(days(30), [float("nan")] + [1.0] * 29, [1.0] * 30)
