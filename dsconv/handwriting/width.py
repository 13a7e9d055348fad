"""Make the stroke width relative to the digit's size the same whatever pen drew it.

What the model sees depends on the ratio of pen width to digit size: a 30 px pen on a 110 px digit
becomes a fat blob in the 20x20 box, an 8 px pen on a 200 px digit a hairline. Here the digit is
binarised at a working resolution (its longer side ``WORK`` px), its stroke width is estimated as
``2 * area / perimeter`` (a long stroke of width w and length L has area wL and perimeter about 2L),
and it is dilated or eroded until that width is ``TARGET_RATIO`` of the longer side: the median of
the real MNIST training digits measured the same way (:func:`measure_mnist_ratio`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

WORK = 64  # working resolution: the digit's longer side in pixels while its width is changed
PAD = 8  # room around the digit for dilation
THRESHOLD = 0.5  # ink level that counts as stroke when binarising
# Median stroke width / longer side of the 60,000 MNIST training digits by :func:`stroke_ratio`
# (``python -m dsconv.handwriting.width --data ../shared/mnist`` prints quantiles 5/25/50/75/95%:
# 0.065 0.083 0.099 0.117 0.152).
TARGET_RATIO = 0.099


@dataclass(frozen=True)
class WidthInfo:
    """What :func:`normalise_width` found and did (widths in working-resolution pixels)."""

    width: float  # estimated stroke width before
    side: int  # the digit's longer side (working pixels)
    ratio: float  # width / side before
    steps: int  # dilations (> 0) or erosions (< 0) applied


def to_work(ink: np.ndarray, work: int = WORK, pad: int = PAD) -> np.ndarray:
    """A cropped ink image (floats in [0, 1]) scaled so its longer side is ``work`` px, binarised, padded."""
    h, w = ink.shape
    scale = work / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    img = Image.fromarray(ink.astype(np.float32), mode="F")
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    small = np.asarray(img.resize((nw, nh), resample), dtype=np.float32)
    return np.pad(small > THRESHOLD, pad)


def perimeter(binary: np.ndarray) -> int:
    """Number of pixel edges between ink and background (4-neighbour)."""
    b = np.pad(binary, 1)
    return int((b[1:, :] != b[:-1, :]).sum() + (b[:, 1:] != b[:, :-1]).sum())


def stroke_width(binary: np.ndarray) -> float:
    """Estimated stroke width in pixels: 2 * area / perimeter (0 for an empty image)."""
    p = perimeter(binary)
    return 2.0 * float(binary.sum()) / p if p else 0.0


def side_of(binary: np.ndarray) -> int:
    """The longer side of the ink's bounding box."""
    rows = np.flatnonzero(binary.any(axis=1))
    cols = np.flatnonzero(binary.any(axis=0))
    if rows.size == 0:
        return 0
    return int(max(rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1))


def stroke_ratio(binary: np.ndarray) -> float:
    """Stroke width / longer side of the ink."""
    side = side_of(binary)
    return stroke_width(binary) / side if side else 0.0


def _morph(binary: np.ndarray, grow: bool, square: bool) -> np.ndarray:
    """One dilation (grow) or erosion with a 3x3 square or a plus-shaped kernel."""
    b = np.pad(binary, 1, constant_values=not grow)
    h, w = binary.shape
    shifts = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)]
    if square:
        shifts += [(0, 0), (0, 2), (2, 0), (2, 2)]
    out = binary.copy()
    op = np.logical_or if grow else np.logical_and
    for dy, dx in shifts:
        op(out, b[dy : dy + h, dx : dx + w], out=out)
    return out


def normalise_width(binary: np.ndarray, target: float = TARGET_RATIO) -> tuple[np.ndarray, WidthInfo]:
    """Dilate or erode ``binary`` so its stroke width is ``target`` x its longer side (kernels alternate + and square)."""
    width, side = stroke_width(binary), side_of(binary)
    ratio = width / side if side else 0.0
    if side == 0:
        return binary, WidthInfo(0.0, 0, 0.0, 0)
    # Dilation also lengthens the longer side by 2 per step; solve (width + 2k) = target * (side + 2k).
    grow_k = (target * side - width) / (2 * (1 - target))
    shrink_k = (width - target * side) / (2 * (1 - target))
    steps = round(grow_k) if grow_k > 0 else -round(shrink_k)
    steps = max(steps, -max(0, int(width / 2) - 1))  # never erode a stroke away
    out = binary
    for i in range(abs(steps)):
        nxt = _morph(out, grow=steps > 0, square=i % 2 == 1)
        if steps < 0 and nxt.sum() < 0.25 * binary.sum():
            break
        out = nxt
    return out, WidthInfo(width, side, ratio, steps)


def measure_mnist_ratio(images: np.ndarray) -> np.ndarray:
    """Stroke ratio of each MNIST image (uint8 N x 28 x 28), measured through the same working resolution."""
    ratios = []
    for img in images:
        ink = img.astype(np.float32) / 255.0
        rows = np.flatnonzero((ink > 0.1).any(axis=1))
        cols = np.flatnonzero((ink > 0.1).any(axis=0))
        if rows.size == 0:
            continue
        crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        ratios.append(stroke_ratio(to_work(crop)))
    return np.asarray(ratios)


def main(argv: list[str] | None = None) -> int:
    """Print the MNIST stroke-ratio quartiles that :data:`TARGET_RATIO` comes from."""
    import argparse

    from dsconv.mnist.data import DEFAULT_DIR, load_mnist

    ap = argparse.ArgumentParser(prog="python -m dsconv.handwriting.width", description=main.__doc__)
    ap.add_argument("--data", default=str(DEFAULT_DIR))
    args = ap.parse_args(argv)
    data = load_mnist(args.data)
    r = measure_mnist_ratio(data.train_images.numpy())
    q = np.quantile(r, [0.05, 0.25, 0.5, 0.75, 0.95])
    print("MNIST training digits: stroke width / longer side, quantiles 5/25/50/75/95%: " + " ".join(f"{v:.3f}" for v in q))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
