"""The data set folder and everything read from it.

- `dataset`: a data set folder opened as one object (`open_dataset`).
- `geography`, `custom_areas`, `boundaries`: the lookup, levels and areas; custom areas; polygons.
- `aggregation`: indicator values summed from data zones to any level.
- `indicators`, `periods`: the catalogue and its values; the one period parser.
- `spend_file`, `spend`: spend.csv as read, and spend set beside need.
- `tabular`, `naming`, `atomic`: checked CSV reading, forgiving names, atomic writes.
- `paths`: the one rule for relative paths: taken from the project root (`pmf-kit.yaml`).

A bottom wing with `stats`: it imports only `stats` and `errors`.
"""
