"""Inequality by deprivation: SIMD profiles, SII and RII, attributable risk, ranges (ScotPHO).

Quantile 1 is the most deprived, as in SIMD. The caller says which quantiles are used, since
national and local (within the council) SIMD quintiles give different answers; the label travels
in the `quantile_type` column of every output.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from pmf_kit.stats.intervals import UNIT_MULTIPLIERS

QUANTILE_TYPES = {
    "national_quintile": 5,
    "national_decile": 10,
    "local_quintile": 5,
    "local_decile": 10,
}
"""SIMD quantile types and how many quantiles each has (1 = most deprived)."""

PROFILE_COLUMNS = ("quantile", "numerator", "denominator", "value")
"""Columns of a deprivation profile besides its group columns (ids and quantile_type)."""

SII_COLUMNS = ("sii", "sii_lower_ci", "sii_upper_ci", "rii", "rii_lower_ci", "rii_upper_ci")


def deprivation_profile(
    values: pd.DataFrame,
    quantile_column: str,
    quantile_type: str,
    unit: str,
    by: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Sum numerators and denominators by deprivation quantile, then form each quantile's value.

    `values` has numerator, denominator and `quantile_column` (e.g. simd_quintile joined from
    simd.csv, or a local quintile); `quantile_type` is one of QUANTILE_TYPES. Groups are `by`
    (default: indicator_id and period where present). value = multiplier x sum O / sum n with
    the multiplier of `unit` (percent 100, rate_per_1000 1000, rate_per_10000 10000, rate_per_100000 100000, mean 1):
    rates are aggregated by summing, never by averaging (ScotPHO). Every quantile 1..k appears;
    one with no rows has blank numerator, denominator and value. A blank numerator or
    denominator in a quantile makes that quantile blank; rows with no quantile are left out.

    Returns by..., quantile_type, quantile, numerator, denominator, value.
    """
    if quantile_type not in QUANTILE_TYPES:
        raise ValueError(
            f"unknown quantile type {quantile_type!r}; expected one of {', '.join(QUANTILE_TYPES)}"
        )
    if unit not in (*UNIT_MULTIPLIERS, "mean"):
        raise ValueError(f"a deprivation profile needs a ratio unit, not {unit!r}")
    count = QUANTILE_TYPES[quantile_type]
    quantile = pd.to_numeric(values[quantile_column])
    outside = quantile.dropna()[~quantile.dropna().isin(range(1, count + 1))]
    if len(outside):
        raise ValueError(
            f"{quantile_column} holds {outside.iloc[0]!r}; a {quantile_type} is 1..{count}"
        )
    keys = list(by) if by is not None else [c for c in ("indicator_id", "period") if c in values]
    rows = values.assign(quantile=quantile).dropna(subset=["quantile"])
    rows = rows.astype({"quantile": int})
    sums = rows.groupby([*keys, "quantile"], dropna=False)[["numerator", "denominator"]].agg(
        lambda part: part.sum(skipna=False)
    )
    groups = rows[keys].drop_duplicates() if keys else pd.DataFrame(index=[0])
    every_quantile = groups.merge(pd.DataFrame({"quantile": range(1, count + 1)}), how="cross")
    profile = every_quantile.merge(sums.reset_index(), on=[*keys, "quantile"], how="left")
    population = profile["denominator"].where(profile["denominator"] > 0)
    profile["value"] = UNIT_MULTIPLIERS.get(unit, 1.0) * profile["numerator"] / population
    profile.insert(len(keys), "quantile_type", quantile_type)
    return profile.sort_values([*keys, "quantile"], ignore_index=True)


def _group_columns(profile: pd.DataFrame) -> list[str]:
    return [column for column in profile.columns if column not in PROFILE_COLUMNS]


def _groups(profile: pd.DataFrame):
    """(group key values, that group's rows ordered most -> least deprived), for each group."""
    keys = _group_columns(profile)
    ordered = profile.sort_values("quantile")
    for key, rows in ordered.groupby(keys, sort=False, dropna=False):
        yield dict(zip(keys, key)), rows


def _complete(rows: pd.DataFrame) -> str:
    """"" when every quantile is present with a value and a population, else the reason."""
    expected = QUANTILE_TYPES[rows["quantile_type"].iloc[0]]
    present = rows[rows["value"].notna() & (rows["denominator"] > 0)]["quantile"]
    missing = sorted(set(range(1, expected + 1)) - set(present))
    if missing:
        listed = ", ".join(str(quantile) for quantile in missing)
        return f"not calculated: no value or no population in quantile {listed}"
    return ""


def slope_index_of_inequality(profile: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Slope and relative index of inequality of each group of a `deprivation_profile`.

    Quantiles are ordered most -> least deprived. With population share p_i = n_i / sum n, each
    quantile's relative rank is the mid-point of its cumulative population share,

        x_i = sum_{j < i} p_j + p_i / 2     (0 = most deprived end, 1 = least deprived end),

    and the value y_i is regressed on x_i by least squares weighted by the population n_i:

        x_w = sum n_i x_i / sum n_i,   y_w = sum n_i y_i / sum n_i  (the overall rate)
        b = sum n_i (x_i - x_w)(y_i - y_w) / sum n_i (x_i - x_w)^2

    Sign convention: SII = -b, the modelled value at the most deprived end minus the value at
    the least deprived end, so a positive SII means higher in the most deprived areas (whether
    that is bad depends on the indicator's polarity). RII = SII / y_w.

    Intervals: the weighted regression standard error, as R's lm(weights = population):
    s^2 = sum n_i e_i^2 / (k - 2) with residuals e_i, SE(b) = sqrt(s^2 / sum n_i (x_i - x_w)^2),
    SII +/- t(1 - a/2, k - 2) SE(b); the RII limits are those limits / y_w (y_w taken as fixed).
    Sources: ScotPHO inequalities methodology (SII/RII from the population-weighted regression on
    the mid-point cumulative rank, only when every quantile is present); Low & Low (2004) J
    Epidemiol Community Health 58:546; Mackenbach & Kunst (1997) Soc Sci Med 44:757.

    Returns the group columns and sii, sii_lower_ci, sii_upper_ci, rii, rii_lower_ci,
    rii_upper_ci, note; note is "" when calculated and says why not otherwise (a quantile
    missing, blank or with zero population), with the measures NaN.
    """
    records = []
    for key, rows in _groups(profile):
        note = _complete(rows)
        measures = dict.fromkeys(SII_COLUMNS, np.nan)
        if not note:
            measures = _weighted_slope(
                rows["denominator"].to_numpy(float), rows["value"].to_numpy(float), confidence
            )
        records.append({**key, **measures, "note": note})
    columns = [*_group_columns(profile), *SII_COLUMNS, "note"]
    return pd.DataFrame.from_records(records, columns=columns)


def sii_and_rii(population: np.ndarray, value: np.ndarray) -> tuple[float, float]:
    """The SII and RII of quantile values with their populations (`slope_index_of_inequality`'s
    formulas): linear in the values, and the RII a ratio of two linear functions of them, so their
    extremes over ranged values are at the corners (stats.bounds.extremes_over_corners)."""
    measures = _weighted_slope(np.asarray(population, float), np.asarray(value, float), 0.95)
    return float(measures["sii"]), float(measures["rii"])


def _weighted_slope(population: np.ndarray, value: np.ndarray, confidence: float) -> dict:
    share = population / population.sum()
    rank = np.cumsum(share) - share / 2
    rank_mean = np.average(rank, weights=population)
    overall = np.average(value, weights=population)
    spread = (population * (rank - rank_mean) ** 2).sum()
    slope = (population * (rank - rank_mean) * (value - overall)).sum() / spread
    residual = value - (overall + slope * (rank - rank_mean))
    degrees = len(value) - 2
    standard_error = np.sqrt((population * residual**2).sum() / degrees / spread)
    margin = scipy_stats.t.ppf(1 - (1 - confidence) / 2, degrees) * standard_error
    sii = -slope
    mean = overall if overall != 0 else np.nan
    return {
        "sii": sii,
        "sii_lower_ci": sii - margin,
        "sii_upper_ci": sii + margin,
        "rii": sii / mean,
        "rii_lower_ci": (sii - margin) / mean,
        "rii_upper_ci": (sii + margin) / mean,
    }


def _ends(profile: pd.DataFrame) -> pd.DataFrame:
    """Per group: overall value (population-weighted), most and least deprived values."""
    records = []
    for key, rows in _groups(profile):
        complete = not _complete(rows)
        population = rows["denominator"].to_numpy(float)
        value = rows["value"].to_numpy(float)
        records.append(
            {
                **key,
                "overall_value": np.average(value, weights=population) if complete else np.nan,
                "most_deprived_value": value[0],
                "least_deprived_value": value[-1],
            }
        )
    columns = [
        *_group_columns(profile), "overall_value", "most_deprived_value", "least_deprived_value"
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def population_attributable_risk(profile: pd.DataFrame) -> pd.DataFrame:
    """Population attributable risk: how much lower the overall value would be at the least
    deprived quantile's value (ScotPHO inequalities).

        par         = overall value - least deprived value
        par_percent = 100 x par / overall value

    The overall value is the population-weighted mean of the quantile values (= summed
    numerators over summed denominators); NaN when any quantile is missing or blank.
    Returns the group columns and overall_value, least_deprived_value, par, par_percent.
    """
    ends = _ends(profile).drop(columns="most_deprived_value")
    ends["par"] = ends["overall_value"] - ends["least_deprived_value"]
    overall = ends["overall_value"].where(ends["overall_value"] != 0)
    ends["par_percent"] = 100 * ends["par"] / overall
    return ends


def absolute_range(profile: pd.DataFrame) -> pd.DataFrame:
    """Absolute range = most deprived value - least deprived value (ScotPHO inequalities).

    Returns the group columns and most_deprived_value, least_deprived_value, absolute_range.
    """
    ends = _ends(profile).drop(columns="overall_value")
    ends["absolute_range"] = ends["most_deprived_value"] - ends["least_deprived_value"]
    return ends


def relative_range(profile: pd.DataFrame) -> pd.DataFrame:
    """Relative range = most deprived value / least deprived value (ScotPHO inequalities).

    NaN when the least deprived value is 0. Returns the group columns and most_deprived_value,
    least_deprived_value, relative_range.
    """
    ends = _ends(profile).drop(columns="overall_value")
    least = ends["least_deprived_value"].where(ends["least_deprived_value"] != 0)
    ends["relative_range"] = ends["most_deprived_value"] / least
    return ends
