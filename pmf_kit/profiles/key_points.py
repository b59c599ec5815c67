"""Key points first: a profile's main findings in words, drafted from the tables the report shows.

The draft (pmf_kit/templates/narrative/key_points.md.j2) is filled only from the spine
comparisons (significantly better or worse than each comparator), the recent trends and values
of the theme tables, the inequalities table (SII and RII) and the at-a-glance table
(residents and their change), each figure formatted exactly as its table shows it, so every
number in the words is one a reader can find in a table. In order: worse and getting worse,
then worse, better, significant recent trends, the widest deprivation gaps, and population.

An analyst can replace the draft, or add to it, with a Markdown file per area in a folder the
run set names (`key_points_folder`): `<area-file-name>.md` (as the report's file name, e.g.
`auchterlinn.md`) or `<area code>.md`; front matter `mode: extend` adds it after the draft.
"""

from __future__ import annotations

from pathlib import Path

from pmf_kit.charts import wording
from pmf_kit.charts.display import format_value
from pmf_kit.data.geography import DATAZONE
from pmf_kit.data.naming import slugify
from pmf_kit.profiles.inequalities import inequality_summary, quintile_values
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.spine import comparison_with

TEMPLATES = Path(__file__).parents[1] / "templates" / "narrative"
WIDEST_GAPS = 3
INEQUALITY_DECIMALS_UNIT = "percent"
"""The inequalities table shows quintile values and the SII to one decimal, the RII to two."""


def _figure(value: float, unit: str, decimals_unit: str | None = None) -> str:
    """A figure as its table shows it, with its unit: "11,258.7 per 100,000", "12.8%"."""
    return format_value(value, decimals_unit or unit) + wording.UNIT_SUFFIX.get(unit, "")


def comparison_facts(profile: LocalityProfile) -> list[dict]:
    """Per indicator with a figure for the area: title, period, value, the comparators it is
    significantly worse and better than (name and value), and its recent trend."""
    compared = [comparison_with(profile, comparator).set_index("indicator_id") for comparator in profile.comparators]
    facts = []
    for indicator_id in profile.shown_indicator_ids:
        rows = [frame.loc[indicator_id] for frame in compared]
        unit = str(profile.dataset.catalogue.loc[indicator_id, "unit"])
        value = rows[0]["value"] if rows else float("nan")
        against = {verdict: [{"name": row["comparator"], "value": _figure(row["comparator_value"], unit)}
                             for row in rows if row["significance"] == verdict] for verdict in ("worse", "better")}
        facts.append({"title": profile.dataset.catalogue.loc[indicator_id, "title"],
                      "period": profile.reporting_period(indicator_id), "value": _figure(value, unit),
                      "has_value": not wording.is_missing(value), **against,
                      "trend": profile.recent_trends[indicator_id].assessment})
    return facts


def gap_facts(profile: LocalityProfile) -> list[dict] | None:
    """The widest deprivation gaps (largest RII, either way round) as the inequalities table
    shows them; None for a data zone, which lies in one quintile."""
    if profile.area.level == DATAZONE:
        return None
    summary = inequality_summary(profile, quintile_values(profile))
    if summary.empty:
        return []
    calculated = summary[summary["SII"].notna() & summary["RII"].notna()]
    widest = calculated.assign(size=calculated["RII"].abs()).sort_values("size", ascending=False).head(WIDEST_GAPS)
    catalogue = profile.dataset.catalogue.set_index("title")
    facts = []
    for _, row in widest.iterrows():
        unit, polarity = catalogue.loc[row["Indicator"], "unit"], catalogue.loc[row["Indicator"], "polarity"]
        sii = row["SII"]
        facts.append({
            "title": row["Indicator"], "period": row["Period"], "unit": unit,
            "most": _figure(row["Most deprived quintile"], unit, INEQUALITY_DECIMALS_UNIT),
            "least": _figure(row["Least deprived quintile"], unit, INEQUALITY_DECIMALS_UNIT),
            "sii": format_value(abs(sii), INEQUALITY_DECIMALS_UNIT) + (
                " percentage points" if unit == "percent" else wording.UNIT_SUFFIX.get(unit, "")),
            "rii": format_value(abs(row["RII"]), "mean"), "higher_end": "most" if sii > 0 else "least",
            "worse_for_most_deprived": {"higher_is_better": sii < 0, "lower_is_better": sii > 0}.get(polarity),
        })
    return facts


def population_facts(profile: LocalityProfile) -> dict:
    """Residents now and their change since the earliest estimate, as the at-a-glance table shows them."""
    headline = profile.headline().set_index("Measure")[profile.label(profile.area)]
    latest, earliest = profile.population_periods
    facts = {"residents": format_value(headline["Residents"], "count"), "period": latest, "earliest": earliest}
    if earliest:
        change = headline[f"Change in residents since {earliest} (%)"]
        facts.update(before=format_value(headline[f"Residents in {earliest}"], "count"),
                     change=format_value(abs(change), "percent"),
                     direction="no change" if round(change, 1) == 0 else ("more" if change > 0 else "fewer"))
    return facts


def draft(area: str, comparators: list[str], facts: list[dict], gaps: list[dict] | None, population: dict) -> str:
    """The key points as Markdown, from facts shaped as `comparison_facts`, `gap_facts` and
    `population_facts` give them: the template sorts them into worse and getting worse, worse,
    better and trends, and says so plainly where a list is empty."""
    text = wording.drafting_environment(TEMPLATES).get_template("key_points.md.j2").render(
        area=area, comparators=comparators,
        worse_and_worsening=[fact for fact in facts if fact["worse"] and fact["trend"] == "worsening"],
        worse=[fact for fact in facts if fact["worse"] and fact["trend"] != "worsening"],
        better=[fact for fact in facts if fact["better"]],
        improving=[fact for fact in facts if fact["trend"] == "improving"],
        worsening=[fact for fact in facts if fact["trend"] == "worsening" and not fact["worse"]],
        changing=[fact for fact in facts if fact["trend"] in ("increasing", "decreasing")],
        without_figure=[fact for fact in facts if not fact["has_value"]],
        gaps=gaps, population=population,
    )
    return wording.tidy(text)


def key_points(profile: LocalityProfile) -> str:
    """The drafted key points of a profile, as Markdown."""
    return draft(profile.label(profile.area), [profile.label(area) for area in profile.comparators], comparison_facts(profile),
                 gap_facts(profile), population_facts(profile))


def key_points_with_override(profile: LocalityProfile, folder: str | Path | None) -> tuple[str, str]:
    """(text, source): the draft, or the analyst's own file for this area instead of it or after it."""
    return wording.with_override(key_points(profile), folder, [slugify(profile.area.name), profile.area.code])

