""""Is our SMM selling?" -- does daily engagement lead daily sales?

Three complementary looks at two aligned daily series (see
``/work/shared/reference/attribution.md``, "Does engagement move sales?"):

1. **Lagged correlation** for lags 0..14 days: Pearson r with its exact CI
   (``scipy.stats.pearsonr(...).confidence_interval()``) and Spearman rho
   with an approximate CI (Fisher z with the Bonett-Wright variance
   (1 + rho²/2)/(n − 3)). Pearson p-values are Holm-adjusted across lags
   because testing 15 lags would otherwise "find" a lag in pure noise.
2. **Granger causality** in both directions, after an ADF stationarity check
   (both series are differenced once if either looks non-stationary),
   Holm-adjusted across the lag orders tested.
3. **Adstock regression**: A_t = x_t + λA_{t−1}, λ grid-searched on
   0, 0.05, ..., 0.95 by R², then OLS of sales on A with a 95% CI.

All of this is association and timing, not incrementality; the verdict says
so every time and points to a holdout comparison.

Short or constant series give the verdict "Not enough data ..." with empty
analyses: no exceptions, and ``to_dict()`` never contains NaN or infinity.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tools.sm_exceptions import InfeasibleTestError
from statsmodels.tsa.stattools import adfuller, grangercausalitytests

MAX_LAG = 14
MIN_DAYS = 28  # four weeks: below this, 14-day lags leave too few pairs
MIN_PAIRS = 10  # fewest (engagement, sales) pairs a single lag may rest on
ALPHA = 0.05
ADSTOCK_GRID = tuple(round(0.05 * step, 2) for step in range(20))  # 0.00 .. 0.95

SPEARMAN_CI_METHOD = "Fisher z approximation, Bonett-Wright variance (1 + rho^2/2)/(n - 3)"
CAUSALITY_CAVEAT = (
    "Correlation is not incrementality: these numbers show timing and association, "
    "not how many sales the posts caused. To measure that, run a holdout comparison, "
    "e.g. withhold posting or promotion for a random set of weeks, regions or audiences "
    "and compare their sales with the rest."
)


# --------------------------------------------------------------------------
# Result types


@dataclass(frozen=True)
class LagCorrelation:
    """Engagement on day t − lag against sales on day t."""

    lag: int
    n: int
    pearson_r: float | None
    pearson_ci: tuple[float, float] | None
    pearson_p: float | None
    pearson_p_adjusted: float | None  # Holm across all lags tested
    spearman_rho: float | None
    spearman_ci: tuple[float, float] | None
    spearman_p: float | None


@dataclass(frozen=True)
class Stationarity:
    engagement_adf_p: float | None
    sales_adf_p: float | None
    differenced: bool


@dataclass(frozen=True)
class GrangerResult:
    """Does ``cause`` help predict ``effect`` beyond effect's own past?"""

    cause: str
    effect: str
    p_values: dict[int, float]  # F test (ssr_ftest) per lag order
    adjusted_p_values: dict[int, float]  # Holm across lag orders
    min_adjusted_p: float
    lag: int  # lag order with the smallest adjusted p (ties -> smaller)
    differenced: bool


@dataclass(frozen=True)
class AdstockResult:
    """OLS sales ~ 1 + adstock(engagement, λ) at the λ with the best R².

    The CI and p-value are conditional on the chosen λ (they ignore the grid
    search), so treat them as slightly optimistic.
    """

    decay: float  # λ
    coefficient: float
    ci: tuple[float, float]
    p_value: float
    intercept: float
    r_squared: float
    r_squared_by_decay: dict[float, float]


@dataclass(frozen=True)
class SellingResult:
    n_days: int
    start: date | None
    end: date | None
    enough_data: bool
    verdict: str
    engagement_leads_sales: bool | None = None
    lead_lag_days: int | None = None
    best_lag: int | None = None
    lags: list[LagCorrelation] = field(default_factory=list)
    stationarity: Stationarity | None = None
    granger_engagement_to_sales: GrangerResult | None = None
    granger_sales_to_engagement: GrangerResult | None = None
    adstock: AdstockResult | None = None
    notes: list[str] = field(default_factory=list)
    alpha: float = ALPHA
    spearman_ci_method: str = SPEARMAN_CI_METHOD

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: plain floats, NaN/inf as None, dates as ISO strings."""
        return _json_safe(asdict(self))


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, date):
        return value.isoformat()
    return value


def _finite_or_none(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------
# Entry point


def analyze_selling(
    dates: Sequence[date],
    engagement: Sequence[float],
    sales: Sequence[float],
    *,
    max_lag: int = MAX_LAG,
    alpha: float = ALPHA,
) -> SellingResult:
    """Answer "does engagement lead sales, by how many days, how surely?".

    ``dates`` must be consecutive days (fill days without activity with 0);
    ``engagement`` and ``sales`` are aligned with them. Raises ValueError only
    for malformed input (misaligned lengths, gaps, NaN); too little or
    constant data yields a "not enough data" verdict instead.
    """
    eng, sal = _validated(dates, engagement, sales)
    n = len(eng)
    start, end = (dates[0], dates[-1]) if n else (None, None)

    problem = _data_problem(eng, sal)
    if problem:
        return SellingResult(
            n_days=n, start=start, end=end, enough_data=False,
            verdict=f"Not enough data: {problem}. {CAUSALITY_CAVEAT}", alpha=alpha,
        )

    notes: list[str] = []
    lags = lagged_correlations(eng, sal, max_lag=max_lag)
    best = best_lag(lags, alpha=alpha)
    stationarity, eng_s, sal_s = _make_stationary(eng, sal, alpha=alpha, notes=notes)
    forward = granger(eng_s, sal_s, "engagement", "sales", max_lag, stationarity.differenced, notes)
    backward = granger(sal_s, eng_s, "sales", "engagement", max_lag, stationarity.differenced, notes)
    adstock = adstock_regression(eng, sal, alpha=alpha)

    leads = forward is not None and forward.min_adjusted_p < alpha
    lead_lag = (best.lag if best else forward.lag) if leads else None
    verdict = _verdict(lags, best, forward, backward, stationarity, leads, lead_lag, alpha)
    return SellingResult(
        n_days=n, start=start, end=end, enough_data=True, verdict=verdict,
        engagement_leads_sales=leads, lead_lag_days=lead_lag,
        best_lag=best.lag if best else None, lags=lags, stationarity=stationarity,
        granger_engagement_to_sales=forward, granger_sales_to_engagement=backward,
        adstock=adstock, notes=notes, alpha=alpha,
    )


def _validated(
    dates: Sequence[date], engagement: Sequence[float], sales: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    if not (len(dates) == len(engagement) == len(sales)):
        raise ValueError(
            f"series must be aligned: {len(dates)} dates, {len(engagement)} engagement, {len(sales)} sales values"
        )
    ordinals = [day.toordinal() for day in dates]
    if any(b - a != 1 for a, b in zip(ordinals, ordinals[1:])):
        raise ValueError("dates must be consecutive days in order; fill days without activity with 0")
    eng = np.asarray(engagement, dtype=float)
    sal = np.asarray(sales, dtype=float)
    if not (np.all(np.isfinite(eng)) and np.all(np.isfinite(sal))):
        raise ValueError("engagement and sales must be finite numbers (no NaN or infinity)")
    return eng, sal


def _data_problem(eng: np.ndarray, sal: np.ndarray) -> str | None:
    """Why the series cannot be analysed, or None if they can."""
    if len(eng) < MIN_DAYS:
        return f"need at least {MIN_DAYS} consecutive days, got {len(eng)}"
    if np.ptp(eng) == 0:
        return "engagement is constant, so nothing can co-move with it"
    if np.ptp(sal) == 0:
        return "sales are constant, so nothing can explain them"
    return None


# --------------------------------------------------------------------------
# 1. Lagged correlation


def _lag_pairs(eng: np.ndarray, sal: np.ndarray, lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Engagement on day t − lag next to sales on day t."""
    return eng[: len(eng) - lag], sal[lag:]


def spearman_ci(rho: float, n: int, confidence: float = 0.95) -> tuple[float, float] | None:
    """Approximate CI for Spearman's rho (Fisher z, Bonett-Wright variance)."""
    if n <= 3 or not math.isfinite(rho):
        return None
    if abs(rho) >= 1.0:
        return (rho, rho)
    z_crit = stats.norm.ppf(0.5 + confidence / 2)
    half_width = z_crit * math.sqrt((1 + rho * rho / 2) / (n - 3))
    centre = math.atanh(rho)
    return (math.tanh(centre - half_width), math.tanh(centre + half_width))


def _correlation_at_lag(eng: np.ndarray, sal: np.ndarray, lag: int) -> LagCorrelation:
    x, y = _lag_pairs(eng, sal, lag)
    n = len(x)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return LagCorrelation(lag, n, None, None, None, None, None, None, None)
    pearson = stats.pearsonr(x, y)
    ci = pearson.confidence_interval(confidence_level=0.95)
    spearman = stats.spearmanr(x, y)
    rho = float(spearman.statistic)
    return LagCorrelation(
        lag=lag, n=n,
        pearson_r=_finite_or_none(pearson.statistic),
        pearson_ci=(float(ci.low), float(ci.high)),
        pearson_p=_finite_or_none(pearson.pvalue),
        pearson_p_adjusted=None,
        spearman_rho=_finite_or_none(rho),
        spearman_ci=spearman_ci(rho, n),
        spearman_p=_finite_or_none(spearman.pvalue),
    )


def lagged_correlations(eng: np.ndarray, sal: np.ndarray, *, max_lag: int = MAX_LAG) -> list[LagCorrelation]:
    """Correlations for lags 0..max_lag (fewer if a lag would leave < MIN_PAIRS pairs)."""
    usable = min(max_lag, len(eng) - MIN_PAIRS)
    rows = [_correlation_at_lag(eng, sal, lag) for lag in range(usable + 1)]
    tested = [row for row in rows if row.pearson_p is not None]
    if tested:
        adjusted = multipletests([row.pearson_p for row in tested], method="holm")[1]
        by_lag = {row.lag: float(p) for row, p in zip(tested, adjusted)}
        rows = [_with_adjusted(row, by_lag.get(row.lag)) for row in rows]
    return rows


def _with_adjusted(row: LagCorrelation, adjusted: float | None) -> LagCorrelation:
    return replace(row, pearson_p_adjusted=adjusted)


def best_lag(lags: Sequence[LagCorrelation], *, alpha: float = ALPHA) -> LagCorrelation | None:
    """Largest positive Pearson r among lags significant after Holm; ties -> smaller lag."""
    significant = [
        row for row in lags
        if row.pearson_r is not None and row.pearson_r > 0
        and row.pearson_p_adjusted is not None and row.pearson_p_adjusted < alpha
    ]
    return min(significant, key=lambda row: (-row.pearson_r, row.lag), default=None)


# --------------------------------------------------------------------------
# 2. Stationarity and Granger causality


def adf_p_value(series: np.ndarray) -> float | None:
    """Augmented Dickey-Fuller p-value (H0: unit root), None if it cannot run."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # tuple-vs-result-object notice
            return _finite_or_none(adfuller(series, autolag="AIC")[1])
    except (ValueError, np.linalg.LinAlgError):
        return None


def _make_stationary(
    eng: np.ndarray, sal: np.ndarray, *, alpha: float, notes: list[str]
) -> tuple[Stationarity, np.ndarray, np.ndarray]:
    """Difference both series once if either fails the ADF test (keeps them aligned)."""
    eng_p, sal_p = adf_p_value(eng), adf_p_value(sal)
    non_stationary = [name for name, p in (("engagement", eng_p), ("sales", sal_p)) if p is None or p >= alpha]
    if not non_stationary:
        return Stationarity(eng_p, sal_p, differenced=False), eng, sal
    notes.append(
        f"ADF test could not reject a unit root for {' and '.join(non_stationary)}; "
        "both series were differenced once before the Granger tests."
    )
    return Stationarity(eng_p, sal_p, differenced=True), np.diff(eng), np.diff(sal)


def granger(
    cause: np.ndarray, effect: np.ndarray, cause_name: str, effect_name: str,
    max_lag: int, differenced: bool, notes: list[str],
) -> GrangerResult | None:
    """Granger F tests for lag orders 1..k, Holm-adjusted; None if infeasible."""
    allowed = min(max_lag, (len(effect) - 2) // 3)  # statsmodels needs nobs > 3*maxlag + 1
    if allowed < 1:
        notes.append(f"Too few days for a Granger test of {cause_name} -> {effect_name}.")
        return None
    data = np.column_stack([effect, cause])  # statsmodels: does column 2 cause column 1?
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = grangercausalitytests(data, maxlag=allowed)
    except (InfeasibleTestError, ValueError, np.linalg.LinAlgError) as error:
        notes.append(f"Granger test {cause_name} -> {effect_name} could not run: {error}")
        return None
    p_values = {int(lag): float(result[0]["ssr_ftest"][1]) for lag, result in raw.items()}
    if not all(math.isfinite(p) for p in p_values.values()):
        notes.append(f"Granger test {cause_name} -> {effect_name} gave undefined p-values.")
        return None
    ordered = sorted(p_values)
    adjusted = dict(zip(ordered, (float(p) for p in multipletests([p_values[k] for k in ordered], method="holm")[1])))
    best = min(ordered, key=lambda lag: (adjusted[lag], lag))
    return GrangerResult(
        cause=cause_name, effect=effect_name, p_values=p_values, adjusted_p_values=adjusted,
        min_adjusted_p=adjusted[best], lag=best, differenced=differenced,
    )


# --------------------------------------------------------------------------
# 3. Adstock regression


def adstock(series: Sequence[float], decay: float) -> np.ndarray:
    """Carry-over: A_t = x_t + λ·A_{t−1}, A_0 = x_0."""
    carried = np.empty(len(series), dtype=float)
    running = 0.0
    for t, value in enumerate(series):
        running = float(value) + decay * running
        carried[t] = running
    return carried


def adstock_regression(
    eng: np.ndarray, sal: np.ndarray, *, grid: Sequence[float] = ADSTOCK_GRID, alpha: float = ALPHA
) -> AdstockResult | None:
    """Pick λ with the best R² (ties -> smaller λ), then report OLS sales ~ 1 + A."""
    fits = {}
    for decay in grid:
        carried = adstock(eng, decay)
        if np.ptp(carried) == 0:
            continue
        fits[decay] = sm.OLS(sal, sm.add_constant(carried, has_constant="add")).fit()
    if not fits:
        return None
    chosen = min(fits, key=lambda decay: (-fits[decay].rsquared, decay))
    fit = fits[chosen]
    low, high = fit.conf_int(alpha=alpha)[1]
    return AdstockResult(
        decay=chosen,
        coefficient=float(fit.params[1]),
        ci=(float(low), float(high)),
        p_value=float(fit.pvalues[1]),
        intercept=float(fit.params[0]),
        r_squared=float(fit.rsquared),
        r_squared_by_decay={decay: float(f.rsquared) for decay, f in fits.items()},
    )


# --------------------------------------------------------------------------
# Verdict


def _strength(p: float) -> str:
    if p < 0.001:
        return "strong evidence"
    if p < 0.01:
        return "good evidence"
    return "some evidence"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _verdict(
    lags: Sequence[LagCorrelation], best: LagCorrelation | None,
    forward: GrangerResult | None, backward: GrangerResult | None,
    stationarity: Stationarity, leads: bool, lead_lag: int | None, alpha: float,
) -> str:
    parts: list[str] = []
    if leads:
        assert forward is not None and lead_lag is not None
        sentence = (
            f"Engagement appears to lead sales by about {_days(lead_lag)}: "
            f"{_strength(forward.min_adjusted_p)} from a Granger test "
            f"(Holm-adjusted p = {forward.min_adjusted_p:.2g} with {forward.lag} lag(s) of history)"
        )
        if best is not None:
            low, high = best.pearson_ci
            sentence += f"; strongest correlation r = {best.pearson_r:.2f} (95% CI {low:.2f} to {high:.2f}) at lag {best.lag}"
        parts.append(sentence + ".")
    else:
        granger_text = (
            f"smallest Holm-adjusted Granger p = {forward.min_adjusted_p:.2g}" if forward
            else "the Granger test could not be run"
        )
        if best is not None and forward is None:
            parts.append(
                f"Engagement and sales move together (r = {best.pearson_r:.2f} at lag {best.lag}), "
                "but the Granger test could not be run (see notes), so it is not established "
                "that engagement leads sales."
            )
        elif best is not None:
            parts.append(
                f"Engagement and sales move together (r = {best.pearson_r:.2f} at lag {best.lag}), "
                f"but past engagement does not reliably predict sales beyond sales' own history "
                f"({granger_text}), so there is no reliable evidence that engagement leads sales."
            )
        else:
            parts.append(
                f"No reliable evidence that engagement leads sales in this data ({granger_text}; "
                f"no lag 0-{lags[-1].lag if lags else 0} shows a significant positive correlation after Holm correction)."
            )
    if backward is not None and backward.min_adjusted_p < alpha:
        parts.append(
            f"Sales also predict later engagement (Holm-adjusted p = {backward.min_adjusted_p:.2g}): "
            "buyers may engage after purchasing, or a common driver such as promotions or seasonality moves both."
        )
    if stationarity.differenced:
        parts.append("The series were differenced once for the Granger tests because they were not stationary.")
    parts.append(CAUSALITY_CAVEAT)
    return " ".join(parts)
