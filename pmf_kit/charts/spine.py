"""Spine chart: every indicator as a % difference from a comparator, by significance."""

from __future__ import annotations

import altair as alt
import pandas as pd

from pmf_kit.charts.shared import require_columns
from pmf_kit.stats.rounding import figure_text
from pmf_kit.charts.theme import CHART_WIDTH, INK, OKABE_ITO

SIGNIFICANCE_COLOURS = {
    "better": OKABE_ITO["blue"],
    "no different": "#BDBDBD",
    "worse": OKABE_ITO["orange"],
    "higher": OKABE_ITO["reddish_purple"],
    "lower": OKABE_ITO["sky_blue"],
    "not tested": "#E8E8E8",
    "not comparable": "#FFFFFF",
}
SIGNIFICANCE_SHAPES = {"better": "triangle-up", "no different": "circle", "worse": "triangle-down",
                       "higher": "diamond", "lower": "diamond", "not tested": "cross", "not comparable": "square"}


def spine_chart(comparison: pd.DataFrame, area_name: str, comparator_name: str) -> alt.LayerChart:
    """Each indicator's value as a % difference from the comparator, shaped and coloured by
    significance (ScotPHO spine chart). Colour is never the only cue: the shape and the tooltip
    say better / worse / no different too.

    `comparison` columns: title, period, difference_percent, lower_difference_percent,
    upper_difference_percent, significance (from pmf_kit.profiles.comparisons.comparison_with).
    "not tested" marks figures without sampling error (compared by size only).
    """
    require_columns(comparison, ["title", "period", "difference_percent", "significance"], "spine_chart")
    rows = comparison[comparison["difference_percent"].notna()].copy()
    rows["difference_text"] = [("+" if value > 0 else "") + figure_text(value, 1) for value in rows["difference_percent"]]
    order = list(dict.fromkeys(comparison["title"]))
    present = [label for label in SIGNIFICANCE_COLOURS if label in set(rows["significance"])]
    y = alt.Y("title:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
    x_title = f"{area_name}: % difference from {comparator_name}"
    base = alt.Chart(rows)
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color=INK).encode(x="zero:Q")
    whiskers = base.mark_rule(color="#7F7F7F").encode(
        y=y, x=alt.X("lower_difference_percent:Q", title=x_title), x2="upper_difference_percent:Q")
    points = base.mark_point(filled=True, size=110, stroke=INK, strokeWidth=0.6, opacity=1).encode(
        y=y,
        x=alt.X("difference_percent:Q", title=x_title),
        color=alt.Color("significance:N", title=f"Compared with {comparator_name}",
                        scale=alt.Scale(domain=present, range=[SIGNIFICANCE_COLOURS[p] for p in present]),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("significance:N", scale=alt.Scale(domain=present, range=[SIGNIFICANCE_SHAPES[p] for p in present]),
                        legend=None),
        tooltip=[alt.Tooltip("title:N", title="Indicator"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("difference_text:N", title="% difference"),
                 alt.Tooltip("significance:N", title="Significance")],
    )
    counts = rows["significance"].value_counts()
    summary = ", ".join(f"{int(counts[label])} {label}" for label in present)
    return alt.layer(rule, whiskers, points, title=alt.Title(
        f"{area_name} compared with {comparator_name}",
        subtitle="Points right of the line are higher than the comparator; colour and shape say whether that is better or worse."),
        description=f"Spine chart: {len(rows)} indicators for {area_name} against {comparator_name}: {summary}.",
    ).properties(width=CHART_WIDTH - 200, height=max(120, 22 * len(order)))
