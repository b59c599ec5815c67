"""One look for every pmf_kit chart, and charts that draw with no network.

Colours are colour-blind safe: Okabe-Ito for categories, and for SIMD classes a dark-blue (most
deprived) to pale-yellow ramp interpolated from ColorBrewer YlGnBu. `enable_offline_rendering`
makes charts draw inline in JupyterLab and in the offline HTML; `save_chart` writes PNG or SVG
with vl-convert.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import altair as alt
import numpy as np

from pmf_kit.charts.renderer import enable_escaped_html, enable_lab_renderer
from pmf_kit.data.atomic import replacing
from pmf_kit.data.escaping import script_json
from pmf_kit.data.paths import user_cache
from pmf_kit.errors import PmfKitError

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

MAX_MAP_FEATURES = 5000
VEGA_BUNDLE_OUTPUT = "pmf_kit_vega_bundle"
REPORT_KERNEL = "PMF_KIT_REPORT_KERNEL"
"""Set in the kernels that run reports (pmf_kit.batch.kernels), whose charts become offline HTML."""
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
CHART_WIDTH = 560
BUILD_BUNDLE = (
    "import sys, vl_convert; "
    "sys.stdout.buffer.write(vl_convert.javascript_bundle(vl_version=sys.argv[1]).encode('utf-8'))"
)
"""Run by `vega_bundle` in a process of its own: the bundle, as UTF-8, on standard output."""


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


enable_escaped_html()


def enable_offline_rendering() -> None:
    """Show charts inline in JupyterLab and in nbconvert HTML, drawn without the network.

    In JupyterLab (a kernel not started by a report batch) charts go to JupyterLab's own Vega
    renderer (charts.renderer.lab_mimebundle), which draws offline with the Vega JupyterLab
    ships, so a saved notebook holds each chart's spec and no copy of Vega.
    In a report's kernel (REPORT_KERNEL set), charts are shown by Altair's HTML output with the
    spec escaped (charts.renderer). That
    output loads Vega from a CDN unless the page defines VEGA_DEBUG.
    The offline report template inlines the bundle and defines it; in a notebook kernel this
    also shows the bundle once as an output (VEGA_BUNDLE_OUTPUT, which the report renderer
    drops, since the page carries its own), so charts draw in JupyterLab behind a firewall or
    with no network at all. The mimetype renderer is not used: nbformat rejects its output.
    The 5,000-row guard stays on so huge data never lands in a report. The embed menu keeps
    only PNG/SVG export, dropping links that need the network. Charts draw as SVG, which
    scales to a narrow screen (the report's stylesheet) and prints sharp.
    """
    enable_escaped_html()
    alt.renderers.set_embed_options(
        renderer="svg", actions={"export": True, "source": False, "compiled": False, "editor": False}
    )
    alt.data_transformers.enable("default", max_rows=MAX_MAP_FEATURES)
    alt.theme.enable("pmf_kit")
    if not _in_notebook_kernel():
        return
    if not os.environ.get(REPORT_KERNEL):
        enable_lab_renderer()
        return
    from IPython.display import HTML, display

    display(HTML(vega_loader_html()), metadata={VEGA_BUNDLE_OUTPUT: True})


def _in_notebook_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def vega_loader_html() -> str:
    """A script that defines Vega, Vega-Lite and Vega-Embed in the page, unless already there,
    and tells Altair's chart outputs (VEGA_DEBUG) that they need load nothing."""
    return (
        "<script type=\"text/javascript\">\n"
        "if (typeof window.vegaEmbed === \"undefined\") { (function () {\n"
        f"{vega_bundle()}\n"
        "})(); }\n"
        f"window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {{}}, {script_json(altair_vega_versions())});\n"
        "</script>"
    )


def altair_vega_versions() -> dict[str, str]:
    """The versions Altair's HTML output asks for, keyed as its `VEGA_DEBUG` check reads them."""
    display = alt.vegalite.v6.display
    return {
        "vega_version": display.VEGA_VERSION,
        "vegalite_version": display.VEGALITE_VERSION,
        "vegaembed_version": display.VEGAEMBED_VERSION,
    }


@functools.cache
def vega_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes specs for) and Vega-Embed as one script.

    vl-convert builds it once per machine and version, in a process of its own, and it is kept
    in the user's cache folder: building it leaves vl-convert's JavaScript engine (about 130 MB,
    measured) in the process that does, which a batch worker and its kernel need not carry
    from report to report.
    """
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    vl_version = f"{major}.{minor}"
    kept = user_cache("vega") / f"vega-bundle-vl{vl_version}-vl-convert{metadata.version('vl-convert-python')}.js"
    if not kept.is_file():
        built = subprocess.run([sys.executable, "-c", BUILD_BUNDLE, vl_version], capture_output=True)
        if built.returncode != 0:
            raise PmfKitError(f"vl-convert could not build the Vega bundle: {built.stderr.decode(errors='replace')[-500:]}")
        with replacing(kept) as temporary:
            temporary.write_bytes(built.stdout)
    return kept.read_text(encoding="utf-8")


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
