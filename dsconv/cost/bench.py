"""Benchmark: params, MACs and measured latency of each conv variant for a few standard layers.

Run ``python -m dsconv.cost.bench`` (``--repeats``, ``--device``, ``--threads``); it prints one table row per
(configuration, variant), with the MAC speed-up a count predicts next to the measured one.
"""

from __future__ import annotations

import argparse
import platform

import torch

from dsconv.cost.variants import PRESETS, CompareConfig, compare, ratio
from dsconv.cost.latency import default_device, measure, speedup

CONFIGS: dict[str, CompareConfig] = {
    "course 3->10 k3 @128": PRESETS["course"].config,
    "seed_mnist 12->24 k3 @22": PRESETS["seed_mnist"].config,
    "mobilenet 256->256 k3 @14": PRESETS["mobilenet"].config,
    "mobilenet 64->128 k3 @112": CompareConfig(64, 128, 3, 112, groups=8, dilation=2),
}


def rows(device: str, repeats: int, budget_s: float) -> list[dict]:
    """One dict per (configuration, variant) with counts and timings."""
    out = []
    for name, cfg in CONFIGS.items():
        counts = compare(cfg)
        timings = measure(cfg, device, repeats=repeats, warmup=min(3, repeats - 1) or 1, budget_s=budget_s)
        for variant, result in counts.items():
            timing = timings[variant]
            mac_ratio = ratio(counts, variant, "macs")
            measured = speedup(timings, variant)
            out.append(
                {
                    "config": name,
                    "variant": variant,
                    "params": result.cost.params if result.ok else None,
                    "macs": result.cost.macs if result.ok else None,
                    "median_ms": timing.median_ms if timing.ok else None,
                    "iqr_ms": timing.spread_ms if timing.ok else None,
                    "runs": len(timing.times_ms),
                    "mac_speedup": 1 / mac_ratio if mac_ratio else None,
                    "measured_speedup": measured,
                }
            )
    return out


def _fmt(value: object, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_table(device: str, table: list[dict]) -> str:
    """A plain-text table (fixed-width columns) for the terminal and the closing note."""
    head = f"{'device':<6} {'config':<26} {'variant':<13} {'params':>10} {'MACs':>14} {'median ms':>10} {'IQR ms':>8} {'runs':>4} {'MAC x':>7} {'meas x':>7}"
    lines = [head, "-" * len(head)]
    for r in table:
        lines.append(
            f"{device:<6} {r['config']:<26} {r['variant']:<13} {_fmt(r['params'], ',d'):>10} {_fmt(r['macs'], ',d'):>14} "
            f"{_fmt(r['median_ms'], '.3f'):>10} {_fmt(r['iqr_ms'], '.3f'):>8} {r['runs']:>4} "
            f"{_fmt(r['mac_speedup'], '.2f'):>7} {_fmt(r['measured_speedup'], '.2f'):>7}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="timed runs per variant (default 30)")
    parser.add_argument("--device", default="auto", help="auto (cuda when available), cpu or cuda")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds of timed runs per variant at most")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (default: torch's own choice)")
    args = parser.parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = default_device() if args.device == "auto" else args.device
    if device.startswith("cuda") and not torch.cuda.is_available():
        parser.error("--device cuda requested but torch.cuda.is_available() is False")
    name = torch.cuda.get_device_name(device) if device.startswith("cuda") else platform.processor() or platform.machine()
    print(f"dsconv.cost.bench: torch {torch.__version__}, device {device} ({name}), threads {torch.get_num_threads()}, batch 1, float32")
    print(format_table(device, rows(device, args.repeats, args.budget)))
    print("MAC x = standard MACs / variant MACs (predicted speed-up); meas x = standard median / variant median.")


if __name__ == "__main__":
    main()
