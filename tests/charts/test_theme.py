"""pmf_kit.charts.theme: the theme, offline rendering, the SIMD palette and saving charts offline."""

from __future__ import annotations

import os

import altair as alt
import pytest

from pmf_kit import charts
from pmf_kit.errors import PmfKitError
from tests.charts.specs import QUINTILE_LABEL


def test_pmf_kit_theme_is_registered_and_active():
    assert "pmf_kit" in alt.theme.names()
    assert alt.theme.active == "pmf_kit"
    config = charts.pmf_kit_theme()["config"]
    assert config["range"]["category"][0] == charts.HIGHLIGHT_COLOUR
    assert "Arial" in config["font"]


def test_theme_config_reaches_the_chart_spec(comparison):
    spec = charts.comparison_bars(comparison, "t", "u", "Fife").to_dict()
    assert spec["config"]["font"] == charts.FONT


def test_offline_rendering_keeps_the_escaped_html_renderer_and_row_guard(comparison):
    alt.renderers.enable("mimetype")
    alt.data_transformers.disable_max_rows()
    charts.enable_offline_rendering()
    assert alt.renderers.active == "pmf_kit"
    assert alt.data_transformers.options["max_rows"] == 5000
    bundle = charts.comparison_bars(comparison, "t", "u", "Fife")._repr_mimebundle_()
    assert list(bundle) == ["text/html"]
    assert "VEGA_DEBUG" in bundle["text/html"]
    assert '"renderer": "svg"' in bundle["text/html"]  # scales to a phone's width and prints sharp


def test_simd_palette_runs_dark_to_light_with_one_colour_per_class():
    for classes in (5, 10):
        palette = charts.simd_palette(classes)
        assert len(palette) == classes
        assert palette[0] == "#081d58" and palette[-1] == "#ffffd9"
        lightness = [sum(charts.theme._hex_to_rgb(colour)) for colour in palette]
        assert lightness == sorted(lightness)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<svg")])
def test_save_chart_writes_offline_and_atomically(tmp_path, comparison, suffix, magic):
    target = tmp_path / f"bars{suffix}"
    target.write_bytes(b"old")
    saved = charts.save_chart(charts.comparison_bars(comparison, "t", "u", "Fife"), target)
    assert saved == target
    assert target.read_bytes().startswith(magic)
    assert os.listdir(tmp_path) == [target.name]


def test_save_chart_leaves_old_file_when_rendering_fails(tmp_path, comparison, monkeypatch):
    target = tmp_path / "bars.png"
    target.write_bytes(b"old")
    chart = charts.comparison_bars(comparison, "t", "u", "Fife")

    def half_written(self, path, **kwargs):
        with open(path, "wb") as partial:
            partial.write(b"\x89PNG half")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(alt.LayerChart, "save", half_written)
    with pytest.raises(RuntimeError):
        charts.save_chart(chart, target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["bars.png"]


def test_save_chart_refuses_other_formats(tmp_path, comparison):
    with pytest.raises(PmfKitError, match=".png or .svg"):
        charts.save_chart(charts.comparison_bars(comparison, "t", "u", "Fife"), tmp_path / "b.pdf")


def test_every_chart_renders_to_png(tmp_path, trend, comparison, gradient, population, datazones):
    built = {
        "trend": charts.trend_chart(trend, "t", "u", target=70),
        "bars": charts.comparison_bars(comparison, "t", "u", "Fife"),
        "gradient": charts.simd_gradient_chart(gradient, "t", "u", QUINTILE_LABEL),
        "pyramid": charts.age_pyramid(population, "t"),
        "map": charts.datazone_map(datazones),
    }
    for name, chart in built.items():
        path = charts.save_chart(chart, tmp_path / f"{name}.png", scale=1)
        assert path.stat().st_size > 2000, name


def test_the_vega_bundle_is_vl_converts_built_elsewhere_and_kept(tmp_path):
    """Built in a process of its own (the caller never loads vl-convert's JavaScript engine),
    the same text vl-convert gives, kept in the cache folder and read from there next time."""
    import subprocess
    import sys

    import vl_convert

    code = ("import sys; from pmf_kit.charts.theme import vega_bundle; bundle = vega_bundle(); "
            "print(len(bundle), 'vl_convert' in sys.modules)")
    environment = {**os.environ, "PMF_KIT_CACHE": str(tmp_path)}
    ran = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    [kept] = (tmp_path / "vega").glob("vega-bundle-*.js")
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    assert kept.read_text(encoding="utf-8") == vl_convert.javascript_bundle(vl_version=f"{major}.{minor}")
    assert ran.stdout.split() == [str(len(kept.read_text(encoding="utf-8"))), "False"]
    kept.write_text("// kept", encoding="utf-8")
    again = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    assert again.stdout.split() == ["7", "False"]
