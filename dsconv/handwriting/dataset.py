"""Pen digits as 28x28 training/evaluation images: replayed with the page's brush, then the page's own preprocessing.

Training variants draw each digit of the 30 training writers at a random pen width, digit size and
position, so the model learns how the canvas looks whatever pen a learner picks. Rendered sets are
cached (uint8 tensors) under ``~/.cache/dsconv`` because replaying 7,494 digits takes a few minutes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from dsconv.mnist.data import Mnist
from dsconv.handwriting.preprocess import preprocess
from dsconv.handwriting.pendigits import PenDigit, load_pendigits
from dsconv.handwriting.render import DEFAULT_CANVAS, render_digit

CACHE_DIR = Path(os.environ.get("DSCONV_CACHE", "~/.cache/dsconv")).expanduser()
PEN_RANGE = (6.0, 34.0)  # training variants: pen width (px), a little wider than the page's usual 8-30
SIZE_RANGE = (90.0, 230.0)  # digit height (px) on the 280 px canvas
MAX_OFFSET = 30.0  # px the digit's centre may move from the canvas centre


@dataclass(frozen=True)
class RenderSpec:
    """How one digit is drawn."""

    pen: float
    size: float
    centre: tuple[float, float] = (DEFAULT_CANVAS / 2, DEFAULT_CANVAS / 2)
    canvas: int = DEFAULT_CANVAS


def to_mnist_image(digit: PenDigit, spec: RenderSpec, supersample: int = 2) -> np.ndarray:
    """The 28x28 uint8 image the model gets for ``digit`` drawn as ``spec`` (zeros if nothing survives)."""
    canvas = render_digit(digit.strokes, spec.pen, spec.size, spec.canvas, spec.centre, supersample)
    pre = preprocess(canvas)
    if pre.centred is None:
        return np.zeros((28, 28), dtype=np.uint8)
    return (np.clip(pre.centred, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def random_specs(n: int, seed: int) -> list[RenderSpec]:
    """``n`` random pens, sizes and positions."""
    rng = np.random.default_rng(seed)
    pens = rng.uniform(*PEN_RANGE, n)
    sizes = rng.uniform(*SIZE_RANGE, n)
    offs = rng.uniform(-MAX_OFFSET, MAX_OFFSET, (n, 2)) + DEFAULT_CANVAS / 2
    return [RenderSpec(float(p), float(s), (float(o[0]), float(o[1]))) for p, s, o in zip(pens, sizes, offs)]


def render_set(digits: list[PenDigit], specs: list[RenderSpec], supersample: int = 2) -> tuple[torch.Tensor, torch.Tensor]:
    """uint8 images (N, 28, 28) and int64 labels for ``digits[i]`` drawn as ``specs[i]``."""
    images = np.stack([to_mnist_image(d, s, supersample) for d, s in zip(digits, specs)]) if digits else np.zeros((0, 28, 28), np.uint8)
    labels = torch.tensor([d.label for d in digits], dtype=torch.long)
    return torch.from_numpy(images), labels


def render_chunk(chunk: tuple[list[PenDigit], list[RenderSpec]]) -> tuple[torch.Tensor, torch.Tensor]:
    """:func:`render_set` of one ``(digits, specs)`` chunk: the unit of work of a process pool."""
    return render_set(*chunk)


def training_variants(directory: str | os.PathLike | None = None, variants: int = 3, seed: int = 0,
                      cache: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """Each training-writer digit drawn ``variants`` times with random pens/sizes/positions (cached)."""
    path = CACHE_DIR / f"pendigits_train_v{variants}_s{seed}.pt"
    if cache and path.is_file():
        saved = torch.load(path, weights_only=True)
        return saved["images"], saved["labels"]
    digits = load_pendigits(directory, "train")
    many = [d for _ in range(variants) for d in digits]
    images, labels = render_set(many, random_specs(len(many), seed))
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        torch.save({"images": images, "labels": labels}, tmp)
        os.replace(tmp, path)
    return images, labels


def with_pen_digits(data: Mnist, images: torch.Tensor, labels: torch.Tensor) -> Mnist:
    """MNIST with the rendered pen digits appended to its training set (the test set is untouched)."""
    return Mnist(torch.cat([data.train_images, images]), torch.cat([data.train_labels, labels]),
                 data.test_images, data.test_labels)
