"""The validation split: held out from the training data only, so every choice is made without the test sets.

MNIST: the last 5,000 of the 60,000 training images are validation, the first 55,000 train. Pen digits: four
whole training writers (27-30 of the 30) are validation, so validation also measures writers the model never
saw; the other 26 train. The test sets (MNIST's 10,000, the 14 pen-digit test writers) are other files and
are read only after the model is chosen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch

from dsconv.handwriting.dataset import random_specs, render_set, training_variants
from dsconv.handwriting.evaluation import model_inputs
from dsconv.handwriting.pendigits import PenDigit, load_pendigits
from dsconv.handwriting.render import DEFAULT_PEN, DEFAULT_SIZE
from dsconv.mnist.data import Mnist

MNIST_VAL = 5_000  # the last MNIST training images, held out
VAL_WRITERS: tuple[int, ...] = (27, 28, 29, 30)  # pen-digit training writers held out (numbered 1-30 in their file)
# Validation cells (pen px, digit px): the page's default and the two small-digit corners of the test grid.
VAL_CELLS: tuple[tuple[int, int], ...] = ((DEFAULT_PEN, DEFAULT_SIZE), (8, 110), (30, 110))


@dataclass(frozen=True)
class PenSet:
    """Pen digits drawn at one (pen, size) through the Draw page's preprocessing: inputs in [0, 1] and labels."""

    pen: int
    size: int
    inputs: torch.Tensor  # (N, 1, 28, 28) float
    labels: torch.Tensor  # (N,) int64


@dataclass(frozen=True)
class Validation:
    """What every choice is made on: held-out MNIST training images and held-out pen-digit writers."""

    images: torch.Tensor  # uint8 (N, 28, 28)
    labels: torch.Tensor
    pen: tuple[PenSet, ...]
    writers: tuple[int, ...]


def split_mnist(data: Mnist, val: int = MNIST_VAL) -> tuple[Mnist, torch.Tensor, torch.Tensor]:
    """(training part with the test set as given, validation images, validation labels): the last ``val`` training
    images are held out."""
    n = len(data.train_images) - val
    if n < 1:
        raise ValueError(f"the validation split ({val:,}) must leave training images (have {len(data.train_images):,})")
    train = Mnist(data.train_images[:n], data.train_labels[:n], data.test_images, data.test_labels)
    return train, data.train_images[n:], data.train_labels[n:]


def split_writers(digits: list[PenDigit], writers: tuple[int, ...] = VAL_WRITERS) -> tuple[list[PenDigit], list[PenDigit]]:
    """(training writers' digits, validation writers' digits) of the pen-digit training file."""
    held = set(writers)
    return [d for d in digits if d.writer not in held], [d for d in digits if d.writer in held]


def pen_training(directory: str | os.PathLike | None, variants: int, seed: int, limit: int | None = None,
                 writers: tuple[int, ...] = VAL_WRITERS) -> tuple[torch.Tensor, torch.Tensor]:
    """Each training-writer digit drawn ``variants`` times at random pens/sizes/positions, validation writers left
    out. The full set comes from the shared render cache; ``limit`` (quick runs) renders the first digits only."""
    digits = load_pendigits(directory, "train")
    if limit is not None:
        kept, _ = split_writers(digits, writers)
        many = [d for _ in range(variants) for d in kept][:limit]
        return render_set(many, random_specs(len(many), seed))
    images, labels = training_variants(directory, variants, seed)
    writer_of = torch.tensor([d.writer for d in digits] * variants)  # the cache lists the file `variants` times
    keep = ~torch.isin(writer_of, torch.tensor(writers))
    return images[keep], labels[keep]


def pen_validation(directory: str | os.PathLike | None, cells: tuple[tuple[int, int], ...] = VAL_CELLS,
                   limit: int | None = None, writers: tuple[int, ...] = VAL_WRITERS) -> tuple[PenSet, ...]:
    """The validation writers' digits at each cell, through the Draw page's preprocessing."""
    _, held = split_writers(load_pendigits(directory, "train"), writers)
    held = held[:limit] if limit is not None else held
    labels = torch.tensor([d.label for d in held], dtype=torch.long)
    return tuple(PenSet(pen, size, model_inputs(held, pen, size), labels) for pen, size in cells)


def make_validation(data: Mnist, pendigits: str | os.PathLike | None, limit: int | None = None,
                    cells: tuple[tuple[int, int], ...] = VAL_CELLS) -> tuple[Mnist, Validation]:
    """(MNIST without its validation images, the validation set); ``limit`` keeps the first images/digits only."""
    train, images, labels = split_mnist(data)
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    return train, Validation(images, labels, pen_validation(pendigits, cells, limit), VAL_WRITERS)
