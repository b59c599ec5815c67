"""reports/index.html: one offline page linking every report made, grouped by run set.

Batches run at different times and for different run sets, so the page is rebuilt from a small
manifest (index.json beside it) that each batch updates for its own run sets only. A report is
listed while its HTML file exists; a failed report keeps the listing of its last good version.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

import jinja2

from pmf_kit.batch.runner import ReportOutcome
from pmf_kit.batch.runsets import RunSet
from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.escaping import html_text
from pmf_kit.data.paths import from_project_root, project_path
from pmf_kit.version import __version__

INDEX_PATH = Path("reports/index.html")


@dataclass(frozen=True)
class ListedReport:
    """One link on the index page; `path` is relative to the project root."""

    label: str
    path: str
    generated: str
    pmf_kit_version: str


@dataclass(frozen=True)
class ListedRunSet:
    """One group of the index page: a run set's title, data set and reports."""

    source: str
    title: str
    dataset_name: str
    reports: list[ListedReport]


def update_index(
    run_sets: Sequence[RunSet], outcomes: Sequence[ReportOutcome], index_path: Path = INDEX_PATH
) -> Path:
    """Record this batch's run sets in the manifest and rewrite the index page from it.

    The manifest names run sets and reports by their paths from the project root, so batches
    started from different folders of the project keep one list.
    """
    index_path = project_path(index_path)
    manifest_path = index_path.with_suffix(".json")
    listed = {group.source: group for group in read_manifest(manifest_path)}
    today = datetime.date.today().isoformat()
    written = {outcome.report.output_path for outcome in outcomes if outcome.succeeded}
    for run_set in run_sets:
        source = from_project_root(run_set.source)
        listed_before = listed.get(source, _empty()).reports
        previous = {report.path: report for report in listed_before}
        reports = []
        for report in run_set.reports:
            path = report.output_path.as_posix()
            if report.output_path in written:
                reports.append(ListedReport(report.label, path, today, __version__))
            elif path in previous:
                reports.append(previous[path])
        listed[source] = ListedRunSet(source, run_set.title, run_set.dataset_name, reports)
    groups = [_still_existing(group) for group in listed.values()]
    groups = [group for group in groups if group.reports]
    write_text_atomically(
        manifest_path, json.dumps([asdict(group) for group in groups], indent=2) + "\n"
    )
    return write_text_atomically(index_path, index_html(groups, index_path.parent))


def read_manifest(manifest_path: Path) -> list[ListedRunSet]:
    """The run sets listed so far; none if the manifest is missing or unreadable."""
    try:
        entries = json.loads(manifest_path.read_text(encoding="utf-8"))
        return [
            ListedRunSet(
                entry["source"], entry["title"], entry["dataset_name"],
                [ListedReport(**report) for report in entry["reports"]],
            )
            for entry in entries
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def index_html(groups: Sequence[ListedRunSet], index_folder: Path) -> str:
    """The index page: self-contained, no scripts, links relative to the page's folder."""
    def href(path: str) -> str:
        return quote(Path(os.path.relpath(project_path(path), index_folder)).as_posix())

    return _PAGE.render(
        groups=groups, href=href, version=__version__,
        generated=datetime.date.today().isoformat(),
    )


def _empty() -> ListedRunSet:
    return ListedRunSet("", "", "", [])


def _still_existing(group: ListedRunSet) -> ListedRunSet:
    reports = [report for report in group.reports if project_path(report.path).is_file()]
    return ListedRunSet(group.source, group.title, group.dataset_name, reports)


# Every value written into the page goes through the one HTML escaping helper (data.escaping).
_PAGE = jinja2.Environment(autoescape=False, finalize=html_text).from_string(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="pmf_kit {{ version }}">
<title>Reports</title>
<style>
body { font-family: "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif;
       color: #1b1b1b; line-height: 1.5; margin: 0; }
main { max-width: 56rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.25rem; border-bottom: 1px solid #d0d4d9; }
.about { color: #5a5a5a; margin: 0 0 0.5rem; font-size: 0.9rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.35rem 0.75rem 0.35rem 0; border-bottom: 1px solid #e3e6ea; }
th { font-weight: 600; border-bottom: 2px solid #1b1b1b; }
td.meta { color: #5a5a5a; white-space: nowrap; width: 1%; }
a { color: #005eb8; }
footer { margin-top: 3rem; padding-top: 0.75rem; border-top: 1px solid #d0d4d9; color: #5a5a5a;
         font-size: 0.8rem; }
@media print { main { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; }
               section { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>Reports</h1>
{% for group in groups %}
<section>
<h2>{{ group.title }}</h2>
{% set count = group.reports | length %}
<p class="about">Data set: {{ group.dataset_name }} &middot; {{ count }} report{{ "s" if count != 1 }}
&middot; run set {{ group.source }}</p>
<table>
<thead><tr><th>Report</th><th>Made</th><th>pmf_kit</th></tr></thead>
<tbody>
{% for report in group.reports %}
<tr><td><a href="{{ href(report.path) }}">{{ report.label }}</a></td>
<td class="meta">{{ report.generated }}</td><td class="meta">{{ report.pmf_kit_version }}</td></tr>
{% endfor %}
</tbody>
</table>
</section>
{% else %}
<p>No reports have been made yet.</p>
{% endfor %}
<footer>Index updated {{ generated }} by pmf_kit {{ version }}.</footer>
</main>
</body>
</html>
"""
)
