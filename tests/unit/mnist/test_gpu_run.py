"""The one GPU run of issue 25 (bench/gpu_run.py) works the first time: its --smoke run does every step on CPU."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dsconv.mnist.card import read_card, schema_problems

ROOT = Path(__file__).resolve().parents[3]


def _gpu_run():
    spec = importlib.util.spec_from_file_location("gpu_run", ROOT / "bench" / "gpu_run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.mnist
@pytest.mark.slow
@pytest.mark.timeout(900)  # ~40 s on a quiet 2-core machine; several minutes when five engineers share it
def test_gpu_run_smoke_makes_every_model_times_the_speed_run_and_evaluates_pen_digits(tmp_path, mnist_dir, pendigits_dir):
    gpu_run = _gpu_run()
    data = tmp_path / "gpu_data"
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "mnist").symlink_to(Path(mnist_dir).resolve(), target_is_directory=True)
    (shared / "pendigits").symlink_to(Path(pendigits_dir).resolve(), target_is_directory=True)
    assert gpu_run.main(["--pack", "--shared", str(shared), "--data", str(data)]) == 0
    assert sorted(p.name for p in (data / "mnist").iterdir()) == sorted(gpu_run.MNIST_FILES)
    out, copy = tmp_path / "out", tmp_path / "device_out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("DSCONV_CACHE", None)  # the script points it into the data folder, as on the GPU machine
    run = subprocess.run([sys.executable, "bench/gpu_run.py", "--smoke", "--data", str(data), "--out", str(out),
                          "--copy-to", str(copy), "--workers", "2"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=840)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert (data / "cache" / "pen_cells").is_dir()  # renders went with the data, not into the user's cache
    summary = json.loads((out / "summary.json").read_text())
    assert set(summary["models"]) == set(gpu_run.MODELS) and summary["smoke"] is True
    card = read_card(out)
    for name in gpu_run.MODELS:
        assert (out / f"{name}.pt").is_file() and schema_problems(card[name]) == []
        assert "--device cpu" in card[name]["command"] and card[name]["pen_accuracy"] is not None
    assert summary["speed"] and summary["speed"][0]["train_seconds"] > 0
    log = (out / "gpu_run.log").read_text()
    assert "equal the serial render" in log and "pen digits:" in log
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(list(copy.iterdir())) <= 8  # what the device machine sends back: at most 8 files
