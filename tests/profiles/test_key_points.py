"""Key points drafted from a profile's tables: right for one, many and none, and for missing data."""

from __future__ import annotations

import re

import pytest

import pmf_kit.charts.display

from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles import report, report_sections
from pmf_kit.profiles.key_points import draft, key_points, key_points_with_override
from pmf_kit.profiles.profile import LocalityProfile
from tests.conftest import SAMPLE_DATASET

COMPARATORS = ["Fife", "Scotland"]
POPULATION = {"residents": "37,888", "period": "2021, NRS small area population estimates", "earliest": "2020",
              "before": "38,010", "change": "0.3", "direction": "fewer"}


def fact(title: str, worse=(), better=(), trend="no significant change", value="12.5%", unit="percent",
         higher=(), lower=(), unstable="", other_period=(), tested=None) -> dict:
    return {"title": title, "period": "2023/24", "value": value, "unit": unit, "trend": trend, "unstable": unstable,
            "tested": unit != "count" if tested is None else tested,
            "worse": [{"name": name, "value": figure} for name, figure in worse],
            "better": [{"name": name, "value": figure} for name, figure in better],
            "higher": [{"name": name, "value": figure} for name, figure in higher],
            "lower": [{"name": name, "value": figure} for name, figure in lower],
            "all_compared": len(COMPARATORS),
            "other_period": [{"name": name, "value": figure, "period": period} for name, figure, period in other_period]}


def gap(title: str, worse_for_most_deprived=True) -> dict:
    return {"title": title, "period": "2020", "unit": "percent", "most": "21.0%", "least": "4.0%",
            "sii": "18.2 percentage points", "rii": "1.43", "higher_end": "most", "spans_zero": False,
            "worse_for_most_deprived": worse_for_most_deprived}


def test_many_findings_worse_and_getting_worse_first():
    facts = [fact("Crime", worse=[("Fife", "26.9 per 1,000"), ("Scotland", "25.0 per 1,000")], trend="worsening"),
             fact("Fires", worse=[("Fife", "182.6 per 100,000")]),
             fact("Smoking", worse=[("Scotland", "11.0%")]),
             fact("Attendance", better=[("Fife", "92.6%"), ("Scotland", "92.8%")], trend="improving"),
             fact("Home care", better=[("Scotland", "5.0%")]),
             fact("Births", trend="increasing"), fact("Residents", trend="decreasing"),
             fact("Falls", trend="worsening")]
    text = draft("Levenmouth", COMPARATORS, facts, [gap("Income"), gap("Claimants"), gap("Attendance", False)], POPULATION)
    assert text.index("Significantly worse and getting worse") < text.index("**Significantly worse** (2 more")
    assert ("- **Crime**: 12.5% (2023/24), significantly worse than Fife at 26.9 per 1,000 and Scotland at "
            "25.0 per 1,000, and worsening over the last five years.") in text
    assert "(1 indicator):" in text  # worse and getting worse: one
    assert "**Significantly better** (2 indicators):" in text
    assert "better than Fife at 92.6% and Scotland at 92.8%, and improving over the last five years." in text
    assert "- Improving: Attendance." in text
    assert "- Worsening (besides those above): Falls." in text
    assert "- Changing, where neither direction is better: Births (increasing) and Residents (decreasing)." in text
    assert "**Widest gaps between the most and least deprived** (3 indicators):" in text
    assert ("- **Income** (2020): 21.0% in the most deprived national quintile and 4.0% in the least deprived; across "
            "the deprivation scale the value is 18.2 percentage points higher at the most deprived end (SII), 1.43 "
            "times the area's average (RII), worse for the most deprived.") in text
    assert "(RII), better for the most deprived." in text
    assert text.endswith("**Population**: 37,888 residents (2021, NRS small area population estimates), 0.3% fewer "
                         "than in 2020 (38,010).")


def test_one_of_each():
    facts = [fact("Crime", worse=[("Fife", "26.9 per 1,000")]), fact("Attendance", better=[("Scotland", "92.8%")])]
    text = draft("Levenmouth", COMPARATORS, facts, [gap("Income")], POPULATION | {"direction": "more"},
                 missing=["Births"])
    assert "getting worse" not in text  # nothing to say there: no sentence about it at all
    assert "**Significantly worse** (1 indicator):" in text and "(1 more indicator)" not in text
    assert "**Significantly better** (1 indicator):" in text
    assert "(1 indicator):\n\n- **Income**" in text
    assert "0.3% more than in 2020" in text
    assert "1 indicator has no figure for Levenmouth that can be shown (no data, or a small count hidden): Births." in text


def test_none_at_all():
    text = draft("Levenmouth", COMPARATORS, [fact("Crime"), fact("Fires")], [], POPULATION | {"direction": "no change"})
    assert "No indicator is significantly worse than Fife or Scotland." in text
    assert "No indicator is significantly better than Fife or Scotland." in text
    assert "No indicator with five yearly figures has a significant recent trend." in text
    assert "No gap between the most and least deprived can be calculated here" in text
    assert "37,888 residents (2021, NRS small area population estimates), little changed from 2020 (38,010)." in text
    assert "no figure" not in text


def test_no_sentence_about_trends_where_no_indicator_can_have_one():
    text = draft("Levenmouth", COMPARATORS, [fact("Crime"), fact("Fires")], [], POPULATION, can_have_trends=False)
    assert "trend" not in text.lower()


def test_worse_than_one_comparator_better_than_another_is_said_once_side_by_side():
    text = draft("Elgin", COMPARATORS, [fact("Heating", worse=[("Fife", "1.5%")], better=[("Scotland", "1.8%")],
                                            value="1.6%")], [], POPULATION)
    assert "**Worse than one comparator, better than another** (1 indicator): Elgin lies between them." in text
    assert "- **Heating**: 1.6% (2023/24), significantly worse than Fife at 1.5% but better than Scotland at 1.8%." in text
    assert text.count("Heating") == 1
    assert "No indicator is significantly worse" not in text and "No indicator is significantly better" not in text


def test_figures_without_sampling_error_are_compared_by_size_only():
    facts = [fact("Residents aged 75+", higher=[("Fife", "10.3%"), ("Scotland", "8.7%")], value="11.7%"),
             fact("In the most deprived 20%", lower=[("Fife", "2.8%"), ("Scotland", "19.5%")], value="0.0%")]
    text = draft("Moray East", COMPARATORS, facts, [], POPULATION)
    assert "**Higher or lower than Fife and Scotland** (figures without sampling error, compared by size only):" in text
    assert "- **Residents aged 75+**: 11.7% (2023/24), higher than Fife at 10.3% and Scotland at 8.7%." in text
    assert "- **In the most deprived 20%**: 0.0% (2023/24), lower than Fife at 2.8% and Scotland at 19.5%." in text
    assert "significantly" not in text.replace("No indicator is significantly", "")


def test_a_figure_of_another_period_is_shown_beside_without_a_verdict():
    life = fact("Life expectancy", value="82.3 years", unit="years",
                other_period=[("Fife", "81.5 years", "3-year aggregate 2017-2019")])
    text = draft("Moray East", COMPARATORS, [life], [], POPULATION)
    assert "**Shown without a verdict** (the comparators have no figure for the same period):" in text
    assert "- **Life expectancy**: 82.3 years (2023/24). Fife: 81.5 years (3-year aggregate 2017-2019)." in text


def test_unstable_figures_never_lead_and_are_read_with_care():
    unstable = fact("Life expectancy, males", better=[("Fife", "77.2 years")], value="84.0 years", unit="years",
                    unstable="a population under 5,000 (life expectancy is unstable for so few residents)")
    text = draft("Kilmardinny East", COMPARATORS, [unstable, fact("Crime", worse=[("Fife", "25.0 per 1,000")])],
                 [], POPULATION)
    assert "**Significantly better**" not in text
    assert text.index("**Significantly worse**") < text.index("**Read with care**")
    assert ("- Life expectancy, males: 84.0 years (2023/24), a population under 5,000 (life expectancy is unstable for "
            "so few residents); better than Fife at 77.2 years.") in text


def test_indicators_published_only_for_larger_areas_are_named_once():
    text = draft("Moray East", COMPARATORS, [fact("Crime")], [], POPULATION, level="HSCP locality",
                 elsewhere=[{"theme": "Migration", "count": 15, "shown_for": ["Moray", "Scotland"]}])
    assert ("Migration figures (15 indicators) are published for larger areas only, not for any HSCP locality: they are "
            "shown for Moray and Scotland.") in text


def test_inputs_of_simd_never_headline_the_gaps():
    text = draft("Clackmannanshire", COMPARATORS, [fact("Crime")], [], POPULATION,
                 simd_inputs=["People who are income deprived"])
    assert ("No gap by deprivation is headlined here: the only indicators split by SIMD quintile in this area are "
            "inputs of SIMD itself (1)") in text
    assert "**Widest gaps" not in text


def test_no_comparator_no_gaps_for_a_data_zone_and_one_population_estimate():
    population = {"residents": "702", "period": "2024", "earliest": None}
    text = draft("Muirfoot - 01", [], [fact("Crime")], None, population)
    assert text.startswith("Muirfoot - 01 is compared with no other area in this report, so no indicator is called")
    assert "deprived" not in text  # a data zone lies in one quintile: no gap is mentioned at all
    assert text.endswith("**Population**: 702 residents (2024).")


def test_missing_data_is_said_for_every_indicator_without_a_figure():
    text = draft("Isle", COMPARATORS, [], [], POPULATION, missing=["Crime", "Fires", "Smoking"])
    assert "3 indicators have no figure for Isle that can be shown (no data, or a small count hidden): " \
           "Crime, Fires and Smoking." in text
    assert "no data in" not in text  # no sentence quotes a value that is not there


def test_drafted_from_the_tiny_profile_tables(tiny):
    """South Coast smokers 70 / 320 = 21.9% (Wilson 95%: 17.7 to 26.7) against the council's
    103 / 650 = 15.8% and Scotland's published 15.0%; admissions 340 / 2,700 = 125.9 per 1,000
    (Byar: 112.9 to 140.0) against the council's 480 / 4,500 = 106.7; Scotland publishes none."""
    profile = LocalityProfile(tiny, "South Coast", "locality", ["council", "scotland"])
    text = key_points(profile)
    assert "- **Adults who smoke**: 21.9% (2023), significantly worse than Tiny Council at 15.8% and Scotland at 15.0%." in text
    assert "- **Emergency admissions**: 125.9 per 1,000 (2023/24), significantly worse than Tiny Council at 106.7 per 1,000." in text
    assert "**Population**: 2,700 residents (2023)." in text  # the tiny population has one year
    # births: a count with a data zone missing has no figure for the area or its comparators, so
    # the theme table leaves it out, and so do the key points
    assert "Births" not in text and "births" not in list(profile.theme_table("Children and young people")["indicator_id"])
    assert profile.theme_table("Health").set_index("indicator_id").loc["smoking", "South Coast"] == "21.9"


@pytest.mark.parametrize(("front", "expected_start", "source"), [
    ("", "Our words.", "written by the analyst"),
    ("---\nmode: extend\n---\n", "**Significantly worse**", "drafted and extended by the analyst"),
])
def test_an_analyst_replaces_or_extends_the_draft(tiny, tmp_path, front, expected_start, source):
    (tmp_path / "south-coast.md").write_text(f"{front}Our words.", encoding="utf-8")
    profile = LocalityProfile(tiny, "South Coast", "locality", ["council", "scotland"])
    text, said = key_points_with_override(profile, tmp_path)
    assert text.startswith(expected_start) and text.endswith("Our words.") and said == source
    (tmp_path / "south-coast.md").unlink()
    (tmp_path / "XL0000002.md").write_text("By code.", encoding="utf-8")
    assert key_points_with_override(profile, tmp_path) == ("By code.", "written by the analyst")


def test_every_figure_in_the_key_points_is_one_a_table_of_the_report_shows(monkeypatch):
    """Auchterlinn's sample profile with its five similar areas: each number of the drafted text
    (figures, periods, counts of indicators) is found in the report's tables as they are shown."""
    shown: list[str] = []
    for module in (report, report_sections, pmf_kit.charts.display):
        monkeypatch.setattr(module, "display", lambda item, **_: shown.append(getattr(item, "data", "")))
    profile = LocalityProfile(open_dataset(SAMPLE_DATASET), "Auchterlinn", "locality", ["council", "scotland"],
                              similar_areas=5)
    report.show_headline(profile)
    report_sections.show_themes(profile)
    report_sections.show_inequalities(profile)
    tables = " ".join(part for part in shown if isinstance(part, str))
    text = key_points(profile)
    figures = re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?(?:/\d+)?", text)
    assert len(figures) > 20  # the sample has findings of every kind
    counts = re.findall(r"\((\d+) (?:more )?indicators?\)", text)
    missing = [figure for figure in figures if f">{figure}" not in tables and f"{figure}<" not in tables
               and f" {figure}" not in tables and figure not in counts]
    assert missing == []


def test_figures_without_sampling_error_get_no_word_on_significance():
    """A census-only data set: nothing can be tested, so the key points do not say that nothing is
    significantly worse or better; they compare by size."""
    facts = [fact("Flats", higher=[("Fife", "30.0%"), ("Scotland", "34.4%")], value="68.5%", tested=False),
             fact("Veterans", lower=[("Fife", "3.9%"), ("Scotland", "3.9%")], value="2.0%", tested=False)]
    text = draft("Glasgow City", COMPARATORS, facts, None, POPULATION)
    assert "significantly" not in text
    assert "**Flats**: 68.5% (2023/24), higher than Fife at 30.0% and Scotland at 34.4%." in text
