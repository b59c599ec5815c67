"""Returns from the people who own the figures: KPI return forms sent to owners, read back cell by
cell, and collected into the data set and kpi_commentary.csv (see docs/layout.md)."""
