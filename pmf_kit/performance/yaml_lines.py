"""YAML read with the line of every mapping, so a register error can name the line to fix; `Entry`
reads one mapping's fields, each mistake a ConfigError naming the file, line and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterable

import yaml

from pmf_kit.data.paths import missing_path_hint
from pmf_kit.data.periods import PeriodError, parse_period
from pmf_kit.data.tabular import MAX_MAGNITUDE
from pmf_kit.errors import ConfigError

LINE_KEY = "__line__"
"""Key added to every mapping read by `read_yaml_with_lines`: its first line in the file."""


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records where each mapping starts."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def read_yaml_with_lines(path: str | Path) -> Any:
    """Parse a YAML file safely; every mapping carries `__line__`. Broken YAML → ConfigError."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(path, f"no such file{missing_path_hint(path)}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"cannot be read: {error}") from error
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(path, f"not valid YAML{where}: {getattr(error, 'problem', None) or error}") from error


def line_of(entry: Any) -> int | None:
    """The line a mapping started on, when it was read by `read_yaml_with_lines`."""
    return entry.get(LINE_KEY) if isinstance(entry, dict) else None


class Entry:
    """One mapping of a YAML list, with what is needed to say where a bad field is."""

    def __init__(self, path: Path, where: str, entry: Any, line: int | None = None) -> None:
        self.path, self.where = path, where
        self.line = line_of(entry) or line
        if not isinstance(entry, dict):
            self.fail(where, "a mapping", entry)
        self.entry = entry

    def fail(self, key: str, expected: str, found: Any = None) -> None:
        at = f"line {self.line}, " if self.line else ""
        found_text = "" if found is None else f", found {found!r}"
        raise ConfigError(self.path, f"{at}{key}: expected {expected}{found_text}")

    def text(self, key: str, required: bool = True) -> str:
        value = self.entry.get(key)
        if not required and (value is None or (isinstance(value, str) and not value.strip())):
            return ""
        if not isinstance(value, (str, int)) or not str(value).strip():
            self.fail(f"{self.where}.{key}", "a non-empty text", value)
        return str(value).strip()

    def number(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{self.where}.{key}", "a number", value)
        if not abs(value) <= MAX_MAGNITUDE:
            self.fail(f"{self.where}.{key}", f"a finite number no larger than {MAX_MAGNITUDE:,.0f}", value)
        return float(value)

    def period(self, key: str, value: Any) -> str:
        try:
            return parse_period(value).label
        except PeriodError:
            self.fail(f"{self.where}.{key}", "a period such as 2024/25 or 2024", value)
        raise AssertionError  # unreachable: fail raises

    def child(self, key: str) -> "Entry":
        return Entry(self.path, f"{self.where}.{key}", self.entry.get(key), self.line)

    def whole(self, key: str, low: int, high: int) -> int:
        value = self.entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(f"{self.where}.{key}", f"a whole number from {low} to {high}", value)
        return value

    def names(self, key: str, allowed: Iterable[str], what: str) -> tuple[str, ...]:
        """A list of names, each one of `allowed`; left out means none."""
        value = self.entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(f"{self.where}.{key}", f"a list of {what}", value)
        allowed = set(allowed)
        for item in value:
            if item not in allowed:
                self.fail(f"{self.where}.{key}", f"{what} ({', '.join(sorted(allowed))})", item)
        return tuple(value)

    def day(self, key: str) -> date:
        value = self.entry.get(key)
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{self.where}.{key}", "a date such as 2025-03-31", value)
        raise AssertionError  # unreachable: fail raises
