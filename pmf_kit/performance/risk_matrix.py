"""The 5 x 5 risk heat map: open risks by likelihood and impact, and the same cells as a table.

Each cell is coloured by its NPSA score band from a sequential, colour-blind-safe ramp
(ColorBrewer OrRd, light for low, dark for extreme) and carries its count and risk ids in text,
so it reads without colour; the table beneath the chart holds every cell in words.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from pmf_kit.performance.risks import BANDS, IMPACT_WORDS, LIKELIHOOD_WORDS, SCALE

BAND_COLOURS = {"low": "#fef0d9", "moderate": "#fdcc8a", "high": "#fc8d59", "extreme": "#d7301f"}
"""ColorBrewer OrRd, four classes: ordered by lightness, so the bands stay in order for every reader."""
DARK_BANDS = ("extreme",)
"""Bands dark enough to need white text (#d7301f on white text: contrast 4.6:1)."""
CELL_SIZE = 76


def likelihood_label(likelihood: int) -> str:
    return f"{likelihood} {LIKELIHOOD_WORDS[likelihood]}"


def impact_label(impact: int) -> str:
    return f"{impact} {IMPACT_WORDS[impact]}"


def heat_map_chart(cells: pd.DataFrame) -> alt.LayerChart:
    """The 25 cells of `risks.heat_map_counts`: likelihood up, impact across, count and ids in each cell."""
    data = cells.assign(
        likelihood_label=cells["likelihood"].map(likelihood_label),
        impact_label=cells["impact"].map(impact_label),
        count_text=[str(count) if count else "" for count in cells["risks"]],
        band_name=cells["band"].str.capitalize(),
    )
    likelihoods = [likelihood_label(value) for value in reversed(SCALE)]
    impacts = [impact_label(value) for value in SCALE]
    base = alt.Chart(data).encode(
        x=alt.X("impact_label:O", sort=impacts, title="Impact", axis=alt.Axis(labelAngle=0, labelLimit=90)),
        y=alt.Y("likelihood_label:O", sort=likelihoods, title="Likelihood"),
    )
    bands = [name for name, _, _ in BANDS]
    cells_layer = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("band_name:N", title="Score band",
                        scale=alt.Scale(domain=[band.capitalize() for band in bands],
                                        range=[BAND_COLOURS[band] for band in bands])),
        tooltip=[alt.Tooltip("likelihood_label:N", title="Likelihood"), alt.Tooltip("impact_label:N", title="Impact"),
                 alt.Tooltip("score:Q", title="Score"), alt.Tooltip("band_name:N", title="Band"),
                 alt.Tooltip("risks:Q", title="Open risks"), alt.Tooltip("risk_ids:N", title="Risks")],
    )
    ink = alt.condition(alt.FieldOneOfPredicate(field="band", oneOf=list(DARK_BANDS)), alt.value("white"),
                        alt.value("black"))
    counts = base.mark_text(fontSize=20, fontWeight="bold", dy=-8).encode(text="count_text:N", color=ink)
    ids = base.mark_text(fontSize=10, dy=12).encode(text="risk_ids:N", color=ink)
    return alt.layer(cells_layer, counts, ids).properties(
        width=CELL_SIZE * 5, height=CELL_SIZE * 5, title="Open risks by likelihood and impact")


def heat_map_table(cells: pd.DataFrame) -> pd.DataFrame:
    """The heat map as a table: a row per likelihood (most likely first), a column per impact,
    each cell its band, count and risk ids."""
    indexed = cells.set_index(["likelihood", "impact"])
    rows = []
    for likelihood in reversed(SCALE):
        row = {"Likelihood": likelihood_label(likelihood)}
        for impact in SCALE:
            cell = indexed.loc[(likelihood, impact)]
            ids = f" ({cell['risk_ids']})" if cell["risks"] else ""
            row[f"Impact {impact_label(impact)}"] = f"{cell['band'].capitalize()} ({cell['score']}): {cell['risks']}{ids}"
        rows.append(row)
    return pd.DataFrame(rows)
