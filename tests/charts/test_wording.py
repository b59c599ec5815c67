"""Words for report text: a/an, singular/plural, lists, no change, no data, figures by unit, and
an analyst's own text in place of a draft."""

from __future__ import annotations

import math

import pytest

from pmf_kit.charts.wording import (
    change_phrase, count_noun, format_gap, format_quantity, indefinite_article, joined, tidy, verb, with_override,
)


@pytest.mark.parametrize(
    ("text", "article"),
    [("11.2%", "an"), ("8% rise", "an"), ("80", "an"), ("800", "an"), ("18", "an"), ("11,000", "an"),
     ("1% fall", "a"), ("1.8%", "a"), ("110", "a"), ("181", "a"), ("2%", "a"), ("increase", "an"),
     ("rise", "a"), ("hour", "an"), ("unit", "a"), ("one", "a")],
)
def test_a_or_an(text, article):
    assert indefinite_article(text) == article


@pytest.mark.parametrize(
    ("percent", "words"),
    [(8.0, "an 8% rise"), (-1.0, "a 1% fall"), (11.2, "an 11.2% rise"), (-18.04, "an 18% fall"),
     (0.0, "no change"), (0.04, "no change"), (-0.04, "no change"), (2.5, "a 2.5% rise"),
     (math.nan, "no data")],
)
def test_change_phrase(percent, words):
    assert change_phrase(percent) == words


def test_singular_and_plural():
    assert f"{count_noun(1, 'KPI')} {verb(1)}" == "1 KPI is"
    assert f"{count_noun(3, 'KPI')} {verb(3)}" == "3 KPIs are"
    assert f"{count_noun(0, 'action')} {verb(0)}" == "0 actions are"
    assert count_noun(2, "case study", "case studies") == "2 case studies"


def test_numbers_by_unit():
    assert format_quantity(11.73, "percent") == "11.7%"
    assert format_quantity(584.28, "rate_per_100000") == "584.3 per 100,000"
    assert format_quantity(26.89, "rate_per_1000") == "26.9 per 1,000"
    assert format_quantity(925.123, "mean") == "925.12"
    assert format_quantity(1234, "count") == "1,234"
    assert format_quantity(math.nan, "percent") == "no data"
    assert format_gap(13.9, "percent") == "13.9 percentage points"


def test_lists_of_one_two_and_many():
    assert joined([]) == ""
    assert joined(["Health"]) == "Health"
    assert joined(["Health", "Housing"]) == "Health and Housing"
    assert joined(["A", "B", "C"], "or") == "A, B or C"


def test_tidy_keeps_paragraphs_and_list_items_apart():
    text = "First   line\n  goes on.\n\n- one\n   item\n- two\n\n\nLast."
    assert tidy(text) == "First line goes on.\n\n- one item\n- two\n\nLast."


def test_the_first_named_file_replaces_or_extends_the_draft(tmp_path):
    assert with_override("Draft.", None, ["auchterlinn"]) == ("Draft.", "drafted")
    (tmp_path / "X99000001.md").write_text("By code.", encoding="utf-8")
    assert with_override("Draft.", tmp_path, ["auchterlinn", "X99000001"]) == ("By code.", "written by the analyst")
    (tmp_path / "auchterlinn.md").write_text("---\nmode: extend\n---\nAnd more.", encoding="utf-8")
    assert with_override("Draft.", tmp_path, ["auchterlinn", "X99000001"]) == (
        "Draft.\n\nAnd more.", "drafted and extended by the analyst")
