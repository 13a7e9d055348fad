"""The model card: ``assets/models.json`` (one record per shipped model) and ``MODEL_CARD.md`` rendered from it.

The one module that writes the card: ``python -m dsconv.train`` (every recipe), ``dsconv.evaluate
--update-card`` (pen-digit figures) and ``dsconv.average`` go through :func:`update_card`.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Iterator

import torch
from torch import nn

from dsconv.datadirs import assets_dir
from dsconv.mnist.models import MODEL_NAMES, count_params
from dsconv.mnist.training import FitResult, TrainConfig, model_macs

CARD_NAME = "models.json"
CARD_MD_NAME = "MODEL_CARD.md"  # the same card for people, rendered from models.json

# The card's schema: every record has these keys with these types (None allowed where listed).
ENTRY_FIELDS: dict[str, tuple[type, ...]] = {
    "name": (str,), "weights": (str,), "bytes": (int,), "params": (int,), "macs": (int,),
    "test_accuracy": (float, int), "test_images": (int,), "train_images": (int,), "epochs": (int,),
    "time_to_99_s": (float, int, type(None)), "wall_time_s": (float, int), "device": (str,), "device_name": (str,),
    "torch": (str,), "date": (str,), "recipe": (dict,), "history": (list,), "command": (str,),
}
# A record made by ``--recipe shipped`` (from scratch, chosen on validation) also has these.
SHIPPED_FIELDS: dict[str, tuple[type, ...]] = {
    "from_scratch": (bool,), "validation": (dict,), "selected": (str,), "candidates": (list,),
    "command_wall_time_s": (float, int),
}
VALIDATION_FIELDS: dict[str, tuple[type, ...]] = {
    "mnist_images": (int,), "mnist_accuracy": (float, int), "pen_writers": (list,), "pen_digits": (int,),
    "pen_cells": (list,), "pen_accuracy": (float, int), "score": (float, int),
}


def schema_problems(entry: dict) -> list[str]:
    """What in ``entry`` breaks the card's schema (missing keys, wrong types); [] when it fits."""
    def check(record: dict, spec: dict[str, tuple[type, ...]], where: str) -> list[str]:
        out = []
        for key, types in spec.items():
            if key not in record:
                out.append(f"{where}{key}: missing")
            elif not isinstance(record[key], types) or (isinstance(record[key], bool) and bool not in types):
                out.append(f"{where}{key}: {type(record[key]).__name__}, expected {'/'.join(t.__name__ for t in types)}")
        return out

    problems = check(entry, ENTRY_FIELDS, "")
    if entry.get("from_scratch") is not None or "validation" in entry:
        problems += check(entry, SHIPPED_FIELDS, "")
        if isinstance(entry.get("validation"), dict):
            problems += check(entry["validation"], VALIDATION_FIELDS, "validation.")
    return problems


def card_entry(name: str, model: nn.Sequential, config: TrainConfig, result: FitResult, weights: Path,
               command: str, train_images: int | None = None) -> dict:
    """One model-card record for ``models.json``."""
    return {
        "name": name,
        "weights": weights.name,
        "bytes": weights.stat().st_size,
        "params": count_params(model),
        "macs": model_macs(model),
        "test_accuracy": round(result.test_accuracy, 4),
        "test_images": config.test_limit or 10_000,
        "train_images": train_images or config.subset or 60_000,
        "epochs": len(result.history),
        "time_to_99_s": None if result.time_to_target is None else round(result.time_to_target, 1),
        "wall_time_s": round(result.seconds, 1),
        "device": result.device,
        "device_name": result.device_name,
        "torch": torch.__version__,
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "recipe": {k: v for k, v in asdict(config).items() if k not in ("progress_every", "test_limit")},
        "history": [
            {"epoch": h.epoch, "loss": round(h.loss, 4), "train_acc": round(h.train_acc, 4),
             "test_acc": round(h.test_acc, 4), "seconds": round(h.seconds, 1)}
            for h in result.history
        ],
        "command": command,
    }


@contextmanager
def _locked(card_path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside the card, so two runs finishing together do not drop each other's record."""
    card_path.parent.mkdir(parents=True, exist_ok=True)
    with open(card_path.with_name("." + card_path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def update_card(card_path: Path, entry: dict) -> None:
    """Replace (or add) ``entry`` by name in the JSON model card, written atomically, and re-render the Markdown."""
    card_path = Path(card_path)
    with _locked(card_path):
        models: list[dict] = []
        if card_path.is_file():
            try:
                models = json.loads(card_path.read_text()).get("models", [])
            except (json.JSONDecodeError, AttributeError):
                models = []
        models = [m for m in models if m.get("name") != entry["name"]] + [entry]
        order = {n: i for i, n in enumerate(MODEL_NAMES)}
        models.sort(key=lambda m: order.get(m["name"], len(order)))
        text = json.dumps({"models": models}, indent=2, ensure_ascii=False) + "\n"
        models = json.loads(text)["models"]  # render what the file holds (tuples become lists), as readers see it
        tmp = card_path.with_suffix(".json.tmp")
        tmp.write_text(text)
        os.replace(tmp, card_path)
        md = card_path.with_name(CARD_MD_NAME)
        tmp = md.with_suffix(".md.tmp")
        tmp.write_text(render_card(models))
        os.replace(tmp, md)


def _pct(value: float | None) -> str:
    return "?" if value is None else f"{value:.2%}"


def render_card(models: list[dict]) -> str:
    """``MODEL_CARD.md``: the models.json entries as a table, per-model recipe and learning curve."""
    lines = [
        "# Model card: MNIST digit classifiers",
        "",
        "Generated by `python -m dsconv.train` from `models.json` (do not edit by hand). Data: the real MNIST",
        "IDX files (LeCun et al.), 60,000 training and 10,000 test images; accuracy is on the full test set.",
        "Intended use: teaching (the Draw a digit page). Not for real-world handwriting recognition: MNIST",
        "digits are centred 20x20 strokes on 28x28, and drawings that differ from that are read less well.",
        "",
        "Validation (`--recipe shipped`): the last 5,000 MNIST training images and the pen-digit training writers",
        "27-30 are held out of training; every choice inside a run (which epoch's weights, or their average) is made",
        "on them. The test sets (MNIST test, the 14 pen-digit test writers) are read once, after the choice.",
        "",
        "Pen digits: the 14 test writers of the UCI pen digits (3,498 digits, people none of the training data",
        "came from), each replayed with the Draw page's brush (20 px pen, digit 200 px tall on a 280 px canvas) and",
        "pushed through the page's preprocessing; \"worst cell\" is the lowest accuracy over the pen x size grid",
        "evaluated (`python -m dsconv.evaluate --pendigits DIR`, command per model below). The device column says",
        "where each model was trained; `dsconv.train` picks CUDA at run time when there is one.",
        "",
        "| model | params | MACs | validation MNIST | validation pen digits | MNIST test | pen digits (default pen) "
        "| pen digits (worst cell) | epochs | time to 99% | wall time | device | torch | date |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]

    def cell(m: dict, key: str, fmt: str = "{}") -> str:
        return "?" if m.get(key) is None else fmt.format(m[key])

    for m in models:
        reach = "not reached" if m.get("time_to_99_s") is None else f"{m['time_to_99_s']:.1f} s"
        worst = m.get("pen_worst_cell") or {}
        worst_text = (f"{worst['accuracy']:.2%} (pen {worst['pen']} px, digit {worst['size']} px)"
                      if "accuracy" in worst else "?")
        val = m.get("validation") or {}
        val_mnist = _pct(val.get("mnist_accuracy")) if val else "-"
        val_pen = _pct(val.get("pen_accuracy")) if val else "-"
        lines.append(
            f"| {cell(m, 'name')} | {cell(m, 'params', '{:,}')} | {cell(m, 'macs', '{:,}')} | {val_mnist} | {val_pen} "
            f"| {cell(m, 'test_accuracy', '{:.2%}')} | {cell(m, 'pen_accuracy', '{:.2%}')} | {worst_text} "
            f"| {cell(m, 'epochs')} | {reach} | {cell(m, 'wall_time_s', '{:.1f} s')} "
            f"| {cell(m, 'device_name')} | {cell(m, 'torch')} | {cell(m, 'date')} |"
        )
    for m in models:
        recipe = m.get("recipe", {})
        pen = [f"Pen-digit evaluation: `{m['pen_command']}`", ""] if m.get("pen_command") else []
        low = m.get("pen_worst_writer")
        if low:  # e.g. test writer 13 writes most 4s as one curve without the upright stroke
            pen += [f"Lowest test writer at the default pen: writer {low['writer']}, {low['accuracy']:.2%}.", ""]
        made = []
        if m.get("from_scratch"):
            val = m.get("validation", {})
            cells = ", ".join(f"pen {c['pen']}/digit {c['size']}: {c['accuracy']:.2%}" for c in val.get("pen_cells", []))
            made = [f"Made from a random start in one run: {m.get('epochs')} epochs, {m.get('wall_time_s', 0):.0f} s of "
                    f"training ({m.get('command_wall_time_s', 0):.0f} s for the whole command) on {m.get('device_name')}. "
                    f"Kept: {m.get('selected')} (chosen on validation, score {val.get('score', 0):.4f}: the mean of "
                    f"MNIST validation and pen-digit validation accuracy).", "",
                    f"Validation: MNIST {_pct(val.get('mnist_accuracy'))} ({val.get('mnist_images', 0):,} held-out "
                    f"training images); pen-digit writers {val.get('pen_writers')} ({val.get('pen_digits', 0):,} digits) "
                    f"{_pct(val.get('pen_accuracy'))} ({cells}).", ""]
        lines += ["", f"## {m.get('name')}", "", f"Command: `{m.get('command', '')}`", "", *made, *pen,
                  "Recipe: " + ", ".join(f"{k}={v}" for k, v in recipe.items()), ""]
        history = m.get("history", [])
        if any("val_acc" in h for h in history):
            lines += ["| epoch | loss | train acc | validation MNIST | validation pen digits | test acc | seconds (epoch + validation) |",
                      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
            lines += [f"| {h['epoch']} | {h['loss']:.4f} | {h['train_acc']:.2%} | {_pct(h.get('val_acc'))} "
                      f"| {_pct(h.get('pen_val_acc'))} | {_pct(h.get('test_acc'))} | {h['seconds']:.1f} |" for h in history]
        else:
            lines += ["| epoch | loss | train acc | test acc | seconds (epoch + test) |", "| ---: | ---: | ---: | ---: | ---: |"]
            lines += [f"| {h['epoch']} | {h['loss']:.4f} | {h['train_acc']:.2%} | {h['test_acc']:.2%} | {h['seconds']:.1f} |"
                      for h in history]
        if any("last_batch_acc" in h for h in history):  # --recipe book: what the book prints
            lines += ["", "The book's printed \"accuracy\" (its last batch of 128 training images), per epoch: "
                      + ", ".join(f"{h['last_batch_acc']:.2%}" for h in history)]
    return "\n".join(lines) + "\n"


def is_refined(entry: dict) -> bool:
    """Whether a model-card record is the last step of a longer history (a ``--init`` fine-tune or an average):
    its epochs and times then cover that step only."""
    return "--init" in entry.get("command", "") or entry.get("recipe", {}).get("name") == "average"


def device_label(entry: dict) -> str:
    """Where a record was trained, short: the GPU's name, or "CPU (1 thread)"."""
    name = entry.get("device_name", "")
    if entry.get("device") == "cuda":
        return name or "GPU"
    threads = name.rsplit("(", 1)[-1].rstrip(")") if "(" in name else ""
    return f"CPU ({threads})" if threads else "CPU"


def how_made(entry: dict) -> tuple[str, dict]:
    """The i18n key (``train.made.*``) and its parameters saying how a record's weights were made."""
    params = {"epochs": entry.get("epochs", 0), "minutes": entry.get("wall_time_s", 0) / 60, "device": device_label(entry)}
    if is_refined(entry):
        return "train.made.refined", {}
    if entry.get("from_scratch"):
        return "train.made.scratch", params
    if entry.get("recipe", {}).get("name") == "book":
        return "train.made.book", params
    return "train.made.run", params


def validation_text(entry: dict) -> str:
    """"MNIST / pen digits" validation accuracy of a record, or a dash when it was not chosen on validation."""
    val = entry.get("validation") or {}
    if "mnist_accuracy" not in val:
        return "—"
    return f"{val['mnist_accuracy']:.2%} / {val['pen_accuracy']:.2%}"


def read_card(folder: str | os.PathLike | None = None) -> dict[str, dict]:
    """The model card entries by model name ({} when there is no card yet)."""
    path = Path(folder if folder is not None else assets_dir()) / CARD_NAME
    try:
        return {m["name"]: m for m in json.loads(path.read_text())["models"]}
    except (OSError, json.JSONDecodeError, KeyError, TypeError):
        return {}
