"""Forgiving name matching, as analysts type names, and file names made from area names."""

import pytest

from pmf_kit.data.naming import closest_names, matching_names, normalise_name, slugify

COUNCILS = ["City of Edinburgh", "Dumfries & Galloway", "Perth & Kinross", "Aberdeen City", "Aberdeenshire"]


def test_normalise():
    assert normalise_name("  Dumfries &  Galloway ") == "dumfries and galloway"
    assert normalise_name("Aberdeen_City") == "aberdeen city"


def test_word_order_and_city_of_do_not_matter():
    assert matching_names("Edinburgh City", COUNCILS) == ["City of Edinburgh"]
    assert matching_names("dumfries and galloway", COUNCILS) == ["Dumfries & Galloway"]


def test_exact_match_wins_over_word_match():
    assert matching_names("Aberdeen City", COUNCILS) == ["Aberdeen City"]


def test_closest_names_for_typos():
    assert closest_names("Aberdeenshir", COUNCILS)[0] == "Aberdeenshire"
    assert "Perth & Kinross" in closest_names("Perth", COUNCILS)


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Kirkhaven", "kirkhaven"),
        ("Glen Avon", "glen-avon"),
        ("North & Hills", "north-hills"),
        ("  Dùn Èideann / St. Mary's ", "dun-eideann-st-mary-s"),
        ("q2-2024-25", "q2-2024-25"),
    ],
)
def test_slug_names_the_report_file(name, slug):
    assert slugify(name) == slug
