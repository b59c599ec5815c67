"""Tables, headings and Markdown text as every report shows them: escaped, accessible, aligned."""

from __future__ import annotations

import pytest
import math

import pandas as pd

from pmf_kit.charts.display import heading_anchor, markdown_to_safe_html, table_html


def test_script_and_html_are_shown_as_text():
    rendered = markdown_to_safe_html('Hello <script>alert("x")</script> and <b onclick="x()">bold</b>\n\n'
                                     '**Strong** and *soft*  \nnew line\nsame line')
    assert "<script" not in rendered and "<b " not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered
    assert "<strong>Strong</strong>" in rendered and "<em>soft</em>" in rendered
    assert rendered.count("<p>") == 2 and "<em>soft</em><br>new line same line" in rendered


def test_a_list_is_a_list_and_its_items_are_escaped():
    rendered = markdown_to_safe_html("Key points:\n\n- **Worse** than <b>Fife</b>\n- Better")
    assert rendered == ("<p>Key points:</p>\n<ul><li><strong>Worse</strong> than &lt;b&gt;Fife&lt;/b&gt;</li>"
                        "<li>Better</li></ul>")


def test_figures_align_right_text_left_and_every_cell_is_labelled():
    frame = pd.DataFrame({"Indicator": ["Crime <b>", "Fires"], "Period": ["2023", "2024"],
                          "Value": ["1,234.5", "*"], "Share": [42.9, math.nan], "Zones": [3, 4]})
    rendered = table_html(frame, "A & B", ["Note <i>"])
    assert '<th scope="row" data-label="Indicator">Crime &lt;b&gt;</th>' in rendered
    assert '<td data-label="Period">2023</td>' in rendered  # a year is a label
    assert '<td class="pmf-figure" data-label="Value">1,234.5</td>' in rendered
    assert '<td class="pmf-figure" data-label="Share">42.9</td>' in rendered
    assert '<td class="pmf-figure" data-label="Share">–</td>' in rendered
    assert '<td class="pmf-figure" data-label="Zones">4</td>' in rendered
    assert '<th scope="col" class="pmf-figure">Value</th>' in rendered
    assert "<caption>A &amp; B</caption>" in rendered and 'aria-label="A &amp; B"' in rendered
    assert '<p class="pmf-note">Note &lt;i&gt;</p>' in rendered


def test_a_float_column_shows_the_decimals_it_needs():
    rendered = table_html(pd.DataFrame({"Area": ["a", "b"], "Value": [12.25, 4.0]}), "Values")
    assert ">12.25<" in rendered and ">4.00<" in rendered


def test_heading_anchors_follow_jupyter():
    assert heading_anchor("Compared with the council and Scotland") == "Compared-with-the-council-and-Scotland"


def test_a_column_of_prose_is_marked_to_be_given_room():
    frame = pd.DataFrame({"Method": ["Counts"], "How it is worked out": ["A count is not an estimate of a rate: " * 3]})
    rendered = table_html(frame, "Methods")
    assert '<th scope="col" class="pmf-prose">How it is worked out</th>' in rendered
    assert '<th scope="col">Method</th>' in rendered


def test_a_long_word_may_break_and_a_short_one_stays_whole():
    """Real names with no space ("Dumbarton/Alexandria", "Hazlehead/Queens Cross/Countesswells",
    "Clackmannanshire" three times over) held their columns wider than the page: they may break
    after a slash or at a soft hyphen; "2024/25" and "Scotland" stay whole."""
    frame = pd.DataFrame({"Data zone": ["Hazlehead/Queens Cross/Countesswells"], "Period": ["2024/25"],
                          "Change in Dumbarton/Alexandria": [1.5]})
    rendered = table_html(frame, "Zones")
    assert ">Hazlehead/<wbr>Queens Cross/<wbr>Countess&shy;wells</th>" in rendered
    assert ">2024/25</td>" in rendered
    assert ">Change in Dumbarton/<wbr>Alexandria</th>" in rendered
    assert 'data-label="Change in Dumbarton/Alexandria"' in rendered
    assert ">Clackman&shy;nanshire (council area)</th>" in table_html(
        pd.DataFrame({"Clackmannanshire (council area)": [1.0], "Scotland": [2.0]}), "t")
    assert ">Scotland</th>" in table_html(pd.DataFrame({"Scotland": [2.0]}), "t")


@pytest.mark.parametrize("text, shown", [
    ("Alcohol-related", "Alcohol-<wbr>related"),              # the hyphen is the break: no "Alcohol--related"
    ("SpatialData.gov.scot", "SpatialData.<wbr>gov.<wbr>scot"),  # an address: no hyphen inside it
    ("hscp_locality", "hscp_<wbr>locality"),                   # an identifier, likewise
    ("Clackmannanshire", "Clackman&shy;nanshire"),             # a long plain word may still hyphenate
])
def test_long_words_break_only_where_a_reader_expects(text, shown):
    from pmf_kit.charts.display import _breakable

    assert _breakable(text) == shown
