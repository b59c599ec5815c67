"""Altair's HTML chart output with the chart's spec escaped for the inline script that holds it.

Altair's default renderer writes the Vega-Lite spec into an inline `<script>` as plain JSON, so
an area name or title holding `</script>` would end the script and the rest would run as HTML.
The `pmf_kit` renderer writes the same HTML (Altair's "universal" template, so charts draw in
JupyterLab and in the offline reports alike) with the spec encoded by
pmf_kit.data.escaping.ScriptJSONEncoder: `<`, `>` and `&` as `\\u003c`, `\\u003e`, `\\u0026`,
which JavaScript reads back as the same text. pmf_kit.charts enables it on import.
"""

from __future__ import annotations

import altair as alt
from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION, HTMLRenderer

from pmf_kit.data.escaping import ScriptJSONEncoder

RENDERER = "pmf_kit"

escaped_html_renderer = HTMLRenderer(
    mode="vega-lite",
    template="universal",
    vega_version=VEGA_VERSION,
    vegaembed_version=VEGAEMBED_VERSION,
    vegalite_version=VEGALITE_VERSION,
    json_kwds={"cls": ScriptJSONEncoder},
)
"""Altair's own HTML renderer, with every string of the spec safe inside `<script>`."""


def enable_escaped_html() -> None:
    """Make the escaped HTML renderer the one Altair uses to show charts."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, escaped_html_renderer)
    alt.renderers.enable(RENDERER)
