"""What similar areas are matched on: the aspects of an area the comparison is about, the
variables that measure each, and each aspect's weight, stated once for the matching
(profiles.similar_areas), the note in every report and the methods appendix (stats.methods).

The aspects are those of CIPFA's nearest neighbours and the LGBF's family groups (METHODS.md,
"Nearest neighbours"): how deprived an area is on average, how concentrated its deprivation is,
how rural and how remote it is, and its size. The weights:

- deprivation and where people live count the same (2 each), since the LGBF forms its family
  groups either on deprivation or on rurality. Deprivation splits evenly between its level (1) and
  its concentration (1): two areas with the same mean rank can have none or a third of their
  residents in the most deprived fifth of zones. Where people live splits between rurality (1.5)
  and remoteness (0.5): the SIMD access domain, one of the level's ranks, already measures drive
  times, so remoteness is partly counted there.
- population counts 0.5: size changes what a rate means less than deprivation or rurality do,
  and areas of one level differ in size far less than in either.

Within an aspect its variables share its weight equally: the seven domain ranks, which move
together, count 1/7 each, so that they do not outvote the share of rural residents seven to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

SIMD_DOMAINS = ("income", "employment", "health", "education", "access", "crime", "housing")


@dataclass(frozen=True)
class Aspect:
    """One thing similar areas should share, the variables (columns) that measure it, and its weight."""

    name: str
    weight: float
    variables: tuple[str, ...]
    measured_by: str


DEPRIVATION_LEVEL = Aspect(
    "deprivation level", 1.0, tuple(f"{domain}_rank" for domain in SIMD_DOMAINS),
    "the population-weighted mean national rank of its data zones on each of the seven SIMD domains")
CONCENTRATION = Aspect(
    "concentration of deprivation", 1.0, ("most_deprived_quintile_share", "most_deprived_decile_share"),
    "the shares of its residents living in data zones of national SIMD quintile 1 and of decile 1")
RURALITY = Aspect(
    "rurality", 1.5, ("rural_share",),
    "the share of its residents in classes of the data set's urban/rural classification whose name says "
    "rural, settlements under 3,000 in the Scottish Government's")
REMOTENESS = Aspect(
    "remoteness", 0.5, ("remote_share",),
    "the share in classes whose name says remote, over 30 minutes' drive from a settlement of 10,000")
POPULATION = Aspect("population", 0.5, ("log10_population",),
                    "log10 of its residents, so that 20,000 against 40,000 counts as 40,000 against 80,000")

ASPECTS: tuple[Aspect, ...] = (DEPRIVATION_LEVEL, CONCENTRATION, RURALITY, REMOTENESS, POPULATION)
"""Every aspect, in the order the method text names them."""

WHY_THESE_WEIGHTS = (
    "Deprivation and where people live count the same, as the LGBF forms its family groups on either; "
    "remoteness is the smaller part of the latter because the SIMD access domain already measures drive "
    "times; size counts least, as it changes what a rate means less than deprivation or rurality do.")
"""The weights' reasons in a sentence, for the methods appendix (the module docstring says more)."""


def aspects_measured(columns: Iterable[str]) -> tuple[Aspect, ...]:
    """The aspects at least one of `columns` measures (rurality only where the data set has an
    urban/rural classification)."""
    present = set(columns)
    return tuple(aspect for aspect in ASPECTS if present & set(aspect.variables))


def variable_weights(columns: Iterable[str]) -> dict[str, float]:
    """Each column's weight: its aspect's weight shared equally by the aspect's columns among `columns`.

    An aspect none of `columns` measures is left out, not handed to the others: without an
    urban/rural classification areas are matched on deprivation and population alone.
    """
    present = list(columns)
    weights = {}
    for aspect in aspects_measured(present):
        measuring = [column for column in present if column in aspect.variables]
        weights.update({column: aspect.weight / len(measuring) for column in measuring})
    return weights


def weight_words(weight: float) -> str:
    """A weight as the method text writes it: 1, 1.5, 0.5."""
    return f"{weight:g}"


def aspects_in_words(aspects: Iterable[Aspect] = ASPECTS, described: bool = False) -> str:
    """"deprivation level (weight 1), concentration of deprivation (1), ... and population (0.5)";
    `described` adds what measures each: "deprivation level (weight 1: the population-weighted ...)"."""
    named = [f"{aspect.name} ({'weight ' if number == 0 else ''}{weight_words(aspect.weight)}"
             f"{': ' + aspect.measured_by if described else ''})" for number, aspect in enumerate(aspects)]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
