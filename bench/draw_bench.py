"""Draw-a-digit speed: CPU inference per digit (target <= 2 ms) and the server-side rerun after a stroke (target <= 100 ms).

Inference: median of many ``dsconv.mnist.inference.predict`` calls on one preprocessed drawing, per model.
Rerun: AppTest with a drawing injected under the canvas key (alternating two drawings, so every run is
"after a new stroke"); prints the page script's own time (a ``runpy`` wrapper between two clocks) and
AppTest's whole ``run()``. Uses the weights in ``$DSCONV_ASSETS`` or ``assets/``.
Usage: ``python3 bench/draw_bench.py [--repeats 300] [--reruns 20] [--model seed_dsconv]``
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import TIMER_KEY, timed_page  # noqa: E402
from dsconv.mnist import inference  # noqa: E402
from dsconv.handwriting.preprocess import preprocess  # noqa: E402
from dsconv.mnist.models import MODEL_NAMES  # noqa: E402
from dsconv.datadirs import ASSETS_DIR  # noqa: E402
from dsconv.mnist.weights import WeightsError, load_weights  # noqa: E402
from ui.sketchpad import canvas_image, to_value  # noqa: E402

WRAPPER = timed_page("draw.py")


def strokes(kind: str) -> dict:
    """What the sketchpad sends for a "0" (ellipse, one stroke) or a "1" (vertical stroke), 20 px pen, 280 px."""
    import math

    if kind == "0":
        path = [(140 + 50 * math.sin(2 * math.pi * i / 36), 140 - 100 * math.cos(2 * math.pi * i / 36)) for i in range(37)]
    else:
        path = [(140, 40 + 10 * i) for i in range(21)]
    return to_value([path], 20)


def drawing(kind: str) -> np.ndarray:
    """The RGBA canvas the server redraws from those strokes."""
    return canvas_image(strokes(kind))


def canvas_state(value: dict) -> dict:
    """The sketchpad's state after a stroke."""
    return {"strokes": value}


def median_ms(fn, repeats: int) -> float:
    """Median wall time of ``fn()`` in milliseconds (after 10 warm-up calls)."""
    for _ in range(10):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def inference_table(assets: Path, repeats: int) -> None:
    """Per model: predict (the <= 2 ms target), saliency, activations; plus preprocessing of the canvas."""
    canvas = drawing("0")
    print(f"redraw strokes -> 280x280 canvas: {median_ms(lambda: drawing('0'), repeats // 3):.2f} ms")
    print(f"preprocess 280x280 canvas -> 28x28: {median_ms(lambda: preprocess(canvas), repeats // 3):.2f} ms")
    x = preprocess(canvas).tensor()
    print(f"{'model':<14} {'params':>8} {'MACs':>10} {'predict ms':>11} {'saliency ms':>12} {'activations ms':>15}")
    for name in MODEL_NAMES:
        try:
            model = load_weights(name, assets)
        except WeightsError as exc:
            print(f"{name:<14} unavailable: {exc}")
            continue
        cost = inference.model_cost(model)
        pred = median_ms(lambda: inference.predict(model, x), repeats)
        sal = median_ms(lambda: inference.saliency(model, x), repeats // 3)
        act = median_ms(lambda: inference.activations(model, x), repeats // 3)
        flag = "ok" if pred <= 2.0 else "OVER 2 ms"
        print(f"{name:<14} {cost.params:>8,} {cost.macs:>10,} {pred:>11.2f} {sal:>12.2f} {act:>15.2f}   {flag}")


def rerun_times(model: str, reruns: int) -> tuple[list[float], list[float]]:
    """(page script seconds, whole AppTest run seconds) for ``reruns`` strokes, first (cold) run excluded."""
    at = AppTest.from_string(WRAPPER, default_timeout=120)
    at.query_params["model"] = model
    at.run()
    canvases = [canvas_state(strokes("0")), canvas_state(strokes("1"))]
    script, whole = [], []
    for i in range(reruns + 1):
        at.session_state["canvas"] = canvases[i % 2]
        start = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - start
        assert not at.exception, at.exception
        assert len(at.metric) == 2, "no prediction shown: are the weights there?"
        if i:
            script.append(at.session_state[TIMER_KEY])
            whole.append(elapsed)
    return script, whole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300, help="timed calls per inference figure")
    parser.add_argument("--reruns", type=int, default=20, help="timed page reruns per model")
    parser.add_argument("--model", action="append", choices=MODEL_NAMES, help="models for the rerun figure (default: all)")
    args = parser.parse_args()
    assets = Path(os.environ.get("DSCONV_ASSETS") or ASSETS_DIR)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"torch {torch.__version__}, {os.cpu_count()} CPUs, torch threads {torch.get_num_threads()}, load average {load}")
    print(f"weights: {assets}\n")
    inference_table(assets, args.repeats)
    print(f"\nrerun after a stroke (median of {args.reruns}; target <= 100 ms server side)")
    for model in args.model or MODEL_NAMES:
        try:
            load_weights(model, assets)
        except WeightsError as exc:
            print(f"{model:<14} unavailable: {exc}")
            continue
        script, whole = rerun_times(model, args.reruns)
        med = statistics.median(script) * 1000
        flag = "ok" if med <= 100 else "OVER 100 ms"
        print(
            f"{model:<14} page script {med:6.1f} ms (p90 {np.percentile(script, 90) * 1000:6.1f})   "
            f"AppTest run() {statistics.median(whole) * 1000:6.1f} ms   {flag}"
        )


if __name__ == "__main__":
    main()
