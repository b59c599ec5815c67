"""Print how pmf_kit.stats agreed with the peer library at the end of the run."""

from __future__ import annotations

from tests.stats.peer import AGREEMENT, TOLERANCE


def pytest_terminal_summary(terminalreporter):
    """One line per method: generated cases compared with PHStatsMethods, largest relative difference."""
    if not AGREEMENT:
        return
    terminalreporter.write_sep("-", "pmf_kit.stats against PHStatsMethods 0.1.16 (generated cases)")
    for method, record in sorted(AGREEMENT.items()):
        terminalreporter.write_line(
            f"  {method:<44} {record.cases:>7,} cases   largest relative difference "
            f"{record.largest_relative_difference:.1e}   (allowed {TOLERANCE:.0e})")
