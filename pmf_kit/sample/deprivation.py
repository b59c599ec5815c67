"""SIMD-style deprivation ranks for the sample data zones, spatially clustered.

Deprivation is concentrated in the cores of the bigger towns, with affluent suburbs around
them and a middling countryside. Ranks are national (1 = most deprived of 6,976), so each
edition takes 500 distinct ranks spread over all of Scotland and hands them out in order of
the data zones' underlying deprivation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmf_kit.sample import landscape
from pmf_kit.sample.seeding import random_stream

NATIONAL_DATAZONES = 6976
EDITIONS = ("SIMD 2016", "SIMD 2020")
LATEST_EDITION = "SIMD 2020"
# How closely each domain follows overall deprivation (access follows remoteness instead).
DOMAIN_CORRELATION = {
    "income": 0.95,
    "employment": 0.93,
    "health": 0.88,
    "education": 0.85,
    "access": 0.5,
    "crime": 0.6,
    "housing": 0.5,
}


def underlying_deprivation(datazones: pd.DataFrame) -> np.ndarray:
    """A latent deprivation score per data zone: higher is more deprived."""
    rng = random_stream("deprivation")
    east, north = datazones["east"].to_numpy(), datazones["north"].to_numpy()
    score = np.zeros(len(datazones))
    for settlement in landscape.SETTLEMENTS:
        centre_east, centre_north = landscape.km_to_grid(settlement.east_km, settlement.north_km)
        distance_km = np.hypot(east - centre_east, north - centre_north) / 1000
        score += settlement.deprivation * np.exp(-((distance_km / settlement.core_km) ** 2))
        ring_km = 1.9 * settlement.core_km
        score -= settlement.suburb_affluence * np.exp(-(((distance_km - ring_km) / 1.2) ** 2))
    for _ in range(14):
        bump_east, bump_north = rng.uniform(east.min(), east.max()), rng.uniform(north.min(),
                                                                                 north.max())
        distance_km = np.hypot(east - bump_east, north - bump_north) / 1000
        score += rng.normal(0, 0.35) * np.exp(-((distance_km / 3.0) ** 2))
    return score + rng.normal(0, 0.3, size=len(datazones))


def simd_table(datazones: pd.DataFrame) -> pd.DataFrame:
    """simd.csv rows for both editions: overall and domain ranks, deciles and quintiles."""
    latent = _standardised(underlying_deprivation(datazones))
    remoteness = _standardised(datazones["rurality"].to_numpy())
    editions = []
    for edition in EDITIONS:
        rng = random_stream(f"simd-{edition}")
        drift = 0.0 if edition == LATEST_EDITION else 0.25
        edition_latent = latent + rng.normal(0, drift, size=len(latent))
        ranks = _national_ranks(edition_latent, rng)
        table = pd.DataFrame({
            "datazone_code": datazones["datazone_code"],
            "simd_edition": edition,
            "simd_rank": ranks,
            "simd_decile": _band(ranks, 10),
            "simd_quintile": _band(ranks, 5),
        })
        for domain, correlation in DOMAIN_CORRELATION.items():
            domain_latent = (correlation * edition_latent
                             + np.sqrt(1 - correlation**2) * rng.normal(0, 1, size=len(latent)))
            if domain == "access":
                domain_latent = domain_latent + 0.6 * remoteness
            table[f"{domain}_rank"] = _national_ranks(domain_latent, rng)
        editions.append(table)
    return pd.concat(editions, ignore_index=True)


def _standardised(values: np.ndarray) -> np.ndarray:
    """Mean 0, standard deviation 1, so correlations can be mixed in by weight."""
    return (values - values.mean()) / values.std()


def _national_ranks(latent: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Distinct national ranks, the lowest (most deprived) to the highest latent score."""
    national = np.sort(rng.choice(NATIONAL_DATAZONES, size=len(latent), replace=False) + 1)
    ranks = np.empty(len(latent), dtype=int)
    ranks[np.argsort(-latent, kind="stable")] = national
    return ranks


def _band(ranks: np.ndarray, bands: int) -> np.ndarray:
    """Decile (10) or quintile (5): ceil(rank / (6976 / bands)), in exact integer arithmetic."""
    return -(-ranks * bands // NATIONAL_DATAZONES)
