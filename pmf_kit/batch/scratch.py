"""Scratch folders for the executed notebooks and kernel sockets of a batch's workers.

Each lives in the system's temporary folder, named after the process that owns it
(`pmf_kit-<kind>-<pid>-...`), and is removed by its owner when done. A folder whose owner was
killed before it could clean up is removed by the next batch that starts on the machine.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from pmf_kit.batch.kernels import process_alive

PREFIX = "pmf_kit-"
KINDS = ("batch", "dask")
OWNED = re.compile(rf"^{PREFIX}(?:{'|'.join(KINDS)})-(?P<pid>[0-9]+)-")


def new_scratch(kind: str) -> Path:
    """A fresh scratch folder owned by this process; stale ones of dead owners are removed."""
    assert kind in KINDS
    _remove_orphans()
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-{os.getpid()}-"))


def _remove_orphans() -> None:
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        owned = OWNED.match(folder.name)
        if owned and folder.is_dir() and not process_alive(int(owned["pid"])):
            shutil.rmtree(folder, ignore_errors=True)

