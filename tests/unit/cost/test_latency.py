"""The latency code times real torch modules on CPU (tiny shapes; no timing assertions), and the bench CLI runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from dsconv.cost.variants import VARIANTS, CompareConfig, evaluate
from dsconv.cost.latency import Timing, build_module, measure, speedup, speedup_verdict, timing_rows

ROOT = Path(__file__).resolve().parents[3]
TINY = CompareConfig(4, 8, 3, 10, groups=2, dilation=2)


def test_measure_returns_positive_medians_for_every_variant_on_cpu():
    calls = []
    timings = measure(TINY, "cpu", repeats=4, warmup=1, budget_s=0.5, progress=lambda f, _: calls.append(f))
    assert list(timings) == list(VARIANTS)
    for t in timings.values():
        assert t.ok and t.device == "cpu"
        assert 3 <= len(t.times_ms) <= 4
        assert t.median_ms > 0 and t.spread_ms >= 0 and t.q1_ms <= t.median_ms <= t.q3_ms
    assert calls[-1] == 1.0 and calls == sorted(calls)


def test_built_module_is_the_variant_and_matches_its_counted_shape():
    for variant in VARIANTS:
        module = build_module(variant, TINY)
        res = evaluate(variant, TINY)
        assert [m.weight.shape for m in module] == [torch.Size(s.weight_shape) for s in res.specs]
        assert tuple(module(torch.randn(1, 4, 10, 10)).shape[1:]) == res.cost.out_shape


def test_illegal_variant_is_skipped_and_others_are_timed():
    timings = measure(CompareConfig(4, 8, 3, 10, groups=3), "cpu", repeats=3, warmup=0, budget_s=0.2)
    assert timings["grouped"].skipped == "cost.skip.illegal" and not timings["grouped"].ok
    assert all(timings[v].ok for v in VARIANTS if v != "grouped")
    rows = timing_rows(timings, {v: 0.5 for v in VARIANTS}, {v: v for v in VARIANTS}, "zh")
    assert rows[1]["中位数 (ms)"] == "未计时：非法配置"


def test_layers_too_big_for_the_device_are_not_timed():
    huge = CompareConfig(512, 512, 3, 224, groups=512, dilation=1)  # standard: 1.2e11 MACs, a minute on a CPU
    timings = measure(huge, "cpu", repeats=1, warmup=0, budget_s=0.1)
    assert timings["standard"].skipped == "cost.skip.too_big"
    assert timings["dilated"].skipped == "cost.skip.too_big"
    assert timings["grouped"].ok  # 512 groups: small enough to time


def test_speedup_and_verdict_follow_the_medians():
    std = Timing("standard", "cpu", (10.0, 10.0, 10.0))
    for dw_ms, expected in ((5.0, "slower"), (1.0, "agree"), (0.2, "faster")):
        timings = {"standard": std, "dw_separable": Timing("dw_separable", "cpu", (dw_ms,) * 3)}
        assert speedup(timings, "dw_separable") == 10.0 / dw_ms
        assert speedup_verdict(timings, mac_ratio=0.1) == expected  # MACs predict 10x
    assert speedup_verdict({"standard": std, "dw_separable": Timing("dw_separable", "cpu")}, 0.1) is None


@pytest.mark.slow
def test_bench_cli_prints_a_table():
    proc = subprocess.run(
        [sys.executable, "-m", "dsconv.cost.bench", "--repeats", "2", "--device", "cpu", "--budget", "0.2", "--threads", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "device cpu" in lines[0] and "threads 1" in lines[0]
    assert lines[1].split()[:4] == ["device", "config", "variant", "params"]
    body = [line for line in lines if line.startswith("cpu ")]
    assert len(body) == 16
    assert any("dw_separable" in line and "68,352" in line for line in body)  # MobileNet DW+PW params
