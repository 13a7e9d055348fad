"""Shipped models read real pen digits of unseen writers, drawn with the page's brush at any pen and size.

A fixed subset (test writers 1 and 2, 500 digits) at the default pen and at the grid's four corners, so the
test stays fast; ``python -m dsconv.evaluate --pendigits DIR`` gives the full figures (model card).
Thresholds sit a little under what the full 14-writer evaluation measured, since 500 digits vary more.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from dsconv.handwriting import checks
from dsconv.handwriting.evaluation import classify, model_inputs
from dsconv.handwriting.pendigits import load_pendigits
from dsconv.mnist.weights import load_weights

from dsconv.datadirs import ASSETS_DIR as ASSETS
WRITERS = {1, 2}
CELLS = [(20, 200), (8, 110), (8, 200), (30, 110), (30, 200)]
DEFAULT_MIN = 0.975  # at 20 px / 200 px
CELL_MIN = 0.96  # every corner of pen 8-30 px x digit 110-200 px


@pytest.fixture(scope="module")
def subset(pendigits_dir):
    digits = [d for d in load_pendigits(pendigits_dir, "test") if d.writer in WRITERS]
    labels = torch.tensor([d.label for d in digits])
    return digits, labels, {cell: model_inputs(digits, *cell) for cell in CELLS}


def shipped() -> list[str]:
    from dsconv.mnist.models import MODEL_NAMES  # the app's models (the book-recipe replicas are for the lesson only)

    return [m["name"] for m in json.loads((ASSETS / "models.json").read_text())["models"] if m["name"] in MODEL_NAMES]


@pytest.mark.parametrize("name", shipped())
def test_shipped_model_reads_pen_digits_of_unseen_writers(name, subset):
    digits, labels, inputs = subset
    model = load_weights(name, ASSETS)
    accuracy = {}
    for cell, x in inputs.items():
        confusion = classify(model, x, labels)
        accuracy[cell] = float(confusion.diag().sum()) / len(digits)
    assert accuracy[(20, 200)] >= DEFAULT_MIN, accuracy
    assert min(accuracy.values()) >= CELL_MIN, accuracy


def test_no_pen_digit_of_the_subset_is_called_not_a_digit(subset, pendigits_dir):
    from dsconv.handwriting.preprocess import preprocess
    from dsconv.handwriting.render import render_digit

    digits = subset[0][::5]
    flagged = [(d.label, pen, size, preprocess(render_digit(d.strokes, pen, size)).not_digit)
               for d in digits for pen, size in ((30, 110), (8, 200))]
    assert [f for f in flagged if f[3]] == []
    assert checks.DOT_RATIO < 3.02  # the measured minimum side / pen of real digits


def test_accuracy_per_writer_counts_each_writers_digits_only():
    from dsconv.handwriting.evaluation import by_writer, confusion_of

    writers, labels, pred = torch.tensor([1, 1, 2, 13]), torch.tensor([4, 4, 7, 4]), torch.tensor([4, 6, 7, 5])
    assert by_writer(writers, pred == labels) == {1: 0.5, 2: 1.0, 13: 0.0}
    assert confusion_of(labels, pred)[4].tolist() == [0, 0, 0, 0, 1, 1, 1, 0, 0, 0]
