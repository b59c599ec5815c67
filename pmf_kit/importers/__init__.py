"""Importers: build a whole data set folder from published source files."""

from pmf_kit.importers.scotland_2011 import ImportSummary, import_scotland_2011
from pmf_kit.importers.scotland_2022 import Import2022Summary, import_scotland_2022

__all__ = ["Import2022Summary", "ImportSummary", "import_scotland_2011", "import_scotland_2022"]
