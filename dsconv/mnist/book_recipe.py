"""The seed book's own MNIST training loop, as printed (sections 5.2.3 and 5.3.4).

The book trains with plain SGD (lr=1e-4, no momentum, no schedule, no weight decay), batches of 128 taken in
file order (no shuffling; the last partial batch is dropped: ``len(x_train) // 128`` steps), 42 epochs for the
standard net and 63 for the DS-dilated net, and prints an "accuracy" computed on the last batch of each epoch
only. :func:`fit_book` runs that loop, as a configuration of the one loop :func:`dsconv.mnist.training.fit`, on the app's models (normalised input, as every app model) and
also measures what the book does not: the accuracy over the whole epoch and on the 10,000 test images.
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, replace
from typing import Callable

import torch
from torch import nn

from dsconv.mnist.card import CARD_NAME, card_entry, read_card, update_card
from dsconv.mnist.data import Mnist
from dsconv.mnist.training import EpochStats, FitResult, Progress, TrainConfig, fit

BOOK_EPOCHS: dict[str, int] = {"seed_standard": 42, "seed_dsconv": 63}  # range(42) in 5.2.3, range(63) in 5.3.4
BOOK_SUFFIX = "_book"  # model-card name of a book-recipe run: seed_standard_book, seed_dsconv_book


@dataclass(frozen=True)
class BookRecipe:
    """The printed recipe; ``subset``/``test_limit``/``threads`` only shorten or place a run."""

    epochs: int = 42
    batch_size: int = 128
    lr: float = 1e-4
    optimizer: str = "sgd (no momentum)"
    shuffle: bool = False
    drop_last: bool = True
    augment: bool = False
    accuracy: str = "last batch"
    subset: int | None = None
    test_limit: int | None = None
    seed: int = 0
    device: str = "auto"
    threads: int | None = None
    progress_every: int = 10

    def validate(self) -> None:
        """Raise ValueError naming the broken rule."""
        if self.epochs < 1:
            raise ValueError(f"epochs must be >= 1 (got {self.epochs})")
        if self.subset is not None and self.subset < self.batch_size:
            raise ValueError(f"subset must be >= batch_size {self.batch_size} (got {self.subset})")

    def train_config(self) -> TrainConfig:
        """The book's loop as a configuration of :func:`fit`: plain SGD at a constant rate, no weight decay, no
        shuffling, the last partial batch dropped, no augmentation, no weight averaging."""
        return TrainConfig(epochs=self.epochs, batch_size=self.batch_size, lr=self.lr, weight_decay=0.0,
                           optimizer="sgd", momentum=0.0, schedule="constant", shuffle=self.shuffle,
                           drop_last=self.drop_last, augment=self.augment, subset=self.subset,
                           test_limit=self.test_limit, seed=self.seed, device=self.device, threads=self.threads,
                           progress_every=self.progress_every, ema=0.0)

    def card(self) -> dict:
        """The recipe as recorded in ``models.json`` (``name: book`` marks a book-recipe run)."""
        skip = ("progress_every", "test_limit")
        return {"name": "book"} | {k: v for k, v in asdict(self).items() if k not in skip}


@dataclass(frozen=True)
class BookEpoch:
    """One epoch: the book's printout (mean batch loss, last-batch accuracy) and what it leaves out."""

    stats: EpochStats  # loss = mean batch loss; train_acc = over the whole epoch; test on the test set
    last_batch_acc: float  # the book's "accuracy": 128 images, the last batch of the epoch


def book_config_for(model_name: str, **overrides) -> BookRecipe:
    """The recipe with the book's epoch count for ``seed_standard`` / ``seed_dsconv``."""
    return BookRecipe(epochs=BOOK_EPOCHS.get(model_name, 42), **overrides)


def fit_book(
    model: nn.Module,
    recipe: BookRecipe,
    data: Mnist,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[FitResult, list[BookEpoch]]:
    """Train ``model`` with the book's loop (:func:`fit` configured by :meth:`BookRecipe.train_config`); returns the
    usual :class:`FitResult` and the book's per-epoch view."""
    recipe.validate()
    result = fit(model, recipe.train_config(), data, on_progress=on_progress, should_stop=should_stop)
    history = [BookEpoch(h, h.last_batch_acc or 0.0) for h in result.history]
    return replace(result, time_to_target=None, time_to={}), history  # the book never tests during training


def book_card_entry(entry: dict, recipe: BookRecipe, history: list[BookEpoch]) -> dict:
    """A ``models.json`` record made by :func:`dsconv.mnist.training.card_entry`, with the book's recipe and printout."""
    entry = dict(entry)
    entry["recipe"] = recipe.card()
    entry["architecture"] = entry["name"].removesuffix(BOOK_SUFFIX)
    entry["time_to_99_s"] = None  # the book never tests; the test curve is in history
    for row, epoch in zip(entry["history"], history):
        row["last_batch_acc"] = round(epoch.last_batch_acc, 4)
    return entry


def is_book_entry(entry: dict) -> bool:
    """Whether a model-card record is a book-recipe run."""
    recipe = entry.get("recipe")
    return isinstance(recipe, dict) and recipe.get("name") == "book"


def steps_per_epoch(n_train: int, batch_size: int = 128) -> int:
    """The book's ``len(x_train) // batch_size`` (the last partial batch is never used)."""
    return n_train // batch_size


def unused_images(n_train: int, batch_size: int = 128) -> int:
    """Training images the book's loop never sees: ``n_train - steps * batch_size`` (96 for MNIST)."""
    return n_train - steps_per_epoch(n_train, batch_size) * batch_size


__all__ = ["BOOK_EPOCHS", "BOOK_SUFFIX", "BookRecipe", "BookEpoch", "book_config_for", "fit_book",
           "book_card_entry", "is_book_entry", "steps_per_epoch", "unused_images"]


def run_cli(args, argv: list[str]) -> int:
    """``python -m dsconv.train --recipe book``: train, print the book's line per epoch, save and record.

    ``--epochs`` overrides the book's count (42 / 63) only when given; ``--subset``, ``--threads``,
    ``--device``, ``--seed``, ``--out`` and ``--no-save`` work as for the app's recipe.
    """
    from pathlib import Path

    from dsconv.mnist.data import ensure_mnist, load_mnist
    from dsconv.mnist.models import build, count_params
    from dsconv.mnist.weights import save_weights

    explicit = any(a == "--epochs" or a.startswith("--epochs=") for a in argv)
    recipe = BookRecipe(epochs=args.epochs if explicit else BOOK_EPOCHS.get(args.model, 42), subset=args.subset,
                        seed=args.seed or 0, device=args.device or "auto", threads=args.threads)
    try:
        recipe.validate()
        data = load_mnist(ensure_mnist(args.data))
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    torch.manual_seed(recipe.seed)
    model = build(args.model)
    n = recipe.subset or len(data.train_images)
    print(f"{args.model} with the book's recipe: SGD lr={recipe.lr}, batch {recipe.batch_size}, no shuffling, "
          f"{recipe.epochs} epochs, {steps_per_epoch(n)} steps per epoch ({unused_images(n)} images never used); "
          f"{count_params(model):,} params", flush=True)

    def line(p: Progress) -> None:
        if p.phase == "epoch":
            print(f"epoch {p.epoch}/{p.epochs}  train loss {p.loss:.4f}  epoch acc {p.train_acc:.4f}  "
                  f"test acc {p.test_acc:.4f}  {p.seconds:7.1f} s", flush=True)

    result, history = fit_book(model, recipe, data, on_progress=line)
    print(f"book's last-batch accuracy {history[-1].last_batch_acc:.2f}  test accuracy {result.test_accuracy:.4f}"
          f"  wall {result.seconds:.1f} s", flush=True)
    if not args.no_save:
        out = Path(args.out)
        name = args.model + BOOK_SUFFIX
        weights = save_weights(model, out / f"{name}.pt")
        command = "python -m dsconv.train " + " ".join(argv)
        entry = card_entry(name, model.cpu(), recipe.train_config(), result, weights, command)
        update_card(out / CARD_NAME, book_card_entry(entry, recipe, history))
        print(f"saved {weights} and {out / CARD_NAME}")
    return 0


def merge_book_entries(source_dir: str, target_dir: str) -> list[str]:
    """Copy the ``*_book`` weights and model-card entries of ``source_dir`` into ``target_dir``'s card.

    For runs made in another checkout: the target's other entries are kept, MODEL_CARD.md is re-rendered.
    Usage: ``python -m dsconv.mnist.book_recipe SOURCE_ASSETS TARGET_ASSETS``.
    """
    import shutil
    from pathlib import Path


    src, dst = Path(source_dir), Path(target_dir)
    merged = []
    for name, entry in read_card(src).items():
        if is_book_entry(entry):
            if (src / entry["weights"]).resolve() != (dst / entry["weights"]).resolve():
                shutil.copy2(src / entry["weights"], dst / entry["weights"])
            update_card(dst / CARD_NAME, entry)
            merged.append(name)
    return merged


if __name__ == "__main__":
    print("merged:", ", ".join(merge_book_entries(sys.argv[1], sys.argv[2])) or "nothing")
