"""Short classroom load test in CI: 10 concurrent Chromium users on one server, no errors (bench/load_test.py)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]
USERS, ROUNDS = 10, 2


def load_bench():
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "bench" / "load_test.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_test"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def test_ten_concurrent_users_move_sliders_and_draw_without_errors():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    bench = load_bench()
    result = bench.run_load(users=USERS, rounds=ROUNDS, timeout=90.0, ramp=3.0)
    print("\n" + bench.summary(result))
    stats = result["stats"]
    assert stats.errors == []
    # every user finished every action on both pages, and saw its own slider values (checked in the bench)
    assert len(stats.latency["playground"]) == USERS * ROUNDS
    assert len(stats.latency["draw"]) == USERS * ROUNDS
    # the same strokes give the same digit for everyone: sessions do not leak into each other
    by_stroke = {}
    for item in stats.predictions:
        stroke, digit = item.split(":")
        by_stroke.setdefault(stroke, set()).add(digit)
    assert all(len(digits) == 1 for digits in by_stroke.values()), by_stroke
    assert result["rss_after"] > 0
