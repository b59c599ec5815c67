"""Reading an Altair spec in tests: its layers, marks and the rows each layer draws; shared inputs."""

from __future__ import annotations

FINANCIAL_YEARS = ["2019/20", "2020/21", "2021/22", "2022/23"]
QUINTILE_LABEL = "SIMD 2020 national quintile (1 = most deprived)"


def layers_of(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def marks_of(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in layers_of(spec)]


def layer_with_mark(spec: dict, mark: str) -> dict:
    return next(layer for layer in layers_of(spec) if layer["mark"]["type"] == mark)


def inline_rows(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own inline data or the top-level named dataset."""
    name = layer.get("data", spec.get("data", {})).get("name")
    return spec["datasets"][name]
