"""The SIMD indicators of the whole-Scotland data set, per data zone, from the SIMD workbooks.

Every indicator the SIMD 2016 and SIMD 2020v2 workbooks publish per data zone, with a catalogue
row saying what it is and how an area's figure is made from its data zones:

- counts are summed, and a rate with a published count sums numerators and denominators
  (never an average of percentages);
- where the workbook publishes a count and a rate but no denominator, the denominator is
  derived as count / rate, and the definition says so;
- standardised ratios, scores and rates without a count are not additive: they are shown for
  data zones, where they are published; travel times and the prescribing rate are combined as a
  mean weighted by the SIMD population, the weighting SIMD itself uses (stated in each
  definition).

Each value's period is the one its data describe and its release the edition
(importers.simd_data_years): SIMD 2020's crime is period `2017/18`, release `SIMD 2020`; its
population base `2017`. Census 2011 indicators, which both editions publish unchanged, have the
one period `2011`. Where the two editions define an indicator differently it is two indicators,
each saying so. Population `2020` and `2021` are NRS's mid-year small area estimates.

Every SIMD indicator is published by SG for every data zone (`disclosure: published_at_source`);
SG's own suppression of small crime counts is kept, as bounds (importers.simd_crime).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from pmf_kit.importers.simd_crime import SUPPRESSION_RULE, crime_bounds
from pmf_kit.importers.simd_data_years import SERIES_BREAKS, data_period, edition_year, period_source
from pmf_kit.sources.simd import SIMD_2016, SIMD_2020
from pmf_kit.sources.tables import suppressed
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS

SOURCE_SUPPRESSED = "source_suppressed"
SIMD_SOURCE = "Scottish Government, SIMD 2016 and SIMD 2020v2 indicator data"
SIMD_2020_SOURCE = "Scottish Government, SIMD 2020v2 indicator data"
SIMD_2016_SOURCE = "Scottish Government, SIMD 2016 indicator data"
OWNER = "Scottish Government"
VALUE_COLUMNS = [
    "indicator_id", "geography_code", "period", "numerator", "denominator", "value",
    "quality_flag", "numerator_max", "release", "period_is_edition",
]
NOT_ADDITIVE_RATIO = (
    " A standardised ratio: 100 is the Scotland average, 200 twice it. Not additive: shown for "
    "data zones, where it is published; an area's ratio is its observed over its expected "
    "events, which the workbook does not publish, not an average of its data zones' ratios."
)
NOT_ADDITIVE_RATE = (
    " Not additive: shown for data zones, where it is published; the workbook gives no count "
    "or denominator to sum for a larger area."
)
WEIGHTED_TIME = (
    " Combined for an area as the mean of its data zones' times weighted by their SIMD "
    "population, as SIMD builds each data zone's time from its postcodes' (SIMD technical "
    "notes, access domain). A modelled time, with no sampling error: no interval, compared by size only."
)
PERIODS_SAY = (" Each figure's period is the year its data describe, where a source states it, and its release the "
               "SIMD edition (see the period sources).")


Rows = Callable[[pd.DataFrame, str], pd.DataFrame]
"""Builds one indicator's values.csv rows from one SIMD edition's tidy frame and its period."""


@dataclass(frozen=True)
class SimdIndicator:
    """A catalogue row, and how its values are read from the editions that publish it."""

    catalogue: dict[str, object]
    rows: Rows
    editions: tuple[str, ...] = (SIMD_2016, SIMD_2020)

    def __post_init__(self) -> None:
        """The catalogue row also says where each edition's data year comes from and where the
        series breaks (importers.simd_data_years)."""
        indicator_id = str(self.catalogue["indicator_id"])
        self.catalogue.setdefault("period_source", period_source(indicator_id, self.editions))
        self.catalogue.setdefault("series_breaks", SERIES_BREAKS.get(indicator_id, ""))


def _row(indicator_id: str, title: str, theme: str, definition: str, unit: str, polarity: str,
         aggregation: str, numerator_label: str = "", denominator_label: str = "",
         threshold: int = 5, source: str = SIMD_SOURCE, derived_from_simd: bool = False,
         owner: str = OWNER, variability: str = "", simd_input: bool = True, source_suppression: str = "") -> dict:
    """A catalogue row. SIMD's own indicators are published by SG for every data zone, so they are
    not suppressed again (`disclosure`), and they are inputs to SIMD itself (`simd_input`): split by
    SIMD quintile, they show partly how SIMD was built, so they never headline the gaps by deprivation."""
    return {
        "indicator_id": indicator_id, "title": title, "theme": theme, "definition": definition,
        "numerator_label": numerator_label, "denominator_label": denominator_label,
        "unit": unit, "polarity": polarity, "source": source, "owner": owner,
        "aggregation": aggregation, "suppression_threshold": threshold,
        "derived_from_simd": "true" if derived_from_simd else "false",
        "simd_input": "true" if simd_input else "false",
        "variability": variability, "disclosure": "published_at_source",
        "source_suppression": source_suppression,
    }


def count_rows(column: str) -> Rows:
    """A count: value = numerator, denominator blank."""
    def rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
        return _rows(frame, period, frame[column], None, None, suppressed(frame, column))
    return rows


def percent_rows(numerator: str, denominator: str) -> Rows:
    """A percentage: 100 × numerator / denominator, blank when either is missing or d is 0."""
    def rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
        flags = suppressed(frame, numerator) | suppressed(frame, denominator)
        return _rows(frame, period, frame[numerator], frame[denominator], 100.0, flags)
    return rows


def derived_denominator_rows(count: str, rate: str, *twins: tuple[str, str], per: float = 100.0) -> Rows:
    """A rate whose denominator is not published: derived as count / rate, rounded to whole
    people; where the count (so the rate) is 0, from a twin count and rate over the same
    denominator. The rates are published as fractions (0.102113), so `per` 100 is a percent.
    """
    def rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
        denominator = pd.Series(float("nan"), index=frame.index)
        for count_column, rate_column in ((count, rate), *twins):
            rate_value = frame[rate_column].where(frame[rate_column] > 0)
            denominator = denominator.fillna((frame[count_column] / rate_value).round())
        flags = suppressed(frame, count) | suppressed(frame, rate)
        return _rows(frame, period, frame[count], denominator, per, flags)
    return rows


def crime_rate_rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Crimes per 10,000 of the edition's population, SG's suppressed zones as bounds
    (importers.simd_crime): no count, the residents kept, the largest count each can hold."""
    return _bounded_rows(frame, period, crime_bounds(frame), 10000.0)


def crime_count_rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Recorded crimes, SG's suppressed zones as bounds as for the rate."""
    return _bounded_rows(frame, period, crime_bounds(frame).assign(denominator=float("nan")), None)


def _bounded_rows(frame: pd.DataFrame, period: str, bounds: pd.DataFrame, per: float | None) -> pd.DataFrame:
    """values.csv rows from a numerator, denominator and bound per data zone."""
    rows = _rows(frame, period, bounds["numerator"], None if per is None else bounds["denominator"], per,
                 pd.Series(False, index=frame.index))
    rows["quality_flag"] = bounds["source_suppressed"].map({True: SOURCE_SUPPRESSED, False: ""})
    rows["numerator_max"] = bounds["numerator_max"]
    return rows


def derived_count_rows(column: str, scale: float = 1.0) -> Rows:
    """A percentage of the SIMD population published without its count: the count derived as
    rate x population (as SIMD 2016's crime count is), so that an area's figure sums counts and
    residents and has a Wilson interval like any other percentage."""
    def rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
        flags = suppressed(frame, column)
        residents = frame["total_population"].astype(float)
        return _rows(frame, period, (scale * frame[column] * residents / 100).round(6), residents, 100.0, flags)
    return rows


def weighted_rows(column: str, scale: float = 1.0) -> Rows:
    """A published value combined by the mean weighted by SIMD total population: value as
    published (times `scale`), numerator blank, the weight in the denominator column."""
    def rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
        flags = suppressed(frame, column)
        table = _rows(frame, period, None, frame["total_population"], None, flags)
        table["value"] = (scale * frame[column]).mask(flags)
        return table
    return rows


def published_rows(column: str, scale: float = 1.0) -> Rows:
    """A value used only where published (a ratio, score or rate without a count)."""
    def rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
        flags = suppressed(frame, column)
        table = _rows(frame, period, None, None, None, flags)
        table["value"] = (scale * frame[column]).mask(flags)
        return table
    return rows


def most_deprived_rows(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Residents of quintile 1 data zones over all residents (100 or 0 per data zone)."""
    residents = frame["total_population"]
    in_quintile_1 = residents.where(frame["simd_quintile"] == 1, 0)
    return _rows(frame, period, in_quintile_1, residents, 100.0, suppressed(frame, "total_population"))


def _rows(
    frame: pd.DataFrame, period: str, numerator: pd.Series | None,
    denominator: pd.Series | None, per: float | None, flags: pd.Series,
) -> pd.DataFrame:
    """values.csv rows; value = per × n / d for a rate, n for a count (per None, d None)."""
    nothing = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    numerator = nothing if numerator is None else _whole_if_possible(numerator.mask(flags))
    denominator = nothing if denominator is None else _whole_if_possible(denominator.mask(flags))
    if per is None:
        value = numerator.astype(float)
    else:
        divisor = denominator.astype(float)
        value = per * numerator.astype(float) / divisor.where(divisor != 0)
    return pd.DataFrame({
        "geography_code": frame["datazone_code"],
        "period": period,
        "numerator": numerator,
        "denominator": denominator,
        "value": value,
        "quality_flag": flags.map({True: SOURCE_SUPPRESSED, False: ""}),
    })


def _whole_if_possible(counts: pd.Series) -> pd.Series:
    """Counts as whole numbers when they are, so values.csv shows 71 rather than 71.0."""
    numbers = pd.to_numeric(counts, errors="coerce").astype(float)
    if (numbers.dropna() % 1 == 0).all():
        return numbers.astype("Int64")
    return numbers


def _housing(indicator_id: str, title: str, people: str, count: str, rate: str, twin: tuple[str, str]) -> list[SimdIndicator]:
    census = (" From the 2011 Census, published unchanged in SIMD 2016 and SIMD 2020; period 2011. A census "
              "count, so no interval: compared by size only.")
    return [
        SimdIndicator(_row(f"{indicator_id}_count", f"People in households {title} (number)",
                           "Housing", f"Number of people in households {people}.{census}", "count",
                           "lower_is_better", "sum_ratio", f"People in households {people}", variability="census"),
                      count_rows(count), (SIMD_2020,)),
        SimdIndicator(_row(indicator_id, f"People in households {title}", "Housing",
                           f"Percentage of people in households {people}. The workbook publishes "
                           "the count and the rate but not the denominator (people in "
                           "households): it is derived as count / rate, rounded to whole people; "
                           "where the count is 0 it is derived from the other housing indicator, "
                           "which has the same denominator (five data zones with neither count "
                           f"have none and are left out of an area's rate).{census}", "percent",
                           "lower_is_better", "sum_ratio", f"People in households {people}",
                           "People in households (derived as count / rate)", variability="census"),
                      derived_denominator_rows(count, rate, twin), (SIMD_2020,)),
    ]


def _ratio(indicator_id: str, title: str, definition: str, column: str, theme: str = "Health",
           editions: tuple[str, ...] = (SIMD_2016, SIMD_2020)) -> SimdIndicator:
    return SimdIndicator(_row(indicator_id, title, theme, definition + NOT_ADDITIVE_RATIO,
                              "standardised_ratio", "lower_is_better", "not_additive", threshold=0),
                         published_rows(column), editions)


def _time(indicator_id: str, title: str, column: str, how: str) -> SimdIndicator:
    return SimdIndicator(_row(indicator_id, title, "Access to services",
                              f"Average {how} in minutes, from the SIMD access domain.{WEIGHTED_TIME}"
                              f"{PERIODS_SAY}", "minutes", "lower_is_better", "population_weighted",
                              denominator_label="Residents (the weight)", threshold=0, variability="estimate"),
                         weighted_rows(column))


SIMD_INDICATORS: list[SimdIndicator] = [
    SimdIndicator(_row("population", "Total population", "Population",
                       "Residents: NRS's mid-year estimates, mid-2014 (unrevised) and mid-2017 as SIMD 2016 and SIMD "
                       "2020 used them for their population bases, and NRS's small area population estimates for "
                       "mid-2020 and mid-2021. A population estimate: no interval, compared by size only.",
                       "count", "neutral", "sum_ratio", "Residents", threshold=0,
                       source=f"{SIMD_SOURCE}; National Records of Scotland, small area "
                       "population estimates mid-2020 and mid-2021", owner=f"{OWNER}; National Records of Scotland",
                       variability="estimate", simd_input=False),
                  count_rows("total_population")),
    SimdIndicator(_row("working_age_population", "Working-age population", "Population",
                       "Residents of working age (16 to state pension age): the SIMD working-age "
                       "base (SIMD 2016's revised figure), on NRS's mid-2014 and mid-2017 estimates. A population "
                       "estimate: no interval, compared by size only.", "count", "neutral", "sum_ratio",
                       "Working-age residents", threshold=0, variability="estimate", simd_input=False),
                  count_rows("working_age_population")),
    SimdIndicator(_row("income_deprived", "People who are income deprived", "Deprivation",
                       "Percentage of residents who are income deprived (SIMD income domain "
                       f"count over the SIMD total population).{PERIODS_SAY}", "percent",
                       "lower_is_better", "sum_ratio", "Income deprived residents", "Residents"),
                  percent_rows("income_count", "total_population")),
    SimdIndicator(_row("income_deprived_count", "People who are income deprived (number)",
                       "Deprivation", f"Number of residents who are income deprived (SIMD income "
                       f"domain count).{PERIODS_SAY}", "count", "lower_is_better", "sum_ratio",
                       "Income deprived residents"),
                  count_rows("income_count")),
    SimdIndicator(_row("employment_deprived", "Working-age people who are employment deprived",
                       "Deprivation", "Percentage of the working-age population who are "
                       "employment deprived (SIMD employment domain count over the SIMD "
                       f"working-age population).{PERIODS_SAY}", "percent", "lower_is_better",
                       "sum_ratio", "Employment deprived working-age residents",
                       "Working-age residents"),
                  percent_rows("employment_count", "working_age_population")),
    SimdIndicator(_row("employment_deprived_count", "Working-age people who are employment "
                       "deprived (number)", "Deprivation", "Number of working-age residents who "
                       f"are employment deprived (SIMD employment domain count).{PERIODS_SAY}",
                       "count", "lower_is_better", "sum_ratio",
                       "Employment deprived working-age residents"),
                  count_rows("employment_count")),
    SimdIndicator(_row("simd_most_deprived_20pct", "Residents of Scotland's 20% most deprived "
                       "data zones", "Deprivation", "Percentage of residents living in data zones "
                       "in national SIMD quintile 1 (the 20% most deprived in Scotland) of that "
                       "edition, over the edition's population base (mid-2014 for SIMD 2016, mid-2017 for SIMD 2020). "
                       "Each data zone is classified whole, so there is no sampling error: no interval, compared "
                       "by size only.", "percent", "lower_is_better", "sum_ratio",
                       "Residents of national SIMD quintile 1 data zones", "Residents",
                       threshold=0, derived_from_simd=True, variability="classification"),
                  most_deprived_rows),
    _ratio("comparative_illness_factor", "Comparative illness factor",
           "Comparative illness factor: people claiming one or more health-related benefits, "
           "as a ratio standardised by age and sex to Scotland.", "cif"),
    _ratio("alcohol_hospital_stays", "Hospital stays related to alcohol misuse",
           "Hospital stays related to alcohol misuse, as a ratio standardised by age and sex to "
           "Scotland.", "alcohol"),
    _ratio("drug_hospital_stays", "Hospital stays related to drug misuse",
           "Hospital stays related to drug misuse, as a ratio standardised by age and sex to "
           "Scotland.", "drug"),
    _ratio("standardised_mortality_ratio", "Standardised mortality ratio",
           "Deaths, as a ratio standardised by age and sex to Scotland (SMR).", "smr"),
    _ratio("emergency_hospital_stays", "Emergency stays in hospital",
           "Emergency stays in hospital, as a ratio standardised by age and sex to Scotland.", "emerg"),
    SimdIndicator(_row("depression_prescribing", "People prescribed drugs for anxiety, "
                       "depression or psychosis", "Health", "Percentage of the population being "
                       "prescribed drugs for anxiety, depression or psychosis. The workbook "
                       "publishes the rate without a count: the count is derived as rate x the SIMD population, "
                       "as SIMD 2016's crime count is, so an area's figure sums counts and residents and has a "
                       f"Wilson interval.{PERIODS_SAY}", "percent", "lower_is_better",
                       "sum_ratio", "People prescribed (derived as rate x population)", "Residents",
                       threshold=0),
                  derived_count_rows("depress", 100.0)),
    SimdIndicator(_row("low_birthweight", "Live singleton births of low birth weight", "Health",
                       "Percentage of live singleton births of low birth weight."
                       f"{NOT_ADDITIVE_RATE}{PERIODS_SAY}", "percent", "lower_is_better",
                       "not_additive", threshold=0),
                  published_rows("lbwt", 100.0)),
    SimdIndicator(_row("school_attendance", "School pupil attendance", "Education",
                       f"Percentage of school half-days attended by pupils.{NOT_ADDITIVE_RATE} "
                       "Blank where SG suppressed it.", "percent", "higher_is_better",
                       "not_additive", threshold=0),
                  published_rows("attendance", 100.0)),
    SimdIndicator(_row("school_leaver_attainment", "Attainment of school leavers", "Education",
                       "Attainment of school leavers: a score of the highest qualifications "
                       "gained (SIMD education domain). A score is not additive: shown for data "
                       "zones, where it is published. Blank where SG suppressed it."
                       f"{PERIODS_SAY}", "score", "higher_is_better", "not_additive",
                       threshold=0),
                  published_rows("attainment")),
    _ratio("working_age_no_qualifications", "Working-age people with no qualifications",
           "Working-age people with no qualifications, as a ratio standardised by age and sex "
           "to Scotland. Census-based, published unchanged in SIMD 2016 and SIMD 2020 (identical in every "
           "data zone); the workbooks do not state its data year.", "no_qualifications", "Education", (SIMD_2020,)),
    SimdIndicator(_row("neet_16_19", "16-19 year olds not in education, employment or training",
                       "Education", "Percentage of people aged 16 to 19 not in full-time "
                       "education, employment or training (SIMD 2016, from benefit and school "
                       "records). SIMD 2020 measures participation differently, so it is the "
                       "separate indicator not_participating_16_19, not a later period of this "
                       f"one.{NOT_ADDITIVE_RATE}", "percent", "lower_is_better", "not_additive",
                       threshold=0, source=SIMD_2016_SOURCE),
                  published_rows("not_participating", 100.0), (SIMD_2016,)),
    SimdIndicator(_row("not_participating_16_19", "16-19 year olds not participating in "
                       "education, employment or training", "Education", "Percentage of people "
                       "aged 16 to 19 not participating in education, employment or training "
                       "(SIMD 2020, from the Annual Participation Measure). Not comparable with "
                       f"SIMD 2016's neet_16_19, which is defined differently.{NOT_ADDITIVE_RATE}",
                       "percent", "lower_is_better", "not_additive", threshold=0,
                       source=SIMD_2020_SOURCE),
                  published_rows("not_participating", 100.0), (SIMD_2020,)),
    SimdIndicator(_row("entering_higher_education_17_21", "17-21 year olds entering full-time "
                       "higher education", "Education", "Percentage of 17 to 21 year olds "
                       "entering full-time higher education (SIMD 2016). SIMD 2020 counts entrants "
                       "to university only, so it is the separate indicator "
                       f"entering_university_17_21.{NOT_ADDITIVE_RATE}", "percent",
                       "higher_is_better", "not_additive", threshold=0, source=SIMD_2016_SOURCE),
                  published_rows("university", 100.0), (SIMD_2016,)),
    SimdIndicator(_row("entering_university_17_21", "17-21 year olds entering university",
                       "Education", "Percentage of 17 to 21 year olds entering university (SIMD "
                       "2020). Not comparable with SIMD 2016's entering_higher_education_17_21, "
                       f"which counts all full-time higher education.{NOT_ADDITIVE_RATE}",
                       "percent", "higher_is_better", "not_additive", threshold=0,
                       source=SIMD_2020_SOURCE),
                  published_rows("university", 100.0), (SIMD_2020,)),
    _time("drive_time_petrol_station", "Drive time to a petrol station", "drive_petrol",
          "drive time to a petrol station"),
    _time("drive_time_gp", "Drive time to a GP surgery", "drive_gp", "drive time to a GP surgery"),
    _time("drive_time_post_office", "Drive time to a post office", "drive_post",
          "drive time to a post office"),
    _time("drive_time_primary_school", "Drive time to a primary school", "drive_primary",
          "drive time to a primary school"),
    _time("drive_time_retail_centre", "Drive time to a retail centre", "drive_retail",
          "drive time to a retail centre"),
    _time("drive_time_secondary_school", "Drive time to a secondary school", "drive_secondary",
          "drive time to a secondary school"),
    _time("public_transport_time_gp", "Public transport time to a GP surgery", "pt_gp",
          "public transport travel time to a GP surgery"),
    _time("public_transport_time_post_office", "Public transport time to a post office", "pt_post",
          "public transport travel time to a post office"),
    _time("public_transport_time_retail_centre", "Public transport time to a retail centre",
          "pt_retail", "public transport travel time to a retail centre"),
    SimdIndicator(_row("no_superfast_broadband", "Premises without superfast broadband",
                       "Access to services", "Percentage of premises without access to superfast "
                       "broadband (at least 30 Mb/s download). Not additive: shown for data "
                       "zones, where it is published; the workbook gives no count of premises to "
                       "sum for a larger area. Published in SIMD 2020 only.", "percent",
                       "lower_is_better", "not_additive", threshold=0, source=SIMD_2020_SOURCE,
                       variability="estimate"),
                  published_rows("broadband", 100.0), (SIMD_2020,)),
    SimdIndicator(_row("crime_count", "Recorded crimes (number)", "Crime",
                       "Number of recorded crimes of violence, sexual offences, domestic "
                       "housebreaking, vandalism, drugs offences and common assault (SIMD crime "
                       "domain), grossed up by SG to each council's total. SIMD 2016 publishes the rate alone: its "
                       "count is derived as rate x its total population / 10,000. SG suppressed data zones with "
                       "fewer than 3 crimes: an area with such zones has a range, from its known count to that "
                       "plus 2 crimes (grossed up) per suppressed zone.", "count", "lower_is_better", "sum_ratio",
                       "Recorded crimes", source_suppression=SUPPRESSION_RULE),
                  crime_count_rows),
    SimdIndicator(_row("crime_rate", "Recorded crimes per 10,000 residents", "Crime",
                       "Recorded crimes of violence, sexual offences, domestic housebreaking, "
                       "vandalism, drugs offences and common assault per 10,000 residents. SIMD "
                       "2020 publishes the count and the rate: the denominator, derived as count "
                       "/ rate × 10,000, equals its total population. SIMD 2016 publishes the "
                       "rate alone: its count is derived as rate × its total population / 10,000. "
                       "SG suppressed data zones with fewer than 3 crimes (SIMD 2016's file here shows their "
                       "rates; they are suppressed as SG's own file has them): each is counted as 0 to 2 crimes "
                       "(grossed up), its residents kept, so an area with such zones has a range, never a rate "
                       f"over its higher-crime zones alone.{PERIODS_SAY}", "rate_per_10000",
                       "lower_is_better", "sum_ratio", "Recorded crimes",
                       "Residents (the edition's total population)", source_suppression=SUPPRESSION_RULE),
                  crime_rate_rows),
    *_housing("overcrowded", "that are overcrowded", "that are overcrowded",
              "overcrowded_count", "overcrowded_rate",
              ("nocentralheating_count", "nocentralheating_rate")),
    *_housing("no_central_heating", "without central heating", "without central heating",
              "nocentralheating_count", "nocentralheating_rate",
              ("overcrowded_count", "overcrowded_rate")),
]

SAPE_SOURCE = "National Records of Scotland, small area population estimates mid-2020 and mid-2021"
AGE_SHARES = {
    "population_aged_65_plus": ("Residents aged 65 and over", 65),
    "population_aged_75_plus": ("Residents aged 75 and over", 75),
}
AGE_SHARE_ROWS = [
    _row(indicator_id, title, "Population", f"Percentage of residents aged {age} and over (NRS small "
         "area population estimates, mid-year; residents of those ages over all residents).", "percent",
         "neutral", "sum_ratio", f"Residents aged {age} and over", "Residents", threshold=0,
         source=SAPE_SOURCE, owner="National Records of Scotland", variability="estimate", simd_input=False)
    | {"period_source": "NRS small area population estimates, mid-year (30 June) of each period's year"}
    for indicator_id, (title, age) in AGE_SHARES.items()
]

INDICATOR_CATALOGUE = pd.DataFrame([
    *(indicator.catalogue for indicator in SIMD_INDICATORS[:2]), *AGE_SHARE_ROWS,
    *(indicator.catalogue for indicator in SIMD_INDICATORS[2:]),
])


def age_share_values(population: pd.DataFrame) -> pd.DataFrame:
    """values.csv rows of the older residents' shares, per data zone and population period,
    from population.csv rows (residents by data zone, period, sex and ESP 2013 age band, and the
    release each period comes from)."""
    frames = []
    residents = population.groupby(["datazone_code", "period"])["population"].sum()
    releases = population.drop_duplicates("period").set_index("period")["release"]
    for indicator_id, (_, age) in AGE_SHARES.items():
        bands = [band for band in ESP2013_AGE_BANDS if int(band.split("-")[0].rstrip("+")) >= age]
        older = population[population["age_band"].isin(bands)].groupby(["datazone_code", "period"])["population"].sum()
        table = pd.DataFrame({"numerator": older.reindex(residents.index, fill_value=0), "denominator": residents})
        table = table.reset_index().rename(columns={"datazone_code": "geography_code"})
        divisor = table["denominator"].where(table["denominator"] > 0)
        table["value"] = (100 * table["numerator"] / divisor).round(6)
        frames.append(table.assign(indicator_id=indicator_id, quality_flag="", release=table["period"].map(releases),
                                   period_is_edition=False, numerator_max=float("nan")))
    return pd.concat(frames, ignore_index=True)[VALUE_COLUMNS]


def indicator_values(simd: list[pd.DataFrame], residents: dict[str, tuple[pd.Series, str]]) -> pd.DataFrame:
    """values.csv rows for every SIMD indicator, data zone and period, each with the period its
    data describe and its release (importers.simd_data_years), and the `population` indicator's
    NRS small area estimates: `residents` maps a period to (residents per data zone, release)."""
    frames = []
    for edition in simd:
        name = edition["simd_edition"].iloc[0]
        for indicator in SIMD_INDICATORS:
            if name not in indicator.editions:
                continue
            indicator_id = str(indicator.catalogue["indicator_id"])
            stated = data_period(indicator_id, name).period
            rows = indicator.rows(edition, stated or edition_year(name))
            frames.append(rows.assign(indicator_id=indicator_id, release=name, period_is_edition=stated is None))
    for period, (by_zone, release) in residents.items():
        totals = by_zone.rename("population").rename_axis("datazone_code").reset_index()
        frames.append(count_rows("population")(totals, period).assign(indicator_id="population", release=release,
                                                                       period_is_edition=False))
    values = pd.concat(frames, ignore_index=True)
    values["value"] = values["value"].astype(float).round(6)
    if "numerator_max" not in values.columns:
        values["numerator_max"] = float("nan")
    return values[VALUE_COLUMNS]
