"""The years SIMD's indicators describe, which are not the years of its editions.

SIMD 2016's population base is NRS's mid-2014 estimate and its crime police recorded crime of
2014/15; SIMD 2020's are mid-2017 and 2017/18 (METHODS.md, "Data years are not edition years").
Every SIMD value in the data set carries the period its data describe and its release ("2017/18,
SIMD 2020"), each period with the source that states it. Where no source reachable here states an
indicator's data year (the health and education indicators: they are in the SIMD technical notes),
the period is the edition's year, marked `period_is_edition`, and every report says "data year not
stated" instead of passing the edition year off as one: a year is never guessed.

Series breaks mark where SIMD 2016 and SIMD 2020 measure differently, so that no change is worked
out across them (METHODS.md: changes that are partly method changes).
"""

from __future__ import annotations

from dataclasses import dataclass

from pmf_kit.sources.simd import SIMD_2016, SIMD_2020

WORKBOOK_2016 = "SIMD 2016 indicator data workbook, sheet 'Indicator descriptions'"
WORKBOOK_2020 = "SIMD 2020v2 indicator data workbook, sheet 'Indicator descriptions'"
STATISTICS_GOV_SCOT = "statistics.gov.scot, 'Scottish Index of Multiple Deprivation - {} Indicators', reference period"
NOT_STATED = ("not stated in the SIMD workbook or on statistics.gov.scot as read here (see the SIMD {} technical "
              "notes): the period shown is the edition")


@dataclass(frozen=True)
class DataPeriod:
    """The period one edition's figures of an indicator describe, and where that is stated;
    `period` None means no source states it, and the edition's year stands in, marked."""

    period: str | None
    source: str


def _both(period_2016: str | None, source_2016: str, period_2020: str | None, source_2020: str) -> dict[str, DataPeriod]:
    return {SIMD_2016: DataPeriod(period_2016, source_2016), SIMD_2020: DataPeriod(period_2020, source_2020)}


def _not_stated() -> dict[str, DataPeriod]:
    return _both(None, NOT_STATED.format(2016), None, NOT_STATED.format(2020))


POPULATION_YEARS = _both("2014", f"NRS small area population estimate mid-2014, unrevised ({WORKBOOK_2016})",
                         "2017", f"NRS small area population estimate mid-2017 ({WORKBOOK_2020})")
ACCESS_YEARS = _both("2015", STATISTICS_GOV_SCOT.format("Geographic Access to Services") + " 2015",
                     "2018", "2018: statistics.gov.scot's reference period for the SIMD 2020 access indicators, and "
                             "Landmark's account of SIMD 2020's service locations ('based on 2018 data'); "
                             "secondary sources")
DATA_YEARS: dict[str, dict[str, DataPeriod]] = {
    "population": POPULATION_YEARS,
    "working_age_population": POPULATION_YEARS,
    "simd_most_deprived_20pct": POPULATION_YEARS,
    "income_deprived": _both("2015", STATISTICS_GOV_SCOT.format("Income") + " 2015",
                             None, NOT_STATED.format(2020)),
    "employment_deprived": _both("2014/15", STATISTICS_GOV_SCOT.format("Employment") + " 2014/2015 (a 12-month "
                                 "average of the claimant count)",
                                 "2017", STATISTICS_GOV_SCOT.format("Employment") + " 2017 (secondary source)"),
    "crime_rate": _both("2014/15", STATISTICS_GOV_SCOT.format("Crime") + " 2014/2015 (police recorded crime)",
                        "2017/18", STATISTICS_GOV_SCOT.format("Crime") + " 2017/2018 (police recorded crime)"),
    "overcrowded": _both("2011", STATISTICS_GOV_SCOT.format("Housing") + " 2011 (Census 2011)",
                         "2011", "Census 2011: SIMD 2020 republished SIMD 2016's housing figures unchanged (identical in "
                                 "every data zone)"),
}
for _twin, _of in (("income_deprived_count", "income_deprived"), ("employment_deprived_count", "employment_deprived"),
                   ("crime_count", "crime_rate"), ("overcrowded_count", "overcrowded"),
                   ("no_central_heating", "overcrowded"), ("no_central_heating_count", "overcrowded")):
    DATA_YEARS[_twin] = DATA_YEARS[_of]
for _time in ("drive_time_petrol_station", "drive_time_gp", "drive_time_post_office", "drive_time_primary_school",
              "drive_time_retail_centre", "drive_time_secondary_school", "public_transport_time_gp",
              "public_transport_time_post_office", "public_transport_time_retail_centre"):
    DATA_YEARS[_time] = ACCESS_YEARS

UNIVERSAL_CREDIT = ("Universal Credit replaced the older benefits between the two editions and widened who is counted "
                    "(ONS, Claimant Count quality and methodology; House of Commons Library CBP-7927): part of any "
                    "change reflects where and when it arrived, not changed hardship")
SERIES_BREAKS = {
    "population": "2017: the mid-2014 figure is NRS's unrevised estimate as SIMD 2016 used it ('unrevised figures as "
                  "published in August 2015'), and later figures come from later NRS releases",
    "working_age_population": "2017: SIMD 2016's working-age base is its own revised figure on the unrevised mid-2014 "
                              "estimate; SIMD 2020's is built on mid-2017",
    "income_deprived": f"2020: {UNIVERSAL_CREDIT}",
    "income_deprived_count": f"2020: {UNIVERSAL_CREDIT}",
    "employment_deprived": f"2017: {UNIVERSAL_CREDIT}",
    "employment_deprived_count": f"2017: {UNIVERSAL_CREDIT}",
    **{indicator: ("2018: SIMD 2020 recomputed every travel time with new service locations and travel-time data; "
                   "SG has treated such changes as breaks before (SIMD 2009 general report, section 8.3)")
       for indicator, years in DATA_YEARS.items() if years is ACCESS_YEARS},
}


def data_period(indicator_id: str, edition: str) -> DataPeriod:
    """The period an edition's figure of an indicator describes (its edition, marked, if none is stated)."""
    return DATA_YEARS.get(indicator_id, _NOT_STATED)[edition]


def period_source(indicator_id: str, editions: tuple[str, ...]) -> str:
    """The catalogue's citation of where each edition's data year comes from."""
    return "; ".join(f"{edition}: {data_period(indicator_id, edition).source}" for edition in editions)


def edition_year(edition: str) -> str:
    """`SIMD 2020` -> `2020`: the period that stands in where no data year is stated."""
    return edition.split()[-1]


_NOT_STATED = _not_stated()
