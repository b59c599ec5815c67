"""KnowFife's functions for an analyst in JupyterLab (see notebooks/explore.ipynb).

- `explore`: quick profile by keyword, search areas and indicators, area profiles at any level,
  comparisons, spend against need.
- `advanced_table`: one row per area, indicator and period, as `pk.table` and `pmf-kit table`.
- `custom_area_builders`: custom areas from data zones, larger areas or a GeoJSON map selection.
- `exports`: tables to CSV and XLSX, charts to PNG and SVG, named after what they hold.

Above `profiles`, `charts`, `data` and `stats`; below `batch` and the CLI.
"""
