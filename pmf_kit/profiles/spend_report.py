"""The optional spend section of a locality profile: where public money goes in the area, per
resident and per service user, beside its comparators, and how it falls across deprivation.

One call, `show_spend(profile)`, is one notebook cell; where the data set has no spend.csv it
shows nothing at all (no heading, and no entry in the contents), so the same notebook runs on data
sets with and without spend and no page carries an empty section.
"""

from __future__ import annotations


import altair as alt
import pandas as pd
from IPython.display import HTML, display

from pmf_kit import charts
from pmf_kit.charts.display import NO_DATA, show_chart, show_heading, show_table
from pmf_kit.data.escaping import html_text
from pmf_kit.data.geography import DATAZONE, Area
from pmf_kit.data.spend import (
    ALL_SERVICES, SERVICE_USER_THRESHOLD, has_spend, spend_by_simd_decile, spend_concentration, spend_per_head,
    spend_periods,
)
from pmf_kit.profiles.profile import LocalityProfile
from pmf_kit.stats.disclosure import SUPPRESSION_SYMBOL

SPEND_NOTES = [
    "Spend per resident divides spend in the financial year by the residents of the data zones at mid-year "
    "of the year it starts. Unit cost divides spend by service users, only for services that record them.",
    f"{SUPPRESSION_SYMBOL} Not shown to protect confidentiality: fewer than {SERVICE_USER_THRESHOLD} service "
    "users, and the spend, unit cost and total that would reveal them.",
]
CONCENTRATION_NOTE = (
    "Concentration index: 0 when spend per resident is the same in every data zone; negative when spend is "
    "concentrated in the more deprived data zones, positive in the less deprived (−1 to 1). Data zones are "
    "ranked by national SIMD rank, most deprived first; C = Σ (p(t−1)·L(t) − p(t)·L(t−1)) over cumulative "
    "shares of residents p and of spend L."
)


def pounds(value: object, decimals: int = 0) -> str:
    """£1,234 (or £12.34), the suppression symbol kept, a dash for no data."""
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return NO_DATA
    return f"£{float(value):,.{decimals}f}"


def _spend_areas(profile: LocalityProfile) -> list[Area]:
    """This area and the comparators built from data zones (spend is not published for others)."""
    level_ids = profile.dataset.geography.level_ids
    return [profile.area, *[area for area in profile.comparators if area.level in level_ids]]


def spend_comparison(profile: LocalityProfile) -> pd.DataFrame:
    """One row per service line: this area's spend, unit cost and spend per resident, then spend
    per resident in each comparator; the latest spend period."""
    areas = _spend_areas(profile)
    rows = {}
    for area in areas:
        table = spend_per_head(profile.dataset, area.level)
        rows[area.code] = table[table["area_code"] == area.code].set_index("service_line")
    own = rows[profile.area.code]
    shown = pd.DataFrame({
        "Service line": own.index,
        "Spend": [SUPPRESSION_SYMBOL if status else pounds(value)
                  for value, status in zip(own["spend_gbp"], own["suppressed"])],
        "Service users": [_users(users, status) for users, status in zip(own["service_users"], own["suppressed"])],
        "Unit cost per service user": [SUPPRESSION_SYMBOL if status else pounds(cost)
                                       for cost, status in zip(own["unit_cost_gbp"], own["suppressed"])],
    })
    for area in areas:
        figures = rows[area.code].reindex(own.index)
        shown[f"Per resident: {area.name}"] = [SUPPRESSION_SYMBOL if status else pounds(value, 2) for value, status
                                               in zip(figures["spend_per_head_gbp"], figures["suppressed"])]
    return shown


def _users(users: float, status: str) -> str:
    """Service users as a table shows them."""
    if status:
        return SUPPRESSION_SYMBOL
    return NO_DATA if pd.isna(users) else f"{users:,.0f}"


def spend_decile_chart(deciles: pd.DataFrame, title: str) -> alt.LayerChart:
    """Spend per resident by national SIMD decile, most deprived first, shaded as on the map."""
    rows = deciles.rename(columns={"simd_decile": "quantile", "spend_per_head_gbp": "value"})
    label = f"{deciles['simd_edition'].iloc[0]} national decile (1 = most deprived)"
    return charts.simd_gradient_chart(rows[rows["value"].notna()], title, "£ per resident", label)


def spend_decile_table(deciles: pd.DataFrame) -> pd.DataFrame:
    """The numbers behind the decile chart, hidden spend shown with the suppression symbol."""
    table = pd.DataFrame({
        "SIMD decile": deciles["simd_decile"], "Data zones": deciles["datazones"],
        "Residents": [f"{value:,.0f}" for value in deciles["residents"]],
        "Spend": [pounds(value) for value in deciles["spend_gbp"]],
        "Per resident": [pounds(value, 2) for value in deciles["spend_per_head_gbp"]],
        "Share of residents (%)": [f"{value:.1f}" for value in deciles["share_of_residents_percent"]],
        "Share of spend (%)": [f"{value:.1f}" if pd.notna(value) else NO_DATA
                               for value in deciles["share_of_spend_percent"]],
    })
    hidden = (deciles["suppressed"] != "").to_numpy()
    table.loc[hidden, ["Spend", "Per resident", "Share of spend (%)"]] = SUPPRESSION_SYMBOL
    return table


def show_spend(profile: LocalityProfile) -> None:
    """Spend against need: the service-line table, then (for areas of several data zones) spend
    per resident by SIMD decile and the concentration index of each service line."""
    if not has_spend(profile.dataset):
        return
    show_heading("Service spend")
    period = spend_periods(profile.dataset)[-1]
    show_table(spend_comparison(profile), f"Service spend in {profile.area.name}, {period}", SPEND_NOTES)
    if profile.area.level == DATAZONE or len(profile.datazones) < 2:
        display(HTML(f"<p class=\"pmf-note\">{html_text(profile.area.name)} is a single data zone, so spend "
                     "cannot be split by deprivation within it.</p>"))
        return
    deciles = spend_by_simd_decile(profile.dataset, profile.area, simd_edition=profile.settings.simd_edition)
    title = f"Spend per resident by deprivation, {profile.area.name}, {period}"
    if deciles["spend_per_head_gbp"].notna().any():
        show_chart(spend_decile_chart(deciles, title), spend_decile_table(deciles), title)
    else:
        display(HTML(f"<p class=\"pmf-note\">Spend in {html_text(profile.area.name)} cannot be split by "
                     "deprivation without showing small numbers of service users (areas of fewer than "
                     f"{profile.dataset.breakdown_min_datazones} data zones are not split).</p>"))
    concentration = spend_concentration(profile.dataset, profile.area, simd_edition=profile.settings.simd_edition)
    shown = pd.DataFrame({
        "Service line": concentration["service_line"],
        "Concentration index": [NO_DATA if pd.isna(value) else f"{value:+.3f}"
                                for value in concentration["concentration_index"]],
        "Reading": concentration["reading"],
    })
    show_table(shown, f"How concentrated spend is in deprived data zones, {profile.area.name}, {period}",
               [CONCENTRATION_NOTE, f"{ALL_SERVICES} sums every service line."])
