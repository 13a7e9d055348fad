"""Playground budgets: page script time for a slider change to a NEW configuration, and figure bytes per rerun.

Budgets (issue 12): median script time <= 100 ms over typical settings (in/out channels 2-16, kernel 3-5,
input 6-16, groups any legal value, DW+PW on for a quarter of them), and <= 250 KB of plotly figures per
rerun. Every configuration is new to the process, so nothing comes from the figure caches. Only the page
script is timed (a wrapper page runs it with ``runpy`` between two clocks; AppTest's own work is excluded).
Usage: ``python3 bench/playground.py [count]`` (default 40). Run it under ``nice`` on a shared machine.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import TIMER_KEY, timed_page  # noqa: E402
from dsconv.conv.arithmetic import valid_groups  # noqa: E402

CPU_KEY = "_bench_cpu_s"
# the shared wrapper, plus the CPU time of the script's thread: on a loaded shared machine wall time mostly
# measures waiting for a core, CPU time what the page itself costs
WRAPPER = timed_page("playground.py").replace(
    "start = time.perf_counter()", "start = time.perf_counter(); cpu = time.thread_time()").replace(
    "    st.session_state[", f"    st.session_state[{CPU_KEY!r}] = time.thread_time() - cpu\n    st.session_state[")


def configurations(count: int, seed: int = 12) -> list[dict[str, int]]:
    """``count`` distinct typical settings (the defaults excluded, so each one is a new configuration)."""
    rng = random.Random(seed)
    seen: set[tuple] = {(8, 4, 8, 3, 1, False)}
    out: list[dict[str, int]] = []
    while len(out) < count:
        cin, cout = rng.randint(2, 16), rng.randint(2, 16)
        k, size = rng.randint(3, 5), rng.randint(6, 16)
        g = rng.choice(valid_groups(cin, cout))
        dws = rng.random() < 0.25
        key = (size, cin, cout, k, g, dws)
        if key not in seen and size + 2 >= k:
            seen.add(key)
            out.append(dict(size=size, cin=cin, cout=cout, k=k, g=g, dws=int(dws)))
    return out


def figure_bytes(at: AppTest) -> int:
    """plotly figures and the stage's data (its JSON) of one rerun."""
    return (sum(len(chart.proto.spec.encode()) for chart in at.get("plotly_chart"))
            + sum(len(c.proto.json.encode()) for c in at.get("bidi_component")))


def main(count: int) -> None:
    at = AppTest.from_string(WRAPPER, default_timeout=120)
    at.run()  # warm-up: imports, the default view
    assert not at.exception, at.exception
    times, cpus, sizes = [], [], []
    for cfg in configurations(count):
        for name in ("size", "cin", "cout", "k"):
            at.slider(key=name).set_value(cfg[name])
        at.toggle(key="dws").set_value(bool(cfg["dws"]))
        at.run()
        if cfg["g"] > 1:  # the stepper appears once the channels allow it: a second, also new, configuration
            at.select_slider(key="g").set_value(cfg["g"]).run()
        assert not at.exception and not at.error, (cfg, at.exception, [e.value for e in at.error])
        times.append(at.session_state[TIMER_KEY])
        cpus.append(at.session_state[CPU_KEY])
        sizes.append(figure_bytes(at))
    ms = sorted(t * 1000 for t in times)
    kb = sorted(b / 1000 for b in sizes)
    cpu = sorted(t * 1000 for t in cpus)
    p90 = ms[int(0.9 * (len(ms) - 1))]
    print(f"{count} new configurations (channels 2-16, kernel 3-5, input 6-16, any legal groups, 1/4 DW+PW)")
    print(f"page script per rerun: median {statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, max {ms[-1]:.1f} ms"
          "   (budget: median <= 100 ms)")
    print(f"  of which CPU time:   median {statistics.median(cpu):.1f} ms, p90 {cpu[int(0.9 * (len(cpu) - 1))]:.1f} ms, "
          f"max {cpu[-1]:.1f} ms   (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"figures per rerun:     median {statistics.median(kb):.1f} KB, max {kb[-1]:.1f} KB   (budget: <= 250 KB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
