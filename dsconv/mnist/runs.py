"""Training runs that outlive a page: one worker thread per run, owned by a browser session, a per-server cap.

A run started on the Train page keeps training while its learner visits other pages (every page change is a
new script run, which would cut a run that lived inside one). The registry is a plain module-level object,
not a Streamlit cache, so clearing the caches can neither forget running runs nor lift the cap.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from torch import nn

from dsconv.mnist.training import FitResult, Progress

# train(on_progress, should_stop) -> (result, book's last-batch accuracy or None)
Trainer = Callable[[Callable[[Progress], None], Callable[[], bool]], tuple[FitResult, "float | None"]]
MAX_RUNS = 2  # at most two runs at a time on the whole server: a classroom shares its CPU


@dataclass
class Run:
    """One training run and what its worker thread has reported so far (read by the pages, written by the worker)."""

    owner: str  # the browser session that started it
    label: str
    arch: str
    model: nn.Module
    alive: Callable[[], bool]  # False once the owner's session is gone for good
    progress: list[Progress] = field(default_factory=list)
    state: str = "running"  # "running", "done", "stopped" (Stop, or its session went away), "failed"
    result: FitResult | None = None
    last_batch: float | None = None
    error: str | None = None
    started: float = field(default_factory=time.monotonic)
    stop_asked: float | None = None  # when Stop was pressed (monotonic seconds)
    stop_seen: float | None = None  # when the training loop noticed it
    collected: bool = False  # the finished model was handed to its session
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def running(self) -> bool:
        """The worker thread is still at work (training, or finishing after Stop)."""
        return self.state == "running"

    @property
    def phase(self) -> str:
        """What the learner sees: "training", "stopping" (Stop pressed, the thread winding down), or the state."""
        if self.state == "running":
            return "stopping" if self._stop.is_set() else "training"
        return self.state

    def should_stop(self) -> bool:
        """The loop's question after every reported step: Stop pressed, or the owner's session gone."""
        if self._stop.is_set() or not self.alive():
            if self.stop_seen is None:
                self.stop_seen = time.monotonic()
            return True
        return False


class RunRegistry:
    """Every session's current run, and the cap on how many train at once (a semaphore of ``slots``)."""

    def __init__(self, slots: int = MAX_RUNS) -> None:
        self.slots = slots
        self._free = threading.BoundedSemaphore(slots)
        self._runs: dict[str, Run] = {}
        self._lock = threading.Lock()

    def start(self, owner: str, label: str, arch: str, model: nn.Module, train: Trainer,
              alive: Callable[[], bool] = lambda: True) -> Run | None:
        """Start ``train`` on a worker thread for ``owner``; None when every slot is busy (or ``owner`` already trains)."""
        self.sweep()
        with self._lock:
            mine = self._runs.get(owner)
            if mine is not None and mine.running:
                return None
            if not self._free.acquire(blocking=False):
                return None
            run = Run(owner, label, arch, model, alive)
            self._runs[owner] = run
        threading.Thread(target=self._work, args=(run, train), name=f"dsconv-train-{label}", daemon=True).start()
        return run

    def _work(self, run: Run, train: Trainer) -> None:
        try:
            result, last_batch = train(run.progress.append, run.should_stop)
            run.result, run.last_batch = result, last_batch
            run.model = result.model.cpu().eval()
            run.state = "stopped" if result.stopped else "done"
        except Exception as exc:  # noqa: BLE001 - shown to the learner, never a traceback
            run.error, run.state = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", "failed"
        finally:
            self._free.release()
            if not run.alive():
                self.forget(run.owner)

    def current(self, owner: str) -> Run | None:
        """``owner``'s latest run (running or finished), if any."""
        return self._runs.get(owner)

    def stop(self, owner: str) -> None:
        """Ask ``owner``'s run to stop (the loop checks after every reported step)."""
        run = self._runs.get(owner)
        if run is not None and run.running:
            run.stop_asked = run.stop_asked or time.monotonic()
            run._stop.set()

    def forget(self, owner: str) -> None:
        """Drop ``owner``'s run (a running one is asked to stop first), freeing its model and progress."""
        with self._lock:
            run = self._runs.pop(owner, None)
        if run is not None:
            run._stop.set()

    def sweep(self) -> None:
        """Stop and drop the runs whose session is gone for good."""
        for owner, run in list(self._runs.items()):
            if not run.alive():
                self.forget(owner)

    def running(self) -> int:
        """How many runs are training now on this server."""
        return sum(run.running for run in list(self._runs.values()))


RUNS = RunRegistry()  # the server's one registry (module level: survives reruns, page changes and cache clears)
