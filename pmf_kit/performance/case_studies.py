"""Case studies and personal testimonies: Markdown files with front matter, published only with consent.

Each file in a LOIP's `case_studies/` folder starts with YAML front matter between `---` lines:
title, outcome, locality, period, kind (case study | testimony) and consent (true | false).
Only consented stories are ever returned for a report. Their text is shown through
`pmf_kit.charts.display.markdown_to_safe_html`, which escapes everything before the few Markdown
forms it knows become HTML, so anything a contributor typed, `<script>` included, is shown as
text and never run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pmf_kit.charts.wording import split_front_matter
from pmf_kit.data.paths import project_path
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.errors import ConfigError

KINDS = ("case study", "testimony")
FRONT_MATTER_FIELDS = ("title", "outcome", "locality", "period", "kind", "consent")


@dataclass(frozen=True)
class CaseStudy:
    """One story and what it is about; `body` is the Markdown text after the front matter."""

    path: Path
    title: str
    outcome: str
    locality: str
    period: str
    kind: str
    consent: bool
    body: str


def read_case_study(path: str | Path, outcomes: Iterable[str]) -> CaseStudy:
    """One case study file, every front-matter field checked."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot be read: {error}") from error
    front, body = split_front_matter(path, text)
    missing = [name for name in FRONT_MATTER_FIELDS if name not in front]
    if missing:
        raise ConfigError(path, f"front matter: missing {', '.join(missing)}; expected {', '.join(FRONT_MATTER_FIELDS)}")
    outcomes = list(outcomes)
    if front["outcome"] not in outcomes:
        raise ConfigError(path, f"front matter outcome: expected one of {', '.join(outcomes)}, found {front['outcome']!r}")
    if front["kind"] not in KINDS:
        raise ConfigError(path, f"front matter kind: expected one of {', '.join(KINDS)}, found {front['kind']!r}")
    if not isinstance(front["consent"], bool):
        raise ConfigError(path, f"front matter consent: expected true or false, found {front['consent']!r}")
    try:
        period = parse_period(front["period"]).label
    except PeriodError:
        raise ConfigError(path, f"front matter period: expected a period such as 2024/25 Q4, found {front['period']!r}") from None
    if not body:
        raise ConfigError(path, "expected the story's text after the front matter")
    return CaseStudy(path, str(front["title"]), str(front["outcome"]), str(front["locality"] or ""),
                     period, str(front["kind"]), front["consent"], body)


def load_case_studies(folder: str | Path, outcomes: Iterable[str]) -> list[CaseStudy]:
    """Every `*.md` in the folder, consented or not, sorted by file name."""
    outcomes = list(outcomes)
    return [read_case_study(path, outcomes) for path in sorted(project_path(folder).glob("*.md"))]


def publishable(stories: Iterable[CaseStudy], outcome: str | None = None, period: str | None = None) -> list[CaseStudy]:
    """Consented stories only, optionally of one outcome and of periods up to `period`."""
    until = parse_period(period) if period else None
    return [story for story in stories if story.consent
            and (outcome is None or story.outcome == outcome)
            and (until is None or parse_period(story.period) <= until)]
