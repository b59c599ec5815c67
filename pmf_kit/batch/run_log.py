"""The analyst's log of batches: each run's summary (failures, and the data warnings its reports
carried, which the reports' pages leave out) appended, with the date, to `pmf-kit-run.log` beside
the index page, so a diagnostic is never lost with the terminal and never lands on a reader's page.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Sequence

LOG_NAME = "pmf-kit-run.log"
HEADER = "# pmf_kit run log: each batch's summary, newest last\n"


def append_to_run_log(index_path: Path, lines: Sequence[str]) -> Path | None:
    """Append a batch's summary lines to the log beside the index page; the log's path, or None
    where a file of that name exists that pmf_kit did not write (it is left alone)."""
    path = Path(index_path).with_name(LOG_NAME)
    if path.exists() and not _is_run_log(path):
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8") as log:
        if log.tell() == 0:
            log.write(HEADER)
        log.write(f"\n## {stamp}\n" + "".join(f"{line}\n" for line in lines))
    return path


def _is_run_log(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as log:
            return log.readline() == HEADER
    except (OSError, UnicodeDecodeError):
        return False
