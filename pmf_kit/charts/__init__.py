"""Altair chart builders for profiles and performance reports, each with a data table alternative.

Every builder is pure: a tidy DataFrame (or GeoDataFrame) in, an Altair chart out. Each chart
carries a plain-words title, axis titles, tooltips and a `description` (read out by screen
readers through Vega's aria support), and each has a companion `*_table` function returning the
same numbers as a tidy DataFrame with human column headers, for the notebook to show beneath it.

One module per kind of chart: `trend`, `small_multiples` (a theme's trends), `ranking` (an area
among its peers), `comparison`, `map`, `gradient` (by deprivation), `pyramid` (age and sex),
`spine`; `theme` holds the look, offline rendering and saving, `shared` what the builders have
in common, `display` how a report shows a chart with its data table, and
its other tables, headings and text, in a notebook cell; `wording` the words drafted from numbers.
"""

from pmf_kit.charts.comparison import comparison_bars, comparison_table
from pmf_kit.charts.gradient import (
    simd_gradient_chart,
    simd_gradient_small_multiples,
    simd_gradient_small_multiples_table,
    simd_gradient_table,
)
from pmf_kit.charts.map import COORDINATE_DECIMALS, datazone_map, datazone_map_table, simd_class_counts
from pmf_kit.charts.pyramid import ESP2013_AGE_BANDS, age_pyramid, age_pyramid_table, population_shares
from pmf_kit.charts.ranking import ranked_dot_chart, ranked_dot_table
from pmf_kit.charts.shared import LOWER_CI_TITLE, UPPER_CI_TITLE
from pmf_kit.charts.spine import SIGNIFICANCE_COLOURS, SIGNIFICANCE_SHAPES, spine_chart
from pmf_kit.charts.theme import (
    CHART_WIDTH,
    COMPARATOR_COLOURS,
    FONT,
    HIGHLIGHT_COLOUR,
    INK,
    MAX_MAP_FEATURES,
    OKABE_ITO,
    OTHER_AREA_COLOUR,
    SEX_COLOURS,
    enable_offline_rendering,
    pmf_kit_theme,
    save_chart,
    simd_palette,
)
from pmf_kit.charts.small_multiples import trend_small_multiples, trend_small_multiples_table
from pmf_kit.charts.trend import trend_chart, trend_table

__all__ = [
    "CHART_WIDTH", "COMPARATOR_COLOURS", "COORDINATE_DECIMALS", "ESP2013_AGE_BANDS", "FONT",
    "HIGHLIGHT_COLOUR", "INK", "LOWER_CI_TITLE", "MAX_MAP_FEATURES", "OKABE_ITO", "OTHER_AREA_COLOUR",
    "SEX_COLOURS", "SIGNIFICANCE_COLOURS", "SIGNIFICANCE_SHAPES", "UPPER_CI_TITLE",
    "age_pyramid", "age_pyramid_table", "comparison_bars", "comparison_table", "datazone_map",
    "datazone_map_table", "enable_offline_rendering", "pmf_kit_theme", "population_shares", "save_chart",
    "simd_class_counts", "simd_gradient_chart", "simd_gradient_small_multiples", "simd_gradient_small_multiples_table",
    "simd_gradient_table", "simd_palette", "spine_chart",
    "ranked_dot_chart", "ranked_dot_table", "trend_chart", "trend_small_multiples", "trend_small_multiples_table",
    "trend_table",
]
