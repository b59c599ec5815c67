"""The order of the index page's run sets, for a reader rather than by file name: profiles of
places first (the largest areas first, data zones last), then performance reports (the public's
annual report, outcome reports, the Board's dashboards), then analysts' extras (profiles of
custom areas, any other notebook). Within one place in that order, run sets go by title.

A run set's kind is read from what it makes (its notebook and the level of its areas), never
from its file name, so `custom-areas.yaml` no longer sorts before `localities.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmf_kit.batch.runsets import RunSet

PLACES, PERFORMANCE, EXTRAS = "places", "performance", "extras"
KINDS = (PLACES, PERFORMANCE, EXTRAS)
PROFILE_NOTEBOOK = "locality_profile"
PERFORMANCE_NOTEBOOKS = ("public_performance_report", "outcome_report", "partnership_dashboard")
"""The performance notebooks, in the order a reader meets them: the year for the public, each
outcome, then the Board's dashboard."""
LARGEST_FIRST = ("scotland", "health_board", "council", "hscp", "hscp_locality", "locality", "ward",
                 "intermediate_zone")
"""Levels of place, largest first; any other level comes after these, and data zones last."""
DATAZONE = "datazone"
CUSTOM = "custom"


@dataclass(frozen=True)
class RunSetKind:
    """What a run set makes, as far as the index page's order needs it."""

    kind: str
    notebook: str
    level: str


def run_set_kind(run_set: RunSet) -> RunSetKind:
    """The kind of a run set: a profile of places (one level of the geography), a performance
    report, or an analyst's extra (custom areas, a notebook pmf_kit does not ship)."""
    notebook = Path(run_set.notebook).stem
    levels = {str(report.parameters.get("area_level", "")) for report in run_set.reports}
    level = levels.pop() if len(levels) == 1 else ""
    if notebook in PERFORMANCE_NOTEBOOKS:
        return RunSetKind(PERFORMANCE, notebook, "")
    if notebook == PROFILE_NOTEBOOK and level and level != CUSTOM:
        return RunSetKind(PLACES, notebook, level)
    return RunSetKind(EXTRAS, notebook, level)


def order_key(kind: str, notebook: str, level: str, title: str) -> tuple[int, int, str]:
    """Sort key of a run set on the index page (an unknown kind, as an old manifest has, last)."""
    kind_rank = KINDS.index(kind) if kind in KINDS else len(KINDS)
    if kind == PLACES:
        within = (LARGEST_FIRST.index(level) if level in LARGEST_FIRST
                  else len(LARGEST_FIRST) + (1 if level == DATAZONE else 0))
    elif kind == PERFORMANCE:
        within = PERFORMANCE_NOTEBOOKS.index(notebook) if notebook in PERFORMANCE_NOTEBOOKS else 0
    else:
        within = 0
    return kind_rank, within, title.casefold()
