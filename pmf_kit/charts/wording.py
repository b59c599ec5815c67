"""Words drafted from numbers, for every report's text: figures read by unit, changes, "a"/"an",
singular and plural, lists; the Jinja2 environment drafts are written in; and an analyst's own
Markdown in place of a draft or added to it.

LOIP summaries (pmf_kit.performance.narrative) and profile key points
(pmf_kit.profiles.key_points) are drafted with these, so both read the same way and format each
figure exactly as their tables do (`format_value`).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Iterable

import jinja2
import yaml

from pmf_kit.charts.display import format_value
from pmf_kit.errors import ConfigError
from pmf_kit.stats.rounding import figure_text, round_half_up

NO_DATA_WORDS = "no data"
UNIT_SUFFIX = {"percent": "%", "rate_per_1000": " per 1,000", "rate_per_10000": " per 10,000",
               "rate_per_100000": " per 100,000", "minutes": " minutes", "years": " years"}
OVERRIDE_MODES = ("replace", "extend")


def indefinite_article(text: str) -> str:
    """"a" or "an" for what follows, numbers read aloud: an 8%, an 11.2%, an 18, a 1%, an hour."""
    word = str(text).strip().lower()
    digits = re.match(r"[\d,]+", word)
    if digits:
        whole = digits.group().replace(",", "")
        spoken_eleven_or_eighteen = len(whole) % 3 == 2 and whole[:2] in ("11", "18")
        return "an" if whole.startswith("8") or spoken_eleven_or_eighteen else "a"
    if word.startswith(("one", "uni", "use", "usu", "eu")):
        return "a"
    return "an" if word[:1] in "aeiou" or word.startswith(("hour", "honest")) else "a"


def with_article(text: str) -> str:
    """The text with its indefinite article: "an 8% rise"."""
    return f"{indefinite_article(text)} {text}"


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: its first letter lower case unless it begins an
    acronym ("Council area" -> "council area", "HSCP locality" stays)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """"1 KPI", "3 KPIs", "0 actions", "6,976 reports"."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"


def verb(count: int, singular: str = "is", plural: str = "are") -> str:
    """The verb agreeing with a count: 1 KPI is, 3 KPIs are."""
    return singular if count == 1 else plural


def joined(items: Iterable[str], last: str = "and") -> str:
    """"A", "A and B", "A, B and C"."""
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def format_quantity(value: float, unit: str) -> str:
    """A value in words: "11.7%", "584.3 per 100,000", "925.12"; missing → "no data"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA_WORDS
    return format_value(value, unit) + UNIT_SUFFIX.get(unit, "")


def format_gap(value: float, unit: str) -> str:
    """A difference between two values: percentages differ by percentage points, not by %."""
    if unit == "percent" and not (value is None or math.isnan(value)):
        return format_value(value, unit) + " percentage points"
    return format_quantity(value, unit)


def format_percent(value: float) -> str:
    """A percentage change to one decimal, whole numbers without ".0": 11.2%, 8%."""
    text = figure_text(abs(value), 1).removesuffix(".0")
    return f"{text}%"


def change_phrase(percent: float) -> str:
    """"an 8% rise", "a 1% fall", "no change" (also when it rounds to 0.0%), "no data"."""
    if percent is None or math.isnan(percent):
        return NO_DATA_WORDS
    if round_half_up(percent, 1) == 0:
        return "no change"
    return with_article(f"{format_percent(percent)} {'rise' if percent > 0 else 'fall'}")


def is_missing(value: object) -> bool:
    """True for None and NaN: what a template tests before it says a number."""
    return value is None or value != value


def drafting_environment(templates: Path) -> jinja2.Environment:
    """The Jinja2 environment drafts are written in: Markdown out (escaped when shown, by
    `display.markdown_to_safe_html`), an error for any name a template uses but is not given,
    and the filters and functions above."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates), autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    environment.filters.update(
        article=with_article, quantity=format_quantity, gap_quantity=format_gap, change=change_phrase,
        percent=format_percent, joined=joined,
    )
    environment.globals.update(count_noun=count_noun, verb=verb, isnan=is_missing)
    return environment


def tidy(text: str) -> str:
    """Collapse a template's layout whitespace: single spaces, paragraphs split by blank lines,
    and each `- ` list item on a line of its own."""
    paragraphs = []
    for part in re.split(r"\n\s*\n", text):
        items = re.split(r"\n\s*(?=- )", part.strip())
        paragraphs.append("\n".join(" ".join(item.split()) for item in items if item.strip()))
    return "\n\n".join(part for part in paragraphs if part)


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    """(front matter mapping, body) of a Markdown file."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ConfigError(path, "line 1: expected '---' opening the front matter (title, outcome, ...)")
    try:
        end = next(number for number, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        raise ConfigError(path, "expected a closing '---' after the front matter") from None
    try:
        front = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark else ""
        raise ConfigError(path, f"{where}front matter is not valid YAML: {getattr(error, 'problem', error)}") from error
    if not isinstance(front, dict):
        raise ConfigError(path, "line 2: expected front matter of 'key: value' lines")
    return front, "\n".join(lines[end + 1:]).strip()


def with_override(draft: str, folder: str | Path | None, names: Iterable[str]) -> tuple[str, str]:
    """(text, source): the analyst's first `<name>.md` in `folder` instead of the draft, or, with
    front matter `mode: extend`, added after it; the draft itself when there is none."""
    candidates = [Path(folder) / f"{name}.md" for name in names] if folder else []
    path = next((candidate for candidate in candidates if candidate.is_file()), None)
    if path is None:
        return draft, "drafted"
    text = path.read_text(encoding="utf-8")
    mode = "replace"
    if text.lstrip().startswith("---"):
        front, text = split_front_matter(path, text.lstrip())
        mode = front.get("mode", "replace")
        if mode not in OVERRIDE_MODES:
            raise ConfigError(path, f"front matter mode: expected replace or extend, found {mode!r}")
    if mode == "extend":
        return f"{draft}\n\n{text.strip()}", "drafted and extended by the analyst"
    return text.strip(), "written by the analyst"
