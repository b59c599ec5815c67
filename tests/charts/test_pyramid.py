"""pmf_kit.charts.pyramid: shares of the whole area, band order, comparator marks, table."""

from __future__ import annotations

import pandas as pd
import pytest

from pmf_kit import charts
from pmf_kit.errors import PmfKitError
from pmf_kit.stats.standardisation import ESP2013_AGE_BANDS
from tests.charts.specs import inline_rows, layer_with_mark, marks_of


def test_population_shares_are_of_the_whole_area(population):
    shares = charts.population_shares(population)
    total = population["population"].sum()
    assert shares["share"].sum() == pytest.approx(100)
    first = shares.iloc[0]
    assert (first["sex"], first["age_band"]) == ("Female", "0-4")
    assert first["share"] == pytest.approx(100 * 10 / total)


def test_age_pyramid_puts_oldest_at_top_and_females_left(population):
    chart = charts.age_pyramid(population, "Levenmouth population, 2021", comparator_label="Fife")
    spec = chart.to_dict()
    bars = layer_with_mark(spec, "bar")
    assert bars["encoding"]["y"]["sort"] == list(reversed(charts.POPULATION_AGE_BANDS))
    assert bars["transform"] == [{"calculate": "datum.side * datum.share", "as": "signed_share"}]
    sides = {row["sex"]: row["side"] for row in inline_rows(spec, bars)}
    assert sides == {"Female": -1, "Male": 1}
    assert bars["encoding"]["color"]["scale"]["range"] == list(charts.SEX_COLOURS.values())
    assert "abs(datum.value)" in bars["encoding"]["x"]["axis"]["labelExpr"]
    assert "Black marks show Fife" in spec["title"]["subtitle"]
    said = inline_rows(spec, bars)[0]["mark_description"]
    assert said.startswith("Females aged 0-4: ") and said.endswith("(10 people); Fife 2.5%")
    assert spec["description"].startswith("Population pyramid: Levenmouth population, 2021.")


def test_age_pyramid_comparator_marks_only_when_given(population):
    assert "tick" in marks_of(charts.age_pyramid(population, "t").to_dict())
    plain = population.drop(columns=["comparator_share"])
    assert marks_of(charts.age_pyramid(plain, "t").to_dict()) == ["bar"]


def test_age_pyramid_rejects_unknown_bands(population):
    with pytest.raises(PmfKitError, match="found 0-15"):
        charts.age_pyramid(population.assign(age_band="0-15"), "t")


def test_age_pyramid_table(population):
    table = charts.age_pyramid_table(population, comparator_label="Fife")
    assert list(table.columns) == [
        "Age band",
        "Females", "Females (% of population)", "Females, Fife (%)",
        "Males", "Males (% of population)", "Males, Fife (%)",
    ]  # fmt: skip
    assert table["Age band"].tolist() == list(ESP2013_AGE_BANDS)
    total = population["population"].sum()
    assert table.loc[0, "Females"] == 10
    assert table.loc[18, "Males"] == 28
    assert table.loc[18, "Males (% of population)"] == round(100 * 28 / total, 1)
    assert table.loc[0, "Females, Fife (%)"] == 2.5


def test_a_census_pyramid_ends_at_85_and_over_and_says_so():
    """Census output-area tables stop at 85 and over: the pyramid's last band is 85+, and its
    description names the bands it has, not ESP2013's 90+."""
    bands = [*ESP2013_AGE_BANDS[:17], "85+"]
    population = pd.DataFrame({"sex": ["female"] * 18 + ["male"] * 18, "age_band": bands * 2,
                               "population": [10] * 17 + [4] + [10] * 17 + [2]})
    table = charts.age_pyramid_table(population)
    assert table["Age band"].tolist() == bands
    assert table.loc[17, "Females"] == 4 and table.loc[17, "Males"] == 2
    assert table.loc[17, "Males (% of population)"] == round(100 * 2 / 346, 1)
    spec = charts.age_pyramid(population, "t").to_dict()
    assert "from 0-4 to 85+" in spec["description"]
