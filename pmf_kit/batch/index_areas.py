"""What the index page knows about a run set's areas: the council each is in, and their map.

Read from the run set's data set when a batch updates the index (the data set the run set
opened, kept open by the CLI): the council holding most of each area's residents
(Geography.best_fit), so thousands of data zone or intermediate zone reports group into 32
councils, and the areas' shapes where the data set has boundaries (pmf_kit.batch.index_map).
Reports made for no area (LOIP outcome reports and dashboards) have neither. A data set that
cannot give them leaves the index without groups or a map, never without the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pmf_kit.batch.index_map import MAX_AREAS, AreaMap, area_map
from pmf_kit.batch.runsets import RunSet
from pmf_kit.data.dataset import Dataset, open_dataset
from pmf_kit.errors import PmfKitError

COUNCIL = "council"


@dataclass(frozen=True)
class RunSetAreas:
    """Council name by area code, and the map of the areas (None where there is none, with
    `map_note` saying why where the data set has no boundaries)."""

    councils: dict[str, str] = field(default_factory=dict)
    map: AreaMap | None = None
    map_note: str = ""


def run_set_areas(run_set: RunSet) -> RunSetAreas:
    """The councils and map of a run set made one report per area; empty for any other."""
    codes = [report.parameters.get("area") for report in run_set.reports]
    levels = {report.parameters.get("area_level") for report in run_set.reports}
    if not run_set.reports or None in codes or len(levels) != 1:
        return RunSetAreas()
    level = str(levels.pop())
    custom_areas = run_set.reports[0].parameters.get("custom_areas")
    try:
        data = open_dataset(run_set.dataset, custom_areas=custom_areas)
        return RunSetAreas(_councils(data, level, codes), _map(data, level, set(map(str, codes))),
                           "" if data.has_boundaries else data.no_boundaries_note)
    except (PmfKitError, OSError, ValueError, KeyError):
        return RunSetAreas()


def _councils(data: Dataset, level: str, codes: list[str]) -> dict[str, str]:
    geography = data.geography
    if COUNCIL not in geography.level_ids or level not in geography.level_ids:
        return {}
    if level == COUNCIL:
        areas = geography.areas(COUNCIL)
        return dict(zip(areas["code"], areas["name"]))
    fits = geography.best_fit(level, COUNCIL)
    wanted = fits[fits["code"].isin(codes)]
    return dict(zip(wanted["code"], wanted["to_name"]))


def _map(data: Dataset, level: str, codes: set[str]) -> AreaMap | None:
    if not data.has_boundaries or len(codes) > MAX_AREAS or level not in data.geography.level_ids:
        return None
    boundaries = data.boundaries(level)
    return area_map(boundaries[boundaries["code"].isin(codes)])
