"""Forgiving name matching, as analysts type names."""

from pmf_kit.data.naming import closest_names, matching_names, normalise_name

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
