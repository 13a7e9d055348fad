"""``python -m dsconv.train``: train one model on MNIST, save its weights and record it in the model card.

The loop itself is :func:`dsconv.mnist.training.fit`; its options are :class:`TrainConfig`'s fields. Recipes:
``app`` (the fields as given), ``shipped`` (the Draw models from scratch, chosen on validation:
:mod:`dsconv.mnist.shipped`) and ``book`` (the seed book's loop as printed: :mod:`dsconv.mnist.book_recipe`).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

from dsconv.datadirs import ASSETS_DIR
from dsconv.handwriting.dataset import training_variants, with_pen_digits
from dsconv.mnist import book_recipe, shipped, training
from dsconv.mnist.card import CARD_NAME, card_entry, update_card
from dsconv.mnist.data import DEFAULT_DIR, ensure_mnist, load_mnist
from dsconv.mnist.models import MODEL_NAMES, build, count_params
from dsconv.mnist.training import TextBar, TrainConfig, device_name, fit, model_macs, pick_device
from dsconv.mnist.weights import WeightsError, read_state_dict, save_weights

RECIPES = ("app", "shipped", "book")


def _option_type(field: dataclasses.Field):
    """The argparse ``type`` of a :class:`TrainConfig` field (its annotation is a string here)."""
    kind = str(field.type)
    if kind.startswith("tuple"):
        return lambda text: tuple(float(v) for v in text.split(","))
    return int if kind.startswith("int") else float if kind.startswith("float") else str


def add_config_options(ap: argparse.ArgumentParser) -> None:
    """One ``--field-name`` option per :class:`TrainConfig` field; unset options keep the recipe's value (None)."""
    for f in dataclasses.fields(TrainConfig):
        flag = "--" + f.name.replace("_", "-")
        help_text = f"{f.metadata.get('help', '')} (app default: {f.default})"
        if str(f.type) == "bool":
            ap.add_argument(flag, action=argparse.BooleanOptionalAction, default=None, help=help_text)
        else:
            ap.add_argument(flag, type=_option_type(f), choices=f.metadata.get("choices"), default=None,
                            help=help_text, metavar=None if f.metadata.get("choices") else f.name.upper())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of ``python -m dsconv.train``."""
    ap = argparse.ArgumentParser(prog="python -m dsconv.train", description=training.__doc__.splitlines()[0])
    ap.add_argument("--model", choices=MODEL_NAMES, default="seed_dsconv")
    ap.add_argument("--recipe", choices=RECIPES, default="app",
                    help="app: the options as given; shipped: the Draw model from scratch with its shipped recipe, "
                         "chosen on a validation split, tested once (dsconv.mnist.shipped); book: the seed book's loop "
                         "as printed (SGD lr=1e-4, no shuffling, 42/63 epochs), saved as <model>_book")
    add_config_options(ap)
    ap.add_argument("--init", default=None, help="start from these weights (fine-tune) instead of a fresh model")
    ap.add_argument("--pendigits-dir", default=None, help="directory with pendigits-orig.tra.gz (default: searched)")
    ap.add_argument("--data", default=str(DEFAULT_DIR), help="directory with the four MNIST .gz files")
    ap.add_argument("--out", default=str(ASSETS_DIR), help="directory for <model>.pt and models.json")
    ap.add_argument("--no-save", action="store_true", help="do not write weights or models.json")
    return ap.parse_args(argv)


def config_from(args: argparse.Namespace, base: TrainConfig) -> TrainConfig:
    """``base`` with every option given on the command line."""
    given = {f.name: getattr(args, f.name) for f in dataclasses.fields(TrainConfig) if getattr(args, f.name) is not None}
    return dataclasses.replace(base, **given)


def main(argv: list[str] | None = None) -> int:
    """Train one model, print a line per epoch, save ``<out>/<model>.pt`` and update ``<out>/models.json``."""
    started = time.perf_counter()
    args = parse_args(argv)
    words = list(argv if argv is not None else sys.argv[1:])
    command = "python -m dsconv.train " + " ".join(words)
    if args.recipe == "book":
        return book_recipe.run_cli(args, words)
    try:
        config = config_from(args, shipped.shipped_config(args.model) if args.recipe == "shipped" else TrainConfig())
        config.validate()
        if args.recipe == "shipped" and args.init:
            raise ValueError("--recipe shipped starts from a random model; --init is not part of it")
        data = load_mnist(ensure_mnist(args.data))
        device = pick_device(config.device)
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.recipe == "shipped":
        return run_shipped(args, config, data, device, command, started)
    if config.pen_digits:
        data = with_pen_digits(data, *training_variants(args.pendigits_dir, config.pen_digits, config.seed))
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
        used = min(config.subset or len(data.train_images), len(data.train_images))
        entry = card_entry(args.model, model.cpu(), config, result, weights, command, used)
        update_card(out / CARD_NAME, entry)
        print(f"saved {weights} ({weights.stat().st_size:,} bytes) and {out / CARD_NAME}")
    return 0


def run_shipped(args: argparse.Namespace, config: TrainConfig, data, device, command: str, started: float) -> int:
    """``--recipe shipped``: make the model from scratch, keep what validation chooses, test it once, record it."""
    from dsconv.handwriting.pendigits import PenDigitsError

    print(f"{args.model}, shipped recipe from a random start: {config.epochs} epochs, peak lr {config.lr}, "
          f"pen digits x{config.pen_digits}, EMA {config.ema}; device {device_name(device, config.threads)}", flush=True)
    try:
        run = shipped.make_shipped(args.model, config, data, args.pendigits_dir, on_progress=TextBar(label="val acc"),
                                   log=lambda line: print(line, flush=True))
    except (PenDigitsError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    reach = f"{run.time_to_99:.1f} s" if run.time_to_99 is not None else "not reached"
    print(f"kept {run.chosen.label}: validation MNIST {run.chosen.scores.mnist:.4f}, pen digits "
          f"{run.chosen.scores.pen:.4f}; MNIST test {run.test_accuracy:.4f} ({run.test_images:,} images, read once); "
          f"training {run.train_seconds[-1]:.1f} s; time to 99% (test): {reach}", flush=True)
    if not args.no_save:
        out = Path(args.out)
        weights = save_weights(run.model, out / f"{args.model}.pt")
        entry = shipped.shipped_entry(run, args.model, weights, command, time.perf_counter() - started)
        update_card(out / CARD_NAME, entry)
        print(f"saved {weights} ({weights.stat().st_size:,} bytes) and {out / CARD_NAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
