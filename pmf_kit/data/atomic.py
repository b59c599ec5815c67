"""Writing files so that a failed or interrupted write never leaves half a file behind.

Every output of pmf_kit (reports, index page, exported tables and charts, custom area files)
is written to a temporary file beside its target and renamed over it only when complete:
readers see the old file or the new one, never a mixture.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

READABLE_BY_ALL = 0o644


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; it replaces `path` when the block succeeds.

    The temporary name keeps the target's suffix, so writers that choose a format from it
    (Excel, vl-convert) still work. On any error or interrupt it is removed and `path` is left
    as it was. The finished file gets ordinary permissions, not mkstemp's private ones.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=f".tmp{path.suffix}")
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, READABLE_BY_ALL)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomically(path: str | Path, text: str) -> Path:
    """Write text (UTF-8) to `path` through `replacing`, flushed to disk before the rename."""
    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    return Path(path)
