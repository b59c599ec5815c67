"""reports/index.html: one offline page linking every report made, grouped by run set and council,
with a search box that filters as you type and a map of the areas linking to their reports.
Run sets are listed for a reader: profiles of places, then performance reports, then analysts'
extras (pmf_kit.batch.index_order).

Batches run at different times and for different run sets, so the page is rebuilt from a small
manifest (index.json beside it) that each batch updates for its own run sets only, holding a lock
on the folder meanwhile so that two batches finishing together never lose an entry. A report is
listed while its HTML file exists; a failed report keeps the listing of its last good version.
The page needs no network: its one script is inline and reads only the page itself; every text
on it is escaped for where it lands (HTML text, attribute, URL).
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from pmf_kit.batch.index_areas import run_set_areas
from pmf_kit.batch.index_map import AreaMap, MapShape
from pmf_kit.batch.index_map_figure import MAP_CSS, map_figure
from pmf_kit.batch.index_order import order_key, run_set_kind
from pmf_kit.batch.locking import folder_locked
from pmf_kit.batch.runner import SKIPPED, ReportOutcome
from pmf_kit.batch.runsets import RunSet
from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.escaping import html_text
from pmf_kit.data.ownership import GENERATOR, check_replaceable, is_pmf_kit_page
from pmf_kit.data.paths import from_project_root, project_path
from pmf_kit.errors import ConfigError
from pmf_kit.version import __version__

INDEX_PATH = Path("reports/index.html")
# Run sets this large start with their council groups folded; a search that finds no more than
# UNFOLD_UP_TO reports opens the groups it finds (opening thousands of rows at once is slow).
FOLDED_ABOVE = 60
UNFOLD_UP_TO = 500


@dataclass(frozen=True)
class ListedReport:
    """One link on the index page; `path` is relative to the project root."""

    label: str
    path: str
    generated: str
    pmf_kit_version: str
    council: str = ""
    area_code: str = ""


@dataclass(frozen=True)
class ListedRunSet:
    """One group of the index page: a run set's title, data set, reports and map, and what it
    makes (its kind, notebook and level: pmf_kit.batch.index_order), which places it on the page."""

    source: str
    title: str
    dataset_name: str
    reports: list[ListedReport]
    map: AreaMap | None = field(default=None)
    kind: str = ""
    notebook: str = ""
    level: str = ""
    map_note: str = ""
    """Why there is no map, where the data set has no boundaries (said once, under the title)."""

    @property
    def order(self) -> tuple[int, int, str]:
        """Where the run set goes on the page: its kind first, its title last."""
        return order_key(self.kind, self.notebook, self.level, self.title)


def check_index_replaceable(index_path: Path, force: bool = False) -> Path:
    """The index page's path, if it (and its manifest) may be written: an .html path whose
    existing page and manifest pmf_kit wrote (or `force`). Checked before a batch runs."""
    index_path = project_path(index_path)
    if index_path.suffix.lower() != ".html":
        raise ConfigError(index_path, "--index must name an .html file (the index page, e.g. "
                                      "reports/index.html); its manifest is written beside it as .json")
    check_replaceable(index_path, is_pmf_kit_page, "a pmf_kit index page", force)
    check_replaceable(index_path.with_suffix(".json"), is_index_manifest, "a pmf_kit index manifest", force)
    return index_path


def is_index_manifest(path: Path) -> bool:
    """index.json as pmf_kit writes it (or wrote it before it carried its generator mark)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(document, dict):
        return document.get("generator") == GENERATOR
    return isinstance(document, list) and all(
        isinstance(entry, dict) and {"source", "title", "reports"} <= set(entry) for entry in document
    )


def update_index(
    run_sets: Sequence[RunSet], outcomes: Sequence[ReportOutcome], index_path: Path = INDEX_PATH,
    force: bool = False,
) -> Path:
    """Record this batch's run sets in the manifest and rewrite the index page from it.

    The manifest names run sets and reports by their paths from the project root, so batches
    started from different folders of the project keep one list.
    """
    index_path = check_index_replaceable(index_path, force)
    updated = [_listed(run_set, outcomes) for run_set in run_sets]
    manifest_path = index_path.with_suffix(".json")
    with folder_locked(index_path.parent):
        listed = {group.source: group for group in read_manifest(manifest_path)}
        for group in updated:
            listed[group.source] = _keeping_previous(group, listed.get(group.source))
        groups = [_still_existing(group) for group in listed.values()]
        groups = sorted((group for group in groups if group.reports), key=lambda group: group.order)
        document = {"generator": GENERATOR, "pmf_kit_version": __version__,
                    "run_sets": [asdict(group) for group in groups]}
        write_text_atomically(manifest_path, json.dumps(document, indent=1) + "\n")
        return write_text_atomically(index_path, index_html(groups, index_path.parent))


def _listed(run_set: RunSet, outcomes: Sequence[ReportOutcome]) -> ListedRunSet:
    """The run set as this batch leaves it: reports written now listed anew, skipped ones as
    their file stands; the rest are filled in from the previous listing."""
    today = datetime.date.today().isoformat()
    written = {outcome.report.output_path for outcome in outcomes if outcome.succeeded}
    skipped = {outcome.report.output_path for outcome in outcomes if outcome.status == SKIPPED}
    areas = run_set_areas(run_set)
    reports = []
    for report in run_set.reports:
        code = str(report.parameters.get("area", ""))
        council = areas.councils.get(code, "")
        path = report.output_path
        if path in written:
            reports.append(ListedReport(report.label, path.as_posix(), today, __version__, council, code))
        elif path in skipped:
            made = datetime.date.fromtimestamp(project_path(path).stat().st_mtime).isoformat()
            reports.append(ListedReport(report.label, path.as_posix(), made, __version__, council, code))
        else:
            reports.append(ListedReport(report.label, path.as_posix(), "", "", council, code))
    source = from_project_root(run_set.source)
    kind = run_set_kind(run_set)
    return ListedRunSet(source, run_set.title, run_set.dataset_name, reports, areas.map, kind.kind,
                        kind.notebook, kind.level, areas.map_note)


def _keeping_previous(group: ListedRunSet, previous: ListedRunSet | None) -> ListedRunSet:
    """Reports not made by this batch keep their previous listing, or are dropped if they had
    none (a failed report never made, or one this batch did not run)."""
    before = {report.path: report for report in previous.reports} if previous else {}
    reports = []
    for report in group.reports:
        if report.generated:
            reports.append(report)
        elif report.path in before:
            old = before[report.path]
            reports.append(ListedReport(old.label, old.path, old.generated, old.pmf_kit_version,
                                        report.council, report.area_code))
    area_map = group.map if group.map is not None else (previous.map if previous else None)
    return replace(group, reports=reports, map=area_map)


def read_manifest(manifest_path: Path) -> list[ListedRunSet]:
    """The run sets listed so far; none if the manifest is missing or unreadable."""
    try:
        document = json.loads(manifest_path.read_text(encoding="utf-8"))
        entries = document["run_sets"] if isinstance(document, dict) else document
        return [_run_set_from(entry) for entry in entries]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _run_set_from(entry: dict[str, Any]) -> ListedRunSet:
    stored_map = entry.get("map")
    area_map = None
    if stored_map:
        area_map = AreaMap(stored_map["view_box"], [MapShape(**shape) for shape in stored_map["shapes"]])
    return ListedRunSet(
        entry["source"], entry["title"], entry["dataset_name"],
        [ListedReport(**report) for report in entry["reports"]], area_map,
        entry.get("kind", ""), entry.get("notebook", ""), entry.get("level", ""), entry.get("map_note", ""),
    )


def _still_existing(group: ListedRunSet) -> ListedRunSet:
    reports = [report for report in group.reports if project_path(report.path).is_file()]
    return replace(group, reports=reports)


@dataclass(frozen=True)
class CouncilGroup:
    """The reports of one council within a run set (council "" for reports of no area)."""

    council: str
    reports: list[ListedReport]


def council_groups(group: ListedRunSet) -> list[CouncilGroup]:
    """A run set's reports by council, councils in name order, reports in run-set order."""
    by_council: dict[str, list[ListedReport]] = {}
    for report in group.reports:
        by_council.setdefault(report.council, []).append(report)
    return [CouncilGroup(council, by_council[council]) for council in sorted(by_council)]


def index_html(groups: Sequence[ListedRunSet], index_folder: Path) -> str:
    """The index page: self-contained, one inline script, links relative to the page's folder,
    run sets in reading order (index_order)."""
    def href(path: str) -> str:
        return quote(Path(os.path.relpath(project_path(path), index_folder)).as_posix())

    def search_text(*parts: str) -> str:
        return " ".join(part for part in parts if part).casefold()

    def report_links(group: ListedRunSet) -> dict[str, ListedReport]:
        return {report.area_code: report for report in group.reports if report.area_code}

    def figure(group: ListedRunSet) -> Markup:
        return map_figure(group.map, group.title, report_links(group), href, search_text)

    groups = sorted(groups, key=lambda group: group.order)
    total = sum(len(group.reports) for group in groups)
    return _PAGE.render(
        groups=groups, href=href, figure=figure, map_css=Markup(MAP_CSS), version=__version__, total=total,
        council_groups=council_groups, search_text=search_text, folded_above=FOLDED_ABOVE,
        unfold_up_to=UNFOLD_UP_TO, generated=datetime.date.today().isoformat(),
    )


# Every value written into the page goes through the one HTML escaping helper (data.escaping),
# but for the map's markup, which index_map_figure escaped through the same helper as it wrote it.
def _escaped(value: object) -> str:
    return value if isinstance(value, Markup) else html_text(value)


_PAGE = jinja2.Environment(autoescape=False, finalize=_escaped, trim_blocks=True,
                           lstrip_blocks=True).from_string(
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
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 2rem; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.25rem; border-bottom: 1px solid #d0d4d9; }
.find { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin: 0 0 1rem; }
.find label { font-weight: 600; }
.find input { font: inherit; padding: 0.4rem 0.6rem; border: 2px solid #5a5a5a; border-radius: 4px;
              width: min(28rem, 100%); }
.find input:focus { outline: 3px solid #ffbf47; outline-offset: 0; }
#shown { color: #5a5a5a; margin: 0; }
.about { color: #5a5a5a; margin: 0 0 0.5rem; font-size: 0.9rem; }
details { margin: 0.25rem 0; }
summary { cursor: pointer; font-weight: 600; padding: 0.2rem 0; }
summary .count { color: #5a5a5a; font-weight: normal; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.3rem 0.75rem 0.3rem 0; border-bottom: 1px solid #e3e6ea; }
th { font-weight: 600; border-bottom: 2px solid #1b1b1b; }
td.meta { color: #5a5a5a; white-space: nowrap; width: 1%; }
a { color: #005eb8; }
{{ map_css }}
[hidden] { display: none !important; }
footer { margin-top: 3rem; padding-top: 0.75rem; border-top: 1px solid #d0d4d9; color: #5a5a5a;
         font-size: 0.8rem; }
@media print { main { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; }
               .find, figure.map { display: none; } section { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<h1>Reports</h1>
{% if groups %}
<div class="find" role="search">
<label for="search">Find a report</label>
<input type="search" id="search" autocomplete="off" spellcheck="false"
       placeholder="Area, council or run set">
<p id="shown" aria-live="polite">{{ total }} report{{ "s" if total != 1 }}</p>
</div>
{% endif %}
{% for group in groups %}
{% set count = group.reports | length %}
{% set councils = council_groups(group) %}
<section class="run-set" data-title="{{ search_text(group.title) }}">
<h2>{{ group.title }}</h2>
<p class="about">Data set: {{ group.dataset_name }} &middot; {{ count }} report{{ "s" if count != 1 }}
&middot; run set {{ group.source }}</p>
{% if group.map %}
{{ figure(group) }}
{% elif group.map_note %}
<p class="about">{{ group.map_note }}</p>
{% endif %}
{% for council in councils %}
{% if council.council %}
<details class="council"{{ " open" if count <= folded_above }} data-open="{{ "yes" if count <= folded_above else "no" }}">
<summary>{{ council.council }} <span class="count">({{ council.reports | length }})</span></summary>
{% endif %}
<table>
<thead><tr><th>Report</th><th>Made</th><th>pmf_kit</th></tr></thead>
<tbody>
{% for report in council.reports %}
<tr data-search="{{ search_text(report.label, report.council, group.title) }}"><td><a href="{{ href(report.path) }}">{{ report.label }}</a></td>
<td class="meta">{{ report.generated }}</td><td class="meta">{{ report.pmf_kit_version }}</td></tr>
{% endfor %}
</tbody>
</table>
{% if council.council %}
</details>
{% endif %}
{% endfor %}
</section>
{% else %}
<p>No reports have been made yet.</p>
{% endfor %}
<footer>Index updated {{ generated }} by pmf_kit {{ version }}.</footer>
</main>
{% if groups %}
<script>
(function () {
  "use strict";
  var box = document.getElementById("search");
  var shown = document.getElementById("shown");
  var all = {{ total }};
  function listOf(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  function entry(element) {
    return {element: element, text: element.getAttribute("data-search"),
            details: element.closest("details"), section: element.closest("section")};
  }
  var rows = listOf("tbody tr").map(entry);
  var links = listOf("figure.map a").map(entry);
  var groups = listOf("details.council");
  var sections = listOf("section.run-set");
  function reports(n) { return n + (n === 1 ? " report" : " reports"); }
  function matches(text, words) {
    for (var i = 0; i < words.length; i++) { if (text.indexOf(words[i]) < 0) { return false; } }
    return true;
  }
  function filter() {
    var words = box.value.toLocaleLowerCase().split(/\\s+/).filter(Boolean);
    var found = new Map();
    var total = 0;
    rows.forEach(function (row) {
      var hit = matches(row.text, words);
      if (row.element.hidden === hit) { row.element.hidden = !hit; }
      if (hit) {
        total++;
        found.set(row.details, (found.get(row.details) || 0) + 1);
        found.set(row.section, (found.get(row.section) || 0) + 1);
      }
    });
    var unfold = words.length > 0 && total <= {{ unfold_up_to }};
    groups.forEach(function (group) {
      var count = found.get(group) || 0;
      group.hidden = count === 0;
      group.open = unfold ? count > 0 : group.getAttribute("data-open") === "yes";
    });
    sections.forEach(function (section) { section.hidden = !found.get(section); });
    links.forEach(function (link) { link.element.classList.toggle("dimmed", !matches(link.text, words)); });
    shown.textContent = words.length ? total + " of " + reports(all) + " found" : reports(all);
  }
  box.addEventListener("input", filter);
  if (box.value) { filter(); }
})();
</script>
{% endif %}
</body>
</html>
"""
)
