"""Replay pen strokes as the Draw page's brush draws them: white round-cap, round-join lines on opaque black.

Supersampled (``SUPERSAMPLE`` x) and box-filtered down, so edges are anti-aliased as in the browser.
The digit is scaled so its trajectory is ``size`` px tall (narrower if it would not fit), then centred
on ``centre`` (the canvas middle by default).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

SUPERSAMPLE = 2
DEFAULT_CANVAS = 280
DEFAULT_PEN = 20
DEFAULT_SIZE = 200


def place(strokes: Sequence[np.ndarray], size: float, canvas: int = DEFAULT_CANVAS, pen: float = DEFAULT_PEN,
          centre: tuple[float, float] | None = None) -> list[np.ndarray]:
    """Strokes scaled so the trajectory is ``size`` px tall (width capped to fit) and centred on ``centre``."""
    pts = np.concatenate(strokes)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    extent = np.maximum(hi - lo, 1e-6)
    scale = size / extent[1]
    room = max(canvas - pen - 4, 1)
    scale = min(scale, room / extent[0], room / extent[1])
    mid = (lo + hi) / 2
    cx, cy = centre if centre is not None else (canvas / 2, canvas / 2)
    return [(s - mid) * scale + np.array([cx, cy], dtype=np.float32) for s in strokes]


def draw_strokes(strokes: Sequence[np.ndarray], pen: float, canvas: int | tuple[int, int] = DEFAULT_CANVAS,
                 supersample: int = SUPERSAMPLE) -> np.ndarray:
    """Canvas-pixel strokes -> H x W x 4 uint8 RGBA (white ink, black opaque background)."""
    h, w = (canvas, canvas) if isinstance(canvas, int) else canvas
    ss = supersample
    img = Image.new("L", (w * ss, h * ss), 0)
    draw = ImageDraw.Draw(img)
    r = pen * ss / 2
    for stroke in strokes:
        pts = [(float(x) * ss, float(y) * ss) for x, y in stroke]
        if len(pts) > 1:
            draw.line(pts, fill=255, width=max(1, round(pen * ss)))
        for x, y in pts:  # round caps and joins (PIL's own joints leave seams on wide lines)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    if ss > 1:
        img = img.reduce(ss)
    grey = np.asarray(img, dtype=np.uint8)
    out = np.empty((h, w, 4), dtype=np.uint8)
    out[..., :3] = grey[..., None]
    out[..., 3] = 255
    return out


def render_digit(strokes: Sequence[np.ndarray], pen: float = DEFAULT_PEN, size: float = DEFAULT_SIZE,
                 canvas: int = DEFAULT_CANVAS, centre: tuple[float, float] | None = None,
                 supersample: int = SUPERSAMPLE) -> np.ndarray:
    """A pen digit as the page would show it: ``size`` px tall, ``pen`` px brush, on a ``canvas`` px square."""
    return draw_strokes(place(strokes, size, canvas, pen, centre), pen, canvas, supersample)
