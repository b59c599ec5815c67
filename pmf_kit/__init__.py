"""pmf_kit: turn Scottish small-area data into locality profiles and LOIP performance reports.

    import pmf_kit as pk
    ds = pk.open_dataset("data/sample")
    ds.aggregate("locality", indicators="emergency_admissions")
    profile = pk.LocalityProfile(ds, "Auchterlinn", level="locality")
    pk.quick_profile(ds, "innis", level="locality")       # explore: see notebooks/explore.ipynb
"""

from pmf_kit import charts
from pmf_kit.data.custom_areas import save_custom_areas
from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.data.geography import Area
from pmf_kit.data.spend import concentration_index, spend_by_simd_decile, spend_concentration
from pmf_kit.errors import show_briefly_in_notebooks
from pmf_kit.explore.advanced_table import table
from pmf_kit.explore.custom_area_builders import from_areas, from_datazones, from_geojson, use_custom_areas
from pmf_kit.explore.explore import (
    area_profile,
    compare,
    comparison_chart,
    quick_profile,
    search_areas,
    search_indicators,
    spend_against_need,
    spend_per_head,
)
from pmf_kit.explore.exports import export_all, export_chart, export_table
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.similar_areas import similar_areas
from pmf_kit.version import __version__

show_briefly_in_notebooks()

__all__ = [
    "Area", "Dataset", "LocalityProfile", "charts", "open_dataset", "__version__",
    "area_profile", "compare", "comparison_chart", "concentration_index", "export_all", "export_chart",
    "export_table", "from_areas", "from_datazones", "from_geojson", "quick_profile", "save_custom_areas",
    "search_areas", "search_indicators", "similar_areas", "spend_against_need", "spend_by_simd_decile", "spend_concentration",
    "spend_per_head", "table", "use_custom_areas",
]
