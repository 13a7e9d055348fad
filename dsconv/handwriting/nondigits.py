"""Generated drawings that are not digits: dots, stray lines and scribbles, as strokes for :mod:`render`."""

from __future__ import annotations

import math

import numpy as np

from dsconv.handwriting.render import DEFAULT_CANVAS


def dot(centre: tuple[float, float] = (140.0, 140.0), jitter: float = 0.0) -> list[np.ndarray]:
    """A tap: one point (or a tiny wiggle of ``jitter`` px)."""
    x, y = centre
    pts = [(x, y)] if jitter <= 0 else [(x, y), (x + jitter, y + jitter / 2), (x - jitter / 2, y + jitter)]
    return [np.asarray(pts, dtype=np.float32)]


def line(angle_from_vertical: float, length: float, centre: tuple[float, float] = (140.0, 140.0)) -> list[np.ndarray]:
    """A straight stroke ``length`` px long, tilted ``angle_from_vertical`` degrees."""
    a = math.radians(angle_from_vertical)
    dx, dy = math.sin(a) * length / 2, math.cos(a) * length / 2
    x, y = centre
    n = max(2, int(length / 10))
    t = np.linspace(-1, 1, n, dtype=np.float32)[:, None]
    return [np.hstack([x + t * dx, y + t * dy]).astype(np.float32)]


def scribble(seed: int, size: float = 180.0, turns: int = 14, canvas: int = DEFAULT_CANVAS) -> list[np.ndarray]:
    """A back-and-forth zigzag filling a ``size`` px square (one stroke), with random wobble."""
    rng = np.random.default_rng(seed)
    c = canvas / 2
    ys = np.linspace(c - size / 2, c + size / 2, turns)
    xs = np.where(np.arange(turns) % 2 == 0, c - size / 2, c + size / 2)
    pts = np.stack([xs, ys], axis=1) + rng.uniform(-size * 0.06, size * 0.06, (turns, 2))
    return [pts.astype(np.float32)]
