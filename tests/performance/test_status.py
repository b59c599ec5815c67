"""Status rules and trend words against hand-worked cases."""

from __future__ import annotations

import math

import pytest

from pmf_kit.performance.kpis import Milestone
from pmf_kit.performance.status import expected_value, kpi_status, period_end, period_start_year, trend_label
from pmf_kit.stats import RecentTrend


def test_period_start_year_and_end():
    assert period_start_year("2024/25") == pytest.approx(2024.25)
    assert period_start_year("2024") == 2024.0
    assert str(period_end("2024/25 Q2")) == "2024-10-01"
    assert str(period_end("2024/25 Q4")) == "2025-04-01"
    assert str(period_end("2024/25")) == "2025-04-01"


def test_expected_value_is_a_straight_line_from_baseline_to_target():
    # baseline 2019/20 = 20, target 2026/27 = 13: 1 a year, so 2024/25 (5 years on) expects 15.
    milestones = [Milestone("2019/20", 20.0), Milestone("2026/27", 13.0)]
    assert expected_value(milestones, "2024/25") == pytest.approx(15.0)
    assert expected_value(milestones, "2017/18") == 20.0  # before the baseline: the baseline
    assert expected_value(milestones, "2027/28") == 13.0  # after the target: the target


def test_expected_value_follows_interim_milestones():
    # 2019 = 30, 2022 = 24 (milestone), 2026 = 20: 2021 lies 2/3 of the way to 24 -> 26; 2024 halfway to 20 -> 22.
    milestones = [Milestone("2019", 30.0), Milestone("2022", 24.0), Milestone("2026", 20.0)]
    assert expected_value(milestones, "2021") == pytest.approx(26.0)
    assert expected_value(milestones, "2024") == pytest.approx(22.0)


@pytest.mark.parametrize(
    ("latest", "polarity", "status"),
    [
        (15.0, "lower_is_better", "on track"),    # exactly on the trajectory
        (14.0, "lower_is_better", "on track"),    # better than it
        (15.35, "lower_is_better", "at risk"),    # 0.35 worse; allowance 5% of gap 7 = 0.35
        (15.36, "lower_is_better", "off track"),  # just beyond
        (math.nan, "lower_is_better", "no data"),
    ],
)
def test_status_lower_is_better(latest, polarity, status):
    assert kpi_status(latest, expected=15.0, baseline=20.0, target=13.0, polarity=polarity, tolerance=0.05) == status


def test_status_higher_is_better_and_tolerance_per_kpi():
    # baseline 90, target 95, expected 93: allowance 10% x 5 = 0.5
    assert kpi_status(93.2, 93.0, 90.0, 95.0, "higher_is_better", 0.10) == "on track"
    assert kpi_status(92.6, 93.0, 90.0, 95.0, "higher_is_better", 0.10) == "at risk"
    assert kpi_status(92.4, 93.0, 90.0, 95.0, "higher_is_better", 0.10) == "off track"
    assert kpi_status(92.4, 93.0, 90.0, 95.0, "higher_is_better", 0.20) == "at risk"


def test_status_of_a_maintain_target_uses_the_baseline():
    # target = baseline = 50: allowance 5% x 50 = 2.5
    assert kpi_status(52.0, 50.0, 50.0, 50.0, "lower_is_better", 0.05) == "at risk"
    assert kpi_status(53.0, 50.0, 50.0, 50.0, "lower_is_better", 0.05) == "off track"
    assert kpi_status(None, 50.0, 50.0, 50.0, "lower_is_better", 0.05) == "no data"


@pytest.mark.parametrize(
    ("assessment", "words"),
    [("improving", "improving"), ("worsening", "worsening"), ("no significant change", "no change"),
     ("cannot be calculated", "not calculated")],
)
def test_trend_words(assessment, words):
    assert trend_label(RecentTrend("increasing", assessment, 12.0)) == words


def test_no_baseline_figure_means_no_status_whatever_the_latest_value():
    # Expected 93.0 from the milestones after the baseline, but the baseline itself has no figure.
    assert kpi_status(92.4, 93.0, float("nan"), 95.0, "higher_is_better", 0.10) == "no data"
