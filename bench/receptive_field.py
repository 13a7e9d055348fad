"""Script time of the Receptive Field page: median of 10 AppTest runs per preset (first, uncached run shown apart).

Times only the page script (not AppTest's own start-up): a wrapper page runs it with ``runpy`` between two clocks.
"first" is a new stack's uncached run; for the first preset of the process it also includes importing torch & co.
Usage: ``python3 bench/receptive_field.py [preset ...]``; ``heavy`` is the largest stack a learner can ask for
that still gets the coverage map (32 layers, 32 px, kernel 11, padding 5: 6-7 s of CPU on first visit before
issue 23; the target is about 1 s).
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import TIMER_KEY, timed_page  # noqa: E402
from dsconv.receptive.stacks import FAMOUS, PRESETS  # noqa: E402

ALL = {**PRESETS, **FAMOUS}

WRAPPER = timed_page("receptive_field.py")


HEAVY = {"preset": "custom", "size": "32", "n": "32", **{f"k{i}": "11" for i in range(1, 33)},
         **{f"p{i}": "5" for i in range(1, 33)}}


def script_time(preset: str, lang: str = "en") -> float:
    """Seconds the page script took for one fresh session opened at ``?preset=`` (or the HEAVY stack)."""
    at = AppTest.from_string(WRAPPER, default_timeout=120)
    for name, value in (HEAVY if preset == "heavy" else {"preset": preset}).items():
        at.query_params[name] = value
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at.session_state[TIMER_KEY]


def main(presets: list[str]) -> None:
    for preset in presets:
        first = script_time(preset)
        runs = [script_time(preset) for _ in range(10)]
        layers = len(ALL[preset].layers) if preset in ALL else 32
        print(f"{preset:12s} {layers:2d} layers: first (uncached) {first * 1000:7.1f} ms, "
              f"median of 10 {statistics.median(runs) * 1000:6.1f} ms (min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f})")


if __name__ == "__main__":
    main(sys.argv[1:] or list(ALL))
