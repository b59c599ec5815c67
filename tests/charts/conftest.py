"""Inputs for the chart tests: a trend, a comparison, a gradient, a population and a map."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from pmf_kit import charts
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS
from tests.charts.specs import FINANCIAL_YEARS


@pytest.fixture
def trend() -> pd.DataFrame:
    rows = []
    for area, base in [("Scotland", 70.0), ("Levenmouth", 60.0)]:
        for offset, period in enumerate(FINANCIAL_YEARS):
            value = base + offset
            rows.append(
                {
                    "area_name": area,
                    "period": period,
                    "period_start": pd.Timestamp(f"{period[:4]}-04-01"),
                    "value": value,
                    "lower_ci": value - 2,
                    "upper_ci": value + 2.25,
                }
            )
    return pd.DataFrame(rows).iloc[[5, 2, 7, 0, 3, 6, 1, 4]]


@pytest.fixture
def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Fife", "Levenmouth", "Scotland", "Kirkcaldy"],
            "value": [11.9, 18.2, 14.0, np.nan],
            "lower_ci": [10.9, 16.0, 13.8, np.nan],
            "upper_ci": [12.9, 20.5, 14.2, np.nan],
        }
    )


@pytest.fixture
def gradient() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quantile": [3, 1, 5, 2, 4],
            "value": [71.0, 62.5, 78.9, 66.0, 74.2],
            "lower_ci": [69.0, 60.0, 77.0, 64.0, 72.0],
            "upper_ci": [73.0, 65.0, 80.8, 68.0, 76.4],
        }
    )


@pytest.fixture
def population() -> pd.DataFrame:
    rows = [
        {"sex": sex, "age_band": band, "population": 10 + index, "comparator_share": 2.5}
        for sex in ("female", "male")
        for index, band in enumerate(ESP2013_AGE_BANDS)
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def datazones() -> gpd.GeoDataFrame:
    """A 3 x 3 grid of 1 km squares near Kirkcaldy in British National Grid, deciles 1-4 only."""
    squares = [
        box(x, y, x + 1000, y + 1000)
        for y in range(691000, 694000, 1000)
        for x in range(327000, 330000, 1000)
    ]
    return gpd.GeoDataFrame(
        {
            "datazone_code": [f"S0100{index:04d}" for index in range(9)],
            "datazone_name": [f"Kirkcaldy {index}" for index in range(9)],
            "simd_decile": [1, 1, 2, 2, 3, 3, 4, 4, 4],
            "simd_quintile": [1, 1, 1, 1, 2, 2, 2, 2, 2],
        },
        geometry=squares,
        crs=27700,
    )
