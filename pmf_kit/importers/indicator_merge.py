"""How an indicator's new rows meet the rows the data set already holds for it.

A KPI's new figure (one council, one year) is added beside years of data zone history, never in
place of it. A row for an area and period already held replaces the held one only when asked
(`replace`), and so does a change of unit or aggregation, which replaces the whole history (the
old values would no longer mean what the catalogue says); without it nothing is written and the
message says exactly what would be lost. A figure of another kind of period than the indicator
holds (a quarter added to financial years) is refused whatever is asked: the chart, the trend
and the KPI status would set 2,900 for one quarter against 9,570 for a year.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from pmf_kit.data.atomic import READABLE_BY_ALL
from pmf_kit.data.dataset import Dataset
from pmf_kit.data.indicators import PUBLISHED_LIMIT_COLUMNS, load_catalogue, load_values
from pmf_kit.data.periods import KIND_WORDS, parse_period

DEFINING_FIELDS = ("unit", "aggregation")
"""Catalogue fields that change what a value means: held values cannot stay beside new ones."""

KEYS = ["geography_code", "period"]
SHOWN_EXAMPLES = 5


@dataclass(frozen=True)
class Merge:
    """What adding one indicator's rows does to the rows held for it."""

    indicator_id: str
    held: pd.DataFrame
    """The rows values.csv holds for the indicator, as text."""
    new_rows: pd.DataFrame
    redefinition: tuple[str, ...]
    """Each defining field that changes, in words (`unit: percent → rate_per_100000`)."""
    catalogue: dict[str, object]
    """The indicator's catalogue row after the merge."""
    catalogue_changes: tuple[str, ...]
    """Each field of a held catalogue row the spec changes, in words."""

    @property
    def is_new(self) -> bool:
        return self.held.empty

    @property
    def replaced(self) -> pd.DataFrame:
        """Held rows the new ones replace: all of them on a redefinition, else those at the same
        area and period."""
        if self.redefinition:
            return self.held
        keys = pd.MultiIndex.from_frame(self.new_rows[KEYS].astype(str))
        return self.held[pd.MultiIndex.from_frame(self.held[KEYS]).isin(keys)]

    @property
    def kept(self) -> pd.DataFrame:
        return self.held.drop(index=self.replaced.index)

    @property
    def added_rows(self) -> int:
        """New rows at an area and period not held before."""
        return len(self.new_rows) - (0 if self.redefinition else len(self.replaced))

    def loss(self) -> str:
        """What replacing would lose, exactly: rows, periods and areas, with the first few values."""
        replaced = self.replaced
        periods = sorted(set(replaced["period"]), key=parse_period)
        shown = replaced.head(SHOWN_EXAMPLES)
        examples = "; ".join(f"{row.geography_code} {row.period}: {row.value or row.numerator or 'blank'}"
                             for row in shown.itertuples())
        more = f"; and {len(replaced) - len(shown):,} more" if len(replaced) > len(shown) else ""
        what = (f"its whole history would be replaced, because the file changes its "
                f"{', '.join(self.redefinition)}" if self.redefinition
                else "the file would replace values it already holds")
        return (f"{self.indicator_id}: {what}: {_count(len(replaced), 'row')}, "
                f"{_count(len(periods), 'period')} ({_span(periods)}), "
                f"{_count(replaced['geography_code'].nunique(), 'area')} ({examples}{more})")


def plan_merge(indicator_id: str, catalogue_row: dict[str, object], held_catalogue: pd.DataFrame,
               held_values: pd.DataFrame, new_rows: pd.DataFrame) -> Merge:
    """The merge of `new_rows` (one indicator's rows, numbers) into the held text tables.

    A held catalogue row keeps every field the spec leaves blank or does not have (a definition,
    an owner, the SIMD release columns); a field the spec gives differently changes, and is said.
    """
    held = held_values[held_values["indicator_id"] == indicator_id]
    before = held_catalogue[held_catalogue["indicator_id"] == indicator_id]
    if before.empty:
        return Merge(indicator_id, held, new_rows, (), dict(catalogue_row), ())
    old = {field: str(value) for field, value in before.iloc[0].items()}
    changed = [field for field, value in catalogue_row.items()
               if _text(value) not in ("", _text(old.get(field)))]
    words = tuple(f"{field}: {old.get(field, '') or 'blank'} → {catalogue_row[field]}" for field in changed)
    redefinition = tuple(line for field, line in zip(changed, words) if field in DEFINING_FIELDS and not held.empty)
    merged = {**old, **{field: catalogue_row[field] for field in changed}}
    return Merge(indicator_id, held, new_rows, redefinition, merged, words)


def period_kind_problems(merge: Merge, say_row: Callable[[int, str, str], str]) -> list[str]:
    """Periods of a kind the indicator cannot take, one problem per period naming its first row
    (`say_row(row, period, expected)` words it where the file says it).

    A new indicator (or one redefined) takes one kind, the kind of most of its rows; an existing one
    the kinds it already holds (SIMD 2016 and 2020 give some indicators two).
    """
    rows = merge.new_rows.dropna(subset=["period"])
    kinds = rows["period"].map(lambda period: parse_period(period).kind)
    if merge.is_new or merge.redefinition:
        if kinds.nunique() <= 1:
            return []
        allowed = {kinds.value_counts().index[0]}
        reason = f"one kind of period for {merge.indicator_id}, as most of its rows have"
    else:
        allowed = set(merge.held["period"].map(lambda period: parse_period(period).kind))
        reason = f"a period of the kind {merge.indicator_id} already holds"
    expected = f"{reason}: {' or '.join(KIND_WORDS[kind] for kind in sorted(allowed))}"
    refused = rows[~kinds.isin(allowed)]
    problems = []
    for period, group in refused.groupby("period", sort=False):
        others = f" (and {_count(len(group) - 1, 'more row')} of {period})" if len(group) > 1 else ""
        kind = KIND_WORDS[parse_period(period).kind].split(" (")[0]
        problems.append(say_row(int(group["row"].iloc[0]), period, f"{expected}, not {kind}{others}"))
    return problems


def merged_values(values: pd.DataFrame, merges: list[Merge], new_text: pd.DataFrame) -> pd.DataFrame:
    """values.csv after the merges: every held row kept except those replaced, the new rows added."""
    dropped = pd.Index([]).append([merge.replaced.index for merge in merges])
    return pd.concat([values.drop(index=dropped), new_text], ignore_index=True).fillna("")


def _text(value: object) -> str:
    """A catalogue cell as compared: blank and "false" are the same flag."""
    text = "" if value is None else str(value)
    return "" if text == "false" else text


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def _span(periods: list[str]) -> str:
    if len(periods) <= 3:
        return ", ".join(periods)
    return f"{periods[0]} to {periods[-1]}"


def held_tables(dataset: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """indicators.csv and values.csv of the data set folder as text, every cell as written."""
    return tuple(pd.read_csv(dataset.path / name, dtype=str, keep_default_na=False)  # type: ignore[return-value]
                 for name in ("indicators.csv", "values.csv"))


def write_merged(dataset: Dataset, catalogue: pd.DataFrame, merges: list[Merge], new_values: pd.DataFrame) -> None:
    """Replace indicators.csv and values.csv together, each checked before either is swapped in."""
    folder = dataset.path
    ids = [merge.indicator_id for merge in merges]
    new_catalogue = pd.concat([catalogue[~catalogue["indicator_id"].isin(ids)],
                               pd.DataFrame([merge.catalogue for merge in merges]).astype(str)],
                              ignore_index=True).fillna("")
    with ExitStack() as stack:
        staged = {name: stack.enter_context(_Staged(folder / name)) for name in ("indicators.csv", "values.csv")}
        new_catalogue.to_csv(staged["indicators.csv"], index=False)
        new_values.to_csv(staged["values.csv"], index=False)
        checked = load_catalogue(staged["indicators.csv"])
        load_values(staged["values.csv"], checked, dataset.known_codes())
        for name, temporary in staged.items():
            os.chmod(temporary, READABLE_BY_ALL)
            os.replace(temporary, folder / name)


def as_values_text(rows: pd.DataFrame) -> pd.DataFrame:
    """New rows as values.csv text: whole numbers without ".0", blanks empty."""
    text = rows.copy()
    for column in [name for name in ("numerator", "denominator", "value", *PUBLISHED_LIMIT_COLUMNS) if name in rows]:
        text[column] = rows[column].map(lambda number: "" if pd.isna(number) else f"{number:.10g}")
    return text


class _Staged:
    """A temporary file beside `target`, removed on the way out unless it was swapped in."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> Path:
        handle, name = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp.csv")
        os.close(handle)
        self.path = Path(name)
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)
        return None
