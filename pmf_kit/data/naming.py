"""Forgiving look-up of area names: case, spacing, punctuation and "&"/"and" do not matter.

Analysts type "Edinburgh City" for "City of Edinburgh" and "Kirk and Glen" for "Kirk & Glen";
an exact code or an unambiguous name should just work, and anything else should list the
closest names rather than fail silently.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Sequence

_SMALL_WORDS = {"of", "the", "and", "city", "council", "area"}


def normalise_name(name: str) -> str:
    """Lower case, `&` read as `and`, underscores and punctuation as spaces, spaces collapsed."""
    text = str(name).lower().replace("&", " and ").replace("_", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def name_tokens(name: str) -> frozenset[str]:
    """The words of a name without filler words, so word order and "City of" do not matter."""
    words = set(normalise_name(name).split())
    return frozenset(words - _SMALL_WORDS) or frozenset(words)


def matching_names(query: str, names: Sequence[str]) -> list[str]:
    """Names equal to the query once normalised, else those with the same significant words."""
    wanted = normalise_name(query)
    exact = [name for name in names if normalise_name(name) == wanted]
    if exact:
        return exact
    tokens = name_tokens(query)
    return [name for name in names if name_tokens(name) == tokens]


def closest_names(query: str, names: Sequence[str], limit: int = 5) -> list[str]:
    """The names most like the query, best first, for an error message's suggestions."""
    normalised = {normalise_name(name): name for name in names}
    wanted = normalise_name(query)
    close = difflib.get_close_matches(wanted, list(normalised), n=limit, cutoff=0.5)
    containing = [key for key in normalised if wanted and wanted in key and key not in close]
    return [normalised[key] for key in (close + containing)[:limit]]


def slugify(name: str) -> str:
    """A file-name-safe form of an area name: `Glen Avon & Strath` -> `glen-avon-strath`."""
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
