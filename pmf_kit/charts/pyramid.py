"""Age pyramid: residents by sex and ESP 2013 age band, with an optional comparator."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from pmf_kit.charts.shared import MARK_DESCRIPTION, format_number, require_columns, text_tooltip, with_value_text
from pmf_kit.charts.theme import CHART_WIDTH, SEX_COLOURS
from pmf_kit.errors import PmfKitError
from pmf_kit.stats.standardisation import POPULATION_AGE_BANDS


def population_shares(population: pd.DataFrame) -> pd.DataFrame:
    """Each sex and age band as a percentage of the area's whole population (both sexes).

    Columns out: sex ("Female"/"Male"), age_band (ESP2013 order), population, share, and
    comparator_share when the input has it (taken as already a percentage of the comparator).
    """
    require_columns(population, ["sex", "age_band", "population"], "age_pyramid")
    sexes = population["sex"].astype(str).str.lower()
    bands = population["age_band"].astype(str)
    _check_known("sex", sexes, ["female", "male"])
    _check_known("age_band", bands, POPULATION_AGE_BANDS)
    extra = ["comparator_share"] if "comparator_share" in population.columns else []
    by_band = population[["population", *extra]].assign(sex=sexes.str.capitalize(), age_band=bands)
    shares = by_band.groupby(["sex", "age_band"], as_index=False).agg(
        {"population": "sum", **{column: "first" for column in extra}}
    )
    shares["share"] = 100 * shares["population"] / shares["population"].sum()
    order = [shares["sex"], shares["age_band"].map(POPULATION_AGE_BANDS.index)]
    shares = shares.iloc[np.lexsort(order[::-1])]
    return shares[["sex", "age_band", "population", "share", *extra]].reset_index(drop=True)


def _check_known(column: str, values: pd.Series, known: list[str]) -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise PmfKitError(
            f"age_pyramid needs {column} to be one of {', '.join(known)}; "
            f"found {', '.join(unknown)}"
        )


def age_pyramid(
    population: pd.DataFrame, title: str, *, comparator_label: str = "Comparator"
) -> alt.LayerChart:
    """Population pyramid: percentage of the area's residents in each band, females left.

    `population` columns: sex (female/male), age_band (ESP2013 "0-4" .. "90+"), population, and
    optionally comparator_share (percentage of the comparator's population in that sex and band),
    drawn as black marks.
    """
    shares = population_shares(population)
    with_comparator = "comparator_share" in shares.columns
    texts = ["share", "comparator_share"] if with_comparator else ["share"]
    signed = with_value_text(with_value_text(shares, ["population"], decimals=0), texts).assign(
        side=np.where(shares["sex"] == "Female", -1, 1),
        mark_description=_pyramid_mark_text(shares, comparator_label),
    )
    y = alt.Y("age_band:O", sort=list(reversed(POPULATION_AGE_BANDS)), title="Age band")
    share_tooltips = [
        alt.Tooltip("sex:N", title="Sex"),
        alt.Tooltip("age_band:O", title="Age band"),
        text_tooltip("population", "Population"),
        text_tooltip("share", "Percentage of population"),
    ]
    if with_comparator:
        share_tooltips.append(
            text_tooltip("comparator_share", f"{comparator_label} (%)")
        )
    x_axis = alt.Axis(labelExpr="abs(datum.value) + '%'", tickCount=8)
    bars = (
        alt.Chart(signed)
        .transform_calculate(signed_share="datum.side * datum.share")
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("signed_share:Q", title="Percentage of the area's population", axis=x_axis),
            color=alt.Color(
                "sex:N",
                title="Sex",
                scale=alt.Scale(domain=list(SEX_COLOURS), range=list(SEX_COLOURS.values())),
                legend=alt.Legend(
                    orient="top", direction="horizontal", labelExpr="datum.value + 's'"
                ),
            ),
            tooltip=share_tooltips,
            description=MARK_DESCRIPTION,
        )
    )
    layers = [bars]
    subtitle = "Females on the left, males on the right."
    if with_comparator:
        layers.append(
            alt.Chart(signed)
            .transform_calculate(signed_comparator="datum.side * datum.comparator_share")
            .mark_tick(color="#000000", thickness=2, bandSize=14, aria=False)
            .encode(y=y, x="signed_comparator:Q", tooltip=share_tooltips)
        )
        subtitle += f" Black marks show {comparator_label}."
    return alt.layer(
        *layers,
        title=alt.Title(title, subtitle=subtitle),
        description=_pyramid_description(
            shares, title, comparator_label if with_comparator else None
        ),
    ).properties(width=CHART_WIDTH - 80, height=alt.Step(16))


def _pyramid_mark_text(shares: pd.DataFrame, comparator_label: str) -> list[str]:
    """One sentence per bar, e.g. "Females aged 40-44: 4.1% of the population (850 people)"."""
    sentences = [
        f"{sex}s aged {band}: {share:.1f}% of the population ({population:,.0f} people)"
        for sex, band, share, population in zip(
            shares["sex"], shares["age_band"], shares["share"], shares["population"]
        )
    ]
    if "comparator_share" not in shares.columns:
        return sentences
    return [
        f"{sentence}; {comparator_label} {format_number(comparator)}%"
        for sentence, comparator in zip(sentences, shares["comparator_share"])
    ]


def _pyramid_description(shares: pd.DataFrame, title: str, comparator_label: str | None) -> str:
    total = shares["population"].sum()
    by_sex = shares.groupby("sex")["share"].sum()
    largest = shares.loc[shares["share"].idxmax()]
    present = [band for band in POPULATION_AGE_BANDS if band in set(shares["age_band"])]
    text = (
        f"Population pyramid: {title}. {total:,.0f} residents, "
        f"{by_sex.get('Female', 0):.1f}% female (bars to the left) and "
        f"{by_sex.get('Male', 0):.1f}% male (bars to the right), in age bands from "
        f"{present[0]} to {present[-1]}. The largest group is "
        f"{largest['sex'].lower()}s aged {largest['age_band']} ({largest['share']:.1f}%)."
    )
    if comparator_label:
        text += f" Black marks show {comparator_label} for comparison."
    return text


def age_pyramid_table(
    population: pd.DataFrame, *, comparator_label: str = "Comparator", decimals: int = 1
) -> pd.DataFrame:
    """The numbers behind `age_pyramid`: one row per age band, females then males."""
    shares = population_shares(population)
    present = set(shares["age_band"])
    table = pd.DataFrame({"Age band": [band for band in POPULATION_AGE_BANDS if band in present]})
    for sex in ("Female", "Male"):
        of_sex = shares[shares["sex"] == sex].set_index("age_band").reindex(table["Age band"])
        table[f"{sex}s"] = of_sex["population"].astype("Int64").array
        table[f"{sex}s (% of population)"] = of_sex["share"].round(decimals).to_numpy()
        if "comparator_share" in shares.columns:
            table[f"{sex}s, {comparator_label} (%)"] = (
                of_sex["comparator_share"].astype(float).round(decimals).to_numpy()
            )
    return table
