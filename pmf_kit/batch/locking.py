"""Locks that let two batches finishing together update the same manifest without losing an entry.

A lock is held on the folder that holds the manifest (`flock` on the folder itself), for the
read-modify-write of the manifest only, so nothing is left behind and a batch killed while
holding it releases it as it dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def folder_locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (created if missing) for the block."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)
