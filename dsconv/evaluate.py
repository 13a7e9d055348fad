"""Evaluate shipped weights on the real 10,000-image MNIST test set: per-class accuracy and confusion matrix.

``python -m dsconv.evaluate --weights assets/seed_dsconv.pt --data DIR``; the last line is ``accuracy: 0.XXXX``.
"""

from __future__ import annotations

import argparse
import sys

from dsconv.data import DEFAULT_DIR, MnistError, ensure_mnist, load_mnist
from dsconv.models import MODEL_NAMES
from dsconv.train import EvalResult, evaluate, pick_device, to_input
from dsconv.weights import WeightsError, load_weights


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


def main(argv: list[str] | None = None) -> int:
    """Load weights (architecture from the file name or --model), evaluate, print the report."""
    ap = argparse.ArgumentParser(prog="python -m dsconv.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("--weights", required=True, help="a .pt state_dict, e.g. assets/seed_dsconv.pt")
    ap.add_argument("--model", choices=MODEL_NAMES, default=None, help="architecture (default: from the file name)")
    ap.add_argument("--data", default=str(DEFAULT_DIR), help="directory with the four MNIST .gz files")
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    args = ap.parse_args(argv)
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
