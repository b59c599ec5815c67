"""Readers for real published Scottish small-area data, one module per publisher.

Each reader takes a path, copes with the quirks of the published file and returns a tidy
DataFrame with pmf_kit's column names (`datazone_code`, ...), or raises
`pmf_kit.errors.DataFileError` naming the file, sheet, row and column of anything unexpected.
`download` fetches a published file into a local cache.
"""

from pmf_kit.sources.boundaries import (
    read_datazone_boundaries,
    read_datazone_centroids,
    read_intermediate_zone_boundaries,
    read_wkt_boundaries_csv,
)
from pmf_kit.sources.download import DownloadError, download
from pmf_kit.sources.lookups import (
    read_phs_datazone_labels,
    read_phs_locality_lookup,
    read_scotpho_geo_lookup,
    read_sg_datazone_lookup,
    read_urban_rural_2020,
)
from pmf_kit.sources.population import esp2013_age_bands, read_sape_table_csv, read_sape_workbook
from pmf_kit.sources.simd import read_simd_csv, read_simd_workbook
from pmf_kit.sources.superweb2 import SuperwebExport, read_superweb2

__all__ = [
    "DownloadError",
    "SuperwebExport",
    "download",
    "esp2013_age_bands",
    "read_datazone_boundaries",
    "read_datazone_centroids",
    "read_intermediate_zone_boundaries",
    "read_phs_datazone_labels",
    "read_phs_locality_lookup",
    "read_sape_table_csv",
    "read_sape_workbook",
    "read_scotpho_geo_lookup",
    "read_sg_datazone_lookup",
    "read_simd_csv",
    "read_simd_workbook",
    "read_superweb2",
    "read_urban_rural_2020",
    "read_wkt_boundaries_csv",
]
