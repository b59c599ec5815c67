"""Fetching published files into a local cache, and saying what to do when that is impossible.

Many CPP analysts work on machines without internet access, or behind proxies that block
scripts. `download` therefore never hides a failure: with no network it raises DownloadError
saying so plainly, naming the file to fetch by hand and exactly where to put it. A file already
in the cache is used as it is, so a copy placed by hand is picked up on the next run.

The publication pages below are where each source is published; file addresses inside them
change with each release, so pass the current file address to `download`.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from pmf_kit.data.atomic import replacing
from pmf_kit.data.paths import project_path
from pmf_kit.errors import PmfKitError

TIMEOUT_SECONDS = 60

SIMD_2020_PUBLICATION = (
    "https://www.gov.scot/collections/scottish-index-of-multiple-deprivation-2020/"
)
SIMD_2016_PUBLICATION = (
    "https://www.gov.scot/collections/scottish-index-of-multiple-deprivation-2016/"
)
SG_DATAZONE_LOOKUP_PUBLICATION = "https://statistics.gov.scot/data/data-zone-lookup"
PHS_GEOGRAPHY_CODES_PUBLICATION = "https://www.opendata.nhs.scot/dataset/geography-codes-and-labels"
PHS_HSCP_LOCALITIES_PUBLICATION = "https://www.opendata.nhs.scot/dataset/hscp-localities"
NRS_SAPE_PUBLICATION = (
    "https://www.nrscotland.gov.uk/statistics-and-data/statistics/statistics-by-theme/"
    "population/population-estimates/2011-based-special-area-population-estimates/"
    "small-area-population-estimates/time-series"
)
SG_DATAZONE_BOUNDARIES_2011 = "https://maps.gov.scot/ATOM/shapefiles/SG_DataZoneBdry_2011.zip"
SG_INTERMEDIATE_ZONE_BOUNDARIES_2011 = (
    "https://maps.gov.scot/ATOM/shapefiles/SG_IntermediateZoneBdry_2011.zip"
)


class DownloadError(PmfKitError):
    """A published file could not be fetched; says which file to place where by hand."""

    def __init__(self, url: str, target: Path, reason: str) -> None:
        self.url = url
        self.target = Path(target)
        self.reason = reason
        super().__init__(
            f"could not download {url} ({reason}). If this machine has no network, fetch that "
            f"file on one that does and place it by hand at {self.target}; it will be used "
            "from there without downloading."
        )


def download(url: str, cache_dir: Path, filename: str | None = None) -> Path:
    """The path of `url`'s file in `cache_dir`, fetching it only if it is not there yet.

    The file is written to a temporary name and renamed when complete, so an interrupted
    download never leaves a truncated file that would be mistaken for the real one.
    """
    cache_dir = project_path(cache_dir)
    target = cache_dir / (filename or cached_filename(url))
    if target.is_file():
        return target
    with replacing(target) as partial, open(partial, "wb") as file, _opened(url, target) as response:
        shutil.copyfileobj(response, file)
    return target


def cached_filename(url: str) -> str:
    """The file name a URL is cached under: the last part of its path, unquoted."""
    name = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).name
    if not name:
        raise PmfKitError(f"cannot tell a file name from {url}; pass filename= to download()")
    return name


def _opened(url: str, target: Path):
    """The open response for `url`, or DownloadError saying what went wrong in plain words."""
    try:
        return urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS)
    except urllib.error.HTTPError as error:
        reason = f"the server answered {error.code} {error.reason}"
        raise DownloadError(url, target, reason) from None
    except urllib.error.URLError as error:
        raise DownloadError(url, target, f"no network connection: {error.reason}") from None
    except (TimeoutError, OSError) as error:
        raise DownloadError(url, target, f"no network connection: {error}") from None
