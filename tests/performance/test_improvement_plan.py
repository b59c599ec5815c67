"""The improvement plan: the sample's progress worked by hand, and mistakes named by file, row and column."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from pmf_kit.errors import DataFileError
from pmf_kit.performance.improvement_plan import improvement_progress, load_improvement_plan, progress_counts
from tests.conftest import PROJECT_ROOT

LOIP = PROJECT_ROOT / "data" / "loip"


def test_the_sample_plan_at_the_end_of_2024_25():
    progress = improvement_progress(load_improvement_plan(LOIP), date(2025, 4, 1))
    assert progress["improvement_id"].tolist() == [f"IP-0{number}" for number in range(1, 7)]
    # IP-02 (due 31 Mar 2025, on track) and IP-06 (due 31 Dec 2024, delayed) are past due and not complete;
    # IP-01 was due in 2024 but is complete.
    assert progress.loc[progress["overdue"], "improvement_id"].tolist() == ["IP-02", "IP-06"]
    assert progress_counts(progress) == {"not started": 1, "on track": 2, "at risk": 1, "delayed": 1, "complete": 1,
                                         "overdue": 2, "total": 6}
    assert progress_counts(improvement_progress(load_improvement_plan(LOIP), date(2024, 10, 1)))["overdue"] == 0
    assert progress["finding"].iloc[2].startswith("Best Value Assurance Report 2024")


def test_no_improvement_plan_is_none(tmp_path):
    assert load_improvement_plan(tmp_path) is None


@pytest.mark.parametrize(("old", "new", "row", "column"), [
    ("2025-06-30,at risk", "2025-06-30,stuck", 4, "status"),
    ("2024-12-31,delayed", "31/12/2024,delayed", 7, "due"),
    ("IP-05,", "IP-04,", 6, "improvement_id"),
    (",CPP Manager,2025-09-30", ",,2025-09-30", 6, "owner"),
])
def test_a_mistake_names_file_row_and_column(tmp_path, old, new, row, column):
    shutil.copy(LOIP / "improvement_plan.csv", tmp_path / "improvement_plan.csv")
    path = tmp_path / "improvement_plan.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_improvement_plan(tmp_path)
    assert (caught.value.row, caught.value.column) == (row, column)
