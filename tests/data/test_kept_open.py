"""In a warm kernel a data set is opened once and reused while its files are unchanged."""

from __future__ import annotations

import os

import pytest

from pmf_kit.data import kept_open
from pmf_kit.data.dataset import open_dataset


@pytest.fixture
def keeping(monkeypatch):
    monkeypatch.setattr(kept_open, "_kept", None)
    kept_open.keep_data_sets_open()


def test_data_sets_are_opened_afresh_unless_kept(tiny_copy, monkeypatch):
    monkeypatch.setattr(kept_open, "_kept", None)
    assert open_dataset(tiny_copy) is not open_dataset(tiny_copy)


def test_a_kept_data_set_is_reused_until_one_of_its_files_changes(tiny_copy, keeping):
    first = open_dataset(tiny_copy)
    assert open_dataset(tiny_copy) is first
    values = tiny_copy / "values.csv"
    status = values.stat()
    os.utime(values, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    again = open_dataset(tiny_copy)
    assert again is not first and open_dataset(tiny_copy) is again


def test_a_data_set_with_custom_areas_is_kept_apart_from_the_plain_one(tiny_copy, keeping, tmp_path):
    areas = tmp_path / "areas.yaml"
    areas.write_text("areas:\n  - name: Two zones\n    datazones: [XD0000001, XD0000002]\n")
    plain = open_dataset(tiny_copy)
    custom = open_dataset(tiny_copy, custom_areas=areas)
    assert custom is not plain and "custom" not in plain.level_ids
    assert list(custom.areas("custom")["name"]) == ["Two zones"]
    assert open_dataset(tiny_copy, custom_areas=areas) is custom
