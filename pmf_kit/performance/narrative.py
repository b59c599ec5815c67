"""Words drafted from numbers: a summary per LOIP outcome and an inequalities note, and for the
annual Public Performance Report a plain-language summary and the year's achievements.

Drafts are Jinja2 templates (pmf_kit/templates/narrative/) filled only from the assessment,
action progress and deprivation-gap tables the At a Glance table and charts also show, so the
text never holds a number of its own. The grammar helpers get "a"/"an", singular/plural, "no
change" and "no data" right. An analyst can replace or extend a draft with a Markdown file in the
LOIP's `narratives/` folder (`<outcome>.md` or `<outcome>-inequalities.md` for every report, or
with the period, `<outcome>-2024-25-q4.md`, for one; optional front matter `mode: extend` adds to
the draft instead of replacing it).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import jinja2
import pandas as pd

from pmf_kit.charts.display import format_value
from pmf_kit.errors import ConfigError
from pmf_kit.performance.case_studies import split_front_matter
from pmf_kit.performance.kpis import Outcome

TEMPLATES = Path(__file__).parents[1] / "templates" / "narrative"
NO_DATA_WORDS = "no data"
UNIT_SUFFIX = {"percent": "%", "rate_per_1000": " per 1,000", "rate_per_10000": " per 10,000",
               "rate_per_100000": " per 100,000", "minutes": " minutes", "years": " years"}
OVERRIDE_MODES = ("replace", "extend")
PLAIN_STATUS = {"on track": "we are on track", "at risk": "we are slightly behind where we planned to be",
                "off track": "we are behind where we planned to be", "no data": "we cannot say how we are doing yet"}
"""A KPI's status in the words of a report to the public."""


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


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """"1 KPI", "3 KPIs", "0 actions"."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def verb(count: int, singular: str = "is", plural: str = "are") -> str:
    """The verb agreeing with a count: 1 KPI is, 3 KPIs are."""
    return singular if count == 1 else plural


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
    text = f"{abs(value):,.1f}".removesuffix(".0")
    return f"{text}%"


def change_phrase(percent: float) -> str:
    """"an 8% rise", "a 1% fall", "no change" (also when it rounds to 0.0%), "no data"."""
    if percent is None or math.isnan(percent):
        return NO_DATA_WORDS
    if round(percent, 1) == 0:
        return "no change"
    return with_article(f"{format_percent(percent)} {'rise' if percent > 0 else 'fall'}")


def plain_change(percent: float) -> str:
    """"up 7%", "down 1.2%", "about the same" (under 0.05% either way), for readers who are not analysts."""
    if percent is None or math.isnan(percent):
        return NO_DATA_WORDS
    if round(percent, 1) == 0:
        return "about the same"
    return f"{'up' if percent > 0 else 'down'} {format_percent(percent)}"


def status_counts(counts: dict[str, int]) -> str:
    """"1 is on track, 1 is slightly behind where we planned to be and 3 are further behind"; a status
    no KPI has is left out, and "all 3 are on track" ("both", for two) when they share one."""
    words = {"on track": "on track", "at risk": "slightly behind where we planned to be", "off track": "further behind"}
    parts = [f"{counts[status]} {verb(counts[status])} {text}" for status, text in words.items() if counts[status]]
    shared = [status for status in words if counts[status]]
    if len(shared) == 1:
        everyone = "both" if counts[shared[0]] == 2 else f"all {counts[shared[0]]}"
        return f"{everyone} are {words[shared[0]]}"
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def aim(kpi: dict) -> str:
    """What a KPI's target asks for, read through its polarity: "a fall to 9,500.0 per 100,000", "a rise to
    95.5%", "no more than 25.0 per 1,000" (a lower-is-better target above the baseline), "at least 90.0%",
    "keeping it at 3.0%"."""
    target, baseline = kpi["target_value"], kpi["baseline_value"]
    words = format_quantity(target, kpi["unit"])
    if baseline is None or math.isnan(baseline):
        return words
    if target == baseline:
        return f"keeping it at {words}"
    lower_is_better = kpi["polarity"] == "lower_is_better"
    if (target < baseline) == lower_is_better:
        return f"{'a fall' if lower_is_better else 'a rise'} to {words}"
    return f"{'no more than' if lower_is_better else 'at least'} {words}"


def _period_slug(period: str) -> str:
    """`2024/25 Q4` → `2024-25-q4`, as in report file names."""
    return re.sub(r"[^a-z0-9]+", "-", period.lower()).strip("-")


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
    )
    environment.filters.update(
        article=with_article, quantity=format_quantity, gap_quantity=format_gap, change=change_phrase, percent=format_percent,
        plain_change=plain_change, aim=aim,
    )
    environment.globals.update(count_noun=count_noun, verb=verb, status_counts=status_counts,
                               isnan=lambda x: x is None or x != x)
    return environment


def _tidy(text: str) -> str:
    """Collapse the template's layout whitespace: single spaces, paragraphs split by blank lines."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text)]
    return "\n\n".join(part for part in paragraphs if part)


def outcome_summary(outcome: Outcome, assessment: pd.DataFrame, progress: pd.DataFrame, reporting_period: str) -> str:
    """The drafted summary of one outcome: KPI positions, each KPI in a sentence, action progress."""
    statuses = assessment["status"].value_counts()
    text = _environment().get_template("outcome_summary.md.j2").render(
        outcome=outcome, period=reporting_period, kpis=assessment.to_dict("records"),
        counts={status: int(statuses.get(status, 0)) for status in ("on track", "at risk", "off track", "no data")},
        actions=len(progress), complete=int((progress["status"] == "complete").sum()),
        overdue=int(progress["overdue"].sum()),
        overdue_titles=list(progress.loc[progress["overdue"], "title"]),
    )
    return _tidy(text)


def inequalities_note(outcome: Outcome, gaps: pd.DataFrame) -> str:
    """The drafted note on the gap between the most and least deprived communities."""
    text = _environment().get_template("inequalities.md.j2").render(outcome=outcome, gaps=gaps.to_dict("records"))
    return _tidy(text)


def public_summary(outcome: Outcome, assessment: pd.DataFrame) -> str:
    """The plain-language summary of one outcome for the Public Performance Report."""
    statuses = assessment["status"].value_counts()
    text = _environment().get_template("public_summary.md.j2").render(
        outcome=outcome, kpis=assessment.to_dict("records"), plain_status=PLAIN_STATUS,
        counts={status: int(statuses.get(status, 0)) for status in PLAIN_STATUS},
    )
    return _tidy(text)


def achievements(completed: pd.DataFrame, assessment: pd.DataFrame) -> str:
    """The year's achievements of one outcome: the actions completed in it and the KPIs on track or improving."""
    improving = assessment[(assessment["status"] == "on track") | (assessment["trend"] == "improving")]
    text = _environment().get_template("achievements.md.j2").render(
        completed=completed.to_dict("records"), improving=list(improving["title"]))
    return _tidy(text)


def with_override(
    draft: str, folder: str | Path | None, name: str, reporting_period: str | None = None
) -> tuple[str, str]:
    """(text, source): the analyst's `<name>-<period>.md` or `<name>.md` instead of the draft, or added to it."""
    names = [f"{name}-{_period_slug(reporting_period)}.md"] if reporting_period else []
    candidates = [Path(folder) / file for file in [*names, f"{name}.md"]] if folder else []
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
