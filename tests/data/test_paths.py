"""One rule for relative paths: from the project root, whichever folder the code runs in."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmf_kit.data.dataset import open_dataset
from pmf_kit.data.paths import PROJECT_MARKER, from_project_root, project_path, project_root, working_root
from pmf_kit.errors import DataFileError
from tests.conftest import PROJECT_ROOT, TINY_DATASET


@pytest.fixture
def project(tmp_path):
    """A project root holding the marker, with notebooks/ and a deeper folder inside it."""
    (tmp_path / PROJECT_MARKER).write_text("project: pmf_kit\n", encoding="utf-8")
    (tmp_path / "notebooks" / "drafts").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    return tmp_path.resolve()


@pytest.mark.parametrize("working", [".", "notebooks", "notebooks/drafts"])
def test_a_relative_path_means_the_same_from_every_folder_of_the_project(project, working, monkeypatch):
    monkeypatch.chdir(project / working)
    assert project_root() == project
    assert working_root() == project
    assert (Path.cwd() / project_path("data/sample")).resolve() == project / "data" / "sample"


def test_a_resolved_path_passed_on_stays_put(project, monkeypatch):
    monkeypatch.chdir(project / "notebooks")
    once = project_path("reports/explore")
    assert once == project / "reports" / "explore"
    assert project_path(once) == once


def test_reports_name_files_from_the_project_root(project, monkeypatch):
    monkeypatch.chdir(project / "notebooks")
    assert from_project_root(project_path("data/sample")) == "data/sample"
    assert from_project_root("/elsewhere/data") == "/elsewhere/data"


def test_outside_any_project_a_path_is_taken_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert project_root() is None
    assert project_path("data/sample") == Path("data/sample")
    assert working_root() == tmp_path.resolve()


def test_absolute_and_home_paths_are_left_as_they_are(project, monkeypatch):
    monkeypatch.chdir(project / "notebooks")
    assert project_path(project / "x.csv") == project / "x.csv"
    assert project_path("~/x.csv") == Path.home() / "x.csv"


def test_the_nearest_marker_wins(project, monkeypatch):
    inner = project / "notebooks" / "drafts"
    (inner / PROJECT_MARKER).write_text("project: pmf_kit\n", encoding="utf-8")
    monkeypatch.chdir(inner)
    assert project_root() == inner


def test_this_repository_is_a_project_and_notebooks_reach_the_sample(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT / "notebooks")
    assert project_root() == PROJECT_ROOT
    assert open_dataset("tests/fixtures/tiny_dataset").name == open_dataset(TINY_DATASET).name


def test_a_missing_folder_is_named_as_the_user_reaches_it(project, monkeypatch):
    monkeypatch.chdir(project / "notebooks")
    with pytest.raises(DataFileError) as raised:
        open_dataset("data/nowhere")
    assert str(raised.value) == f"{project}/data/nowhere: expected a data set folder, but there is no such folder"
