"""Batch runs: run sets in, one self-contained offline HTML file per report out.

- `runsets`: run-set YAML files, validated, expanded into one `Report` per area or outcome.
- `runner`: executes reports with papermill, `jobs` at a time, and summarises what failed.
- `render`: an executed notebook to one offline HTML file (no code, Vega inlined once).
- `index_page`: reports/index.html, listing every report built.

The top wing with the CLI: it may use every wing below it.
"""
