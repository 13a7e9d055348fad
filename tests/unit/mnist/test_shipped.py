"""The shipped recipe (issue 24): one command per model from scratch, chosen on a validation split, tested once."""

from __future__ import annotations

import hashlib
import re

import pytest
import torch

from dsconv import train as train_cli
from dsconv.handwriting.pendigits import load_pendigits
from dsconv.mnist.card import read_card, schema_problems
from dsconv.mnist.data import load_mnist
from dsconv.mnist.shipped import SHIPPED
from dsconv.mnist.splits import MNIST_VAL, VAL_WRITERS, make_validation, pen_training, split_mnist, split_writers
from dsconv.datadirs import ASSETS_DIR
from dsconv.mnist.weights import read_state_dict

DRAW_MODELS = ("seed_dsconv", "seed_standard", "dsconv_plus")


def _shipped(tmp_path, mnist_dir, pendigits_dir, out: str) -> list[str]:
    return ["--recipe", "shipped", "--model", "seed_dsconv", "--subset", "256", "--epochs", "2", "--device", "cpu",
            "--threads", "1", "--data", str(mnist_dir), "--pendigits-dir", str(pendigits_dir),
            "--out", str(tmp_path / out)]


@pytest.mark.mnist
@pytest.mark.slow
def test_shipped_command_is_deterministic_and_writes_a_card_entry_of_the_schema(tmp_path, mnist_dir, pendigits_dir, capsys):
    assert train_cli.main(_shipped(tmp_path, mnist_dir, pendigits_dir, "a")) == 0
    assert train_cli.main(_shipped(tmp_path, mnist_dir, pendigits_dir, "b")) == 0
    out = capsys.readouterr().out
    assert "kept " in out and "read once" in out
    a, b = read_state_dict(tmp_path / "a" / "seed_dsconv.pt"), read_state_dict(tmp_path / "b" / "seed_dsconv.pt")
    assert a.keys() == b.keys()
    for key in a:  # same seed, same device: the same weights, bit for bit
        assert torch.equal(a[key], b[key]), key
    entry = read_card(tmp_path / "a")["seed_dsconv"]
    assert schema_problems(entry) == []
    assert entry["from_scratch"] is True and entry["recipe"]["name"] == "shipped" and entry["epochs"] == 2
    assert entry["command"].startswith("python -m dsconv.train --recipe shipped --model seed_dsconv")
    assert entry["selected"] in {c["label"] for c in entry["candidates"]}
    chosen = next(c for c in entry["candidates"] if c["label"] == entry["selected"])
    assert chosen["score"] == max(c["score"] for c in entry["candidates"])  # chosen on validation
    assert entry["validation"]["pen_writers"] == list(VAL_WRITERS)
    assert all("val_acc" in h and "test_acc" in h for h in entry["history"])
    assert entry["test_images"] == 256 and entry["train_images"] == 512  # 256 MNIST + 256 pen-digit renders


def test_schema_names_what_is_missing():
    assert "validation: missing" in schema_problems({"from_scratch": True})
    assert any(p.startswith("epochs: str") for p in schema_problems({"epochs": "3"}))


def test_shipped_recipe_refuses_init_and_unknown_models(tmp_path, capsys):
    assert train_cli.main(["--recipe", "shipped", "--model", "seed_dsconv", "--init", "x.pt", "--data", str(tmp_path)]) == 2
    assert "--init" in capsys.readouterr().err


def test_config_fields_are_the_command_line_options():
    import dataclasses

    from dsconv.mnist.training import TrainConfig

    args = train_cli.parse_args(["--epochs", "5", "--no-augment", "--milestones", "0.9,0.95", "--threads", "2"])
    config = train_cli.config_from(args, TrainConfig())
    assert (config.epochs, config.augment, config.milestones, config.threads) == (5, False, (0.9, 0.95), 2)
    assert train_cli.config_from(train_cli.parse_args([]), SHIPPED["dsconv_plus"]) == SHIPPED["dsconv_plus"]
    for f in dataclasses.fields(TrainConfig):
        assert hasattr(args, f.name), f"TrainConfig.{f.name} has no --{f.name.replace('_', '-')} option"


@pytest.mark.mnist
def test_validation_split_never_overlaps_the_training_or_the_test_set(mnist_dir, pendigits_dir):
    data = load_mnist(mnist_dir)
    train, val_images, _ = split_mnist(data)
    assert len(val_images) == MNIST_VAL and len(train.train_images) + MNIST_VAL == len(data.train_images)
    assert torch.equal(val_images, data.train_images[-MNIST_VAL:])  # held out from the training file only

    def digests(images: torch.Tensor) -> set[str]:
        return {hashlib.sha1(im.numpy().tobytes()).hexdigest() for im in images}

    val = digests(val_images)
    assert not val & digests(train.train_images)
    assert not val & digests(data.test_images)
    # pen digits: validation writers are whole training writers, never in the training renders; test writers are
    # another file (other people)
    digits = load_pendigits(pendigits_dir, "train")
    kept, held = split_writers(digits)
    assert {d.writer for d in held} == set(VAL_WRITERS) and not {d.writer for d in kept} & set(VAL_WRITERS)
    images, labels = pen_training(pendigits_dir, 1, 0, limit=300)  # the renders come from the kept writers, in order
    assert len(images) == 300 and torch.equal(labels, torch.tensor([d.label for d in kept[:300]]))
    test_strokes = {tuple(map(bytes, (s.tobytes() for s in d.strokes))) for d in load_pendigits(pendigits_dir, "test")}
    assert not any(tuple(map(bytes, (s.tobytes() for s in d.strokes))) in test_strokes for d in held)
    _, validation = make_validation(data, pendigits_dir, limit=50)
    assert len(validation.images) == 50 and all(len(s.labels) == 50 for s in validation.pen)


TEMPORARY = re.compile(r"(^|\s)(/tmp|/var/tmp|/dev/shm)/|\s--init\b")


def test_the_card_commands_are_one_command_per_model_without_temporary_paths():
    card = read_card(ASSETS_DIR)
    for name in DRAW_MODELS:
        entry = card[name]
        for key in ("command", "pen_command"):
            command = entry.get(key, "")
            assert not TEMPORARY.search(command), f"{name}.{key}: {command}"
            assert not any(word.startswith("/") for word in command.split()), f"{name}.{key} has an absolute path"
        assert entry["command"].startswith(f"python -m dsconv.train --recipe shipped --model {name}")
        assert entry["from_scratch"] and schema_problems(entry) == [], schema_problems(entry)
        assert entry["recipe"]["epochs"] == entry["epochs"] == len(entry["history"])
    for entry in card.values():  # the book's runs too: no scratch folders, no chains
        assert not TEMPORARY.search(entry.get("command", "")), entry["command"]
