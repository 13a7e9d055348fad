"""Evaluate shipped weights: on the real 10,000-image MNIST test set, or on pen digits of unseen writers.

``python -m dsconv.evaluate --weights assets/seed_dsconv.pt --data DIR``: per-class accuracy and the
confusion matrix; the last line is ``accuracy: 0.XXXX``.

``python -m dsconv.evaluate --pendigits DIR``: every model of ``assets/models.json`` on the 14 test
writers of the UCI pen digits, replayed with the Draw page's brush through its preprocessing: accuracy
at the default pen (20 px, digit 200 px tall), over the grid pen 8-30 px x digit 110-200 px, per class
and the top confusions. ``--update-card`` writes the figures into ``models.json`` and ``MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dsconv.mnist.data import DEFAULT_DIR, MnistError, ensure_mnist, load_mnist
from dsconv.mnist.models import MODEL_NAMES
from dsconv.datadirs import ASSETS_DIR
from dsconv.handwriting.dataset import CACHE_DIR
from dsconv.mnist.card import CARD_NAME, update_card
from dsconv.mnist.training import EvalResult, evaluate, pick_device, to_input
from dsconv.mnist.weights import WeightsError, load_weights


PEN_CELL_CACHE = CACHE_DIR / "pen_cells"  # rendered test-writer inputs per (pen, size): the render is the slow part


def format_report(result: EvalResult) -> str:
    """Per-class accuracy, the confusion matrix (rows: true digit) and the final ``accuracy:`` line."""
    lines = ["digit  accuracy  count"]
    counts = result.confusion.sum(dim=1).tolist()
    for digit, (acc, count) in enumerate(zip(result.per_class(), counts)):
        lines.append(f"{digit:>5}  {acc:8.4f}  {count:5d}")
    lines.append("")
    lines.append("confusion matrix (rows: true digit, columns: predicted)")
    lines.append("      " + "".join(f"{d:>6}" for d in range(10)))
    for digit, row in enumerate(result.confusion.tolist()):
        lines.append(f"{digit:>5} " + "".join(f"{v:>6}" for v in row))
    lines.append("")
    lines.append(f"accuracy: {result.accuracy:.4f}")
    return "\n".join(lines)


def parse_ints(text: str) -> list[int]:
    """``"8,14,20"`` or ``"1-3,7"`` -> a list of ints."""
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-", 1)
            out.extend(range(int(lo), int(hi) + 1))
        elif part:
            out.append(int(part))
    return out


def pen_report(name: str, cells, pens: list[int], sizes: list[int], n: int) -> tuple[str, dict]:
    """The text report of one model over the grid, and its model-card figures."""
    from dsconv.handwriting.evaluation import DEFAULT_CELL, per_class, top_confusions

    by_cell = {(c.pen, c.size): c for c in cells}
    default = by_cell.get(DEFAULT_CELL)
    worst = min(cells, key=lambda c: c.accuracy)
    total = sum((c.confusion for c in cells), start=cells[0].confusion * 0)
    lines = [f"== {name}: {n:,} pen digits of the test writers"]
    if default is not None:
        lines.append(f"default pen ({DEFAULT_CELL[0]} px, digit {DEFAULT_CELL[1]} px): {default.accuracy:.4f}")
    lines.append("grid (rows: pen px, columns: digit px)")
    lines.append("  pen " + "".join(f"{s:>8}" for s in sizes))
    for p in pens:
        lines.append(f"{p:>5} " + "".join(f"{by_cell[(p, s)].accuracy:8.4f}" for s in sizes))
    lines.append(f"worst cell: pen {worst.pen} px, digit {worst.size} px: {worst.accuracy:.4f}")
    if default is not None and default.writers:
        lines.append("per writer at the default pen: "
                     + " ".join(f"{w}:{a:.3f}" for w, a in sorted(default.writers.items())))
    lines.append("per class over the grid: " + " ".join(f"{d}:{a:.3f}" for d, a in enumerate(per_class(total))))
    lines.append("top confusions over the grid (true -> predicted: count): "
                 + ", ".join(f"{t}->{p}: {c}" for t, p, c in top_confusions(total)))
    figures = {
        "pen_accuracy": round(default.accuracy, 4) if default is not None else None,
        "pen_worst_cell": {"pen": worst.pen, "size": worst.size, "accuracy": round(worst.accuracy, 4)},
        "pen_mean_grid": round(sum(c.accuracy for c in cells) / len(cells), 4),
        "pen_digits": n,
        "pen_grid": {"pens": pens, "sizes": sizes},
    }
    if default is not None and default.writers:
        low = min(default.writers, key=default.writers.get)
        figures["pen_worst_writer"] = {"writer": low, "accuracy": round(default.writers[low], 4)}
    return "\n".join(lines), figures


def pendigits_main(args: argparse.Namespace) -> int:
    """Evaluate models on the pen-digit test writers; print per-model reports, optionally update the card."""
    from dsconv.handwriting.evaluation import evaluate_grid
    from dsconv.handwriting.pendigits import PenDigitsError, load_pendigits

    assets = Path(args.assets)
    try:
        names = [args.model] if args.model else [m["name"] for m in json.loads((assets / CARD_NAME).read_text())["models"] if m["name"] in MODEL_NAMES]
        models = {n: load_weights(args.weights if args.weights else n, assets, model=n) for n in names}
        digits = load_pendigits(args.pendigits, "test")
    except (WeightsError, PenDigitsError, OSError, KeyError, json.JSONDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.writers:
        keep = set(parse_ints(args.writers))
        digits = [d for d in digits if d.writer in keep]
    pens, sizes = parse_ints(args.pens), parse_ints(args.sizes)
    t0 = time.perf_counter()

    def progress(k: int, total: int, pen: int, size: int) -> None:
        print(f"\rcell {k}/{total} (pen {pen}, size {size})  {time.perf_counter() - t0:6.1f} s", end="", file=sys.stderr)

    grid = evaluate_grid(models, digits, pens, sizes, progress, None if args.no_cache else Path(args.cache))
    print(file=sys.stderr)
    card = {}
    if args.update_card:
        card = {m["name"]: m for m in json.loads((assets / CARD_NAME).read_text())["models"]}
    for name, cells in grid.items():
        text, figures = pen_report(name, cells, pens, sizes, len(digits))
        print(text)
        if name in card:
            card[name].update(figures)
            card[name]["pen_command"] = "python -m dsconv.evaluate " + " ".join(args.argv)
            update_card(assets / CARD_NAME, card[name])
    return 0


def main(argv: list[str] | None = None) -> int:
    """Load weights (architecture from the file name or --model), evaluate, print the report."""
    ap = argparse.ArgumentParser(prog="python -m dsconv.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--weights", default=None, help="a .pt state_dict, e.g. assets/seed_dsconv.pt")
    ap.add_argument("--model", choices=MODEL_NAMES, default=None, help="architecture (default: from the file name)")
    ap.add_argument("--data", default=str(DEFAULT_DIR), help="directory with the four MNIST .gz files")
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    ap.add_argument("--pendigits", default=None, help="directory with pendigits-orig.tes.gz: evaluate on pen digits")
    ap.add_argument("--assets", default=str(ASSETS_DIR), help="models.json and weights (with --pendigits)")
    ap.add_argument("--writers", default=None, help="test writers to use, e.g. 1-3 (default: all 14)")
    ap.add_argument("--pens", default="8,14,20,30", help="pen widths of the grid (px)")
    ap.add_argument("--sizes", default="110,140,170,200", help="digit heights of the grid (px)")
    ap.add_argument("--cache", default=str(PEN_CELL_CACHE),
                    help="keep the rendered inputs of each cell here (float16) for reruns (default: %(default)s)")
    ap.add_argument("--no-cache", action="store_true", help="render every cell again")
    ap.add_argument("--update-card", action="store_true", help="write the pen-digit figures into models.json")
    args = ap.parse_args(argv)
    args.argv = list(argv if argv is not None else sys.argv[1:])
    if args.pendigits:
        return pendigits_main(args)
    if not args.weights:
        print("error: give --weights (MNIST) or --pendigits DIR", file=sys.stderr)
        return 2
    try:
        model = load_weights(args.weights, model=args.model)
        data = load_mnist(ensure_mnist(args.data))
        device = pick_device(args.device)
    except (WeightsError, MnistError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    model.to(device)
    result = evaluate(model, to_input(data.test_images).to(device), data.test_labels.to(device))
    print(f"{args.weights}: {len(data.test_images):,} test images, device {device.type}")
    print(format_report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
