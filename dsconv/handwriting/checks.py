"""'That is not a digit': a dot, a stray line, a scribble or too little ink, told apart by shape measures.

The measures do not depend on the pen (they are ratios of the ink's own sizes); the thresholds were
chosen from the pen digits of the 30 training writers drawn over the page's pen x size range and from
generated dots, lines and scribbles (``python -m dsconv.handwriting.checks`` prints the measurements).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dsconv.handwriting.width import stroke_width

# Thresholds (see the module docstring; the measured values are in the comments).
MIN_SIDE_FRACTION = 0.12  # ink whose longer side is under this share of the canvas' shorter side: too little ink
DOT_RATIO = 2.2  # longer side / pen width below this: a dot or a blob (pen digits: >= 3.0)
LINE_ELONGATION = 0.12  # minor / major spread of the ink below this: a straight line
LINE_MAX_TILT = 45.0  # a straight line tilted more than this (degrees from vertical) is a stray line, not a 1
SCRIBBLE_LENGTH = 7.0  # stroke length / longer side above this: a scribble (pen digits: <= 5.0)
THICK_RATIO = 0.24  # pen width / digit size above this: hint "pen very thick for the digit"
THIN_RATIO = 0.035  # below this: hint "pen very thin for the digit"


@dataclass(frozen=True)
class Shape:
    """Pen-independent measures of the ink (widths and lengths in canvas pixels)."""

    side: float  # longer side of the ink's bounding box
    canvas_side: int  # the canvas' shorter side
    pen: float  # estimated stroke width
    length: float  # estimated total stroke length (area / pen)
    elongation: float  # sqrt(minor / major) variance of the ink's pixel positions
    tilt: float  # the major axis' angle from vertical, degrees (0..90)

    @property
    def pen_ratio(self) -> float:
        """Pen width relative to the digit's size."""
        return self.pen / self.side if self.side else 0.0


def measure(binary: np.ndarray, scale: float, canvas_side: int) -> Shape:
    """Measures of a working-resolution ``binary`` digit whose pixels are ``scale`` canvas pixels."""
    ys, xs = np.nonzero(binary)
    if ys.size == 0:
        return Shape(0.0, canvas_side, 0.0, 0.0, 0.0, 0.0)
    side = float(max(ys.max() - ys.min() + 1, xs.max() - xs.min() + 1))
    width = max(stroke_width(binary), 1.0)
    cov = np.cov(np.stack([xs, ys]).astype(np.float64)) if ys.size > 1 else np.zeros((2, 2))
    evals, evecs = np.linalg.eigh(cov)
    major = evecs[:, 1]
    elongation = math.sqrt(max(evals[0], 0.0) / evals[1]) if evals[1] > 0 else 1.0
    tilt = math.degrees(math.atan2(abs(major[0]), abs(major[1])))
    return Shape(side * scale, canvas_side, width * scale, float(ys.size) / width * scale, elongation, tilt)


def verdict(shape: Shape) -> str | None:
    """Why the ink is not a digit ("too_little", "dot", "line", "scribble"), or None when it may be one."""
    if shape.side < MIN_SIDE_FRACTION * shape.canvas_side:
        return "too_little"
    if shape.side < DOT_RATIO * shape.pen:
        return "dot"
    if shape.elongation < LINE_ELONGATION and shape.tilt > LINE_MAX_TILT:
        return "line"
    if shape.length > SCRIBBLE_LENGTH * shape.side:
        return "scribble"
    return None


def pen_hint(shape: Shape) -> str | None:
    """"thick" or "thin" when the pen is far from what the model was trained on, relative to the digit."""
    if shape.pen_ratio > THICK_RATIO:
        return "thick"
    if 0 < shape.pen_ratio < THIN_RATIO:
        return "thin"
    return None
