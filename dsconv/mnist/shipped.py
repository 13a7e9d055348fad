"""The shipped recipe: each Draw model made from a random start in one run, chosen on validation, tested once.

``python -m dsconv.train --recipe shipped --model NAME`` trains on 55,000 MNIST training images plus the 26
training pen-digit writers replayed with random pens (see :mod:`dsconv.mnist.splits`), keeps an EMA of the
weights, snapshots it after every epoch and scores each snapshot (and the average of the last few) on the
validation set only. The best-scoring candidate is kept; only then are the MNIST test images read, for the
kept weights and for the curve of every snapshot (which gives the time to 99%).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable

import torch
from torch import nn

from dsconv.mnist import card as model_card
from dsconv.mnist.data import Mnist
from dsconv.mnist.models import build
from dsconv.mnist.splits import MNIST_VAL, Validation, make_validation, pen_training
from dsconv.mnist.training import EpochStats, FitResult, Progress, TrainConfig, evaluate, fit, pick_device, to_input
from dsconv.mnist.weights import average_state_dicts

_AUG = dict(max_scale=0.1, elastic=1.0, stroke=0.5, pen_digits=4, ema=0.999)
# From-scratch recipes, set before any run from the earlier fine-tuning chains (README, git history) and sized to
# what one thread of a busy shared 2-core CPU does in about an hour (load average ~9 while they ran); nothing here
# was tuned on a test set. A quieter machine or a GPU can afford more epochs (--epochs N).
SHIPPED: dict[str, TrainConfig] = {
    "seed_dsconv": TrainConfig(epochs=10, lr=4e-3, **_AUG),
    "seed_standard": TrainConfig(epochs=9, lr=4e-3, **_AUG),
    "dsconv_plus": TrainConfig(epochs=6, lr=4e-3, **_AUG),
}
AVERAGE_LAST = 3  # the average of the last this-many epoch snapshots is one more candidate


def shipped_config(name: str) -> TrainConfig:
    """The shipped recipe of ``name`` (ValueError for a model without one)."""
    if name not in SHIPPED:
        raise ValueError(f"--recipe shipped exists for {', '.join(SHIPPED)} (got {name!r})")
    return SHIPPED[name]


@dataclass(frozen=True)
class Scores:
    """A candidate's validation accuracies: MNIST, each pen-digit cell, and the score it is chosen by."""

    mnist: float
    pen_cells: tuple[float, ...]

    @property
    def pen(self) -> float:
        """Mean pen-digit validation accuracy over the cells."""
        return sum(self.pen_cells) / max(len(self.pen_cells), 1)

    @property
    def score(self) -> float:
        """The mean of MNIST and pen-digit validation accuracy: what a candidate is chosen by."""
        return (self.mnist + self.pen) / 2


@dataclass(frozen=True)
class Candidate:
    """Weights that may be kept: an epoch's snapshot or an average of snapshots."""

    label: str
    state: dict[str, torch.Tensor]
    scores: Scores


@dataclass(frozen=True)
class ShippedRun:
    """What :func:`make_shipped` returns; ``model`` holds the kept weights."""

    model: nn.Module
    config: TrainConfig
    fit: FitResult
    validation: Validation
    snapshots: list[Candidate]  # one per epoch, in order
    candidates: list[Candidate]  # what the choice was made among
    chosen: Candidate
    test_accuracy: float  # MNIST test, kept weights: read once, after the choice
    test_images: int
    epoch_test: list[float]  # MNIST test of each epoch's snapshot (recorded, never used to choose)
    train_seconds: list[float]  # cumulative training time at the end of each epoch (per-epoch MNIST validation in)
    train_images: int

    @property
    def time_to_99(self) -> float | None:
        """Training seconds until an epoch's snapshot first reached 99% on the MNIST test set."""
        return next((s for s, acc in zip(self.train_seconds, self.epoch_test) if acc >= 0.99), None)


def score(model: nn.Module, validation: Validation, device: torch.device) -> Scores:
    """Validation accuracy of ``model`` on held-out MNIST and on each pen-digit cell."""
    mnist = evaluate(model, to_input(validation.images).to(device), validation.labels.to(device)).accuracy
    cells = tuple(evaluate(model, s.inputs.to(device), s.labels.to(device)).accuracy for s in validation.pen)
    return Scores(mnist, cells)


def training_set(data: Mnist, config: TrainConfig, pendigits: str | os.PathLike | None) -> Mnist:
    """The MNIST training part (first ``subset`` images when set) plus the training writers' pen-digit renders."""
    n = min(config.subset or len(data.train_images), len(data.train_images))
    images, labels = data.train_images[:n], data.train_labels[:n]
    if config.pen_digits:
        pen_x, pen_y = pen_training(pendigits, config.pen_digits, config.seed, limit=config.subset)
        images, labels = torch.cat([images, pen_x]), torch.cat([labels, pen_y])
    return Mnist(images, labels, data.test_images, data.test_labels)


def make_shipped(name: str, config: TrainConfig, data: Mnist, pendigits: str | os.PathLike | None = None,
                 on_progress: Callable[[Progress], None] | None = None,
                 log: Callable[[str], None] = lambda _: None) -> ShippedRun:
    """Train ``name`` from a random start with ``config``, keep the candidate best on validation, then test it.

    ``config.subset`` (quick runs and tests) limits every set to its first N images/digits.
    """
    config.validate()
    if config.threads:
        torch.set_num_threads(config.threads)
    device = pick_device(config.device)
    limit = config.subset
    train_part, validation = make_validation(data, pendigits, limit)
    train = training_set(train_part, config, pendigits)
    log(f"training {len(train.train_images):,} images; validation {len(validation.images):,} MNIST + "
        f"{len(validation.pen[0].labels) if validation.pen else 0:,} pen digits of writers {list(validation.writers)}")
    torch.manual_seed(config.seed)
    model = build(name)
    snapshots: list[Candidate] = []

    def on_epoch(stats: EpochStats, kept: nn.Module) -> None:
        s = score(kept, validation, device)
        state = {k: v.detach().to("cpu", copy=True).contiguous() for k, v in kept.state_dict().items()}
        snapshots.append(Candidate(f"epoch {stats.epoch}", state, s))
        log(f"  validation: MNIST {s.mnist:.4f}, pen digits " + " ".join(f"{a:.4f}" for a in s.pen_cells)
            + f"  score {s.score:.4f}")

    # fit tests on data.test_*: give it the held-out MNIST images, so nothing in the loop reads the test set
    loop_data = Mnist(train.train_images, train.train_labels, validation.images, validation.labels)
    result = fit(model, replace(config, subset=None), loop_data, on_progress=on_progress, on_epoch=on_epoch)
    model.cpu()

    candidates = list(snapshots)
    if len(snapshots) >= 2:
        last = snapshots[-AVERAGE_LAST:]
        averaged = average_state_dicts([c.state for c in last])
        probe = build(name).to(device)
        probe.load_state_dict(averaged)
        first, final = last[0].label.split()[1], last[-1].label.split()[1]
        candidates.append(Candidate(f"average of epochs {first}-{final}", averaged, score(probe, validation, device)))
    chosen = max(candidates, key=lambda c: c.scores.score)  # validation only; ties keep the earlier candidate
    model.load_state_dict(chosen.state)
    log(f"kept {chosen.label} (validation score {chosen.scores.score:.4f})")

    # The choice is made: now, and only now, the MNIST test set.
    n_test = min(config.test_limit or limit or len(data.test_images), len(data.test_images))
    test_x, test_y = to_input(data.test_images[:n_test]).to(device), data.test_labels[:n_test].to(device)
    test_accuracy = evaluate(model.to(device), test_x, test_y).accuracy
    probe = build(name).to(device)
    epoch_test = []
    for snap in snapshots:
        probe.load_state_dict(snap.state)
        epoch_test.append(evaluate(probe, test_x, test_y).accuracy)
    model.cpu()
    elapsed, seconds = 0.0, []
    for h in result.history:
        elapsed += h.seconds
        seconds.append(elapsed)
    return ShippedRun(model, config, result, validation, snapshots, candidates, chosen, test_accuracy, n_test,
                      epoch_test, seconds, len(train.train_images))


def shipped_entry(run: ShippedRun, name: str, weights: Path, command: str, command_seconds: float) -> dict:
    """The model-card record of a shipped run: how it was made, validation and test figures."""
    entry = model_card.card_entry(name, run.model, run.config, run.fit, weights, command, run.train_images)
    v = run.validation
    reach = run.time_to_99
    entry.update(
        test_accuracy=round(run.test_accuracy, 4),
        test_images=run.test_images,
        time_to_99_s=None if reach is None else round(reach, 1),
        wall_time_s=round(run.train_seconds[-1] if run.train_seconds else run.fit.seconds, 1),
        recipe={"name": "shipped", **{k: v for k, v in asdict(run.config).items()
                                      if k not in ("progress_every", "test_limit")}, "average_last": AVERAGE_LAST},
        from_scratch=True,
        selected=run.chosen.label,
        validation={
            "mnist_images": len(v.images),
            "mnist_split": f"last {MNIST_VAL:,} of the 60,000 training images",
            "mnist_accuracy": round(run.chosen.scores.mnist, 4),
            "pen_writers": list(v.writers),
            "pen_digits": len(v.pen[0].labels) if v.pen else 0,
            "pen_cells": [{"pen": s.pen, "size": s.size, "accuracy": round(a, 4)}
                          for s, a in zip(v.pen, run.chosen.scores.pen_cells)],
            "pen_accuracy": round(run.chosen.scores.pen, 4),
            "score": round(run.chosen.scores.score, 4),
        },
        candidates=[{"label": c.label, "mnist": round(c.scores.mnist, 4), "pen": round(c.scores.pen, 4),
                     "score": round(c.scores.score, 4)} for c in run.candidates],
        command_wall_time_s=round(command_seconds, 1),
    )
    for row, snap, test in zip(entry["history"], run.snapshots, run.epoch_test):
        row["val_acc"] = round(snap.scores.mnist, 4)
        row["pen_val_acc"] = round(snap.scores.pen, 4)
        row["test_acc"] = round(test, 4)
    return entry
