"""Turn a drawing (an RGBA canvas, white ink on black) into a 28x28 MNIST-like input, step by step.

Follows how MNIST itself was made (LeCun, Cortes & Burges, "The MNIST database"): the digit's
bounding box is scaled to fit a 20x20 box keeping its aspect ratio (anti-aliased, so edges turn
grey), then pasted into a 28x28 field so that its centre of mass lands at the centre (index 14,
where the real MNIST test digits' mean centre of mass lies). Before that, the stroke is made as thick
relative to the digit as an MNIST stroke (:mod:`dsconv.handwriting.width`), so a thick or thin pen and a
small or large digit all give nearly the same 28x28 input. Every intermediate step is kept for display,
so learners see what the model sees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from PIL import Image

from dsconv.handwriting import checks
from dsconv.handwriting.width import WORK, WidthInfo, normalise_width, to_work
from dsconv.mnist.models import normalize

FIELD = 28  # MNIST image side
BOX = 20  # the digit is scaled to fit a BOX x BOX square
CENTRE = 14.0  # where MNIST puts the centre of mass (index coordinates)
INK_LEVEL = 0.1  # a pixel brighter than this (in [0, 1]) counts as ink for the bounding box
MIN_INK_FRACTION = 0.001  # less total ink than this fraction of the canvas area = "nothing drawn"
MAX_INK_FRACTION = 0.6  # more ink than this fraction of the canvas area = no digit shape left (a scribbled-over canvas)


@dataclass(frozen=True)
class Preprocessed:
    """Every step from canvas to model input; only ``raw`` is set when nothing was drawn."""

    raw: np.ndarray  # H x W ink intensity in [0, 1]
    ink: float  # total ink as a fraction of the canvas area
    bbox: tuple[int, int, int, int] | None = None  # top, left, bottom, right (exclusive)
    cropped: np.ndarray | None = None  # the bounding box of the ink
    boxed: np.ndarray | None = None  # cropped, scaled to fit 20x20 (aspect kept), centred in a 20x20 box
    centred: np.ndarray | None = None  # 28x28 in [0, 1], centre of mass at the centre
    shift: tuple[int, int] = (0, 0)  # rows, cols the 20x20 box moved from the geometric centre
    evened: np.ndarray | None = None  # the cropped ink binarised at working resolution, stroke width normalised
    width: WidthInfo | None = None  # the stroke width found and the dilations/erosions applied
    shape: checks.Shape | None = None  # pen-independent measures of the ink (for "that is not a digit")

    @property
    def empty(self) -> bool:
        """True when the canvas holds (almost) no ink: there is nothing to classify."""
        return self.centred is None

    @property
    def overfull(self) -> bool:
        """True when the canvas is (almost) all ink: whatever the model predicts, it is not a digit."""
        return self.ink > MAX_INK_FRACTION

    @property
    def not_digit(self) -> str | None:
        """Why the ink is not a digit ("too_little", "dot", "line", "scribble"), or None."""
        return checks.verdict(self.shape) if self.shape is not None else None

    @property
    def pen_hint(self) -> str | None:
        """"thick" / "thin" when the pen is far from what the model saw relative to the digit, else None."""
        return checks.pen_hint(self.shape) if self.shape is not None else None

    def tensor(self) -> torch.Tensor:
        """The normalised 1x1x28x28 model input, exactly as in training."""
        if self.centred is None:
            raise ValueError("nothing drawn: there is no digit to turn into a tensor")
        return normalize(torch.from_numpy(self.centred).float()).reshape(1, 1, FIELD, FIELD)


def ink_of(canvas: np.ndarray) -> np.ndarray:
    """Ink intensity in [0, 1] from an RGBA/RGB/grey uint8 canvas (mean of RGB; alpha is ignored)."""
    arr = np.asarray(canvas)
    if arr.ndim == 3 and arr.shape[2] in (3, 4) and arr.dtype == np.uint8:  # fast path: the canvas
        grey = (arr[..., 0].astype(np.uint16) + arr[..., 1] + arr[..., 2]).astype(np.float32) * np.float32(1 / 3)
    elif arr.ndim == 3 and arr.shape[2] in (3, 4):
        grey = arr[..., :3].astype(np.float32).mean(axis=2)
    elif arr.ndim == 2:
        grey = arr.astype(np.float32)
    else:
        raise ValueError(f"expected an H x W x 4 (or x 3) canvas, got shape {arr.shape}")
    scale = 255.0 if arr.dtype == np.uint8 or grey.max(initial=0.0) > 1.0 else 1.0
    return np.clip(grey / scale, 0.0, 1.0)


def bounding_box(ink: np.ndarray, level: float = INK_LEVEL) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) of pixels brighter than ``level``, or None when there are none."""
    rows = np.flatnonzero((ink > level).any(axis=1))
    cols = np.flatnonzero((ink > level).any(axis=0))
    if rows.size == 0:
        return None
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def fit_box(cropped: np.ndarray, box: int = BOX) -> np.ndarray:
    """Scale so the longer side is ``box`` pixels (aspect kept, anti-aliased) and centre in a box x box square."""
    h, w = cropped.shape
    scale = box / max(h, w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    img = Image.fromarray(cropped.astype(np.float32), mode="F")
    scaled = np.asarray(img.resize((new_w, new_h), Image.Resampling.LANCZOS), dtype=np.float32)
    out = np.zeros((box, box), dtype=np.float32)
    top, left = (box - new_h) // 2, (box - new_w) // 2
    out[top : top + new_h, left : left + new_w] = np.clip(scaled, 0.0, 1.0)
    return out


def centre_of_mass(img: np.ndarray) -> tuple[float, float]:
    """Intensity-weighted mean (row, col) in index coordinates."""
    total = float(img.sum())
    rows, cols = np.indices(img.shape)
    return float((rows * img).sum() / total), float((cols * img).sum() / total)


def paste_centred(boxed: np.ndarray, field: int = FIELD, centre: float = CENTRE) -> tuple[np.ndarray, tuple[int, int]]:
    """Paste the box into a field x field image so its centre of mass is nearest ``centre``; returns image and shift."""
    box = boxed.shape[0]
    cy, cx = centre_of_mass(boxed)
    base = (field - box) // 2
    limit = field - box - base  # keep the whole box inside the field
    dy = int(np.clip(round(centre - (base + cy)), -base, limit))
    dx = int(np.clip(round(centre - (base + cx)), -base, limit))
    out = np.zeros((field, field), dtype=np.float32)
    out[base + dy : base + dy + box, base + dx : base + dx + box] = boxed
    return out, (dy, dx)


def preprocess(canvas: np.ndarray, min_ink: float = MIN_INK_FRACTION) -> Preprocessed:
    """Canvas (H x W x 4 uint8, white ink on black) -> every MNIST preprocessing step, or an empty result."""
    raw = ink_of(canvas)
    ink = float(raw.sum()) / raw.size if raw.size else 0.0
    bbox = bounding_box(raw)
    if bbox is None or ink < min_ink:
        return Preprocessed(raw=raw, ink=ink)
    top, left, bottom, right = bbox
    cropped = raw[top:bottom, left:right]
    work = to_work(cropped)
    shape = checks.measure(work, max(cropped.shape) / WORK, min(raw.shape))
    evened, width = normalise_width(work)
    inner = bounding_box(evened.astype(np.float32))
    if inner is None:  # the ink is fainter than the binarising threshold: use it as it is
        boxed = fit_box(cropped)
    else:
        boxed = fit_box(evened[inner[0] : inner[2], inner[1] : inner[3]].astype(np.float32))
    if boxed.sum() <= 0:  # defensive: scaling wiped the ink out
        return Preprocessed(raw=raw, ink=ink)
    centred, shift = paste_centred(boxed)
    return Preprocessed(raw=raw, ink=ink, bbox=bbox, cropped=cropped, boxed=boxed, centred=centred, shift=shift,
                        evened=evened, width=width, shape=shape)
