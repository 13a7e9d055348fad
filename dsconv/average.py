"""Average the weights of fine-tuned checkpoints of one model (a uniform "model soup", Wortsman et al. 2022).

Two checkpoints on one fine-tuning path often sit on either side of a trade-off (here: MNIST test vs pen
digits); their plain average keeps most of both. Used once for the shipped ``dsconv_plus``:

    python -m dsconv.average --model dsconv_plus A/dsconv_plus.pt B/dsconv_plus.pt --data DIR --out OUT
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

from dsconv.mnist.models import MODEL_NAMES, build
from dsconv.mnist.weights import average_state_dicts, read_state_dict, save_weights  # noqa: F401 - kept importable here


def main(argv: list[str] | None = None) -> int:
    """Average, test on MNIST, save ``OUT/<model>.pt`` and a card entry in ``OUT/models.json``."""
    from dsconv.mnist.data import ensure_mnist, load_mnist
    from dsconv.mnist.card import update_card
    from dsconv.mnist.training import evaluate, to_input

    ap = argparse.ArgumentParser(prog="python -m dsconv.average", description=__doc__.splitlines()[0])
    ap.add_argument("weights", nargs="+", help="state_dict files of the same architecture")
    ap.add_argument("--model", choices=MODEL_NAMES, required=True)
    ap.add_argument("--data", required=True, help="directory with the four MNIST .gz files")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    model = build(args.model)
    model.load_state_dict(average_state_dicts([read_state_dict(Path(p)) for p in args.weights]))
    mnist = load_mnist(ensure_mnist(args.data))
    accuracy = evaluate(model.eval(), to_input(mnist.test_images), mnist.test_labels).accuracy
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = save_weights(model, out / f"{args.model}.pt")
    last_card = Path(args.weights[-1]).with_name("models.json")  # the last checkpoint's own entry, if written
    entry = next((m for m in json.loads(last_card.read_text())["models"] if m["name"] == args.model), {}) \
        if last_card.is_file() else {"name": args.model}
    entry.update(weights=path.name, bytes=path.stat().st_size, test_accuracy=round(accuracy, 4), time_to_99_s=None,
                 command="python -m dsconv.average " + " ".join(sys.argv[1:] if argv is None else argv),
                 recipe={**entry.get("recipe", {}), "name": "average", "of": list(args.weights)})
    update_card(out / "models.json", entry)
    print(f"{args.model}: average of {len(args.weights)} checkpoints, MNIST test accuracy {accuracy:.4f}; saved {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
