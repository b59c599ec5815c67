"""Altair's HTML chart output, with the spec escaped so that no data text can end its script."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from pmf_kit import charts  # noqa: F401  (enables the renderer)
from pmf_kit.charts.renderer import RENDERER

PAYLOAD = "</script><script>window.pwned = 1</script>"


def _chart() -> alt.Chart:
    data = pd.DataFrame({"area": [PAYLOAD, "Kirkhaven & <b>Ness</b>"], "value": [1, 2]})
    return alt.Chart(data, title=PAYLOAD).mark_bar().encode(x="area", y="value", tooltip="area")


def test_pmf_kit_renderer_is_active_on_import():
    assert alt.renderers.active == RENDERER


def test_the_spec_holds_no_closing_tag_and_reads_back_the_same():
    html = _chart()._repr_mimebundle_()["text/html"]
    assert html.count("</script>") == 1 and html.rstrip().endswith("</script>")
    script = html[html.index("<script"):]
    assert "<b>" not in script and PAYLOAD not in script
    spec_text = re.search(r"\}\)\((\{.*\}), (\{.*\})\);\s*</script>", html, flags=re.DOTALL).group(1)
    spec = json.loads(spec_text)
    assert spec["title"] == PAYLOAD
    assert [row["area"] for row in next(iter(spec["datasets"].values()))] == [PAYLOAD, "Kirkhaven & <b>Ness</b>"]


def test_the_output_is_altairs_own_html_otherwise():
    html = _chart()._repr_mimebundle_()["text/html"]
    assert "vegaEmbed(outputDiv, spec, embedOpt)" in html and "VEGA_DEBUG" in html
