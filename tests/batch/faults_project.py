"""A project for fault tests of the executors: the faults notebook (it can hang, kill its kernel
or the worker running it, once or every time, and writes its kernel's and worker's process ids
to a file), and how to tell that a process is gone."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import FIXTURES

PMF_KIT = Path(sys.executable).with_name("pmf-kit")
FAULTS = """\
title: Faults
notebook: notebooks/faults.ipynb
dataset: data/tiny
output: reports/faults
parameters: {{area_level: locality, pid_file: {pid_file}}}
reports:
{reports}"""


def faults_run_set(project: Path, reports: list[str], name: str = "faults.yaml") -> tuple[Path, Path]:
    """Write a faults run set of `reports` (YAML flow mappings); its path and its pid file."""
    shutil.copy(FIXTURES / "faults.ipynb", project / "notebooks" / "faults.ipynb")
    pid_file = project / "pids.txt"
    lines = "".join(f"  - {report}\n" for report in reports)
    path = project / "parameters" / name
    path.write_text(FAULTS.format(pid_file=pid_file, reports=lines), encoding="utf-8")
    return path.relative_to(project), pid_file


def started_pmf_kit(project: Path, *arguments: str) -> subprocess.Popen:
    """`pmf-kit ARGUMENTS` in `project` as a user's shell starts it (Ctrl-C not ignored)."""
    return subprocess.Popen(
        [str(PMF_KIT), *arguments], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def kernels_and_workers(pid_file: Path) -> list[tuple[int, int]]:
    """(kernel pid, worker pid) of each report that has started, from the faults notebook."""
    if not pid_file.exists():
        return []
    return [tuple(map(int, line.split())) for line in pid_file.read_text().splitlines() if line]


def wait_until(condition, seconds: float, poll: float = 0.25) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return condition()


def gone(pid: int) -> bool:
    """The process has exited (a zombie waiting to be reaped counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state in ("Z", "X")


def scratch_folders(owners: list[int]) -> list[Path]:
    """Scratch folders that these processes (a batch, its Dask workers) made and left behind."""
    temporary = Path(tempfile.gettempdir())
    return sorted(folder for pid in owners for kind in ("batch", "dask")
                  for folder in temporary.glob(f"pmf_kit-{kind}-{pid}-*"))


def files_under(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): path.stat().st_size for path in folder.rglob("*") if path.is_file()}
