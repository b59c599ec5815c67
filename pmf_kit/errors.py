"""Error classes for every user mistake pmf_kit can detect.

Each carries the facts as attributes and a message a CPP analyst can act on, so the CLI can
print it and exit without a traceback (the papermill habit: specific exceptions, facts attached),
and a notebook shows it as one line (`show_briefly_in_notebooks`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence


class PmfKitError(Exception):
    """Base of every error caused by input rather than by a bug."""


class DataFileError(PmfKitError):
    """A data file is missing, unreadable, or holds a value that is not what it should be."""

    def __init__(
        self,
        path: str | Path,
        expected: str,
        row: int | None = None,
        column: str | None = None,
        found: object = None,
        sheet: str | None = None,
    ) -> None:
        self.path = str(path)
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found.item() if hasattr(found, "item") else found
        self.sheet = sheet
        where = [self.path]
        if sheet is not None:
            where.append(f"sheet {sheet!r}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        message = f"{', '.join(where)}: expected {expected}"
        if self.found is not None:
            message += f", found {self.found!r}"
        super().__init__(message)


class DataProblemsError(PmfKitError):
    """Several problems found in one pass over a file, each already naming where it is, so that
    they can all be fixed at once (an analyst's own data for `pmf-kit add-indicators`)."""

    def __init__(self, path: str | Path, problems: Sequence[str]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(f"{count} in {self.path}:\n" + "\n".join(f"  - {problem}" for problem in self.problems))


class ConfigError(PmfKitError):
    """A YAML file (run set, custom areas, dataset.yaml) is broken or says something impossible."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UnknownLevelError(PmfKitError):
    """A geography level was asked for that the data set does not have."""

    def __init__(self, level: str, known: Sequence[str], suggestions: Sequence[str] = ()) -> None:
        self.level = level
        self.known = list(known)
        self.suggestions = list(suggestions)
        closest = f"closest: {', '.join(self.suggestions)}; " if self.suggestions else ""
        super().__init__(
            f"unknown geography level {level!r}; {closest}this data set has: {', '.join(self.known)}"
        )


class UnknownThemeError(PmfKitError):
    """A theme was asked for that the indicator catalogue does not hold."""

    def __init__(self, theme: str, known: Sequence[str], suggestions: Sequence[str] = ()) -> None:
        self.theme = theme
        self.known = list(known)
        self.suggestions = list(suggestions)
        closest = f"closest: {', '.join(self.suggestions)}; " if self.suggestions else ""
        super().__init__(f"no theme called {theme!r}; {closest}themes are: {', '.join(self.known)}")


class UnknownAreaError(PmfKitError):
    """An area name or code matched nothing, or matched more than one area."""

    def __init__(
        self, name: str, level: str | None, suggestions: Sequence[str], ambiguous: bool = False
    ) -> None:
        self.name = name
        self.level = level
        self.suggestions = list(suggestions)
        self.ambiguous = ambiguous
        where = f" at level {level!r}" if level else ""
        if ambiguous:
            message = f"area {name!r}{where} is ambiguous: it matches {', '.join(self.suggestions)}"
        elif self.suggestions:
            message = (
                f"no area called {name!r}{where}; closest matches: {', '.join(self.suggestions)}"
            )
        else:
            message = f"no area called {name!r}{where}"
        super().__init__(message)


class UnknownIndicatorError(PmfKitError):
    """An indicator id was asked for that the catalogue does not hold."""

    def __init__(self, indicator_id: str, suggestions: Sequence[str], where: str = "") -> None:
        self.indicator_id = indicator_id
        self.suggestions = list(suggestions)
        message = f"unknown indicator {indicator_id!r}{f' {where}' if where else ''}"
        if self.suggestions:
            message += f"; closest: {', '.join(self.suggestions)}"
        super().__init__(message)


class ReportError(PmfKitError):
    """One report of a batch failed; carries the area and the cause for the summary."""

    def __init__(self, report: str, cause: str) -> None:
        self.report = report
        self.cause = cause
        super().__init__(f"{report}: {cause}")


class ForeignFileError(PmfKitError):
    """An output would replace a file that pmf_kit did not write (or not of the kind expected)."""

    def __init__(self, path: str | Path, expected: str) -> None:
        self.path = str(path)
        self.expected = expected
        super().__init__(
            f"{self.path}: exists and is not {expected}, so pmf_kit will not replace it; "
            "choose another path, or replace it with --force (force=True in Python)"
        )


def expect_kind(value: object, kind: type | tuple[type, ...], function: str, expected: str) -> None:
    """A PmfKitError naming the function and what it takes when `value` is not a `kind`: a
    number where a table belongs is a user's mistake, not an AttributeError deep inside."""
    if not isinstance(value, kind):
        raise PmfKitError(f"{function}: expected {expected}, found {type(value).__name__}")


def show_briefly_in_notebooks() -> None:
    """In IPython (a JupyterLab kernel), show a PmfKitError as its one-line message rather than
    a traceback into pmf_kit's internals; `%tb` still prints the whole traceback.

    The error still reaches the front end as an error (papermill and the batch runner see the
    cell fail, with the same name and message). Called when pmf_kit is imported; does nothing
    outside IPython.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and PmfKitError not in shell.custom_exceptions:
        shell.set_custom_exc((PmfKitError,), _show_one_line)


def _show_one_line(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None) -> list[str]:
    """IPython's custom handler: keep the traceback for `%tb`, show the message alone."""
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
    summary = [f"\x1b[0;31m{etype.__name__}\x1b[0m: {value}",
               "\x1b[2m(%tb shows the full traceback)\x1b[0m"]
    shell._showtraceback(etype, value, summary)
    return summary

