"""Server time and peak memory of reading a paste (parse + layer table): a normal 50-line paste vs hostile ones.

Budget (issue 15): a 50-line paste in <= 200 ms; a hostile paste never slower than that and never more
memory than the normal paste. Prints one line per paste: median / max ms over the repeats, tracemalloc peak.

    nice -n 10 python bench/paste_bench.py [--repeats 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dsconv.builder import PRESETS  # noqa: E402
from dsconv.builder.code import module_code, sequential_code
from dsconv.paste.checks import analyse
from dsconv.paste.hostile import HOSTILE, NORMAL_50

BUDGET_MS = 200.0


def measure(code: str | bytes, repeats: int) -> tuple[float, float, float]:
    """(median ms, max ms, peak MB) of ``analyse(code)``; memory measured on a separate run."""
    analyse(code)  # warm caches (i18n catalogue, regexes)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        analyse(code)
        times.append((time.perf_counter() - t0) * 1000)
    tracemalloc.start()
    analyse(code)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), max(times), peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}; repeats: {args.repeats}")
    assert len(NORMAL_50.splitlines()) == 50, len(NORMAL_50.splitlines())
    normal = {"normal_50_lines": NORMAL_50, "builder_dsconv_plus_module": module_code(PRESETS["dsconv_plus"]),
              "builder_dsconv_plus_sequential": sequential_code(PRESETS["dsconv_plus"])}
    print(f"{'paste':34s} {'median ms':>10s} {'max ms':>8s} {'peak MB':>8s}")
    base_ms, base_mb = 0.0, 0.0
    for name, code in normal.items():
        med, worst, mb = measure(code, args.repeats)
        base_ms, base_mb = max(base_ms, med), max(base_mb, mb)
        print(f"{name:34s} {med:10.2f} {worst:8.2f} {mb:8.3f}")
    worst_ms, worst_mb, worst_name = 0.0, 0.0, ""
    for name, code in HOSTILE.items():
        med, worst, mb = measure(code, args.repeats)
        print(f"hostile: {name:25s} {med:10.2f} {worst:8.2f} {mb:8.3f}")
        if med > worst_ms:
            worst_ms, worst_name = med, name
        worst_mb = max(worst_mb, mb)
    print(f"\nnormal pastes (50 lines, the Builder's largest code): at most {base_ms:.2f} ms "
          f"(budget {BUDGET_MS:.0f} ms), peak at most {base_mb:.3f} MB")
    print(f"slowest hostile paste: {worst_name} {worst_ms:.2f} ms (budget {BUDGET_MS:.0f} ms); "
          f"largest hostile peak: {worst_mb:.3f} MB (normal: {base_mb:.3f} MB)")
    print("within budget:", base_ms <= BUDGET_MS and worst_ms <= BUDGET_MS and worst_mb <= base_mb)


if __name__ == "__main__":
    main()
