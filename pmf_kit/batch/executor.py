"""Executors: where the reports of a batch run, as named, swappable classes behind one interface.

As papermill keeps its engines in `papermill_engines`, a batch keeps its executors in
`executors`, by name, and the runner chooses one at call time (`pmf-kit run --executor NAME`):

- `processes`: local worker processes, a fresh kernel for every report (pmf_kit.batch.process_executors);
- `warm`: local worker processes, each keeping one kernel warm (the default);
- `dask`: a Dask distributed cluster, one warm kernel per Dask worker (pmf_kit.batch.dask_executor).

Every executor takes report jobs and yields each one's RenderedReport as it finishes, and holds
to the same rules: the per-report timeout, a dead worker or kernel failing only its report after
one more try, Ctrl-C stopping everything within seconds, nothing left running or written.
Executors never write report files; the runner does.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar, Iterator, Sequence

from pmf_kit.batch.report_task import RenderedReport, ReportJob
from pmf_kit.errors import PmfKitError

DEFAULT_EXECUTOR = "warm"


class Executor(ABC):
    """Runs report jobs, `jobs` at a time, and yields their results in the order they finish.

    Used as a context manager: leaving the block (normally, on an error or on Ctrl-C) stops
    every worker and kernel it started and removes its scratch folders.
    """

    name: ClassVar[str]

    def __init__(self, jobs: int, root: Path, scheduler: str | None = None) -> None:
        if scheduler is not None:
            raise PmfKitError(f"--scheduler is for --executor dask, not --executor {self.name}")
        self.jobs = jobs
        self.root = root

    @abstractmethod
    def run(self, jobs: Sequence[ReportJob]) -> Iterator[RenderedReport]:
        """Each job's result as soon as it is ready."""

    def close(self) -> None:
        """Stop everything this executor started (idempotent)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class Executors:
    """The named executors, as papermill's PapermillEngines holds its engines."""

    def __init__(self) -> None:
        self._executors: dict[str, type[Executor]] = {}

    def register(self, name: str, executor: type[Executor]) -> None:
        self._executors[name] = executor

    def get(self, name: str) -> type[Executor]:
        if name not in self._executors:
            raise PmfKitError(f"no executor named {name!r}; expected one of {', '.join(self.names)}")
        return self._executors[name]

    @property
    def names(self) -> list[str]:
        return sorted(self._executors)


executors = Executors()
