"""pmf_kit: turn Scottish small-area data into locality profiles and LOIP performance reports.

    import pmf_kit as pk
    ds = pk.open_dataset("data/sample")
    ds.aggregate("locality", indicators="emergency_admissions")
    profile = pk.LocalityProfile(ds, "Auchterlinn", level="locality")
"""

from importlib.metadata import PackageNotFoundError, version

from pmf_kit import charts
from pmf_kit.dataset import Dataset, open_dataset
from pmf_kit.geography import Area
from pmf_kit.profile import LocalityProfile

try:
    __version__ = version("pmf_kit")
except PackageNotFoundError:
    __version__ = "0.0.0+unknown"

__all__ = ["Area", "Dataset", "LocalityProfile", "charts", "open_dataset", "__version__"]
