"""Kernels: started with this interpreter over Unix sockets, started again when a start fails
(as "Kernel died before replying to kernel_info" did when two workers started kernels at once)."""

from __future__ import annotations

import sys

import pytest

from pmf_kit.batch import kernels
from pmf_kit.batch.kernels import Kernel, KernelStartError
from pmf_kit.batch.scratch import new_scratch


@pytest.mark.integration
def test_a_kernel_runs_this_interpreter_over_unix_sockets_and_leaves_no_files(tmp_path):
    scratch = new_scratch("batch")
    kernel = Kernel(tmp_path, scratch).start()
    try:
        assert kernel.is_alive() and kernel.pid in kernels.running_kernel_pids()
        assert sorted(path.suffix for path in scratch.iterdir()) == [""] * 5 + [".json"]  # sockets, connection file
        kernel.run_quietly(f"import sys; assert sys.executable == {sys.executable!r}")
        with pytest.raises(kernels.KernelCodeError, match="ZeroDivisionError: division by zero"):
            kernel.run_quietly("1 / 0")
    finally:
        kernel.stop()
    assert kernel.pid is None and not list(scratch.iterdir())
    scratch.rmdir()


def test_a_kernel_that_dies_at_start_is_started_again(tmp_path, monkeypatch):
    tries = []

    def start_once(self):
        tries.append(1)
        if len(tries) < kernels.START_ATTEMPTS:
            raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(Kernel, "_start_once", start_once)
    Kernel(tmp_path, tmp_path).start()
    assert len(tries) == kernels.START_ATTEMPTS


def test_a_kernel_that_never_starts_is_one_clear_error(tmp_path, monkeypatch):
    def start_once(self):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(Kernel, "_start_once", start_once)
    with pytest.raises(KernelStartError, match=r"the kernel would not start \(3 tries\): Kernel died "
                                               "before replying to kernel_info"):
        Kernel(tmp_path, tmp_path).start()
