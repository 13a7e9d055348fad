"""Sessions coming and going for a long time: does the server's memory come back when they end? (issue 23)

Waves of simulated students (loadsim) arrive, act on the Playground, Receptive field and Draw pages, one per
wave trains a small model on the Train page, then all leave. The server runs with a short
``server.disconnectedSessionTTL`` so that left sessions really end during the soak. RSS is sampled
throughout; "warm" is the RSS once the first wave has gone (caches, weights and MNIST loaded, its sessions
ended), "after" the RSS once the last wave has gone. Target: after within 20% of warm.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from loadsim.protocol import Tab
from loadsim.students import rss_mb, run_class_async

MIX = ("playground", "receptive", "draw")


@dataclass
class Soak:
    """RSS (MiB) of the server over the soak, and what the students did."""

    before: float = 0.0  # fresh server, nothing loaded
    warm: float = 0.0  # after the first wave left and its sessions ended
    peak: float = 0.0
    after: float = 0.0  # after the last wave left and its sessions ended
    waves: int = 0
    actions: int = 0
    trainings: int = 0
    errors: list[str] = field(default_factory=list)
    samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds, RSS MiB)

    @property
    def growth(self) -> float:
        """``after`` relative to ``warm`` (0.1 = 10% more)."""
        return self.after / self.warm - 1 if self.warm else float("nan")

    def summary(self) -> str:
        return (f"RSS before {self.before:.0f} MiB, warm {self.warm:.0f}, peak during {self.peak:.0f}, "
                f"after {self.after:.0f} ({self.growth:+.1%} of warm); {self.waves} waves, {self.actions} actions, "
                f"{self.trainings} training runs, {len(self.errors)} errors")


async def train_once(base: str, query: str = "model=seed_dsconv&epochs=1&subset=1000") -> list[str]:
    """One student opens the Train page, presses Train, waits for the run, leaves. Returns errors shown."""
    tab = Tab(base, "train", query, timeout=300)
    try:
        await tab.connect()
        run = await tab.rerun({"train_run": {"trigger_value": True}})
        return run.exceptions + run.errors
    finally:
        await tab.close()


async def soak(base: str, pid: int, seconds: float, students: int = 8, wave_seconds: float = 20.0,
               settle: float = 25.0, period: float = 2.0, train: bool = True) -> Soak:
    """Waves of ``students`` for ``seconds`` in all; ``settle`` s after a wave (session TTL + trim) before reading RSS."""
    out = Soak(before=rss_mb(pid))
    t0 = time.perf_counter()
    stop = asyncio.Event()

    async def sample() -> None:
        while not stop.is_set():
            mb = rss_mb(pid)
            out.samples.append((time.perf_counter() - t0, mb))
            out.peak = max(out.peak, mb)
            await asyncio.sleep(1.0)

    sampler = asyncio.create_task(sample())
    try:
        while True:
            jobs = [run_class_async(base, students, wave_seconds, period=period, ramp=2.0, timeout=120, mix=MIX)]
            if train:
                jobs.append(train_once(base))
            results = await asyncio.gather(*jobs)
            wave = results[0]
            out.waves += 1
            out.actions += wave.actions
            out.errors += wave.errors[:5]
            if train:
                out.trainings += 1
                out.errors += [f"training: {e}" for e in results[1][:2]]
            await asyncio.sleep(settle)  # the wave's sessions end (TTL), then memory is trimmed
            if out.waves == 1:
                out.warm = rss_mb(pid)
            if time.perf_counter() - t0 + wave_seconds + settle > seconds:
                break
        out.after = rss_mb(pid)
    finally:
        stop.set()
        await sampler
    return out
