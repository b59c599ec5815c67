"""pmf_kit: turn Scottish small-area data into locality profiles and LOIP performance reports.

    import pmf_kit as pk
    ds = pk.open_dataset("data/sample")
    ds.aggregate("locality", indicators="emergency_admissions")
    profile = pk.LocalityProfile(ds, "Auchterlinn", level="locality")
    pk.quick_profile(ds, "innis", level="locality")       # explore: see notebooks/explore.ipynb
"""

from pmf_kit.errors import show_briefly_in_notebooks
from pmf_kit.lazy import lazy_names
from pmf_kit.version import __version__

_PUBLIC = {
    "charts": "pmf_kit.charts",
    "save_custom_areas": "pmf_kit.data.custom_areas",
    "Dataset": "pmf_kit.data.dataset",
    "open_dataset": "pmf_kit.data.dataset",
    "Area": "pmf_kit.data.geography",
    "concentration_index": "pmf_kit.data.spend",
    "spend_by_simd_decile": "pmf_kit.data.spend",
    "spend_concentration": "pmf_kit.data.spend",
    "table": "pmf_kit.explore.advanced_table",
    "from_areas": "pmf_kit.explore.custom_area_builders",
    "from_datazones": "pmf_kit.explore.custom_area_builders",
    "from_geojson": "pmf_kit.explore.custom_area_builders",
    "use_custom_areas": "pmf_kit.explore.custom_area_builders",
    "area_profile": "pmf_kit.explore.explore",
    "compare": "pmf_kit.explore.explore",
    "comparison_chart": "pmf_kit.explore.explore",
    "quick_profile": "pmf_kit.explore.explore",
    "search_areas": "pmf_kit.explore.explore",
    "search_indicators": "pmf_kit.explore.explore",
    "spend_against_need": "pmf_kit.explore.explore",
    "spend_per_head": "pmf_kit.explore.explore",
    "export_all": "pmf_kit.explore.exports",
    "export_chart": "pmf_kit.explore.exports",
    "export_table": "pmf_kit.explore.exports",
    "LocalityProfile": "pmf_kit.profiles.profile",
    "similar_areas": "pmf_kit.profiles.similar_areas",
}
"""Where each public name lives: imported when first used (pmf_kit.lazy)."""


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC)

show_briefly_in_notebooks()

__all__ = [
    "Area", "Dataset", "LocalityProfile", "charts", "open_dataset", "__version__",
    "area_profile", "compare", "comparison_chart", "concentration_index", "export_all", "export_chart",
    "export_table", "from_areas", "from_datazones", "from_geojson", "quick_profile", "save_custom_areas",
    "search_areas", "search_indicators", "similar_areas", "spend_against_need", "spend_by_simd_decile", "spend_concentration",
    "spend_per_head", "table", "use_custom_areas",
]
