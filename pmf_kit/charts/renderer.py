"""Altair's HTML chart output with the chart's spec escaped for the inline script that holds it.

Altair's default renderer writes the Vega-Lite spec into an inline `<script>` as plain JSON, so
an area name or title holding `</script>` would end the script and the rest would run as HTML.
The `pmf_kit` renderer writes the same HTML (Altair's "universal" template, so charts draw in
JupyterLab and in the offline reports alike) with the spec encoded by
pmf_kit.data.escaping.ScriptJSONEncoder: `<`, `>` and `&` as `\\u003c`, `\\u003e`, `\\u0026`,
which JavaScript reads back as the same text. pmf_kit.charts enables it on import.

In JupyterLab itself a chart is shown by JupyterLab's own Vega renderer instead (`lab_mimebundle`):
the spec as JSON under the Vega-Lite 5 mimetype, which JupyterLab draws with the Vega it ships,
offline, so a saved notebook carries no copy of the Vega bundle (about 0.9 MB) and stays small.
Altair's own `mimetype` renderer writes a Vega-Lite 6 mimetype that nbformat rejects; the 5 one
is valid, and JupyterLab's Vega-Lite reads the specs pmf_kit draws.
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


LAB_RENDERER = "pmf_kit_lab"
LAB_MIMETYPE = "application/vnd.vegalite.v5+json"
LAB_EMBED_OPTIONS = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}


def lab_mimebundle(spec: dict, **options: object) -> tuple[dict, dict]:
    """A chart for JupyterLab's own Vega renderer: the spec as JSON, a line of plain text for
    anything else, and vega-embed's options (SVG, export only) in the output's metadata."""
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    text = " ".join(title) if isinstance(title, list) else str(title)
    return ({LAB_MIMETYPE: spec, "text/plain": f"<chart: {text or 'untitled'}>"},
            {LAB_MIMETYPE: {"embed_options": LAB_EMBED_OPTIONS}})


def enable_lab_renderer() -> None:
    """Make JupyterLab's own Vega renderer the one Altair uses to show charts."""
    if LAB_RENDERER not in alt.renderers.names():
        alt.renderers.register(LAB_RENDERER, lab_mimebundle)
    alt.renderers.enable(LAB_RENDERER)


def enable_escaped_html() -> None:
    """Make the escaped HTML renderer the one Altair uses to show charts."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, escaped_html_renderer)
    alt.renderers.enable(RENDERER)
