"""The one period parser: calendar years, financial years, financial quarters and multi-year aggregates."""

from datetime import date

import pytest

from pmf_kit.data.periods import PeriodError, following_period, latest_period, parse_period, sort_periods


@pytest.mark.parametrize("label, start, months, canonical", [
    ("2023", date(2023, 1, 1), 12, "2023"),
    ("2023/24", date(2023, 4, 1), 12, "2023/24"),
    ("2023-24", date(2023, 4, 1), 12, "2023/24"),
    ("2023/2024", date(2023, 4, 1), 12, "2023/24"),
    ("2024/25 Q2", date(2024, 7, 1), 3, "2024/25 Q2"),
    ("2024/25 q4", date(2025, 1, 1), 3, "2024/25 Q4"),
    ("1999/00", date(1999, 4, 1), 12, "1999/00"),
    (2020, date(2020, 1, 1), 12, "2020"),
    ("2014 to 2018 (5 year aggregate)", date(2014, 1, 1), 60, "2014 to 2018 (5 year aggregate)"),
    ("2015 to 2017 (3 year aggregate)", date(2015, 1, 1), 36, "2015 to 2017 (3 year aggregate)"),
    ("2015 to 2017", date(2015, 1, 1), 36, "2015 to 2017 (3 year aggregate)"),
    ("2016  TO 2020 (5-year aggregate)", date(2016, 1, 1), 60, "2016 to 2020 (5 year aggregate)"),
])
def test_parse(label, start, months, canonical):
    period = parse_period(label)
    assert (period.start, period.months, period.label) == (start, months, canonical)


@pytest.mark.parametrize("label", ["23", "2023/25", "2023 Q2", "FY2023", "", "2024/25 Q5",
                                   "2014 to 2018 (3 year aggregate)", "2018 to 2014", "2016 to 2016"])
def test_unreadable_period_says_what_is_expected(label):
    with pytest.raises(PeriodError, match="financial year \\(2023/24\\)"):
        parse_period(label)


def test_sorting_is_chronological_not_alphabetical():
    assert sort_periods(["2024/25 Q2", "2019/20", "2024/25 Q1", "2020", "2018/19"]) == [
        "2018/19", "2019/20", "2020", "2024/25 Q1", "2024/25 Q2"]
    assert latest_period(["2016", "2024", "2020"]) == "2024"


def test_kind():
    assert [parse_period(p).kind for p in ["2023", "2023/24", "2023/24 Q1"]] == [
        "calendar_year", "financial_year", "financial_quarter"]


def test_only_calendar_and_financial_years_are_single_years():
    assert parse_period("2023").is_single_year and parse_period("2023/24").is_single_year
    assert not parse_period("2024/25 Q2").is_single_year


def test_multi_year_aggregates_are_rolling_and_share_a_midpoint_with_shorter_ones():
    five, three, year = (parse_period(label) for label in
                         ["2014 to 2018 (5 year aggregate)", "2015 to 2017 (3 year aggregate)", "2016"])
    assert five.kind == three.kind == "multi_year_aggregate"
    assert five.is_multi_year and three.is_multi_year and not year.is_multi_year
    assert five.midpoint == three.midpoint == year.midpoint == date(2016, 7, 1)
    assert not parse_period("2024/25 Q2").is_multi_year
    assert not five.is_single_year and not three.is_single_year


def test_multi_year_aggregates_sort_by_start_among_other_periods():
    assert sort_periods(["2016 to 2020 (5 year aggregate)", "2014 to 2018 (5 year aggregate)", "2015"]) == [
        "2014 to 2018 (5 year aggregate)", "2015", "2016 to 2020 (5 year aggregate)"]


@pytest.mark.parametrize(("label", "following"), [
    ("2024", "2025"), ("2024/25", "2025/26"), ("2099/00", "2100/01"), ("2024/25 Q2", "2024/25 Q3"),
    ("2024/25 Q4", "2025/26 Q1"), ("2014 to 2018 (5 year aggregate)", "2015 to 2019 (5 year aggregate)"),
])
def test_the_following_period_is_of_the_same_kind_and_length(label, following):
    assert following_period(label) == following
    assert parse_period(following).months == parse_period(label).months
