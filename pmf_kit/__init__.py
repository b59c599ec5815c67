"""pmf_kit: turn Scottish small-area data into locality profiles and LOIP performance reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pmf_kit")
except PackageNotFoundError:
    __version__ = "0.0.0+unknown"
