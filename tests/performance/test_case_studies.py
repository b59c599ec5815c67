"""Case studies: only consented ones are published, and what people typed is shown as text."""

from __future__ import annotations

import pytest

from pmf_kit.errors import ConfigError
from pmf_kit.performance.case_studies import load_case_studies, publishable, read_case_study
from tests.conftest import PROJECT_ROOT

OUTCOMES = ["healthier_lives", "tackling_poverty", "children_young_people", "safer_communities"]
STORY = """---
title: {title}
outcome: healthier_lives
locality: Inverbrackie
period: 2024/25 Q2
kind: case study
consent: {consent}
---
{body}
"""


def write(tmp_path, name, title="A story", consent="true", body="It helped."):
    path = tmp_path / name
    path.write_text(STORY.format(title=title, consent=consent, body=body), encoding="utf-8")
    return path


def test_unconsented_stories_are_never_published(tmp_path):
    write(tmp_path, "a.md", title="Shared")
    write(tmp_path, "b.md", title="Private", consent="false")
    stories = load_case_studies(tmp_path, OUTCOMES)
    assert [story.title for story in publishable(stories)] == ["Shared"]
    assert publishable(stories, outcome="tackling_poverty") == []
    assert publishable(stories, period="2023/24 Q4") == []  # told after that period


def test_the_sample_holds_one_unconsented_story():
    stories = load_case_studies(PROJECT_ROOT / "data" / "loip" / "case_studies", OUTCOMES)
    assert len(stories) >= 4
    withheld = [story for story in stories if not story.consent]
    assert len(withheld) == 1
    assert withheld[0] not in publishable(stories)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "line 1: expected '---'"),
        ("---\ntitle: x\n", "closing '---'"),
        (STORY.format(title="x", consent="maybe", body="b"), "consent: expected true or false"),
        (STORY.format(title="x", consent="true", body="b").replace("healthier_lives", "happier"), "outcome: expected one of"),
        (STORY.format(title="x", consent="true", body="b").replace("2024/25 Q2", "spring"), "period"),
        (STORY.format(title="x", consent="true", body="b").replace("kind: case study\n", ""), "missing kind"),
        (STORY.format(title="x", consent="true", body=""), "story's text"),
        ("---\ntitle: [x\n---\nbody\n", "line 2"),
    ],
)
def test_a_broken_file_says_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_case_study(path, OUTCOMES)
    assert "bad.md" in str(caught.value) and message in str(caught.value)
