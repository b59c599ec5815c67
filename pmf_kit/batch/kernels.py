"""The kernels reports run in: ipykernel started with this very interpreter, one at a time per
worker, either fresh for every report (cold) or kept warm and reset between reports.

A kernel talks to its worker over Unix sockets (ZeroMQ `ipc`) in the worker's scratch folder, so
two workers starting kernels at once never race for the same TCP port (the cause of "Kernel
died before replying to kernel_info"); a start that fails anyway is tried again. A kernel exits
on its own within a second of its worker dying (ipykernel polls its parent), so a killed batch
leaves no kernel behind.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbformat import NotebookNode

from pmf_kit.charts.theme import REPORT_KERNEL
from pmf_kit.errors import PmfKitError

KERNEL_NAME = "python3"
START_ATTEMPTS = 3
START_TIMEOUT_SECONDS = 60

# What `python -m ipykernel_launcher` does, after marking the optional `rfc3987_syntax` module
# absent: jsonschema, imported by every `import altair`, otherwise spends 2-3 s building an
# RFC 3987 parser, only to check "iri" string formats that no report uses (measured: a sample
# locality profile takes about 10 s instead of 12-19 s).
KERNEL_LAUNCH = """\
import sys
if sys.path[0] == "":
    del sys.path[0]
sys.modules.setdefault("rfc3987_syntax", None)
from ipykernel import kernelapp
kernelapp.launch_new_instance()
"""

# Run once in a warm kernel: the libraries every report imports, and data sets kept open
# (pmf_kit.data.kept_open) so that each is read, validated and aggregated once per kernel.
WARM_UP = """\
import altair, geopandas, pandas
import pmf_kit
from pmf_kit.data import kept_open
kept_open.keep_data_sets_open()
"""

# Run before each report in a warm kernel: a report starts with an empty namespace, in the
# project root, its cell numbers counted from 1, as it would in a fresh kernel. Modules stay
# imported and data sets stay open; nothing a report defines survives into the next.
RESET = """\
get_ipython().run_line_magic("reset", "-f")
import os as _pmf_kit_os
_pmf_kit_os.chdir({root!r})
del _pmf_kit_os
get_ipython().execution_count = 1
"""


class KernelStartError(PmfKitError):
    """A kernel would not start, even after START_ATTEMPTS tries."""


class KernelCodeError(PmfKitError):
    """Set-up code pmf_kit ran in a kernel (warm-up, reset) raised an error."""


class VenvKernelManager(AsyncKernelManager):
    """Starts the `python3` kernel with this very interpreter, whatever kernelspecs the user has.

    A `python3` kernelspec in ~/.local/share/jupyter would otherwise win over the environment's
    own, and the report would run with another Python and other package versions.
    The kernel is ipykernel's own, started as KERNEL_LAUNCH says, with IPython's history
    database off (kernels of a batch share nothing, and a warm kernel numbers each report's
    cells from 1 again). Its own log (start-up
    warnings) is silenced so it does not break the progress bar; what the notebook prints,
    stderr included, still reaches the executed notebook.
    """

    @property
    def kernel_spec(self) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-c", KERNEL_LAUNCH, "-f", "{connection_file}",
                  "--HistoryManager.enabled=False"],
            display_name="Python 3 (pmf_kit)",
            language="python",
        )

    report_kernel = True
    """Its charts become offline HTML (charts.theme.REPORT_KERNEL); False for a kernel like
    JupyterLab's, whose charts JupyterLab draws itself."""

    async def start_kernel(self, **kwargs: Any) -> None:
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        if self.report_kernel:
            kwargs["env"] = {**(kwargs.get("env") or os.environ), REPORT_KERNEL: "1"}
        await super().start_kernel(**kwargs)


_running: set[int] = set()


def running_kernel_pids() -> list[int]:
    """Process ids of the kernels this process has started and not yet stopped."""
    return sorted(_running)


class Kernel:
    """One running kernel and the client connected to it, started in `root`.

    Every call goes through jupyter_core's `run_sync`, which keeps one event loop per thread, so
    a kernel is used from the thread that started it (a worker's main thread, or a Dask
    worker's task thread).
    """

    _numbers = itertools.count(1)

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root = root
        self.scratch = scratch
        self.manager: VenvKernelManager | None = None
        self.client: AsyncKernelClient | None = None
        self.last_notebook: NotebookNode | None = None  # set by pmf_kit.batch.engine

    @property
    def pid(self) -> int | None:
        provisioner = self.manager.provisioner if self.manager else None
        return getattr(provisioner, "pid", None)

    def start(self) -> Kernel:
        """Start the kernel, trying again (new sockets) if it dies before it answers."""
        last_error: Exception | None = None
        for _ in range(START_ATTEMPTS):
            try:
                self._start_once()
                return self
            except Exception as error:  # a kernel that dies at start says so in many ways
                last_error = error
                self.kill()
        raise KernelStartError(f"the kernel would not start ({START_ATTEMPTS} tries): {last_error}")

    def _start_once(self) -> None:
        self.scratch.mkdir(parents=True, exist_ok=True)
        base = self.scratch / f"kernel-{os.getpid()}-{next(self._numbers)}"
        self.manager = VenvKernelManager(
            transport="ipc", ip=str(base), connection_file=str(base.with_suffix(".json"))
        )
        run_sync(self.manager.start_kernel)(cwd=str(self.root))
        if self.pid is not None:
            _running.add(self.pid)
        self.client = self.manager.client()
        self.client.start_channels()
        run_sync(self.client.wait_for_ready)(timeout=START_TIMEOUT_SECONDS)

    def run_quietly(self, code: str, timeout: float = 300) -> None:
        """Run set-up code outside the notebook's history; raise KernelCodeError if it fails."""
        assert self.client is not None
        reply = run_sync(self.client.execute_interactive)(
            code, store_history=False, silent=False, timeout=timeout,
            output_hook=lambda message: None,
        )
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelCodeError(f"{content.get('ename')}: {content.get('evalue')}")

    def warm_up(self) -> Kernel:
        """Import the report libraries and keep data sets open from now on."""
        self.run_quietly(WARM_UP)
        return self

    def reset(self) -> None:
        """Empty the namespace before the next report (see RESET)."""
        self.run_quietly(RESET.format(root=str(self.root)), timeout=60)

    def is_alive(self) -> bool:
        return self.manager is not None and bool(run_sync(self.manager.is_alive)())

    def kill(self) -> None:
        """Stop the kernel at once (SIGKILL) and release its sockets and files."""
        pid = self.pid
        if pid is not None:
            kill_process(pid)
        self.stop()

    def stop(self) -> None:
        """Shut the kernel down and remove its connection file and sockets."""
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        if self.manager is not None:
            manager, self.manager = self.manager, None
            _running.discard(getattr(manager.provisioner, "pid", None))
            try:
                if run_sync(manager.is_alive)():
                    run_sync(manager.shutdown_kernel)(now=True)
            finally:
                run_sync(manager.cleanup_resources)()


def kill_process(pid: int) -> None:
    """SIGKILL a process that may already be gone."""
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (a zombie counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
