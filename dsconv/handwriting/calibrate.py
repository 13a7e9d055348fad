"""Calibrate the 'not a digit' thresholds: print the shape measures of pen digits and of generated non-digits.

``python -m dsconv.handwriting.calibrate`` (the thresholds in :mod:`dsconv.handwriting.checks` were read off it).
"""

from __future__ import annotations

import numpy as np

from dsconv.handwriting import nondigits
from dsconv.handwriting.checks import LINE_ELONGATION, verdict
from dsconv.handwriting.pendigits import load_pendigits
from dsconv.handwriting.preprocess import preprocess
from dsconv.handwriting.render import draw_strokes, render_digit


def main() -> int:
    """Print the measures of pen digits (training writers, pen x size grid) and of generated non-digits."""
    digits = load_pendigits(split="train")[::5]
    rows = []
    for pen, size in [(6, 90), (8, 110), (8, 200), (20, 200), (30, 110), (34, 90), (34, 200)]:
        for d in digits:
            shape = preprocess(render_digit(d.strokes, pen, size)).shape
            rows.append((d.label, pen, size, shape))
    side_pen = np.array([r[3].side / r[3].pen for r in rows])
    length = np.array([r[3].length / r[3].side for r in rows])
    small = [r for r in rows if r[3].elongation < LINE_ELONGATION]
    ratios = np.array([r[3].pen_ratio for r in rows])
    print(f"pen digits ({len(rows)} renders): side/pen min {side_pen.min():.2f} 0.1% {np.quantile(side_pen, 0.001):.2f}; "
          f"length/side max {length.max():.2f} 99.9% {np.quantile(length, 0.999):.2f}; "
          f"pen/side min {ratios.min():.3f} max {ratios.max():.3f}")
    print(f"pen digits with elongation < {LINE_ELONGATION}: {len(small)}, max tilt "
          f"{max((r[3].tilt for r in small), default=0):.1f} deg; elongation min "
          f"{min(r[3].elongation for r in rows):.3f}")
    flagged = [(r[0], r[1], r[2], verdict(r[3])) for r in rows if verdict(r[3])]
    print(f"pen digits flagged as not a digit: {len(flagged)} {flagged[:10]}")
    for pen in (8, 20, 40):
        s = preprocess(draw_strokes(nondigits.dot(jitter=pen / 3), pen)).shape
        print(f"dot pen {pen}: side/pen {s.side / s.pen:.2f} -> {verdict(s)}")
    for angle in (0, 20, 40, 50, 70, 90):
        for length in (60, 200):
            s = preprocess(draw_strokes(nondigits.line(angle, length), 20)).shape
            print(f"line {angle} deg {length} px: elongation {s.elongation:.3f} tilt {s.tilt:.1f} -> {verdict(s)}")
    for seed in range(4):
        for pen in (8, 20, 30):
            s = preprocess(draw_strokes(nondigits.scribble(seed), pen)).shape
            print(f"scribble {seed} pen {pen}: length/side {s.length / s.side:.2f} -> {verdict(s)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
