"""MNIST-style preprocessing of canvas drawings (dsconv.handwriting.preprocess) on synthetic strokes."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from dsconv.handwriting.preprocess import BOX, FIELD, centre_of_mass, preprocess
from dsconv.mnist.models import normalize


def canvas(draw, size: int = 280, width: int = 20) -> np.ndarray:
    """An opaque black RGBA canvas with white strokes drawn by ``draw(ImageDraw, width)``."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 255))
    draw(ImageDraw.Draw(img), width)
    return np.asarray(img)


def vertical_stroke(d, w, x=60, top=40, bottom=240):
    d.line([(x, top), (x, bottom)], fill=(255, 255, 255, 255), width=w)


def ellipse(d, w, box=(150, 30, 260, 250)):
    d.ellipse(box, outline=(255, 255, 255, 255), width=w)


def test_empty_canvas_is_nothing_drawn():
    pre = preprocess(canvas(lambda d, w: None))
    assert pre.empty
    assert pre.centred is None and pre.bbox is None
    with pytest.raises(ValueError, match="nothing drawn"):
        pre.tensor()


def test_a_tiny_speck_counts_as_nothing_drawn():
    pre = preprocess(canvas(lambda d, w: d.point([(100, 100), (101, 100)], fill=(255, 255, 255, 255))))
    assert pre.empty


def test_alpha_is_ignored_ink_comes_from_rgb():
    rgba = canvas(vertical_stroke)
    transparent = rgba.copy()
    transparent[..., 3] = 0  # a fully transparent background must not matter
    a, b = preprocess(rgba), preprocess(transparent)
    np.testing.assert_array_equal(a.centred, b.centred)


def test_stroke_is_scaled_so_its_longer_side_fills_the_20px_box():
    pre = preprocess(canvas(vertical_stroke))
    rows = np.flatnonzero((pre.boxed > 0.1).any(axis=1))
    assert rows[-1] - rows[0] + 1 in (BOX - 1, BOX)  # tall stroke: height fills the box
    cols = np.flatnonzero((pre.boxed > 0.1).any(axis=0))
    assert cols[-1] - cols[0] + 1 <= 4  # aspect ratio kept: a thin line stays thin


@pytest.mark.parametrize(("size", "scale", "offset"), [(280, 1.0, (0, 0)), (280, 2.5, (60, 20)), (560, 5.0, (30, 90))])
def test_same_shape_at_any_place_and_size_gives_nearly_the_same_input(size, scale, offset):
    def ellipse_at(d, w):
        ox, oy = offset
        d.ellipse((ox + 10 * scale, oy + 5 * scale, ox + 50 * scale, oy + 85 * scale), outline="white", width=round(8 * scale))

    reference = preprocess(canvas(lambda d, w: d.ellipse((10, 5, 50, 85), outline="white", width=8)))
    moved = preprocess(canvas(ellipse_at, size=size))
    # Up to a one-pixel shift: the centre of mass can round either way once the stroke width is evened.
    best = max(np.corrcoef(np.roll(moved.centred, (dy, dx), axis=(0, 1)).ravel(), reference.centred.ravel())[0, 1]
               for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    assert best > 0.9


def test_digit_is_centred_by_centre_of_mass():
    for draw in (vertical_stroke, ellipse, lambda d, w: d.line([(20, 20), (260, 30), (30, 250)], fill="white", width=w)):
        pre = preprocess(canvas(draw))
        cy, cx = centre_of_mass(pre.centred)
        assert abs(cy - 14) <= 0.5 and abs(cx - 14) <= 0.5, (cy, cx)


def test_off_centre_drawing_lands_in_the_same_place_as_a_centred_one():
    left = preprocess(canvas(lambda d, w: vertical_stroke(d, w, x=30)))
    right = preprocess(canvas(lambda d, w: vertical_stroke(d, w, x=250)))
    np.testing.assert_allclose(left.centred, right.centred, atol=1e-6)


def test_output_is_28x28_in_unit_range_and_normalised_like_training():
    pre = preprocess(canvas(ellipse))
    assert pre.centred.shape == (FIELD, FIELD)
    assert pre.centred.min() >= 0 and pre.centred.max() <= 1
    assert pre.centred.max() > 0.9  # strokes keep full white somewhere, like MNIST
    x = pre.tensor()
    assert x.shape == (1, 1, 28, 28)
    torch.testing.assert_close(x[0, 0], normalize(torch.from_numpy(pre.centred)))


def test_fully_inked_canvas_is_handled_as_a_centred_square():
    full = np.full((280, 280, 4), 255, dtype=np.uint8)
    pre = preprocess(full)
    assert not pre.empty
    assert np.isfinite(pre.centred).all()
    assert pre.centred.sum() == pytest.approx(BOX * BOX, rel=0.01)
    assert centre_of_mass(pre.centred) == pytest.approx((13.5, 13.5), abs=0.6)
    assert pre.overfull  # the page warns that there is no digit shape left
    assert not preprocess(canvas(ellipse)).overfull


def test_intermediate_steps_are_kept_for_display():
    pre = preprocess(canvas(vertical_stroke))
    top, left, bottom, right = pre.bbox
    assert pre.raw.shape == (280, 280)
    assert pre.cropped.shape == (bottom - top, right - left)
    assert pre.boxed.shape == (BOX, BOX)


def test_grey_or_rgb_canvases_are_accepted_and_bad_shapes_refused():
    rgba = canvas(ellipse)
    np.testing.assert_array_equal(preprocess(rgba[..., :3]).centred, preprocess(rgba).centred)
    np.testing.assert_array_equal(preprocess(rgba[..., 0]).centred, preprocess(rgba).centred)
    with pytest.raises(ValueError, match="H x W x 4"):
        preprocess(np.zeros((2, 3, 4, 5), dtype=np.uint8))
