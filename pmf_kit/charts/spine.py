"""Altair chart builders for locality profiles, each with a data table alternative.

Every builder is pure: a tidy DataFrame (or GeoDataFrame) in, an Altair chart out. Each chart
carries a plain-words title, axis titles, tooltips and a `description` (read out by screen
readers through Vega's aria support), and each has a companion `*_table` function returning the
same numbers as a tidy DataFrame with human column headers, for the notebook to show beneath it.

Colours are colour-blind safe: Okabe-Ito for categories, and for SIMD classes a dark-blue (most
deprived) to pale-yellow ramp interpolated from ColorBrewer YlGnBu.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import altair as alt
import numpy as np
import pandas as pd
import shapely

from pmf_kit.data.atomic import replacing
from pmf_kit.errors import PmfKitError, UnknownAreaError

if TYPE_CHECKING:
    import geopandas

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
HIGHLIGHT_COLOUR = OKABE_ITO["blue"]
COMPARATOR_COLOURS = [
    OKABE_ITO[name]
    for name in ("orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black")
]
OTHER_AREA_COLOUR = "#A6A6A6"
MAP_BORDER_COLOUR = "#8C8C8C"
INK = "#333333"
SEX_COLOURS = {"Female": OKABE_ITO["vermillion"], "Male": OKABE_ITO["blue"]}

# ColorBrewer YlGnBu (colour-blind safe), darkest first so class 1 = most deprived is darkest.
_SIMD_RAMP = [
    "#081d58", "#253494", "#225ea8", "#1d91c0", "#41b6c4",
    "#7fcdbb", "#c7e9b4", "#edf8b1", "#ffffd9",
]  # fmt: skip

ESP2013_AGE_BANDS = [f"{start}-{start + 4}" for start in range(0, 90, 5)] + ["90+"]

_SIMD_CLASSES = {"simd_decile": 10, "simd_quintile": 5}
MAX_MAP_FEATURES = 5000
COORDINATE_DECIMALS = 5
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
CHART_WIDTH = 560
LOWER_CI_TITLE = "Lower confidence limit"
UPPER_CI_TITLE = "Upper confidence limit"
VALUE_FORMAT = ",.1f"
MARK_DESCRIPTION = alt.Description("mark_description:N")

_COLUMN_TITLES = {
    "datazone_code": "Data zone code",
    "datazone_name": "Data zone",
    "simd_decile": "SIMD decile (1 = most deprived)",
    "simd_quintile": "SIMD quintile (1 = most deprived)",
    "simd_rank": "SIMD rank (1 = most deprived)",
    "population": "Population",
}


@alt.theme.register("pmf_kit", enable=True)
def pmf_kit_theme() -> alt.theme.ThemeConfig:
    """One look for every pmf_kit chart: readable sizes, plain background, Okabe-Ito categories."""
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": 8,
            "view": {"stroke": None, "continuousWidth": CHART_WIDTH, "continuousHeight": 300},
            "title": {
                "fontSize": 16,
                "subtitleFontSize": 13,
                "anchor": "start",
                "color": "#1a1a1a",
                "subtitleColor": INK,
                "offset": 12,
            },
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "labelColor": INK,
                "titleColor": INK,
                "gridColor": "#e5e5e5",
                "domainColor": "#888888",
                "tickColor": "#888888",
            },
            "legend": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "labelColor": INK,
                "titleColor": INK,
                "labelLimit": 320,
                "titleLimit": 320,
            },
            "range": {"category": [HIGHLIGHT_COLOUR, *COMPARATOR_COLOURS]},
        }
    }


def enable_offline_rendering() -> None:
    """Show charts inline in JupyterLab and in nbconvert HTML that carries its own Vega bundle.

    Altair's default (HTML) renderer loads Vega from a CDN unless the page defines VEGA_DEBUG,
    which our offline nbconvert template does after inlining the bundle. The mimetype renderer is
    not used: nbformat rejects its output. The 5,000-row guard stays on so huge data never lands in
    a report. The embed menu keeps only PNG/SVG export, dropping links that need the network.
    """
    alt.renderers.enable("default")
    alt.renderers.set_embed_options(
        actions={"export": True, "source": False, "compiled": False, "editor": False}
    )
    alt.data_transformers.enable("default", max_rows=MAX_MAP_FEATURES)
    alt.theme.enable("pmf_kit")


def save_chart(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Write a chart to PNG or SVG with vl-convert (no network), replacing the file atomically."""
    target = Path(path)
    image_format = target.suffix.lower().lstrip(".")
    if image_format not in ("png", "svg"):
        raise PmfKitError(
            f"{target}: can only save charts as .png or .svg, not {target.suffix!r}"
        )
    with replacing(target) as temporary:
        chart.save(str(temporary), format=image_format, scale_factor=scale)
    return target


def simd_palette(classes: int) -> list[str]:
    """Colours for SIMD classes 1..classes, darkest (most deprived) first, along YlGnBu."""
    positions = np.linspace(0, len(_SIMD_RAMP) - 1, classes)
    return [_interpolate_ramp(position) for position in positions]


def _interpolate_ramp(position: float) -> str:
    lower = min(int(position), len(_SIMD_RAMP) - 2)
    fraction = position - lower
    start, end = _hex_to_rgb(_SIMD_RAMP[lower]), _hex_to_rgb(_SIMD_RAMP[lower + 1])
    mixed = (round(a + (b - a) * fraction) for a, b in zip(start, end))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ----------------------------------------------------------------------------- shared helpers


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise PmfKitError(
            f"{what} needs columns {', '.join(columns)}; missing: {', '.join(missing)}"
        )


def _has_intervals(frame: pd.DataFrame) -> bool:
    """True when both CI columns exist and at least one row has both limits."""
    if "lower_ci" not in frame.columns or "upper_ci" not in frame.columns:
        return False
    return bool((frame["lower_ci"].notna() & frame["upper_ci"].notna()).any())


def _format_number(value: float) -> str:
    return "no value" if pd.isna(value) else f"{value:,.1f}"


def _column_title(column: str) -> str:
    return _COLUMN_TITLES.get(column, column.replace("_", " ").capitalize())


def _interval_text(lower: float, upper: float) -> str:
    if pd.isna(lower) or pd.isna(upper):
        return "not available"
    return f"{lower:,.1f} to {upper:,.1f}"


def _with_mark_text(rows: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """Add what a tooltip or screen reader says for each mark, rounded and without "null"."""
    sentences = names.astype(str) + ": " + rows["value"].map(_format_number)
    if not _has_intervals(rows):
        return rows.assign(mark_description=sentences)
    intervals = pd.Series(
        [_interval_text(lower, upper) for lower, upper in zip(rows["lower_ci"], rows["upper_ci"])],
        index=rows.index,
    )
    return rows.assign(
        interval=intervals, mark_description=sentences + " (confidence interval " + intervals + ")"
    )


def _value_tooltips(unit_label: str, with_intervals: bool) -> list[alt.Tooltip]:
    tooltips = [alt.Tooltip("value:Q", title=unit_label, format=VALUE_FORMAT)]
    if with_intervals:
        tooltips.append(alt.Tooltip("interval:N", title="Confidence interval"))
    return tooltips


def _value_table(
    frame: pd.DataFrame, leading: dict[str, str], unit_label: str, decimals: int
) -> pd.DataFrame:
    """Rename the leading columns and value/CI columns to human headers, rounding the numbers."""
    headers = {**leading, "value": unit_label}
    if _has_intervals(frame):
        headers.update({"lower_ci": LOWER_CI_TITLE, "upper_ci": UPPER_CI_TITLE})
    table = frame[list(headers)].rename(columns=headers).reset_index(drop=True)
    numeric = [unit_label, LOWER_CI_TITLE, UPPER_CI_TITLE]
    rounded = [column for column in numeric if column in table.columns]
    table[rounded] = table[rounded].astype(float).round(decimals)
    return table


# ----------------------------------------------------------------------------- trend chart


def _chronological_periods(trend: pd.DataFrame) -> list[str]:
    """Period labels in time order: by period_start when given, else by the label itself."""
    order_key = "period_start" if "period_start" in trend.columns else "period"
    ordered = trend.sort_values(order_key, kind="stable")
    return [str(period) for period in pd.unique(ordered["period"])]


def _area_order(trend: pd.DataFrame, highlight: str | None) -> list[str]:
    """Areas in order of appearance, the area of the report first."""
    areas = [str(area) for area in pd.unique(trend["area_name"])]
    if highlight is None:
        return areas
    if highlight not in areas:
        raise UnknownAreaError(highlight, None, difflib.get_close_matches(highlight, areas))
    return [highlight] + [area for area in areas if area != highlight]


def _trend_rows(trend: pd.DataFrame, highlight: str | None) -> pd.DataFrame:
    """The rows to chart or tabulate: report area first, periods in time order."""
    _require_columns(trend, ["area_name", "period", "value"], "trend_chart")
    areas = _area_order(trend, highlight)
    periods = _chronological_periods(trend)
    columns = ["area_name", "period", "value"]
    if _has_intervals(trend):
        columns += ["lower_ci", "upper_ci"]
    rows = trend[columns].astype({"area_name": str, "period": str})
    order = [rows["area_name"].map(areas.index), rows["period"].map(periods.index)]
    return rows.iloc[np.lexsort(order[::-1])].reset_index(drop=True)


def _trend_description(
    rows: pd.DataFrame, title: str, unit_label: str, areas: list[str], target: float | None
) -> str:
    periods = pd.unique(rows["period"])
    latest = rows[rows["period"] == periods[-1]]
    latest_text = "; ".join(
        f"{area} {_format_number(value)}"
        for area, value in zip(latest["area_name"], latest["value"])
    )
    text = (
        f"Line chart: {title}. {unit_label} from {periods[0]} to {periods[-1]} for {areas[0]} "
        f"(solid line)"
    )
    if len(areas) > 1:
        text += f" compared with {', '.join(areas[1:])} (dashed lines)"
    text += f". Latest period {periods[-1]}: {latest_text}."
    if target is not None:
        text += f" The target is {target:g}."
    return text


def trend_chart(
    trend: pd.DataFrame,
    title: str,
    unit_label: str,
    target: float | None = None,
    *,
    highlight: str | None = None,
) -> alt.LayerChart:
    """Lines over time, the area of the report bold with its confidence band, comparators dashed.

    `trend` columns: area_name, period, period_start (orders periods such as "2016/17"), value,
    and optionally lower_ci, upper_ci. `highlight` names the area of the report; by default the
    first area in `trend`. A horizontal rule marks `target` when given.
    """
    rows = _trend_rows(trend, highlight)
    areas = _area_order(trend, highlight)
    periods = _chronological_periods(trend)
    with_intervals = _has_intervals(rows)
    x = alt.X("period:O", sort=periods, title="Period", axis=alt.Axis(labelAngle=0))
    y = alt.Y("value:Q", title=unit_label, scale=alt.Scale(zero=False))
    colour, dash, width = _area_styles(areas)
    base = alt.Chart(_with_mark_text(rows, rows["area_name"] + ", " + rows["period"]))
    layers: list[alt.Chart] = []
    if with_intervals:
        layers.append(_trend_band(base, x, areas[0]))
    layers.append(
        base.mark_line(aria=False).encode(
            x=x, y=y, color=colour, strokeDash=dash, strokeWidth=width
        )
    )
    tooltips = [
        alt.Tooltip("area_name:N", title="Area"),
        alt.Tooltip("period:O", title="Period"),
        *_value_tooltips(unit_label, with_intervals),
    ]
    points = base.mark_point(filled=True, size=45, opacity=1).encode(
        x=x, y=y, color=colour, tooltip=tooltips, description=MARK_DESCRIPTION
    )
    layers.append(points)
    if target is not None:
        layers += _target_layers(target, periods)
    return alt.layer(
        *layers,
        title=alt.Title(title),
        description=_trend_description(rows, title, unit_label, areas, target),
    ).properties(width=CHART_WIDTH, height=300)


def _area_styles(areas: list[str]) -> tuple[alt.Color, alt.StrokeDash, dict]:
    """The first area blue, solid and thick; comparators in other Okabe-Ito colours, dashed.

    Beyond six comparators the colours repeat; the dashes still tell the report area apart.
    """
    comparators = len(areas) - 1
    colour = alt.Color(
        "area_name:N",
        title="Area",
        sort=areas,
        scale=alt.Scale(domain=areas, range=[HIGHLIGHT_COLOUR, *COMPARATOR_COLOURS]),
        legend=alt.Legend(
            orient="bottom", direction="horizontal", symbolType="stroke", symbolStrokeWidth=3
        ),
    )
    dash = alt.StrokeDash(
        "area_name:N",
        title="Area",
        sort=areas,
        scale=alt.Scale(domain=areas, range=[[1, 0]] + [[6, 3]] * comparators),
    )
    width = alt.condition(alt.datum.area_name == areas[0], alt.value(3), alt.value(2))
    return colour, dash, width


def _trend_band(base: alt.Chart, x: alt.X, area: str) -> alt.Chart:
    """The confidence interval of the area of the report, as a translucent band."""
    return (
        base.transform_filter(alt.datum.area_name == area)
        .mark_area(color=HIGHLIGHT_COLOUR, opacity=0.18, aria=False)
        .encode(x=x, y="lower_ci:Q", y2="upper_ci:Q")
    )


def _target_layers(target: float, periods: list[str]) -> list[alt.Chart]:
    """A dotted rule at the target across the periods shown, labelled just after the last one."""
    target_row = pd.DataFrame({"target": [target], "label": [f"Target: {target:g}"]})
    first, last = (alt.X(datum=period, type="ordinal") for period in (periods[0], periods[-1]))
    rule = (
        alt.Chart(target_row)
        .mark_rule(color=INK, strokeWidth=1.5, strokeDash=[2, 2])
        .encode(
            x=first,
            x2=alt.X2(datum=periods[-1]),
            y="target:Q",
            tooltip=alt.Tooltip("label:N", title="Target"),
        )
    )
    label = (
        alt.Chart(target_row)
        .mark_text(align="left", baseline="middle", dx=10, color=INK, fontSize=12)
        .encode(x=last, y="target:Q", text="label:N")
    )
    return [rule, label]


def trend_table(
    trend: pd.DataFrame, unit_label: str, *, highlight: str | None = None, decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `trend_chart`: Area, Period, value (and limits), report area first."""
    rows = _trend_rows(trend, highlight)
    return _value_table(rows, {"area_name": "Area", "period": "Period"}, unit_label, decimals)


# ----------------------------------------------------------------------------- comparison bars


def _comparison_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Areas sorted by value, largest first, missing values last."""
    _require_columns(table, ["area_name", "value"], "comparison_bars")
    columns = ["area_name", "value"] + (["lower_ci", "upper_ci"] if _has_intervals(table) else [])
    rows = table[columns].astype({"area_name": str})
    ordered = rows.sort_values("value", ascending=False, na_position="last", kind="stable")
    return ordered.reset_index(drop=True)


def comparison_bars(
    table: pd.DataFrame, title: str, unit_label: str, highlight: str
) -> alt.LayerChart:
    """Horizontal bars, largest first, the highlighted area in blue, with confidence limits.

    `table` columns: area_name, value, and optionally lower_ci, upper_ci.
    """
    rows = _comparison_rows(table)
    areas = rows["area_name"].tolist()
    if highlight not in areas:
        raise UnknownAreaError(highlight, None, difflib.get_close_matches(highlight, areas))
    with_intervals = _has_intervals(rows)
    is_highlight = alt.datum.area_name == highlight
    label_is_highlight = alt.datum.value == highlight
    y = alt.Y(
        "area_name:N",
        sort=areas,
        title=None,
        axis=alt.Axis(
            labelFontWeight=alt.condition(
                label_is_highlight, alt.value("bold"), alt.value("normal")
            ),
            labelColor=alt.condition(label_is_highlight, alt.value("#000000"), alt.value(INK)),
        ),
    )
    tooltips = [
        alt.Tooltip("area_name:N", title="Area"),
        *_value_tooltips(unit_label, with_intervals),
    ]
    base = alt.Chart(_with_mark_text(rows, rows["area_name"]))
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("value:Q", title=unit_label),
        color=alt.condition(
            is_highlight, alt.value(HIGHLIGHT_COLOUR), alt.value(OTHER_AREA_COLOUR)
        ),
        tooltip=tooltips,
        description=MARK_DESCRIPTION,
    )
    layers = [bars]
    if with_intervals:
        layers.append(
            base.mark_rule(color="#000000", strokeWidth=1.5, aria=False).encode(
                y=y, x="lower_ci:Q", x2="upper_ci:Q", tooltip=tooltips
            )
        )
    if rows["value"].isna().any():
        layers.append(_no_value_labels(rows, y))
    return alt.layer(
        *layers,
        title=alt.Title(title),
        description=_comparison_description(rows, title, unit_label, highlight, with_intervals),
    ).properties(width=CHART_WIDTH - 160, height=alt.Step(24))


def _no_value_labels(rows: pd.DataFrame, y: alt.Y) -> alt.Chart:
    """Say "no value" where a bar is missing, so an empty row is not read as zero."""
    return (
        alt.Chart(rows)
        .transform_filter("!isValid(datum.value)")
        .mark_text(align="left", x=4, color=INK, fontStyle="italic", fontSize=12)
        .encode(y=y, text=alt.value("no value"))
    )


def _comparison_description(
    rows: pd.DataFrame, title: str, unit_label: str, highlight: str, with_intervals: bool
) -> str:
    values = "; ".join(
        f"{area} {_format_number(value)}"
        for area, value in zip(rows["area_name"], rows["value"])
    )
    limits = " Black lines show confidence limits." if with_intervals else ""
    return (
        f"Bar chart: {title}. {unit_label} for {len(rows)} areas, highest first, "
        f"{highlight} highlighted in blue.{limits} Values: {values}."
    )


def comparison_table(
    table: pd.DataFrame, unit_label: str, *, decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `comparison_bars`, in the same order (highest first)."""
    return _value_table(_comparison_rows(table), {"area_name": "Area"}, unit_label, decimals)


# ----------------------------------------------------------------------------- data zone map


def _map_features(
    areas: geopandas.GeoDataFrame, properties: list[str], simplify_metres: float | None
) -> list[dict]:
    """GeoJSON features in WGS84, simplified as a coverage so neighbours still meet, rounded.

    Outer rings are made clockwise: Vega (d3-geo) reads an anticlockwise outer ring as "the whole
    globe except this polygon" and fills the entire map.
    """
    if areas.crs is None:
        raise PmfKitError(
            "datazone_map needs boundaries with a coordinate reference system "
            "(British National Grid, EPSG:27700); this GeoDataFrame has none"
        )
    geometry = areas.geometry.to_crs(27700)
    if simplify_metres is None:
        simplify_metres = _half_pixel_metres(geometry)
    if simplify_metres > 0:
        geometry = geometry.simplify_coverage(simplify_metres)
    lonlat = geometry.to_crs(4326).values
    rounded = shapely.transform(lonlat, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    drawable = shapely.orient_polygons(rounded, exterior_cw=True)
    records = areas[properties].astype(object).where(areas[properties].notna(), None)
    return [
        {"type": "Feature", "geometry": shapely.geometry.mapping(shape), **record}
        for shape, record in zip(drawable, records.to_dict("records"))
    ]


def _half_pixel_metres(geometry: geopandas.GeoSeries) -> float:
    """Half a pixel of the drawn map in metres: detail finer than this cannot be seen."""
    west, south, east, north = geometry.total_bounds
    return max(east - west, north - south) / CHART_WIDTH / 2


def _map_height(features: list[dict], width: int) -> int:
    """Height that fits the area's Mercator aspect, so the map is not squashed or padded."""
    bounds = shapely.total_bounds(
        [shapely.geometry.shape(feature["geometry"]) for feature in features]
    )
    west, south, east, north = bounds
    mercator_height = math.log(math.tan(math.pi / 4 + math.radians(north) / 2)) - math.log(
        math.tan(math.pi / 4 + math.radians(south) / 2)
    )
    mercator_width = math.radians(east - west) or 1e-9
    return int(min(max(width * mercator_height / mercator_width, 250), 700))


def _simd_class_colour(colour_column: str, classes: int, legend_title: str) -> alt.Color:
    """Ordinal SIMD colour: every class in the legend in order, 1 (most deprived) darkest."""
    domain = list(range(1, classes + 1))
    label = (
        f"datum.value == 1 ? '1 most deprived' : datum.value == {classes} "
        f"? '{classes} least deprived' : datum.value"
    )
    return alt.Color(
        f"{colour_column}:O",
        title=legend_title,
        scale=alt.Scale(domain=domain, range=simd_palette(classes)),
        legend=alt.Legend(values=domain, labelExpr=label, orient="right", symbolType="square"),
    )


def datazone_map(
    areas: geopandas.GeoDataFrame,
    colour_column: str = "simd_decile",
    title: str = "Data zones by SIMD decile",
    tooltip_columns: Sequence[str] = ("datazone_name", "datazone_code", "simd_decile"),
    *,
    legend_title: str | None = None,
    simplify_metres: float | None = None,
) -> alt.Chart:
    """Choropleth of data zones, SIMD classes dark (most deprived) to light, fitted to the area.

    `areas` is a GeoDataFrame in EPSG:27700 with datazone_code, datazone_name, the colour column
    (simd_decile 1..10 or simd_quintile 1..5 as classes, any other numeric column as a gradient)
    and geometry. Shapes are simplified as a coverage, so neighbours still meet: corners whose
    triangle is smaller than `simplify_metres` squared go (Visvalingam-Whyatt); by default half a
    pixel of the drawn map, 0 keeps every vertex. Coordinates are rounded to 1e-5 degrees (about
    1 m). Both keep the HTML small.
    """
    if len(areas) > MAX_MAP_FEATURES:
        raise PmfKitError(
            f"datazone_map draws at most {MAX_MAP_FEATURES:,} areas and was given {len(areas):,}; "
            "map a smaller area (a council or locality) or aggregate to intermediate zones"
        )
    _require_columns(areas, ["datazone_code", "datazone_name", colour_column], "datazone_map")
    properties = list(dict.fromkeys([*tooltip_columns, colour_column]))
    _require_columns(areas, properties, "datazone_map tooltip_columns")
    features = _map_features(areas, properties, simplify_metres)
    legend_title = legend_title or _column_title(colour_column)
    tooltips = [
        _map_tooltip(areas[column], colour_column, legend_title) for column in tooltip_columns
    ]
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke=MAP_BORDER_COLOUR, strokeWidth=0.4)
        .encode(color=_map_colour(colour_column, legend_title), tooltip=tooltips)
        .project(type="mercator")
        .properties(
            width=CHART_WIDTH,
            height=_map_height(features, CHART_WIDTH),
            title=alt.Title(title),
            description=_map_description(areas, colour_column, title, legend_title),
        )
    )


def _map_tooltip(column: pd.Series, colour_column: str, legend_title: str) -> alt.Tooltip:
    if column.name in _SIMD_CLASSES:
        kind = "ordinal"
    elif pd.api.types.is_numeric_dtype(column):
        kind = "quantitative"
    else:
        kind = "nominal"
    title = legend_title if column.name == colour_column else _column_title(str(column.name))
    return alt.Tooltip(str(column.name), type=kind, title=title)


def _map_colour(colour_column: str, legend_title: str) -> alt.Color:
    if colour_column in _SIMD_CLASSES:
        return _simd_class_colour(colour_column, _SIMD_CLASSES[colour_column], legend_title)
    return alt.Color(
        f"{colour_column}:Q", title=legend_title, scale=alt.Scale(scheme="viridis", reverse=True)
    )


def _map_description(
    areas: pd.DataFrame, colour_column: str, title: str, legend_title: str
) -> str:
    text = f"Map: {title}. {len(areas)} data zones shaded by {legend_title}."
    if colour_column in _SIMD_CLASSES:
        counts = areas[colour_column].value_counts()
        spread = ", ".join(
            f"{int(counts.get(level, 0))} in class {level}"
            for level in range(1, _SIMD_CLASSES[colour_column] + 1)
        )
        text += f" Darker is more deprived. Data zones per class: {spread}."
    return text


def datazone_map_table(areas: pd.DataFrame, colour_column: str = "simd_decile") -> pd.DataFrame:
    """One row per data zone (code, name, the mapped value), most deprived first."""
    columns = ["datazone_code", "datazone_name", colour_column]
    _require_columns(areas, columns, "datazone_map_table")
    rows = pd.DataFrame(areas[columns]).sort_values([colour_column, "datazone_code"])
    headers = {column: _column_title(column) for column in columns}
    return rows.rename(columns=headers).reset_index(drop=True)


def simd_class_counts(areas: pd.DataFrame, colour_column: str = "simd_decile") -> pd.DataFrame:
    """How many data zones fall in each SIMD class, every class listed even when none do."""
    _require_columns(areas, [colour_column], "simd_class_counts")
    classes = range(1, _SIMD_CLASSES.get(colour_column, 10) + 1)
    counts = areas[colour_column].value_counts().reindex(classes, fill_value=0)
    return pd.DataFrame(
        {_column_title(colour_column): list(classes), "Number of data zones": counts.to_numpy()}
    )


# ----------------------------------------------------------------------------- SIMD gradient


def _gradient_rows(profile: pd.DataFrame) -> pd.DataFrame:
    _require_columns(profile, ["quantile", "value"], "simd_gradient_chart")
    columns = ["quantile", "value"] + (["lower_ci", "upper_ci"] if _has_intervals(profile) else [])
    rows = profile[columns].astype({"quantile": int})
    return rows.sort_values("quantile", kind="stable").reset_index(drop=True)


def simd_gradient_chart(
    profile: pd.DataFrame, title: str, unit_label: str, quantile_label: str
) -> alt.LayerChart:
    """Bars for each SIMD quintile or decile, most deprived first, shaded as on the map.

    `profile` columns: quantile (1..5 or 1..10, 1 = most deprived), value, and optionally
    lower_ci, upper_ci. `quantile_label` names the classes, e.g.
    "SIMD 2020 national quintile (1 = most deprived)".
    """
    rows = _gradient_rows(profile)
    classes = 5 if rows["quantile"].max() <= 5 else 10
    with_intervals = _has_intervals(rows)
    domain = list(range(1, classes + 1))
    x = alt.X(
        "quantile:O",
        title=quantile_label,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(labelAngle=0),
    )
    tooltips = [
        alt.Tooltip("quantile:O", title=quantile_label),
        *_value_tooltips(unit_label, with_intervals),
    ]
    shading = alt.Scale(domain=domain, range=simd_palette(classes))
    base = alt.Chart(_with_mark_text(rows, quantile_label + " " + rows["quantile"].astype(str)))
    bars = base.mark_bar(stroke=INK, strokeWidth=0.6).encode(
        x=x,
        y=alt.Y("value:Q", title=unit_label),
        color=alt.Color("quantile:O", scale=shading, legend=None),
        tooltip=tooltips,
        description=MARK_DESCRIPTION,
    )
    layers = [bars]
    if with_intervals:
        layers += [
            _whiskers(base, x, unit_label, colour, thickness)
            for colour, thickness in (("#ffffff", 4.0), ("#000000", 1.5))
        ]
    return alt.layer(
        *layers,
        title=alt.Title(title),
        description=_gradient_description(rows, title, unit_label, quantile_label, with_intervals),
    ).properties(width=alt.Step(48 if classes == 5 else 36), height=280)


def _whiskers(
    base: alt.Chart, x: alt.X, unit_label: str, colour: str, thickness: float
) -> alt.Chart:
    """Confidence limits as whiskers; drawn white-then-black so they show on the darkest bars."""
    return base.mark_errorbar(
        ticks={"aria": False, "size": 16}, rule={"aria": False}, color=colour, thickness=thickness
    ).encode(x=x, y=alt.Y("lower_ci:Q", title=unit_label), y2="upper_ci:Q")


def _gradient_description(
    rows: pd.DataFrame, title: str, unit_label: str, quantile_label: str, with_intervals: bool
) -> str:
    values = "; ".join(
        f"{quantile}: {_format_number(value)}"
        for quantile, value in zip(rows["quantile"], rows["value"])
    )
    limits = " Black whiskers show confidence limits." if with_intervals else ""
    return (
        f"Bar chart: {title}. {unit_label} by {quantile_label}, most deprived on the left."
        f"{limits} Values: {values}."
    )


def simd_gradient_table(
    profile: pd.DataFrame, unit_label: str, quantile_label: str, *, decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `simd_gradient_chart`, most deprived first."""
    return _value_table(_gradient_rows(profile), {"quantile": quantile_label}, unit_label, decimals)


# ----------------------------------------------------------------------------- age pyramid


def population_shares(population: pd.DataFrame) -> pd.DataFrame:
    """Each sex and age band as a percentage of the area's whole population (both sexes).

    Columns out: sex ("Female"/"Male"), age_band (ESP2013 order), population, share, and
    comparator_share when the input has it (taken as already a percentage of the comparator).
    """
    _require_columns(population, ["sex", "age_band", "population"], "age_pyramid")
    sexes = population["sex"].astype(str).str.lower()
    bands = population["age_band"].astype(str)
    _check_known("sex", sexes, ["female", "male"])
    _check_known("age_band", bands, ESP2013_AGE_BANDS)
    extra = ["comparator_share"] if "comparator_share" in population.columns else []
    by_band = population[["population", *extra]].assign(sex=sexes.str.capitalize(), age_band=bands)
    shares = by_band.groupby(["sex", "age_band"], as_index=False).agg(
        {"population": "sum", **{column: "first" for column in extra}}
    )
    shares["share"] = 100 * shares["population"] / shares["population"].sum()
    order = [shares["sex"], shares["age_band"].map(ESP2013_AGE_BANDS.index)]
    shares = shares.iloc[np.lexsort(order[::-1])]
    return shares[["sex", "age_band", "population", "share", *extra]].reset_index(drop=True)


def _check_known(column: str, values: pd.Series, known: list[str]) -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise PmfKitError(
            f"age_pyramid needs {column} to be one of {', '.join(known)}; "
            f"found {', '.join(unknown)}"
        )


def age_pyramid(
    population: pd.DataFrame, title: str, *, comparator_label: str = "Comparator"
) -> alt.LayerChart:
    """Population pyramid: percentage of the area's residents in each band, females left.

    `population` columns: sex (female/male), age_band (ESP2013 "0-4" .. "90+"), population, and
    optionally comparator_share (percentage of the comparator's population in that sex and band),
    drawn as black marks.
    """
    shares = population_shares(population)
    with_comparator = "comparator_share" in shares.columns
    signed = shares.assign(
        side=np.where(shares["sex"] == "Female", -1, 1),
        mark_description=_pyramid_mark_text(shares, comparator_label),
    )
    y = alt.Y("age_band:O", sort=list(reversed(ESP2013_AGE_BANDS)), title="Age band")
    share_tooltips = [
        alt.Tooltip("sex:N", title="Sex"),
        alt.Tooltip("age_band:O", title="Age band"),
        alt.Tooltip("population:Q", title="Population", format=","),
        alt.Tooltip("share:Q", title="Percentage of population", format=".1f"),
    ]
    if with_comparator:
        share_tooltips.append(
            alt.Tooltip("comparator_share:Q", title=f"{comparator_label} (%)", format=".1f")
        )
    x_axis = alt.Axis(labelExpr="abs(datum.value) + '%'", tickCount=8)
    bars = (
        alt.Chart(signed)
        .transform_calculate(signed_share="datum.side * datum.share")
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("signed_share:Q", title="Percentage of the area's population", axis=x_axis),
            color=alt.Color(
                "sex:N",
                title="Sex",
                scale=alt.Scale(domain=list(SEX_COLOURS), range=list(SEX_COLOURS.values())),
                legend=alt.Legend(
                    orient="top", direction="horizontal", labelExpr="datum.value + 's'"
                ),
            ),
            tooltip=share_tooltips,
            description=MARK_DESCRIPTION,
        )
    )
    layers = [bars]
    subtitle = "Females on the left, males on the right."
    if with_comparator:
        layers.append(
            alt.Chart(signed)
            .transform_calculate(signed_comparator="datum.side * datum.comparator_share")
            .mark_tick(color="#000000", thickness=2, bandSize=14, aria=False)
            .encode(y=y, x="signed_comparator:Q", tooltip=share_tooltips)
        )
        subtitle += f" Black marks show {comparator_label}."
    return alt.layer(
        *layers,
        title=alt.Title(title, subtitle=subtitle),
        description=_pyramid_description(
            shares, title, comparator_label if with_comparator else None
        ),
    ).properties(width=CHART_WIDTH - 80, height=alt.Step(16))


def _pyramid_mark_text(shares: pd.DataFrame, comparator_label: str) -> list[str]:
    """One sentence per bar, e.g. "Females aged 40-44: 4.1% of the population (850 people)"."""
    sentences = [
        f"{sex}s aged {band}: {share:.1f}% of the population ({population:,.0f} people)"
        for sex, band, share, population in zip(
            shares["sex"], shares["age_band"], shares["share"], shares["population"]
        )
    ]
    if "comparator_share" not in shares.columns:
        return sentences
    return [
        f"{sentence}; {comparator_label} {_format_number(comparator)}%"
        for sentence, comparator in zip(sentences, shares["comparator_share"])
    ]


def _pyramid_description(shares: pd.DataFrame, title: str, comparator_label: str | None) -> str:
    total = shares["population"].sum()
    by_sex = shares.groupby("sex")["share"].sum()
    largest = shares.loc[shares["share"].idxmax()]
    text = (
        f"Population pyramid: {title}. {total:,.0f} residents, "
        f"{by_sex.get('Female', 0):.1f}% female (bars to the left) and "
        f"{by_sex.get('Male', 0):.1f}% male (bars to the right), in age bands from "
        f"{ESP2013_AGE_BANDS[0]} to {ESP2013_AGE_BANDS[-1]}. The largest group is "
        f"{largest['sex'].lower()}s aged {largest['age_band']} ({largest['share']:.1f}%)."
    )
    if comparator_label:
        text += f" Black marks show {comparator_label} for comparison."
    return text


def age_pyramid_table(
    population: pd.DataFrame, *, comparator_label: str = "Comparator", decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `age_pyramid`: one row per age band, females then males."""
    shares = population_shares(population)
    present = set(shares["age_band"])
    table = pd.DataFrame({"Age band": [band for band in ESP2013_AGE_BANDS if band in present]})
    for sex in ("Female", "Male"):
        of_sex = shares[shares["sex"] == sex].set_index("age_band").reindex(table["Age band"])
        table[f"{sex}s"] = of_sex["population"].astype("Int64").array
        table[f"{sex}s (% of population)"] = of_sex["share"].round(decimals).to_numpy()
        if "comparator_share" in shares.columns:
            table[f"{sex}s, {comparator_label} (%)"] = (
                of_sex["comparator_share"].astype(float).round(decimals).to_numpy()
            )
    return table


# ----------------------------------------------------------------------------- spine chart

SIGNIFICANCE_COLOURS = {
    "better": OKABE_ITO["blue"],
    "no different": "#BDBDBD",
    "worse": OKABE_ITO["orange"],
    "higher": OKABE_ITO["reddish_purple"],
    "lower": OKABE_ITO["sky_blue"],
    "not comparable": "#FFFFFF",
}
SIGNIFICANCE_SHAPES = {"better": "triangle-up", "no different": "circle", "worse": "triangle-down",
                       "higher": "diamond", "lower": "diamond", "not comparable": "square"}


def spine_chart(comparison: pd.DataFrame, area_name: str, comparator_name: str) -> alt.LayerChart:
    """Each indicator's value as a % difference from the comparator, shaped and coloured by
    significance (ScotPHO spine chart). Colour is never the only cue: the shape and the tooltip
    say better / worse / no different too.

    `comparison` columns: title, period, difference_percent, lower_difference_percent,
    upper_difference_percent, significance (from pmf_kit.spine.comparison_with).
    """
    _require_columns(comparison, ["title", "period", "difference_percent", "significance"], "spine_chart")
    rows = comparison[comparison["difference_percent"].notna()].copy()
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
                 alt.Tooltip("difference_percent:Q", title="% difference", format="+.1f"),
                 alt.Tooltip("significance:N", title="Significance")],
    )
    counts = rows["significance"].value_counts()
    summary = ", ".join(f"{int(counts[label])} {label}" for label in present)
    return alt.layer(rule, whiskers, points, title=alt.Title(
        f"{area_name} compared with {comparator_name}",
        subtitle="Points right of the line are higher than the comparator; colour and shape say whether that is better or worse."),
        description=f"Spine chart: {len(rows)} indicators for {area_name} against {comparator_name}: {summary}.",
    ).properties(width=CHART_WIDTH - 200, height=max(120, 22 * len(order)))
