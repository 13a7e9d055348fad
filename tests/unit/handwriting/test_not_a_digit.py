"""'That is not a digit': generated dots, stray lines, scribbles and tiny drawings get a reason; digits do not."""

from __future__ import annotations

import numpy as np
import pytest

from dsconv.handwriting.preprocess import preprocess
from dsconv.handwriting import checks, nondigits
from dsconv.handwriting.render import draw_strokes


@pytest.mark.parametrize("pen", [14, 20, 30, 40])
def test_a_tap_or_a_tiny_wiggle_is_a_dot_or_too_little(pen):
    for jitter in (0.0, pen / 3):
        pre = preprocess(draw_strokes(nondigits.dot(jitter=jitter), pen))
        assert not pre.empty
        assert pre.not_digit in ("dot", "too_little"), (pen, jitter, pre.shape)


@pytest.mark.parametrize("angle", [60, 75, 90])
@pytest.mark.parametrize("length", [80, 200])
def test_a_stray_line_tilted_far_from_upright_is_not_a_digit(angle, length):
    pre = preprocess(draw_strokes(nondigits.line(angle, length), 20))
    assert pre.not_digit == "line", pre.shape


@pytest.mark.parametrize("angle", [0, 15, 30])
def test_an_upright_or_leaning_stroke_is_left_to_the_model_as_a_one(angle):
    pre = preprocess(draw_strokes(nondigits.line(angle, 200), 20))
    assert pre.not_digit is None


@pytest.mark.parametrize("seed", range(3))
def test_a_thin_pen_scribble_is_not_a_digit(seed):
    pre = preprocess(draw_strokes(nondigits.scribble(seed), 8))
    assert pre.not_digit == "scribble", pre.shape


def test_a_small_drawing_far_under_the_canvas_size_is_too_little_ink():
    pre = preprocess(draw_strokes(nondigits.line(0, 20, (60.0, 60.0)), 6))  # a 26 px speck on 280 px
    assert pre.not_digit == "too_little"


def test_the_pen_hint_fires_beyond_the_measured_range_only():
    seven = [np.array([[115, 110], [165, 110], [135, 180]], np.float32)]  # a small 7: 70 px tall
    thick = preprocess(draw_strokes(seven, 44)).shape
    assert checks.pen_hint(thick) == "thick"
    normal = preprocess(draw_strokes(nondigits.line(0, 200), 20)).shape
    assert checks.pen_hint(normal) is None
    thin = preprocess(draw_strokes(nondigits.line(0, 250), 3)).shape
    assert checks.pen_hint(thin) == "thin"
