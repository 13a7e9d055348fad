"""How well a model reads pen digits of unseen writers, drawn with the page's brush at many pens and sizes.

Each test-writer digit is replayed on a 280 px canvas (white round-cap strokes on black, centred, the
trajectory ``size`` px tall, a ``pen`` px brush) and pushed through :func:`dsconv.handwriting.preprocess.preprocess`,
exactly as the Draw page does, then classified in batches.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from dsconv.handwriting.preprocess import preprocess
from dsconv.handwriting.pendigits import PenDigit
from dsconv.handwriting.render import DEFAULT_PEN, DEFAULT_SIZE, render_digit

GRID_PENS: tuple[int, ...] = (8, 14, 20, 30)
GRID_SIZES: tuple[int, ...] = (110, 140, 170, 200)
DEFAULT_CELL = (DEFAULT_PEN, DEFAULT_SIZE)


def model_inputs(digits: list[PenDigit], pen: float, size: float) -> torch.Tensor:
    """(N, 1, 28, 28) float inputs in [0, 1] (before normalisation) as the page computes them."""
    out = np.zeros((len(digits), 1, 28, 28), dtype=np.float32)
    for i, d in enumerate(digits):
        pre = preprocess(render_digit(d.strokes, pen, size))
        if pre.centred is not None:
            out[i, 0] = pre.centred
    return torch.from_numpy(out)


@dataclass(frozen=True)
class CellResult:
    """Accuracy and confusion matrix of one model at one (pen, size)."""

    pen: int
    size: int
    accuracy: float
    confusion: torch.Tensor  # 10 x 10, rows: true digit
    writers: dict[int, float] = field(default_factory=dict)  # accuracy per test writer


@torch.no_grad()
def predict(model: nn.Module, inputs: torch.Tensor, batch: int = 1000) -> torch.Tensor:
    """The digit ``model`` reads in each of ``inputs`` (in [0, 1])."""
    from dsconv.mnist.models import normalize

    model.eval()
    return torch.cat([model(normalize(inputs[s : s + batch])).argmax(dim=1) for s in range(0, len(inputs), batch)])


def confusion_of(labels: torch.Tensor, pred: torch.Tensor) -> torch.Tensor:
    """10x10 confusion matrix (rows: true digit)."""
    return torch.bincount(labels * 10 + pred, minlength=100).reshape(10, 10)


def classify(model: nn.Module, inputs: torch.Tensor, labels: torch.Tensor, batch: int = 1000) -> torch.Tensor:
    """The 10x10 confusion matrix of ``model`` on ``inputs`` (in [0, 1])."""
    return confusion_of(labels, predict(model, inputs, batch))


def by_writer(writers: torch.Tensor, correct: torch.Tensor) -> dict[int, float]:
    """Accuracy of each writer's digits."""
    return {int(w): float(correct[writers == w].float().mean()) for w in torch.unique(writers)}


def cached_inputs(digits: list[PenDigit], pen: float, size: float, cache: Path | None) -> torch.Tensor:
    """:func:`model_inputs`, stored in ``cache`` (float16, keyed by pen, size and the digits) when given."""
    if cache is None:
        return model_inputs(digits, pen, size)
    key = hashlib.sha1(repr([(d.writer, d.index, d.label) for d in digits]).encode()).hexdigest()[:12]
    path = Path(cache) / f"pen{pen}_size{size}_{len(digits)}_{key}.pt"
    if path.is_file():
        return torch.load(path, weights_only=True).float()
    inputs = model_inputs(digits, pen, size)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(inputs.half(), path.with_suffix(".tmp"))
    os.replace(path.with_suffix(".tmp"), path)
    return inputs


def cache_cell(job: tuple[list[PenDigit], int, int, Path]) -> tuple[int, int]:
    """Render one ``(digits, pen, size, cache)`` cell into its cache file: the unit of work of a process pool."""
    digits, pen, size, cache = job
    cached_inputs(digits, pen, size, cache)
    return pen, size


def evaluate_grid(models: dict[str, nn.Module], digits: list[PenDigit], pens=GRID_PENS, sizes=GRID_SIZES,
                  progress=None, cache: Path | None = None) -> dict[str, list[CellResult]]:
    """Every model at every (pen, size) cell; each cell is rendered once and shared by the models."""
    labels = torch.tensor([d.label for d in digits], dtype=torch.long)
    writers = torch.tensor([d.writer for d in digits], dtype=torch.long)
    results: dict[str, list[CellResult]] = {name: [] for name in models}
    cells = [(p, s) for p in pens for s in sizes]
    for k, (pen, size) in enumerate(cells):
        inputs = cached_inputs(digits, pen, size, cache)
        for name, model in models.items():
            pred = predict(model, inputs)
            confusion = confusion_of(labels, pred)
            acc = float(confusion.diag().sum()) / max(len(digits), 1)
            results[name].append(CellResult(pen, size, acc, confusion, by_writer(writers, pred == labels)))
        if progress is not None:
            progress(k + 1, len(cells), pen, size)
    return results


def per_class(confusion: torch.Tensor) -> list[float]:
    """Accuracy of each digit 0-9."""
    totals = confusion.sum(dim=1).clamp(min=1)
    return (confusion.diag().float() / totals.float()).tolist()


def top_confusions(confusion: torch.Tensor, k: int = 5) -> list[tuple[int, int, int]]:
    """The ``k`` largest off-diagonal counts as (true digit, predicted, count)."""
    off = confusion.clone()
    off.fill_diagonal_(0)
    flat = off.flatten()
    order = torch.argsort(flat, descending=True)[:k]
    return [(int(i) // 10, int(i) % 10, int(flat[i])) for i in order if int(flat[i]) > 0]
