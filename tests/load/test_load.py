"""Short classroom load test in CI: 10 concurrent Chromium users on one server, no errors (bench/load_test.py);
and the shared, heavy objects (model weights, MNIST) are loaded once per server process, not once per learner."""

from __future__ import annotations

import importlib.util
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest

from conftest import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
USERS, ROUNDS = 10, 2


def load_bench():
    spec = importlib.util.spec_from_file_location("load_test", ROOT / "bench" / "load_test.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_test"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.mark.browser
@pytest.mark.slow
def test_ten_concurrent_users_move_sliders_and_draw_without_errors():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    bench = load_bench()
    # Its own thread: an earlier sync-Playwright test can leave an asyncio loop running in this one,
    # and the bench drives its users with asyncio.run.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(bench.run_load, users=USERS, rounds=ROUNDS, timeout=180.0, ramp=3.0).result()
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


def count_calls(monkeypatch, module, name: str) -> list:
    calls: list = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_model_weights_are_loaded_once_for_many_sessions(tmp_path, monkeypatch):
    from dsconv.mnist import weights
    from dsconv.mnist.models import MODEL_NAMES, build

    torch.manual_seed(0)
    for name in MODEL_NAMES:
        weights.save_weights(build(name), tmp_path / f"{name}.pt")
    monkeypatch.setenv("DSCONV_ASSETS", str(tmp_path))  # a folder no other test has cached
    calls = count_calls(monkeypatch, weights, "load_weights")
    for _ in range(3):  # three learners open the Draw page
        at = AppTest.from_file(str(ROOT / "pages/draw.py"), default_timeout=60).run()
        assert not at.exception
    assert len(calls) == len(MODEL_NAMES)  # once per model, not once per session


def test_mnist_is_loaded_once_for_many_sessions(tmp_path, monkeypatch, mnist_dir):
    from dsconv.mnist import data

    folder = tmp_path / "mnist"
    folder.mkdir()
    for name in data.FILE_NAMES:
        (folder / name).symlink_to(mnist_dir / name)
    monkeypatch.setattr(data, "candidate_dirs", lambda: [folder])
    calls = count_calls(monkeypatch, data, "load_mnist")
    for _ in range(3):  # three learners open the Train page
        at = AppTest.from_file(str(ROOT / "pages/train.py"), default_timeout=60).run()
        assert not at.exception
    assert len(calls) == 1


def test_memory_bench_configurations_are_distinct():
    """The --configs mode of the load bench really loads N different views (so its RSS figure means something)."""
    bench = load_bench()
    for n in (10, 200, 400):
        urls = bench.config_urls(n)
        assert len({url for url, _ in urls}) == n
