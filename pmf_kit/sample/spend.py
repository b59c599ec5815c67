"""Service spend by data zone, financial year and service line: where public money goes locally.

KnowFife set spend beside need and performance. The sample mimics a council's cost-centre
extract apportioned to data zones: demand-led services (home care, employability, housing
support) report service users, and their spend follows users at a unit cost that drifts up with
inflation; universal services (parks, wardens) report no activity, only spend per resident.
Demand rises with deprivation; home care also follows the older residents, who live mostly
outside the deprived town centres; parks lean slightly towards the least deprived.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmf_kit.data.spend_file import SPEND_COLUMNS
from pmf_kit.sample.population import YEARS
from pmf_kit.sample.seeding import random_stream

SPEND_YEARS = tuple(year for year in YEARS if 2019 <= year <= 2023)
ANNUAL_INFLATION = 0.035
UNIT_COST_NOISE = 0.12
OLDER_BANDS = slice(13, None)
WORKING_BANDS = slice(4, 13)
SERVED_LABELS = {"residents": "all residents", "aged_65_plus": "residents aged 65+",
                 "aged_16_64": "residents aged 16 to 64"}


@dataclass(frozen=True)
class ServiceLine:
    """One line of spend: who it serves, how often, at what cost, and how need drives it."""

    name: str
    served: str                    # residents, aged_65_plus or aged_16_64
    users_per_person: float | None  # None: no activity recorded, spend per resident instead
    unit_cost_gbp: float           # per service user a year, or per resident a year
    gradient: float                # most / least deprived demand ratio


SERVICE_LINES = (
    ServiceLine("Home care", "aged_65_plus", 0.05, 12_500, 3.0),
    ServiceLine("Employability support", "aged_16_64", 0.012, 2_400, 5.0),
    ServiceLine("Housing support", "residents", 0.008, 3_100, 3.5),
    ServiceLine("Community wardens", "residents", None, 14, 2.5),
    ServiceLine("Parks and open spaces", "residents", None, 32, 0.8),
)


def financial_year(year: int) -> str:
    """2019 → "2019/20"."""
    return f"{year}/{(year + 1) % 100:02d}"


def spend_table(datazone_codes: pd.Series, counts: np.ndarray,
                deprivation_position: np.ndarray) -> pd.DataFrame:
    """spend.csv rows: every data zone, financial year and service line.

    `counts` is residents [data zone, year, sex, age band]; `deprivation_position` runs from 0
    (least deprived in Scotland) to 1 (most deprived). Users are Poisson draws around a rate
    that rises with deprivation; blank users mean the service records no activity.
    """
    rng = random_stream("spend")
    persons = counts.sum(axis=2)
    served = {
        "residents": persons.sum(axis=2),
        "aged_65_plus": persons[:, :, OLDER_BANDS].sum(axis=2),
        "aged_16_64": persons[:, :, WORKING_BANDS].sum(axis=2),
    }
    frames = []
    for year in SPEND_YEARS:
        year_index = YEARS.index(year)
        price_level = (1 + ANNUAL_INFLATION) ** (year - SPEND_YEARS[0])
        for line in SERVICE_LINES:
            people = served[line.served][:, year_index]
            need = line.gradient ** (deprivation_position - 0.5)
            cost_noise = np.exp(rng.normal(0, UNIT_COST_NOISE, size=len(people)))
            if line.users_per_person is None:
                users = pd.array([pd.NA] * len(people), dtype="Int64")
                spend = people * need * line.unit_cost_gbp * price_level * cost_noise
            else:
                drawn = rng.poisson(people * line.users_per_person * need)
                users = pd.array(drawn, dtype="Int64")
                spend = drawn * line.unit_cost_gbp * price_level * cost_noise
            frames.append(pd.DataFrame({
                "datazone_code": datazone_codes.to_numpy(),
                "period": financial_year(year),
                "service_line": line.name,
                "spend_gbp": np.rint(spend).astype(np.int64),
                "service_users": users,
            }))
    return pd.concat(frames, ignore_index=True)[list(SPEND_COLUMNS)]
