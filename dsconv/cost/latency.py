"""Wall-clock latency of each variant, measured with real ``torch.nn.Conv2d`` modules on one device.

Warm-up runs first, then round-robin timed repeats (``torch.cuda.synchronize()`` around each on GPU); the median and
the interquartile range are reported. A per-variant time budget keeps a shared server responsive.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn

from dsconv.cost.variants import VARIANTS, CompareConfig, evaluate

Progress = Callable[[float, str], None]
# Largest layer (MACs) timed on each kind of device: ~1 s per run on a shared 2-core CPU.
MAX_MACS = {"cpu": 3_000_000_000, "cuda": 500_000_000_000}
MIN_SAMPLE_S = 0.002


def default_device() -> str:
    """``"cuda"`` when a GPU is available, else ``"cpu"``."""
    return "cuda" if torch.cuda.is_available() else "cpu"


@dataclass(frozen=True)
class Timing:
    """Timed runs of one variant (milliseconds), or why it was not timed (``skipped`` is an i18n key)."""

    variant: str
    device: str
    times_ms: tuple[float, ...] = ()
    skipped: str | None = None
    skipped_params: tuple[tuple[str, object], ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.times_ms)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def q1_ms(self) -> float:
        return _quantile(self.times_ms, 0.25)

    @property
    def q3_ms(self) -> float:
        return _quantile(self.times_ms, 0.75)

    @property
    def spread_ms(self) -> float:
        """Interquartile range: how much the repeats scatter."""
        return self.q3_ms - self.q1_ms


def _quantile(values: tuple[float, ...], q: float) -> float:
    """Linear-interpolated quantile (numpy's default), fine for a handful of values."""
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def build_module(variant: str, cfg: CompareConfig) -> nn.Sequential:
    """The variant as real ``nn.Conv2d`` layers (DW+PW is two)."""
    specs = evaluate(variant, cfg).specs
    return nn.Sequential(*(nn.Conv2d(**s.torch_kwargs()) for s in specs))


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


@torch.inference_mode()
def time_modules(
    modules: dict[str, nn.Module],
    x: torch.Tensor,
    *,
    repeats: int,
    warmup: int,
    budget_s: float,
    progress: Progress | None = None,
) -> dict[str, tuple[float, ...]]:
    """Milliseconds per forward pass of each module: ``warmup`` untimed runs each, then up to ``repeats``
    round-robin rounds (one run of every module per round, so drift in a shared machine's load hits all
    alike), stopping early once ``budget_s`` per module is spent (after at least 3 rounds)."""
    device = x.device.type
    inner: dict[str, int] = {}
    for name, module in modules.items():
        for _ in range(warmup):
            module(x)
        _sync(device)
        t0 = time.perf_counter()
        module(x)
        _sync(device)
        # Tiny layers run several times per sample, so one sample spans >= MIN_SAMPLE_S (timer noise).
        inner[name] = min(100, int(MIN_SAMPLE_S / max(time.perf_counter() - t0, 1e-6)) + 1)
    times: dict[str, list[float]] = {name: [] for name in modules}
    budget = budget_s * max(1, len(modules))
    start = time.perf_counter()
    for done in range(1, repeats + 1):
        for name, module in modules.items():
            _sync(device)
            t0 = time.perf_counter()
            for _ in range(inner[name]):
                module(x)
            _sync(device)
            times[name].append((time.perf_counter() - t0) * 1000 / inner[name])
        if progress:
            progress(done / repeats, "")
        if done >= 3 and time.perf_counter() - start > budget:
            break
    return {name: tuple(t) for name, t in times.items()}


def measure(
    cfg: CompareConfig,
    device: str | None = None,
    *,
    repeats: int = 20,
    warmup: int = 3,
    budget_s: float = 2.0,
    batch_size: int = 1,
    progress: Progress | None = None,
) -> dict[str, Timing]:
    """Time every legal variant of ``cfg`` on ``device``; illegal or too-large variants are skipped, not timed."""
    device = device or default_device()
    limit = MAX_MACS["cuda" if device.startswith("cuda") else "cpu"]
    out: dict[str, Timing] = {}
    modules: dict[str, nn.Module] = {}
    torch.manual_seed(0)
    for variant in VARIANTS:
        result = evaluate(variant, cfg)
        if not result.ok:
            out[variant] = Timing(variant, device, skipped="cost.skip.illegal")
        elif result.cost.macs * batch_size > limit:
            params = (("macs", result.cost.macs * batch_size), ("limit", limit))
            out[variant] = Timing(variant, device, skipped="cost.skip.too_big", skipped_params=params)
        else:
            modules[variant] = build_module(variant, cfg).to(device).eval()
    if modules:
        x = torch.randn(batch_size, cfg.in_channels, cfg.size, cfg.size, device=device)
        timed = time_modules(modules, x, repeats=repeats, warmup=warmup, budget_s=budget_s, progress=progress)
        out.update({v: Timing(v, device, t) for v, t in timed.items()})
    if progress:
        progress(1.0, "")
    return {v: out[v] for v in VARIANTS}


def speedup(timings: dict[str, Timing], variant: str) -> float | None:
    """Measured speed-up of ``variant`` over the standard conv (median / median), None if either is missing."""
    std, other = timings.get("standard"), timings.get(variant)
    if not (std and other and std.ok and other.ok):
        return None
    return std.median_ms / other.median_ms


def timing_rows(timings: dict[str, Timing], mac_ratios: dict[str, float | None], labels: dict[str, str], lang: str) -> list[dict]:
    """One row per variant for the page's table: median, IQR, runs, predicted and measured speed-ups."""
    from dsconv.i18n import t

    rows = []
    for variant, timing in timings.items():
        predicted = mac_ratios.get(variant)
        measured = speedup(timings, variant)
        skipped = t(timing.skipped, lang, **dict(timing.skipped_params)) if timing.skipped else ""
        rows.append(
            {
                t("cost.col.variant", lang): labels[variant],
                t("cost.measure.median", lang): f"{timing.median_ms:.3f}" if timing.ok else skipped,
                t("cost.measure.spread", lang): f"{timing.spread_ms:.3f}" if timing.ok else "—",
                t("cost.measure.runs", lang): len(timing.times_ms),
                t("cost.measure.predicted", lang): f"{1 / predicted:.2f}×" if predicted else "—",
                t("cost.measure.measured", lang): f"{measured:.2f}×" if measured else "—",
            }
        )
    return rows


def speedup_verdict(timings: dict[str, Timing], mac_ratio: float | None) -> str | None:
    """How DW+PW's measured speed-up compares with its MAC count: "slower" (< 2/3 of the prediction),
    "agree" (within 2/3..1.5x), "faster" (> 1.5x), or None when it was not timed."""
    measured = speedup(timings, "dw_separable")
    if not mac_ratio or measured is None:
        return None
    gap = measured * mac_ratio  # measured / predicted, predicted = 1 / mac_ratio
    return "slower" if gap < 2 / 3 else "faster" if gap > 1.5 else "agree"
