"""How a profile reads: the notebook's sections and the contents list that links to them, one
note on the figures per report, and theme tables with changes signed, published limits beside
their value and notes only for periods that moved; on the tiny data set."""

from __future__ import annotations

import json
import re

import pytest

import pmf_kit.charts.display
import pmf_kit.profiles.spend_report
from pmf_kit.data.dataset import open_dataset
from pmf_kit.profiles import report, report_sections
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.report_sections import theme_table_display
from pmf_kit.profiles.spend_report import show_spend
from pmf_kit.profiles.theme_tables import table_notes
from tests.conftest import PROJECT_ROOT


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """The HTML each `show_*` call would put in the notebook cell, in order."""
    outputs: list[str] = []

    def collect(item, **_):
        if hasattr(item, "data") and isinstance(item.data, str):
            outputs.append(item.data)

    for module in (report, report_sections, pmf_kit.charts.display, pmf_kit.profiles.spend_report):
        monkeypatch.setattr(module, "display", collect)
    return outputs


def notebook_sections() -> list[str]:
    """The `## ` headings of notebooks/locality_profile.ipynb, with the spend section's own heading
    where its cell stands."""
    notebook = json.loads((PROJECT_ROOT / "notebooks" / "locality_profile.ipynb").read_text(encoding="utf-8"))
    sections = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            sections += re.findall(r"^## (.+)$", source, flags=re.MULTILINE)
        elif "show_spend(" in source:
            sections.append("Service spend")
    return sections


def test_the_contents_list_names_the_notebook_sections_in_order():
    assert notebook_sections() == list(report.SECTIONS)


def test_contents_link_to_every_section_and_theme(tiny, shown):
    report.show_contents(LocalityProfile(tiny, "South Coast", "locality", ["council"]))
    html = shown[0]
    links = re.findall(r'href="#([^"]+)"', html)
    # the tiny data set has no spend, so no spend section and no link to one
    assert links == ["Key-points", "At-a-glance", "Indicators-by-theme", "Health", "Children-and-young-people",
                     "Compared-with-the-council-and-Scotland", "Inequalities", "Data-zones-and-deprivation",
                     "Areas-that-do-not-nest", "Sources-and-definitions"]


def test_the_spend_heading_has_the_id_the_contents_link_to(shown):
    sample = open_dataset(PROJECT_ROOT / "data" / "sample")
    show_spend(LocalityProfile(sample, "Auchterlinn", "locality", ["council"]))
    assert shown[0].startswith('<h2 id="Service-spend">Service spend</h2>')


def test_a_data_set_without_spend_shows_no_spend_section(tiny, shown):
    show_spend(LocalityProfile(tiny, "South Coast", "locality", ["council"]))
    assert shown == []


def test_suppression_is_explained_once_for_the_whole_report(tiny, shown):
    report_sections.show_themes(LocalityProfile(tiny, "South Coast", "locality", ["council"]))
    html = "".join(shown)
    assert html.count("Not shown to protect confidentiality") == 1
    assert html.index("About the figures") < html.index('id="Health"')


@pytest.fixture
def south(tiny):
    return LocalityProfile(tiny, "south coast", level="locality", comparator_levels=["council", "scotland"])


def test_change_reads_in_percentage_points_with_its_sign(tiny):
    north = LocalityProfile(tiny, "North & Hills", level="locality", comparator_levels=["council"])
    table = theme_table_display(north, "Health").set_index("Indicator")
    # 100 * 33 / 330 - 100 * 37 / 330 = -1.21, over the same three data zones both years
    assert table.loc["Adults who smoke", "Change in North & Hills"] == "−1.2 points since 2022"
    assert table.loc["Emergency admissions", "Change in North & Hills"] == "–"


def test_a_column_with_nothing_in_it_is_left_out(south):
    table = theme_table_display(south, "Health")
    assert "Recent trend" not in table.columns  # no indicator has five yearly figures
    assert "Change in South Coast" not in table.columns  # no change can be worked out like for like


def test_no_table_notes_when_every_figure_is_exact_and_of_its_own_period(tiny):
    north = LocalityProfile(tiny, "North & Hills", level="locality", comparator_levels=["council"])
    assert table_notes(north, north.shown_indicators("Health")) == []


def test_a_score_published_with_its_limits_shows_them(tiny_copy):
    values = tiny_copy / "values.csv"
    text = values.read_text().replace("indicator_id,geography_code,period,numerator,denominator,value",
                                      "indicator_id,geography_code,period,numerator,denominator,value,lower_ci,upper_ci")
    lines = [line + (",46.0,48.5" if line.startswith("wellbeing,XL0000002") else ",," if line and not line.startswith("indicator_id") else "")
             for line in text.splitlines()]
    values.write_text("\n".join(lines) + "\n")
    profile = LocalityProfile(open_dataset(tiny_copy), "South Coast", level="locality", comparator_levels=["council"])
    table = theme_table_display(profile, "Health").set_index("Indicator")
    assert table.loc["Wellbeing score", "South Coast"] == "47.3 (46.0 to 48.5)"  # 47.25 rounded half up, as PHS does
