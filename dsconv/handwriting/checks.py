"""'That is not a digit': a dot, a stray line, a scribble or too little ink, told apart by shape measures.

The measures do not depend on the pen (they are ratios of the ink's own sizes); the thresholds were
chosen from the pen digits of the 30 training writers drawn over the page's pen x size range and from
generated dots, lines and scribbles (``python -m dsconv.handwriting.calibrate`` prints the measurements).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dsconv.handwriting.width import stroke_width

# Thresholds, from measurements (python -m dsconv.handwriting.calibrate; 1/20 of the training writers' digits at
# pen/size 30/110, 34/90, 8/110, 20/200, and generated dots, lines and scribbles):
MIN_SIDE_FRACTION = 0.12  # ink whose longer side is under this share of the canvas' shorter side: too little ink
DOT_RATIO = 3.0  # longer side / pen width below this: a dot (pen digits: min 3.02 at pen 34 / 90 px; taps 2.6-2.7)
LINE_ELONGATION = 0.25  # minor / major spread below this: a straight stroke (lines 80-200 px: 0.09-0.21)
LINE_MAX_TILT = 50.0  # a straight stroke tilted more than this from vertical is a stray line (pen digits: <= 32.5)
SCRIBBLE_LENGTH = 6.5  # stroke length / longer side above this: a scribble (pen digits: max 5.4; thin scribbles 8-9)
SCRIBBLE_SOLID = 0.82  # ink covering this share of a squarish box (aspect > SQUARISH) is a scribbled-over patch
SQUARISH = 0.6  # (pen digits: fill max 0.80, thick 8s at pen 34 / 90 px; a 1 is a full but narrow box)
THICK_RATIO = 0.25  # pen width / digit size above this: hint "pen very thick" (pen 30 on 110 px: median 0.17)
THIN_RATIO = 0.02  # below this: hint "pen very thin" (pen 8 on 200 px: median 0.031, min 0.022)


@dataclass(frozen=True)
class Shape:
    """Pen-independent measures of the ink (widths and lengths in canvas pixels)."""

    side: float  # longer side of the ink's bounding box
    canvas_side: int  # the canvas' shorter side
    pen: float  # estimated stroke width
    length: float  # estimated total stroke length (area / pen)
    elongation: float  # sqrt(minor / major) variance of the ink's pixel positions
    tilt: float  # the major axis' angle from vertical, degrees (0..90)
    fill: float = 0.0  # share of the bounding box covered by ink
    aspect: float = 1.0  # shorter / longer side of the bounding box

    @property
    def pen_ratio(self) -> float:
        """Pen width relative to the digit's size."""
        return self.pen / self.side if self.side else 0.0


def measure(binary: np.ndarray, scale: float, canvas_side: int) -> Shape:
    """Measures of a working-resolution ``binary`` digit whose pixels are ``scale`` canvas pixels."""
    ys, xs = np.nonzero(binary)
    if ys.size == 0:
        return Shape(0.0, canvas_side, 0.0, 0.0, 0.0, 0.0, 0.0)
    side = float(max(ys.max() - ys.min() + 1, xs.max() - xs.min() + 1))
    width = max(stroke_width(binary), 1.0)
    cov = np.cov(np.stack([xs, ys]).astype(np.float64)) if ys.size > 1 else np.zeros((2, 2))
    evals, evecs = np.linalg.eigh(cov)
    major = evecs[:, 1]
    elongation = math.sqrt(max(evals[0], 0.0) / evals[1]) if evals[1] > 0 else 1.0
    tilt = math.degrees(math.atan2(abs(major[0]), abs(major[1])))
    bh, bw = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    fill = ys.size / float(bh * bw)
    return Shape(side * scale, canvas_side, width * scale, float(ys.size) / width * scale, elongation, tilt, fill,
                 min(bh, bw) / max(bh, bw))


def verdict(shape: Shape) -> str | None:
    """Why the ink is not a digit ("too_little", "dot", "line", "scribble"), or None when it may be one."""
    if shape.side < DOT_RATIO * shape.pen:
        return "dot"
    if shape.side < MIN_SIDE_FRACTION * shape.canvas_side:
        return "too_little"
    if shape.elongation < LINE_ELONGATION and shape.tilt > LINE_MAX_TILT:
        return "line"
    if shape.length > SCRIBBLE_LENGTH * shape.side or (shape.fill > SCRIBBLE_SOLID and shape.aspect > SQUARISH):
        return "scribble"
    return None


def pen_hint(shape: Shape) -> str | None:
    """"thick" or "thin" when the pen is far from what the model was trained on, relative to the digit."""
    if shape.pen_ratio > THICK_RATIO:
        return "thick"
    if 0 < shape.pen_ratio < THIN_RATIO:
        return "thin"
    return None
