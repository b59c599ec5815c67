"""What each report was last built from, so `pmf-kit run --changed` rebuilds only what changed.

A report's inputs are its notebook, its parameters, the files of the folders and files its
parameters name (`dataset`, `loip`, `custom_areas`) and pmf_kit's version; their fingerprint
(SHA-256 of all of them) is recorded, after each good build, in a small manifest beside the
outputs (`pmf-kit-builds.json` in the run set's output folder), with the seconds each build took,
from which `pmf-kit run --list` estimates how long the next batch will take. A report whose fingerprint is
unchanged and whose HTML is still there is skipped; a changed input rebuilds exactly the reports
that use it. Each input file is read once per batch, however many reports use it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Mapping

from pmf_kit.batch.locking import folder_locked
from pmf_kit.batch.runsets import Report
from pmf_kit.data.atomic import write_text_atomically
from pmf_kit.data.ownership import GENERATOR, check_replaceable, is_pmf_kit_json
from pmf_kit.version import __version__

MANIFEST_NAME = "pmf-kit-builds.json"
INPUT_PARAMETERS = ("dataset", "loip", "custom_areas")
CHUNK_BYTES = 1 << 20


def manifest_path(report: Report) -> Path:
    """The build manifest of the folder a report is written to (relative as the report's path)."""
    return report.output_path.parent / MANIFEST_NAME


class Fingerprints:
    """Fingerprints of reports' inputs under `root`; each file is hashed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._digests: dict[Path, str] = {}

    def of(self, report: Report) -> str:
        digest = hashlib.sha256()
        digest.update(f"pmf_kit {__version__}\n".encode())
        digest.update(f"notebook {self._digest(self.root / report.notebook)}\n".encode())
        digest.update(json.dumps(report.parameters, sort_keys=True, default=str).encode())
        for name in INPUT_PARAMETERS:
            value = report.parameters.get(name)
            if isinstance(value, str) and value:
                digest.update(f"\n{name} {self._digest(self.root / value)}".encode())
        return digest.hexdigest()

    def _digest(self, path: Path) -> str:
        path = path.resolve()
        if path not in self._digests:
            self._digests[path] = _digest_of(path)
        return self._digests[path]


def _digest_of(path: Path) -> str:
    """SHA-256 of a file, or of a folder's visible files (names and contents); `missing` if none."""
    if path.is_file():
        return _file_digest(path)
    if not path.is_dir():
        return "missing"
    digest = hashlib.sha256()
    for file in sorted(path.rglob("*")):
        relative = file.relative_to(path)
        if file.is_file() and not any(part.startswith(".") for part in relative.parts):
            digest.update(f"{relative.as_posix()} {_file_digest(file)}\n".encode())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def unchanged_reports(reports: Iterable[Report], fingerprints: Fingerprints) -> set[Path]:
    """Output paths of the reports whose last good build had the same inputs, and still exists."""
    root = fingerprints.root
    manifests: dict[Path, dict[str, str]] = {}
    unchanged = set()
    for report in reports:
        folder_manifest = root / manifest_path(report)
        if folder_manifest not in manifests:
            manifests[folder_manifest] = read_builds(folder_manifest)
        built = manifests[folder_manifest].get(report.name)
        if built == fingerprints.of(report) and (root / report.output_path).is_file():
            unchanged.add(report.output_path)
    return unchanged


def read_builds(path: Path) -> dict[str, str]:
    """Report name -> fingerprint of its last good build; empty if the manifest is missing."""
    builds = _manifest_entries(path, "reports")
    return {str(name): str(value) for name, value in builds.items()}


def read_build_seconds(path: Path) -> dict[str, float]:
    """Report name -> seconds its last good build took (report time), where the manifest says."""
    seconds = _manifest_entries(path, "seconds")
    return {str(name): float(value) for name, value in seconds.items()
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0}


def _manifest_entries(path: Path, key: str) -> dict:
    """One mapping of a manifest pmf_kit wrote; empty if missing, foreign or malformed."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document.get(key, {}) if document.get("generator") == GENERATOR else {}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def record_builds(
    built: Iterable[Report], failed: Iterable[Report], fingerprints: Fingerprints, force: bool = False,
    seconds: Mapping[Path, float] | None = None,
) -> None:
    """Record good builds (with the seconds each took, by output path, where given) and forget
    failed ones, each manifest updated under its folder's lock.

    A manifest that cannot be written (its folder is a file, read-only, or the disk is full) is
    left as it was: the batch has already named those reports' failures, and the next
    `--changed` run rebuilds whatever it did not record.
    """
    changes: dict[Path, dict[str, str | None]] = {}
    took: dict[Path, dict[str, float]] = {}
    for report in built:
        changes.setdefault(manifest_path(report), {})[report.name] = fingerprints.of(report)
        if seconds and report.output_path in seconds:
            took.setdefault(manifest_path(report), {})[report.name] = seconds[report.output_path]
    for report in failed:
        changes.setdefault(manifest_path(report), {})[report.name] = None
    for relative, entries in changes.items():
        path = fingerprints.root / relative
        if not path.is_file() and all(value is None for value in entries.values()):
            continue
        try:
            _update(path, entries, took.get(relative, {}), force)
        except OSError:
            continue  # a folder that cannot be written: its reports are rebuilt next time


def _update(path: Path, entries: dict[str, str | None], seconds: dict[str, float], force: bool) -> None:
    with folder_locked(path.parent):
        check_replaceable(path, is_pmf_kit_json, "a pmf_kit build manifest", force)
        builds = read_builds(path)
        took = read_build_seconds(path)
        for name, fingerprint in entries.items():
            if fingerprint is None:
                builds.pop(name, None)
                took.pop(name, None)
            else:
                builds[name] = fingerprint
                if name in seconds:
                    took[name] = round(seconds[name], 2)
        document = {"generator": GENERATOR, "pmf_kit_version": __version__,
                    "reports": dict(sorted(builds.items())), "seconds": dict(sorted(took.items()))}
        write_text_atomically(path, json.dumps(document, indent=1) + "\n")
