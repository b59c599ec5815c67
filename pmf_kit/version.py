"""The installed pmf_kit version, which every report and data set states; a bottom module, so
any wing can name the version without importing the whole package."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pmf_kit")
except PackageNotFoundError:
    __version__ = "0.0.0+unknown"
