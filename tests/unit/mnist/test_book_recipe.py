"""The book's training loop (``--recipe book``): the same weights as a plain re-implementation of the printed loop."""

from __future__ import annotations

import json

import pytest
import torch
import torch.nn.functional as F

from dsconv import train as train_cli
from dsconv.mnist import card as train  # the card's functions moved from training to card
from dsconv.mnist.data import load_mnist
from dsconv.mnist.book_recipe import (
    BOOK_EPOCHS, BOOK_SUFFIX, BookRecipe, fit_book, is_book_entry, steps_per_epoch, unused_images,
)
from dsconv.mnist.models import build, normalize
from dsconv.datadirs import ASSETS_DIR
from dsconv.mnist.training import to_input


@pytest.fixture(scope="module")
def mnist(mnist_dir):
    return load_mnist(mnist_dir)


def test_the_books_arithmetic():
    assert steps_per_epoch(60_000) == 60_000 // 128 == 468
    assert unused_images(60_000) == 60_000 - 468 * 128 == 96
    assert BOOK_EPOCHS == {"seed_standard": 42, "seed_dsconv": 63}
    recipe = BookRecipe()
    assert (recipe.lr, recipe.batch_size, recipe.shuffle) == (1e-4, 128, False)
    with pytest.raises(ValueError, match="subset"):
        BookRecipe(subset=100).validate()


@pytest.mark.mnist
def test_fit_book_equals_the_printed_loop_written_out_in_torch(mnist):
    """Same init, same batches in file order, plain SGD 1e-4: identical weights, and the last-batch accuracy."""
    torch.set_num_threads(1)
    subset, epochs = 640, 2
    torch.manual_seed(3)
    model = build("seed_dsconv")
    reference = build("seed_dsconv")
    reference.load_state_dict(model.state_dict())
    result, history = fit_book(model, BookRecipe(epochs=epochs, subset=subset, test_limit=200, device="cpu"), mnist)

    x_train = normalize(to_input(mnist.train_images[:subset]))
    y_train = mnist.train_labels[:subset]
    optimizer = torch.optim.SGD(reference.parameters(), lr=1e-4)
    for _ in range(epochs):  # the book's loop, as printed
        for i in range(len(x_train) // 128):
            x_batch, y_batch = x_train[i * 128:(i + 1) * 128], y_train[i * 128:(i + 1) * 128]
            pred = reference(x_batch)
            loss = F.cross_entropy(pred, y_batch)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        accuracy = (pred.argmax(1) == y_batch).type(torch.float32).sum().item() / 128
    for (name, a), b in zip(model.state_dict().items(), reference.state_dict().values()):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-6, msg=name)
    assert history[-1].last_batch_acc == pytest.approx(accuracy, abs=1 / 128 + 1e-9)
    assert result.steps == epochs * (subset // 128) and len(result.history) == epochs


@pytest.mark.mnist
def test_cli_recipe_book_records_a_book_entry(tmp_path, mnist_dir, capsys):
    argv = ["--recipe", "book", "--model", "seed_standard", "--epochs", "1", "--subset", "256", "--data",
            str(mnist_dir), "--out", str(tmp_path), "--threads", "1", "--device", "cpu"]
    assert train_cli.main(argv) == 0
    assert "no shuffling" in capsys.readouterr().out
    entry = train.read_card(tmp_path)["seed_standard" + BOOK_SUFFIX]
    assert is_book_entry(entry) and entry["recipe"]["lr"] == 1e-4 and entry["epochs"] == 1
    assert "last_batch_acc" in entry["history"][0] and (tmp_path / "seed_standard_book.pt").is_file()


def test_shipped_card_has_both_book_runs_with_the_full_epochs():
    card = train.read_card(ASSETS_DIR)
    for model, epochs in BOOK_EPOCHS.items():
        entry = card.get(model + BOOK_SUFFIX)
        assert entry is not None, f"{model}{BOOK_SUFFIX} missing from models.json"
        assert is_book_entry(entry) and entry["epochs"] == epochs == len(entry["history"])
        assert entry["recipe"]["subset"] is None and entry["train_images"] == 60_000
        assert f"## {model}{BOOK_SUFFIX}" in (ASSETS_DIR / train.CARD_MD_NAME).read_text()
    models = json.loads((ASSETS_DIR / train.CARD_NAME).read_text())["models"]
    assert (ASSETS_DIR / train.CARD_MD_NAME).read_text() == train.render_card(models)
