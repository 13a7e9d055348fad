"""``python -m dsconv.train``: train one model on MNIST, save its weights and record it in the model card.

The loop itself is :func:`dsconv.mnist.training.fit`; ``--recipe book`` runs the seed book's configuration of it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dsconv.datadirs import ASSETS_DIR
from dsconv.handwriting.dataset import training_variants, with_pen_digits
from dsconv.mnist import book_recipe, training
from dsconv.mnist.data import DEFAULT_DIR, ensure_mnist, load_mnist
from dsconv.mnist.models import MODEL_NAMES, build, count_params
from dsconv.mnist.training import (
    CARD_NAME, TextBar, TrainConfig, card_entry, device_name, fit, model_macs, pick_device, update_card,
)
from dsconv.mnist.weights import WeightsError, read_state_dict, save_weights


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of ``python -m dsconv.train``."""
    d = TrainConfig()
    ap = argparse.ArgumentParser(prog="python -m dsconv.train", description=training.__doc__.splitlines()[0])
    ap.add_argument("--model", choices=MODEL_NAMES, default="seed_dsconv")
    ap.add_argument("--epochs", type=int, default=d.epochs)
    ap.add_argument("--batch-size", type=int, default=d.batch_size)
    ap.add_argument("--lr", type=float, default=d.lr, help="peak learning rate of the one-cycle schedule")
    ap.add_argument("--weight-decay", type=float, default=d.weight_decay)
    ap.add_argument("--optimizer", choices=("adamw", "sgd"), default=d.optimizer)
    ap.add_argument("--no-augment", action="store_true", help="train without random shifts/rotations")
    ap.add_argument("--max-scale", type=float, default=d.max_scale, help="random zoom by up to this fraction")
    ap.add_argument("--elastic", type=float, default=d.elastic, help="elastic distortion in px (0: off)")
    ap.add_argument("--stroke", type=float, default=d.stroke, help="probability of a stroke-width change")
    ap.add_argument("--pen-digits", type=int, default=d.pen_digits,
                    help="add N renders of each pen-digit training-writer digit (random pen, size, position)")
    ap.add_argument("--init", default=None, help="start from these weights (fine-tune) instead of a fresh model")
    ap.add_argument("--pendigits-dir", default=None, help="directory with pendigits-orig.tra.gz (default: searched)")
    ap.add_argument("--data", default=str(DEFAULT_DIR), help="directory with the four MNIST .gz files")
    ap.add_argument("--out", default=str(ASSETS_DIR), help="directory for <model>.pt and models.json")
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--subset", type=int, default=None, help="train on the first N images only")
    ap.add_argument("--eval-every", type=int, default=0, help="also test every N steps (finer time-to-99%%)")
    ap.add_argument("--threads", type=int, default=None, help="CPU threads (default: torch's choice)")
    ap.add_argument("--ema", type=float, default=d.ema, help="keep an EMA of the weights with this decay (0: off)")
    ap.add_argument("--no-save", action="store_true", help="do not write weights or models.json")
    ap.add_argument("--recipe", choices=("app", "book"), default="app",
                    help="book: the seed book's loop as printed (SGD lr=1e-4, no shuffling, 42/63 epochs); "
                         "saved as <model>_book (see dsconv.mnist.book_recipe)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Train one model, print a line per epoch, save ``<out>/<model>.pt`` and update ``<out>/models.json``."""
    args = parse_args(argv)
    if args.recipe == "book":
        return book_recipe.run_cli(args, argv if argv is not None else sys.argv[1:])
    config = TrainConfig(
        epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, weight_decay=args.weight_decay,
        optimizer=args.optimizer, augment=not args.no_augment, subset=args.subset, seed=args.seed,
        max_scale=args.max_scale, elastic=args.elastic, stroke=args.stroke, pen_digits=args.pen_digits,
        device=args.device, eval_every=args.eval_every, threads=args.threads, ema=args.ema,
    )
    try:
        config.validate()
        data = load_mnist(ensure_mnist(args.data))
        if config.pen_digits:
            data = with_pen_digits(data, *training_variants(args.pendigits_dir, config.pen_digits, config.seed))
        device = pick_device(config.device)
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    model = build(args.model)
    if args.init:
        try:
            model.load_state_dict(read_state_dict(Path(args.init)))
        except (WeightsError, RuntimeError) as exc:
            print(f"error: --init {args.init}: {exc}", file=sys.stderr)
            return 2
        print(f"starting from {args.init}", flush=True)
    print(f"{args.model}: {count_params(model):,} params, {model_macs(model):,} MACs; "
          f"{config.subset or len(data.train_images):,} training images; device {device_name(device)}", flush=True)
    result = fit(model, config, data, on_progress=TextBar())
    reach = f"{result.time_to_target:.1f} s" if result.time_to_target is not None else "not reached"
    print(f"test accuracy {result.test_accuracy:.4f}  wall {result.seconds:.1f} s  time to "
          f"{config.target:.0%}: {reach}", flush=True)
    if not args.no_save:
        out = Path(args.out)
        weights = save_weights(model, out / f"{args.model}.pt")
        command = "python -m dsconv.train " + " ".join(argv if argv is not None else sys.argv[1:])
        used = min(config.subset or len(data.train_images), len(data.train_images))
        entry = card_entry(args.model, model.cpu(), config, result, weights, command, used)
        update_card(out / CARD_NAME, entry)
        print(f"saved {weights} ({weights.stat().st_size:,} bytes) and {out / CARD_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
