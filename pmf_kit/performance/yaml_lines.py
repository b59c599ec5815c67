"""YAML read with the line of every mapping, so a register error can name the line to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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
