"""Key points first: a profile's main findings in words, drafted from the tables the report shows.

The draft (pmf_kit/templates/narrative/key_points.md.j2) is filled only from the like-for-like
comparisons (profiles.comparisons), the recent trends and figures of the theme tables, the
inequalities table and the at-a-glance table, each figure written exactly as its table writes it
(a value or a range, with its period and release), so every number in the words is one a reader
can find in a table. In order: significantly worse and getting worse, worse, mixed (worse than one
comparator, better than another: said once, side by side), better, significant recent trends (only
where an indicator could have one), differences by size of figures without sampling error, the
widest gaps by deprivation (never an input of SIMD itself: split by SIMD it partly restates how
SIMD was built), figures shown beside comparators of another period (no verdict), population,
then indicators published only for larger areas, named once, and figures to read with care
(small numbers), which never lead.

An analyst can replace the draft, or add to it, with a Markdown file per area in a folder the
run set names (`key_points_folder`): `<area-file-name>.md` (as the report's file name, e.g.
`auchterlinn.md`) or `<area code>.md`; front matter `mode: extend` adds it after the draft.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmf_kit.charts import wording
from pmf_kit.charts.display import format_value
from pmf_kit.data.catalogue_fields import WITHOUT_SAMPLING_ERROR
from pmf_kit.data.geography import DATAZONE
from pmf_kit.data.naming import slugify
from pmf_kit.profiles.comparisons import comparison_with
from pmf_kit.profiles.figures import figure_text
from pmf_kit.profiles.inequalities import inequality_summary, quintile_values
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.profiles.stability import instability

TEMPLATES = Path(__file__).parents[1] / "templates" / "narrative"
WIDEST_GAPS = 3


def _figure(low: float, high: float, unit: str) -> str:
    """A figure as its table shows it, with its unit: "11,258.7 per 100,000", "288.2 to 290.0 per 10,000"."""
    return figure_text(low, high, unit) + wording.UNIT_SUFFIX.get(unit, "")


def comparison_facts(profile: LocalityProfile) -> list[dict]:
    """Per indicator with a figure for the area: title, period text, figure, the comparators it is
    significantly worse and better than (same period only), those it is higher or lower than by
    size (no sampling error), comparators shown for another period, why it is unstable (if it
    is), and its recent trend."""
    compared = [comparison_with(profile, comparator).set_index("indicator_id") for comparator in profile.comparators]
    catalogue = profile.dataset.catalogue
    residents = profile.residents(profile.area, profile.population_periods[0])
    facts = []
    for indicator_id in profile.shown_indicator_ids:
        rows = [frame.loc[indicator_id] for frame in compared]
        unit, variability = str(catalogue.loc[indicator_id, "unit"]), str(catalogue.loc[indicator_id, "variability"])
        own = _own_row(profile, indicator_id)
        if own is None:
            continue
        fact = {"title": catalogue.loc[indicator_id, "title"], "period": own["period_text"],
                "value": _figure(own["value_low"], own["value_high"], unit), "unit": unit,
                "tested": unit != "count" and variability not in WITHOUT_SAMPLING_ERROR,
                "trend": profile.recent_trends[indicator_id].assessment,
                "unstable": instability(own, unit, variability, residents)}
        tested = [row for row in rows if not row["similar_words"] and row["comparator"] != _similar_name(profile)]
        for verdict in ("worse", "better"):
            fact[verdict] = [_against(row, unit) for row in tested if row["significance"] == verdict]
        similar = [row for row in rows if row["comparator"] == _similar_name(profile)]
        fact["similar"] = similar[0]["similar_words"] if similar and variability not in WITHOUT_SAMPLING_ERROR else ""
        fact["similar_side"] = similar[0]["significance"] if fact["similar"] else ""
        for side in ("higher", "lower"):
            fact[side] = ([_against(row, unit) for row in rows if row["size"] == side]
                          if variability in WITHOUT_SAMPLING_ERROR and unit != "count" else [])
        fact["all_compared"] = len(rows)
        fact["other_period"] = [_against(row, unit, with_period=True) for row in rows
                                if not row["same_period"] and pd.notna(row["comparator_value"])]
        facts.append(fact)
    return facts


def _similar_name(profile: LocalityProfile) -> str | None:
    """The label of the similar areas' pool, where the profile has one."""
    return profile.label(profile.similar_group) if profile.similar_group else None


def _own_row(profile: LocalityProfile, indicator_id: str) -> pd.Series | None:
    rows = profile.indicator_values(indicator_id)
    rows = rows[(rows["geography_code"] == profile.area.code) & (rows["period"] == profile.reporting_period(indicator_id))]
    if rows.empty or rows.iloc[0]["suppressed"] or pd.isna(rows.iloc[0]["value"]):
        return None
    return rows.iloc[0]


def _against(row: pd.Series, unit: str, with_period: bool = False) -> dict:
    named = {"name": row["comparator"], "value": _figure(row["comparator_value_low"], row["comparator_value_high"], unit)}
    return named | ({"period": row["comparator_period_text"]} if with_period else {})


def gap_facts(profile: LocalityProfile) -> tuple[list[dict] | None, list[str]]:
    """(the widest deprivation gaps, largest RII either way round, as the inequalities table
    shows them, of indicators where one end is better than the other (not neutral ones, such as
    the share of older residents), leaving out inputs of SIMD itself; the titles of those inputs
    left out). None for a data zone, which lies in one quintile, and for a data set without SIMD
    (its inequalities section says why)."""
    if profile.area.level == DATAZONE or not profile.dataset.has_simd:
        return None, []
    summary = inequality_summary(profile, quintile_values(profile))
    if summary.empty:
        return [], []
    calculated = summary[summary["SII"].notna() & summary["RII"].notna()]
    inputs = list(calculated.loc[calculated["simd_input"], "Indicator"])
    calculated = calculated[~calculated["simd_input"]]
    polarity = calculated["indicator_id"].map(profile.dataset.catalogue["polarity"])
    calculated = calculated[polarity != "neutral"]
    widest = calculated.assign(size=calculated["RII"].abs()).sort_values("size", ascending=False).head(WIDEST_GAPS)
    catalogue = profile.dataset.catalogue
    facts = []
    for _, row in widest.iterrows():
        unit, polarity = catalogue.loc[row["indicator_id"], "unit"], catalogue.loc[row["indicator_id"], "polarity"]
        low, high = row["SII low"], row["SII high"]
        suffix = " percentage points" if unit == "percent" else wording.UNIT_SUFFIX.get(unit, "")
        facts.append({
            "title": row["Indicator"], "period": row["Period"], "unit": unit,
            "most": row["Most deprived quintile"] + wording.UNIT_SUFFIX.get(unit, ""),
            "least": row["Least deprived quintile"] + wording.UNIT_SUFFIX.get(unit, ""),
            "sii": figure_text(min(abs(low), abs(high)), max(abs(low), abs(high)), "percent") + suffix,
            "rii": figure_text(min(abs(row["RII low"]), abs(row["RII high"])),
                               max(abs(row["RII low"]), abs(row["RII high"])), "mean"),
            "higher_end": "most" if low > 0 else "least", "spans_zero": low < 0 < high,
            "worse_for_most_deprived": {"higher_is_better": high < 0, "lower_is_better": low > 0}.get(polarity),
        })
    return facts, inputs


def population_facts(profile: LocalityProfile) -> dict:
    """Residents now and their change since the earliest estimate of the same release, as the
    at-a-glance table shows them, each with its period and release."""
    figures = profile.headline_figures(profile.area)
    latest, earliest = profile.population_periods
    facts = {"residents": format_value(figures["residents"], "count"),
             "period": profile.population_period_text(latest), "earliest": earliest}
    if earliest:
        change = figures["change_percent"]
        facts.update(before=format_value(figures["residents_before"], "count"),
                     change=format_value(abs(change), "percent"),
                     direction="no change" if format_value(change, "percent") in ("0.0", "-0.0") else
                     ("more" if change > 0 else "fewer"))
    return facts


def _at_level(profile: LocalityProfile) -> set[str]:
    """Indicators with a figure for some area of this profile's level."""
    level_values = profile.dataset.aggregate(profile.area.level)
    return set(level_values.loc[level_values["value"].notna(), "indicator_id"])


def missing_here(profile: LocalityProfile) -> list[str]:
    """Titles of indicators published for areas of this level that have no figure for this one
    (no data, or a small count hidden)."""
    at_level = _at_level(profile)
    catalogue = profile.dataset.catalogue
    return [str(catalogue.loc[indicator, "title"]) for indicator in profile.shown_indicator_ids
            if indicator in at_level and _own_row(profile, indicator) is None]


def published_elsewhere(profile: LocalityProfile) -> list[dict]:
    """Themes of indicators published only for larger areas (no area of this level has a figure:
    NRS migration for councils): each theme, its indicators' count and where they are published."""
    at_level = _at_level(profile)
    catalogue = profile.dataset.catalogue
    groups: dict[str, list[str]] = {}
    for indicator_id in profile.shown_indicator_ids:
        if indicator_id not in at_level and _own_row(profile, indicator_id) is None:
            groups.setdefault(str(catalogue.loc[indicator_id, "theme"]), []).append(str(catalogue.loc[indicator_id, "title"]))
    comparators = [profile.label(area) for area in profile.comparators if area.level in profile.dataset.level_ids]
    return [{"theme": theme, "count": len(titles), "shown_for": comparators} for theme, titles in groups.items()]


def draft(area: str, comparators: list[str], facts: list[dict], gaps: list[dict] | None, population: dict,
          can_have_trends: bool = True, simd_inputs: list[str] = (), elsewhere: list[dict] = (),
          level: str = "area", missing: list[str] = ()) -> str:
    """The key points as Markdown, from facts shaped as the functions above give them: the
    template sorts them, and says so plainly where a list is empty and could have held something."""
    steady = [fact for fact in facts if not fact["unstable"]]
    for fact in facts:
        fact.setdefault("similar", "")
        fact.setdefault("similar_side", "")
        fact["is_worse"] = bool(fact["worse"]) or fact["similar_side"] == "worse"
        fact["is_better"] = bool(fact["better"]) or fact["similar_side"] == "better"
    mixed = [fact for fact in steady if fact["is_worse"] and fact["is_better"]]
    text = wording.drafting_environment(TEMPLATES).get_template("key_points.md.j2").render(
        area=area, comparators=comparators, level=level,
        worse_and_worsening=[fact for fact in steady if fact["is_worse"] and not fact["is_better"]
                             and fact["trend"] == "worsening"],
        worse=[fact for fact in steady if fact["is_worse"] and not fact["is_better"] and fact["trend"] != "worsening"],
        mixed=mixed,
        better=[fact for fact in steady if fact["is_better"] and not fact["is_worse"]],
        improving=[fact for fact in steady if fact["trend"] == "improving"],
        worsening=[fact for fact in steady if fact["trend"] == "worsening" and not fact["is_worse"]],
        changing=[fact for fact in steady if fact["trend"] in ("increasing", "decreasing")],
        can_have_trends=can_have_trends, any_tested=any(fact["tested"] for fact in steady),
        highest=[fact for fact in steady if fact["higher"] and len(fact["higher"]) == fact["all_compared"]],
        lowest=[fact for fact in steady if fact["lower"] and len(fact["lower"]) == fact["all_compared"]],
        other_period=[fact for fact in steady if fact["other_period"]],
        unstable=[fact for fact in facts if fact["unstable"]],
        gaps=gaps, simd_inputs=list(simd_inputs), population=population, elsewhere=list(elsewhere),
        missing=list(missing),
    )
    return wording.tidy(text)


def key_points(profile: LocalityProfile) -> str:
    """The drafted key points of a profile, as Markdown."""
    gaps, inputs = gap_facts(profile)
    return draft(profile.label(profile.area), [profile.label(area) for area in profile.comparators],
                 comparison_facts(profile), gaps, population_facts(profile), profile.can_have_trends, inputs,
                 published_elsewhere(profile), wording.in_sentence(profile.dataset.level_label(profile.area.level)),
                 missing_here(profile))


def key_points_with_override(profile: LocalityProfile, folder: str | Path | None) -> tuple[str, str]:
    """(text, source): the draft, or the analyst's own file for this area instead of it or after it."""
    return wording.with_override(key_points(profile), folder, [slugify(profile.area.name), profile.area.code])
