"""The run registry: a run trains on its own thread, Stop is seen at the next report, the server's cap holds,
and a run whose session is gone is stopped and dropped (its model freed)."""

from __future__ import annotations

import time
import weakref

from torch import nn

from dsconv.mnist.runs import RunRegistry
from dsconv.mnist.training import FitResult, Progress


def fake_fit(steps: int, pause: float = 0.01):
    """A stand-in for fit's loop: reports every step, stops when asked (the registry's side is what is tested)."""
    def train(on_progress, should_stop):
        model = nn.Linear(2, 2)
        stopped = False
        for step in range(1, steps + 1):
            time.sleep(pause)
            on_progress(Progress("step", 1, 1, step, steps, steps, 1.0, 0.5, None, step * pause))
            if should_stop():
                stopped = True
                break
        return FitResult(model, [], 0.5, 0.0, step, "cpu", "CPU", stopped, None), None
    return train


def wait(run, limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while run.running and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_run_finishes_on_its_own_thread():
    runs = RunRegistry(slots=2)
    run = runs.start("a", "tiny", "seed", nn.Linear(2, 2), fake_fit(5))
    assert run is not None and run.phase in ("training", "done")
    wait(run)
    assert run.state == "done" and len(run.progress) == 5 and not run.model.training


def test_stop_is_seen_at_the_next_report():
    runs = RunRegistry(slots=2)
    run = runs.start("a", "long", "seed", nn.Linear(2, 2), fake_fit(10_000))
    time.sleep(0.05)
    runs.stop("a")
    assert run.phase == "stopping"
    wait(run)
    assert run.state == "stopped" and run.stop_seen - run.stop_asked < 1.0


def test_the_cap_holds_and_frees_its_slot():
    runs = RunRegistry(slots=2)
    first = runs.start("a", "1", "x", nn.Linear(2, 2), fake_fit(10_000))
    second = runs.start("b", "2", "x", nn.Linear(2, 2), fake_fit(10_000))
    assert first and second and runs.start("c", "3", "x", nn.Linear(2, 2), fake_fit(1)) is None
    assert runs.start("a", "again", "x", nn.Linear(2, 2), fake_fit(1)) is None  # one run per session
    runs.stop("a")
    wait(first)
    third = runs.start("c", "3", "x", nn.Linear(2, 2), fake_fit(1))
    assert third is not None
    runs.stop("b")
    wait(second)
    wait(third)


def test_a_run_whose_session_is_gone_is_stopped_and_freed():
    runs = RunRegistry(slots=2)
    alive = {"yes": True}
    run = runs.start("a", "orphan", "x", nn.Linear(2, 2), fake_fit(10_000), alive=lambda: alive["yes"])
    time.sleep(0.05)
    alive["yes"] = False  # the browser tab closed and its session expired
    wait(run)
    assert run.state == "stopped" and runs.current("a") is None
    ref = weakref.ref(run)
    del run
    import gc

    gc.collect()
    assert ref() is None  # nothing holds its model any more
    assert runs.start("b", "next", "x", nn.Linear(2, 2), fake_fit(1)) is not None  # its slot is free
