"""Text from data files is escaped for HTML text, attributes, JSON in a script and spreadsheet cells."""

from __future__ import annotations

import json

import pytest

from pmf_kit.data.escaping import csv_cell, html_attribute, html_text, is_formula_like, script_json

PAYLOAD = "</script><script>alert('x')</script> & \"quoted\""


def test_html_text_and_attribute_leave_no_markup():
    for escape in (html_text, html_attribute):
        escaped = escape(PAYLOAD)
        assert "<" not in escaped and ">" not in escaped and '"' not in escaped and "'" not in escaped
        assert escaped.startswith("&lt;/script&gt;")
        assert "&amp; &quot;quoted&quot;" in escaped


def test_script_json_has_no_characters_the_html_parser_acts_on_and_reads_back_the_same():
    data = {"title": PAYLOAD, "names": ["<!--", "a\u2028b"], "value": 1.5}
    text = script_json(data)
    assert not set("<>&") & set(text)
    assert "\\u003c/script\\u003e" in text
    assert "\u2028" not in text
    assert json.loads(text) == data


@pytest.mark.parametrize("text", ["=1+2", "+SUM(A1:A3)", "-2+3", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://example.invalid","click")'])
def test_formula_like_text_is_prefixed_for_csv(text):
    assert is_formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Isle of Innisbrae", "2024/25", "– No data", "", 5, -3.5, None])
def test_other_cells_are_left_alone(value):
    assert csv_cell(value) == value
