"""Rounding figures as Public Health Scotland publishes them: half up, on the decimal number a
reader sees, never Python's round() or format(), which round half to even on the binary value
(round(77.25, 1) is 77.2, format(79.85, ".1f") is 79.8; PHS shows 77.3 and 79.9).

The value is read through its shortest repr (79.85 is "79.85", not 79.849999...), then rounded
half away from zero with decimal arithmetic, as janitor::round_half_up does in the R code PHS
publications are made with. One formatter for people (`figure_text`: separators,
the indicator's decimals) and one for machines (`machine_text`: whole numbers as whole numbers,
other values to a stated number of decimals), used by every table, chart, key point and export.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

MACHINE_DECIMALS = 6
"""Decimals of a non-whole value in a CSV file for machines: enough for any rate or percentage."""


def round_half_up(value: float, decimals: int = 0) -> float:
    """`value` to `decimals` places, half away from zero on its decimal digits: 79.85 -> 79.9,
    77.25 -> 77.3, 2.5 -> 3.0, -2.5 -> -3.0. NaN and infinities come back as they are."""
    if not math.isfinite(value):
        return value
    return float(_quantized(value, decimals))


def _quantized(value: float, decimals: int) -> Decimal:
    exponent = Decimal(1).scaleb(-decimals)
    rounded = Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)
    return rounded + 0  # -0.0 reads 0.0


def figure_text(value: float, decimals: int = 0, separators: bool = True) -> str:
    """A figure for people: half up to `decimals` places, thousands separated: 5,440; 79.9;
    1,234.57. NaN gives "" (the caller says what a missing figure reads as)."""
    if value is None or not math.isfinite(float(value)):
        return ""
    rounded = _quantized(float(value), decimals)
    return f"{rounded:,.{decimals}f}" if separators else f"{rounded:.{decimals}f}"


def machine_text(value: float, decimals: int = MACHINE_DECIMALS) -> str:
    """A figure for machines (CSV): a whole number as one (9968, not 9968.0), any other value
    half up to `decimals` places without trailing zeros (29.253637); missing is ""."""
    if value is None or not math.isfinite(float(value)):
        return ""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    text = f"{_quantized(number, decimals):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
