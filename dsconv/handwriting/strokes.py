"""The sketchpad's value read and bounded before any drawing: what a hand draws in a few seconds, no more.

The browser sends ``{"w", "h", "pen", "paths": [[[x, y], ...], ...]}`` in canvas pixels. A tab can send
anything instead: 20 strokes x 5,000 points with a 400 px pen on a 2,000 px canvas cost 38 s of server CPU
in one rerun, and ``{"w": Infinity}`` raised OverflowError. :func:`read_strokes` checks sizes first (cheap
``len`` calls), then numbers, and says which rule a value broke, with the numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dsconv.i18n import t


@dataclass(frozen=True)
class CanvasLimits:
    """What a real finger, pen or mouse produces: the Draw page's canvas is 120-900 px, its pen 6-40 px at 280 px."""

    max_strokes: int = 50
    max_points: int = 2_000  # per stroke (a point per pixel moved: a slow, long stroke)
    max_total: int = 6_000  # all strokes together (about 0.2 s of drawing on the server at the largest pen)
    min_side: int = 16
    max_side: int = 1200  # px: the projector canvas is up to 900 px (pages/draw.py), phones 120-280
    max_pen: float = 180.0  # px: the 40 px pen of a 280 px canvas is 129 px on a 900 px projector canvas


LIMITS = CanvasLimits()


@dataclass(frozen=True)
class Strokes:
    """A drawing within the limits, ready to redraw."""

    w: int
    h: int
    pen: float
    paths: tuple[np.ndarray, ...]  # each N x 2 float32, finite


@dataclass(frozen=True)
class StrokeProblem:
    """Why a sketchpad value was not drawn: a translated rule with its numbers."""

    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return t("guard.canvas.not_read", lang, why=t(self.key, lang, **self.params))


def _number(value: Any) -> float | None:
    """A finite JSON number, else None (bools, strings, Infinity and NaN are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def read_strokes(value: Any, limits: CanvasLimits = LIMITS) -> Strokes | StrokeProblem | None:
    """``value`` as :class:`Strokes`, a :class:`StrokeProblem` naming the broken rule, or None when nothing was sent."""
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("paths"), list):
        return StrokeProblem("guard.canvas.shape")
    w, h, pen = (_number(value.get(k)) for k in ("w", "h", "pen"))
    if w is None or h is None or pen is None:
        return StrokeProblem("guard.canvas.shape")
    if not (limits.min_side <= w <= limits.max_side and limits.min_side <= h <= limits.max_side):
        return StrokeProblem("guard.canvas.side", {"w": f"{w:g}", "h": f"{h:g}", "lo": limits.min_side, "hi": limits.max_side})
    if not 0 < pen <= limits.max_pen:
        return StrokeProblem("guard.canvas.pen", {"pen": f"{pen:g}", "hi": f"{limits.max_pen:g}"})
    paths = value["paths"]
    if len(paths) > limits.max_strokes:
        return StrokeProblem("guard.canvas.strokes", {"n": f"{len(paths):,}", "hi": limits.max_strokes})
    if not all(isinstance(p, list) for p in paths):
        return StrokeProblem("guard.canvas.shape")
    longest, total = max((len(p) for p in paths), default=0), sum(len(p) for p in paths)
    if longest > limits.max_points:
        return StrokeProblem("guard.canvas.points", {"n": f"{longest:,}", "hi": f"{limits.max_points:,}"})
    if total > limits.max_total:
        return StrokeProblem("guard.canvas.total", {"n": f"{total:,}", "hi": f"{limits.max_total:,}"})
    arrays = []
    for p in paths:
        if not p:
            continue
        if not all(isinstance(pt, list) and len(pt) == 2 and _number(pt[0]) is not None and _number(pt[1]) is not None
                   for pt in p):
            return StrokeProblem("guard.canvas.shape")
        arrays.append(np.asarray(p, dtype=np.float32).reshape(-1, 2))
    return Strokes(int(w), int(h), pen, tuple(arrays))
