"""The papermill engine `pmf_kit`: papermill's own nbclient engine, run on a kernel the batch
already started (pmf_kit.batch.kernels) instead of one it starts and stops itself.

Registered by name in `papermill_engines`, as papermill registers its own engines, and chosen at
call time with `engine_name=ENGINE_NAME, kernel=...`. Papermill still does everything else:
parameters injected after the `parameters` cell, cells run in order, the failing cell's
exception recorded, timing in the notebook's metadata. Whether the kernel is fresh (cold) or
has run reports before (warm, reset in between) is the executor's choice, not the engine's.
The notebook as executed is left on the kernel (`last_notebook`), so that a caller who gives
papermill no output path, to spare it rewriting the notebook after every cell, still has the
executed notebook of a report that failed.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from papermill.utils import merge_kwargs, remove_args

from pmf_kit.batch.kernels import Kernel

ENGINE_NAME = "pmf_kit"


class KernelEngine(NBClientEngine):
    """Execute a notebook on `kernel`, a running pmf_kit Kernel, leaving it running."""

    @classmethod
    def execute_managed_notebook(
        cls, nb_man: NotebookExecutionManager, kernel_name: str, log_output: bool = False,
        stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
        execution_timeout: int | None = None, kernel: Kernel | None = None, **kwargs: Any,
    ) -> NotebookNode:
        if kernel is None or kernel.manager is None or kernel.client is None:
            raise ValueError(f"the {ENGINE_NAME!r} engine needs kernel=<a started pmf_kit Kernel>")
        safe_kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
            kernel_name=kernel_name, log_output=log_output, stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, km=kernel.manager, **final_kwargs)
        client.kc = kernel.client
        try:
            return client.execute()
        finally:
            kernel.last_notebook = nb_man.nb


papermill_engines.register(ENGINE_NAME, KernelEngine)
