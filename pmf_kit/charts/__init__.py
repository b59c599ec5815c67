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

from pmf_kit.lazy import lazy_names

_PUBLIC = {
    "comparison_bars": "pmf_kit.charts.comparison",
    "comparison_table": "pmf_kit.charts.comparison",
    "simd_gradient_chart": "pmf_kit.charts.gradient",
    "simd_gradient_small_multiples": "pmf_kit.charts.gradient",
    "simd_gradient_small_multiples_table": "pmf_kit.charts.gradient",
    "simd_gradient_table": "pmf_kit.charts.gradient",
    "COORDINATE_DECIMALS": "pmf_kit.charts.map",
    "datazone_map": "pmf_kit.charts.map",
    "datazone_map_table": "pmf_kit.charts.map",
    "simd_class_counts": "pmf_kit.charts.map",
    "POPULATION_AGE_BANDS": "pmf_kit.charts.pyramid",
    "age_pyramid": "pmf_kit.charts.pyramid",
    "age_pyramid_table": "pmf_kit.charts.pyramid",
    "population_shares": "pmf_kit.charts.pyramid",
    "ranked_dot_chart": "pmf_kit.charts.ranking",
    "ranked_dot_table": "pmf_kit.charts.ranking",
    "LOWER_CI_TITLE": "pmf_kit.charts.shared",
    "UPPER_CI_TITLE": "pmf_kit.charts.shared",
    "text_tooltip": "pmf_kit.charts.shared",
    "with_value_text": "pmf_kit.charts.shared",
    "SIGNIFICANCE_COLOURS": "pmf_kit.charts.spine",
    "SIGNIFICANCE_SHAPES": "pmf_kit.charts.spine",
    "spine_chart": "pmf_kit.charts.spine",
    "CHART_WIDTH": "pmf_kit.charts.theme",
    "COMPARATOR_COLOURS": "pmf_kit.charts.theme",
    "FONT": "pmf_kit.charts.theme",
    "HIGHLIGHT_COLOUR": "pmf_kit.charts.theme",
    "INK": "pmf_kit.charts.theme",
    "MAX_MAP_FEATURES": "pmf_kit.charts.theme",
    "OKABE_ITO": "pmf_kit.charts.theme",
    "OTHER_AREA_COLOUR": "pmf_kit.charts.theme",
    "SEX_COLOURS": "pmf_kit.charts.theme",
    "enable_offline_rendering": "pmf_kit.charts.theme",
    "pmf_kit_theme": "pmf_kit.charts.theme",
    "save_chart": "pmf_kit.charts.theme",
    "simd_palette": "pmf_kit.charts.theme",
    "trend_small_multiples": "pmf_kit.charts.small_multiples",
    "trend_small_multiples_table": "pmf_kit.charts.small_multiples",
    "trend_chart": "pmf_kit.charts.trend",
    "trend_table": "pmf_kit.charts.trend",
}
"""Where each public name lives: imported when first used (pmf_kit.lazy), so a module that
needs one builder, or only display, does not import them all."""

__getattr__, __dir__ = lazy_names(__name__, _PUBLIC)

__all__ = [
    "CHART_WIDTH", "COMPARATOR_COLOURS", "COORDINATE_DECIMALS", "FONT",
    "HIGHLIGHT_COLOUR", "INK", "LOWER_CI_TITLE", "MAX_MAP_FEATURES", "OKABE_ITO", "OTHER_AREA_COLOUR", "POPULATION_AGE_BANDS",
    "SEX_COLOURS", "SIGNIFICANCE_COLOURS", "SIGNIFICANCE_SHAPES", "UPPER_CI_TITLE",
    "age_pyramid", "age_pyramid_table", "comparison_bars", "comparison_table", "datazone_map",
    "datazone_map_table", "enable_offline_rendering", "pmf_kit_theme", "population_shares", "save_chart",
    "simd_class_counts", "simd_gradient_chart", "simd_gradient_small_multiples", "simd_gradient_small_multiples_table",
    "simd_gradient_table", "simd_palette", "spine_chart", "text_tooltip", "with_value_text",
    "ranked_dot_chart", "ranked_dot_table", "trend_chart", "trend_small_multiples", "trend_small_multiples_table",
    "trend_table",
]
