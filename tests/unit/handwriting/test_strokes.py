"""Sketchpad values are bounded before any drawing, with a message naming the rule and the numbers."""

from __future__ import annotations

import json
import time

import pytest

from dsconv.handwriting.strokes import LIMITS, StrokeProblem, Strokes, read_strokes
from ui.sketchpad import canvas_image, to_value

ONE = [(140, 40 + 10 * i) for i in range(21)]


def test_a_real_drawing_is_read_and_drawn():
    value = to_value([ONE], 20)
    read = read_strokes(value)
    assert isinstance(read, Strokes) and read.w == 280 and len(read.paths) == 1
    assert canvas_image(value).shape == (280, 280, 4)


@pytest.mark.parametrize("value,key,numbers", [
    ({"w": 2000, "h": 2000, "pen": 20, "paths": []}, "guard.canvas.side", ["2000", "1200"]),
    ({"w": 280, "h": 280, "pen": 400, "paths": []}, "guard.canvas.pen", ["400", "180"]),
    ({"w": 280, "h": 280, "pen": 20, "paths": [[[1, 1]]] * 200}, "guard.canvas.strokes", ["200", "50"]),
    ({"w": 280, "h": 280, "pen": 20, "paths": [[[1, 1]] * 5_000]}, "guard.canvas.points", ["5,000", "2,000"]),
    ({"w": 280, "h": 280, "pen": 20, "paths": [[[1, 1]] * 1_500] * 5}, "guard.canvas.total", ["7,500", "6,000"]),
    ({"w": float("inf"), "h": 280, "pen": 20, "paths": []}, "guard.canvas.shape", []),
    ({"w": 280, "h": 280, "pen": 20, "paths": [[[1, float("nan")]]]}, "guard.canvas.shape", []),
    ({"w": 280, "h": 280, "pen": 20, "paths": [[["a", 1]]]}, "guard.canvas.shape", []),
    ({"w": True, "h": 280, "pen": 20, "paths": []}, "guard.canvas.shape", []),
    ("junk", "guard.canvas.shape", []),
])
def test_values_no_hand_draws_get_a_message_with_the_numbers(value, key, numbers):
    read = read_strokes(value)
    assert isinstance(read, StrokeProblem) and read.key == key
    for lang in ("en", "zh"):
        text = read.message(lang)
        assert all(n in text for n in numbers), text
    assert canvas_image(value) is None


def test_the_issues_oversized_message_is_refused_at_once():
    """20 strokes x 5,000 points, pen 400, 2,000 px: 38 s of CPU before; now refused without drawing."""
    paths = [[[float(i % 2000), float(j % 2000)] for j in range(5_000)] for i in range(20)]
    value = json.loads(json.dumps({"w": 2000, "h": 2000, "pen": 400, "paths": paths}))
    t0 = time.process_time()
    assert isinstance(read_strokes(value), StrokeProblem) and canvas_image(value) is None
    assert time.process_time() - t0 < 0.5


def test_the_largest_allowed_drawing_costs_well_under_a_second():
    side, per = LIMITS.max_side, LIMITS.max_total // 10
    paths = [[[float((i * 37 + j * 13) % side), float((i * 11 + j * 7) % side)] for j in range(per)] for i in range(10)]
    value = {"w": side, "h": side, "pen": LIMITS.max_pen, "paths": paths}
    t0 = time.process_time()
    assert canvas_image(value) is not None
    assert time.process_time() - t0 < 2.0  # ~0.2 s here; the bound is loose for slow CI machines
