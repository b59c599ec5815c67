"""Importers: build a whole data set folder from published source files."""

from pmf_kit.importers.scotland_2011 import ImportSummary, import_scotland_2011

__all__ = ["ImportSummary", "import_scotland_2011"]
