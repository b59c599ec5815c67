"""The methods stated once in pmf_kit.stats.methods are the README's methods section, word for word."""

from pmf_kit.stats.methods import DIFFERENCES_FROM_THE_PEER, METHODS, methods_table
from tests.conftest import PROJECT_ROOT


def test_the_readme_states_every_method_and_every_difference_from_the_peer():
    readme = " ".join((PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split())
    for topic, text in METHODS:
        assert f"**{topic}**: {text}" in readme
    for text in DIFFERENCES_FROM_THE_PEER:
        assert text in readme


def test_the_appendix_table_lists_the_methods_then_the_differences():
    table = methods_table()
    assert table["Method"].tolist()[:len(METHODS)] == [topic for topic, _ in METHODS]
    assert table["How it is worked out"].tolist()[len(METHODS):] == list(DIFFERENCES_FROM_THE_PEER)
    assert any("3.92" in text for text in table["How it is worked out"])
