"""A class of simulated students on the real server: each changes something every ``period`` seconds.

Three kinds, mixed round-robin (student i gets ``MIX[i % 3]``):

* playground: moves the kernel_size or in_channels slider to a new value (seeded per student); the page
  must show the weight shape ``(8, in_channels, k, k)`` of *this* student's values.
* receptive: types a new kernel_size (k1..k3) or dilation (d2) into the Receptive Field layer editor; the
  page must show the RF size that ``dsconv.receptive.field.receptive_field`` gives for this student's stack.
* draw: draws a digit on the canvas (a "1" or a "0", pen width seeded per student) by sending the canvas
  component's JSON value, as the browser does; the page must show the digit and confidence the shipped
  model gives for exactly that image (computed here with the same library).

Latency is from sending the rerun request to ``script_finished`` (the server's whole work for the action).
With ``reconnect_every=N`` a student also drops its websocket every N actions and reconnects to its
session (as a tablet does after a network blip) *without* resending widget values: what comes back must
be this student's current values, from the same replica, in the same server session.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from loadsim.protocol import ProtocolError, RunResult, Tab

MIX = ("playground", "receptive", "draw")
STROKE = [(140, 40 + 10 * i) for i in range(21)]  # a vertical "1" (same strokes as bench/load_test.py)
LOOP = [(140 + 55 * math.sin(2 * math.pi * i / 36), 140 - 95 * math.cos(2 * math.pi * i / 36)) for i in range(38)]
SHAPES = {"1": STROKE, "0": LOOP}
PEN_WIDTHS = (14, 17, 20, 23, 26)


# ---------------------------------------------------------------- what each kind of student does and expects
def canvas_value(points: list[tuple[float, float]], width: int) -> str:
    """The component value the browser's sketchpad sends after a stroke: ``{"strokes": {w, h, pen, paths}}``."""
    from ui.sketchpad import to_value

    return json.dumps({"strokes": to_value([points], width)})


def expected_predictions(model: str = "seed_dsconv") -> dict[tuple[str, int], tuple[str, float]]:
    """(shape, pen width) -> (digit, confidence) that the shipped model gives for those exact strokes.

    The strokes are redrawn the way the server redraws them (``ui.sketchpad.canvas_image``).
    """
    from dsconv.handwriting.preprocess import preprocess
    from dsconv.mnist.inference import predict
    from dsconv.mnist.weights import load_weights
    from ui.sketchpad import canvas_image, to_value

    net = load_weights(model)
    out = {}
    for shape, points in SHAPES.items():
        for width in PEN_WIDTHS:
            rgba = canvas_image(to_value([points], width))
            pred = predict(net, preprocess(rgba).tensor())
            out[(shape, width)] = (str(pred.digit), pred.confidence)
    return out


def rf_size(size: int, ks: list[int], d2: int) -> int:
    """RF size of the last layer of the student's stack, from the library (not typed by hand)."""
    from dsconv.receptive.field import receptive_field
    from dsconv.receptive.stacks import Layer, Stack

    layers = tuple(Layer(kernel_size=k, dilation=d2 if i == 1 else 1) for i, k in enumerate(ks))
    return receptive_field(Stack(size, layers).specs())[-1].size


class Scenario:
    """One student's page, first URL, next action and the check of what came back."""

    page = ""
    query = ""

    def __init__(self, student: int):
        self.rng = random.Random(student)

    def act(self) -> dict[str, dict]:
        raise NotImplementedError

    def check(self, run: RunResult) -> str | None:
        """None when the page shows this student's values, else what is wrong."""
        raise NotImplementedError

    def changed(self) -> bool:
        """True when the current values differ from the first URL's (so a resumed session proves memory)."""
        return True


class Playground(Scenario):
    page, query = "playground", "k=3&cin=3&cout=8"

    def __init__(self, student: int):
        super().__init__(student)
        self.k, self.cin = 3, 3

    def act(self) -> dict[str, dict]:
        if self.rng.random() < 0.5:
            self.k = self.rng.choice([v for v in range(1, 8) if v != self.k])
            return {"k": {"double_array": [self.k]}}
        self.cin = self.rng.choice([v for v in range(1, 17) if v != self.cin])
        return {"cin": {"double_array": [self.cin]}}

    def check(self, run: RunResult) -> str | None:
        want = f"(8, {self.cin}, {self.k}, {self.k})"
        shown = [value for _, value in run.metrics]
        return None if want in shown else f"weight shape {want} not shown (metrics {shown})"

    def changed(self) -> bool:
        return (self.k, self.cin) != (3, 3)


class Receptive(Scenario):
    page, query = "receptive_field", "preset=custom&size=32&n=3&k1=3&k2=3&k3=3&d2=1"

    def __init__(self, student: int):
        super().__init__(student)
        self.ks, self.d2 = [3, 3, 3], 1

    def act(self) -> dict[str, dict]:
        if self.rng.random() < 0.25:
            self.d2 = self.rng.choice([v for v in (1, 2, 3) if v != self.d2])
            return {"d2": {"int_value": self.d2}}
        i = self.rng.randrange(3)
        self.ks[i] = self.rng.choice([v for v in (1, 3, 5) if v != self.ks[i]])
        return {f"k{i + 1}": {"int_value": self.ks[i]}}

    def check(self, run: RunResult) -> str | None:
        r = rf_size(32, self.ks, self.d2)
        want = f"{r}×{r}"
        shown = [value for _, value in run.metrics]
        return None if want in shown else f"RF {want} for k={self.ks} d2={self.d2} not shown (metrics {shown})"

    def changed(self) -> bool:
        return (self.ks, self.d2) != ([3, 3, 3], 1)


class Draw(Scenario):
    page = "draw"
    expect: dict[tuple[str, int], tuple[str, float]] = {}

    def __init__(self, student: int):
        super().__init__(student)
        self.width = PEN_WIDTHS[(student // len(MIX)) % len(PEN_WIDTHS)]
        self.shape: str | None = None
        self.n = 0

    def act(self) -> dict[str, dict]:
        self.shape = "1" if self.n % 2 == 0 else "0"
        self.n += 1
        return {"canvas": {"json_value": canvas_value(SHAPES[self.shape], self.width)}}

    def check(self, run: RunResult) -> str | None:
        if self.shape is None:  # the empty canvas: no prediction yet
            return None if not run.metrics else f"prediction shown before drawing: {run.metrics}"
        if len(run.metrics) < 2:
            return f"no prediction for the {self.shape!r} drawn with pen {self.width} (metrics {run.metrics})"
        digit, confidence = run.metrics[0][1], run.metrics[1][1]
        if (self.shape, self.width) in self.expect:
            want, conf = self.expect[(self.shape, self.width)]
            shown = float(confidence.rstrip("%")) / 100
            if digit != want or abs(shown - conf) > 0.002:
                return (f"shape {self.shape!r} pen {self.width}: shown {digit} at {confidence}, "
                        f"the model gives {want} at {conf:.1%}")
        return None


SCENARIOS: dict[str, Callable[[int], Scenario]] = {"playground": Playground, "receptive": Receptive, "draw": Draw}


# ---------------------------------------------------------------- the class
@dataclass
class ClassResult:
    """What all students recorded."""

    students: int
    duration: float
    period: float
    latency: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in MIX})
    page_load: list[float] = field(default_factory=list)
    resume: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    actions: int = 0
    late: int = 0  # actions that started late because the previous one had not finished within the period
    resumes: int = 0
    replicas: dict[int, set[str]] = field(default_factory=dict)  # student -> replica header values seen
    sessions: dict[int, set[str]] = field(default_factory=dict)  # student -> server session ids seen
    rss_mb: dict[int, float] = field(default_factory=dict)  # server pid -> peak RSS
    load: tuple[float, float] = (0.0, 0.0)  # 1-min load average at start and end
    wall: float = 0.0
    client_cpu: float = 0.0
    server_cpu: dict[int, float] = field(default_factory=dict)

    @property
    def all_latency(self) -> list[float]:
        return [v for values in self.latency.values() for v in values]


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values, NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


async def one_student(i: int, base_url: str, result: ClassResult, start: float, stop_at: float,
                      timeout: float, reconnect_every: int, mix: tuple[str, ...] = MIX) -> None:
    kind = mix[i % len(mix)]
    scenario = SCENARIOS[kind](i)
    tab = Tab(base_url, scenario.page, scenario.query, timeout=timeout)
    where = f"student {i} ({kind})"

    def seen() -> None:
        result.replicas.setdefault(i, set()).add(tab.replica)
        result.sessions.setdefault(i, set()).add(tab.session_id)

    def verify(run: RunResult, what: str) -> None:
        problems = [f"exception shown: {e}" for e in run.exceptions] + [f"error shown: {e}" for e in run.errors]
        wrong = scenario.check(run)
        if wrong:
            problems.append(wrong)
        result.errors.extend(f"{where} {what}: {p}" for p in problems)

    step = "page load"
    try:
        await asyncio.sleep(start - time.perf_counter())
        t0 = time.perf_counter()
        first = await tab.connect()
        result.page_load.append(time.perf_counter() - t0)
        seen()
        verify(first, "page load")
        next_at = time.perf_counter() + random.Random(i).uniform(0, result.period)
        n = 0
        while True:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            if time.perf_counter() >= stop_at:
                break
            step = f"action {n + 1}"
            run = await tab.rerun(scenario.act())
            result.latency[kind].append(run.seconds)
            result.actions += 1
            n += 1
            verify(run, f"action {n}")
            next_at += result.period
            if next_at < time.perf_counter():
                result.late += 1
                next_at = time.perf_counter()
            if reconnect_every and n % reconnect_every == 0 and scenario.changed():
                session, replica = tab.session_id, tab.replica
                step = f"reconnect after action {n}"
                await tab.close()
                # A tablet comes back after a pause; an instant reconnect could reach the server before it
                # has processed the old socket's close (two rare hangs seen at load 20 without this pause).
                await asyncio.sleep(1.0)
                t0 = time.perf_counter()
                run = await tab.connect(resume=True)
                result.resume.append(time.perf_counter() - t0)
                result.resumes += 1
                seen()
                if (tab.session_id, tab.replica) != (session, replica):
                    result.errors.append(f"{where}: reconnect landed on session {tab.session_id} at {tab.replica!r}, "
                                         f"was {session} at {replica!r}")
                verify(run, f"reconnect after action {n}")
    except (ProtocolError, OSError, asyncio.TimeoutError, Exception) as exc:  # noqa: BLE001 - recorded, not raised
        result.errors.append(f"{where} {step}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        try:
            await tab.close()
        except Exception:  # noqa: BLE001
            pass


async def run_class_async(base_url: str, students: int, duration: float, period: float = 5.0,
                          ramp: float = 5.0, timeout: float = 60.0, reconnect_every: int = 0,
                          server_pids: tuple[int, ...] = (), mix: tuple[str, ...] = MIX) -> ClassResult:
    """``students`` arrive over ``ramp`` seconds, each acts every ``period`` s until ``duration`` has passed.

    Student i does ``mix[i % len(mix)]`` (default: the Playground / Receptive field / Draw mix)."""
    if not Draw.expect:
        Draw.expect = expected_predictions()
    result = ClassResult(students=students, duration=duration, period=period)
    result.load = (os.getloadavg()[0], 0.0)
    cpu0 = {pid: cpu_s(pid) for pid in server_pids}
    client0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    stop_at = t0 + ramp + duration

    async def sample_rss() -> None:
        while True:
            for pid in server_pids:
                result.rss_mb[pid] = max(result.rss_mb.get(pid, 0.0), rss_mb(pid))
            await asyncio.sleep(1.0)

    sampler = asyncio.create_task(sample_rss())
    try:
        await asyncio.gather(*(one_student(i, base_url, result, t0 + i * ramp / max(students, 1), stop_at,
                                           timeout, reconnect_every, mix) for i in range(students)))
    finally:
        sampler.cancel()
    result.wall = time.perf_counter() - t0
    client1 = resource.getrusage(resource.RUSAGE_SELF)
    result.client_cpu = (client1.ru_utime + client1.ru_stime) - (client0.ru_utime + client0.ru_stime)
    result.server_cpu = {pid: cpu_s(pid) - cpu0[pid] for pid in server_pids}
    for pid in server_pids:
        result.rss_mb[pid] = max(result.rss_mb.get(pid, 0.0), rss_mb(pid))
    result.load = (result.load[0], os.getloadavg()[0])
    return result


def run_class(base_url: str, students: int, duration: float, **kw) -> ClassResult:
    """Synchronous wrapper of :func:`run_class_async` (its own event loop)."""
    return asyncio.run(run_class_async(base_url, students, duration, **kw))


def cpu_per_action(r: ClassResult) -> float:
    """Server CPU seconds per request (actions, page loads, reconnects): independent of other load on the machine."""
    return sum(r.server_cpu.values()) / max(1, r.actions + len(r.page_load) + r.resumes)


def summary(r: ClassResult) -> str:
    """The figures as a plain table."""
    lat = r.all_latency
    rows = [("students", str(r.students)), ("action period", f"{r.period:g} s"),
            ("measured for", f"{r.duration:g} s (wall {r.wall:.0f} s)"),
            ("actions", f"{r.actions} ({r.late} started late)"), ("errors", str(len(r.errors))),
            ("p50 / p95 / max, all actions", f"{pct(lat, 50):.2f} / {pct(lat, 95):.2f} / {max(lat, default=float('nan')):.2f} s")]
    for kind, values in r.latency.items():
        if values:
            rows.append((f"  {kind} p50 / p95 (n={len(values)})", f"{pct(values, 50):.2f} / {pct(values, 95):.2f} s"))
    if r.page_load:
        rows.append(("page load p50 / p95", f"{pct(r.page_load, 50):.2f} / {pct(r.page_load, 95):.2f} s"))
    if r.resumes:
        rows.append(("reconnects to own session", f"{r.resumes} (p95 {pct(r.resume, 95):.2f} s)"))
    replicas = sorted({x for s in r.replicas.values() for x in s if x})
    if replicas:
        per = {rep: sum(1 for s in r.replicas.values() if rep in s) for rep in replicas}
        rows.append(("students per replica", ", ".join(f"{k}: {v}" for k, v in per.items())))
        rows.append(("students seen on >1 replica", str(sum(1 for s in r.replicas.values() if len(s) > 1))))
    for pid, mb in r.rss_mb.items():
        rows.append((f"server {pid} peak RSS / CPU", f"{mb:.0f} MiB / {r.server_cpu.get(pid, 0):.0f} s"))
    if r.server_cpu and r.actions and r.period >= 1:
        per = cpu_per_action(r)
        rows.append(("server CPU per action (all processes)", f"{per * 1000:.0f} ms, i.e. one core serves "
                     f"~{r.period / per:.0f} students at 100% busy, ~{0.6 * r.period / per:.0f} at 60%"))
    rows.append(("client CPU", f"{r.client_cpu:.1f} s"))
    rows.append(("load average (1 min) start / end", f"{r.load[0]:.1f} / {r.load[1]:.1f} on {os.cpu_count()} CPUs"))
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    lines += [f"  error: {e}" for e in r.errors[:15]]
    return "\n".join(lines)
