"""Training: a short real run on MNIST learns; the CLI saves weights and the model card; evaluate prints accuracy."""

from __future__ import annotations

import json
from collections import OrderedDict

import pytest
import torch
from torch import nn

from dsconv import evaluate as evaluate_cli
from dsconv import train as train_cli
from dsconv.mnist import card as train  # the card's functions moved from training to card
from dsconv.mnist.data import load_mnist
from dsconv.mnist.models import build, count_params
from dsconv.mnist.training import TrainConfig, augment, evaluate, fit, to_input
from dsconv.datadirs import ASSETS_DIR
from dsconv.mnist.weights import load_weights


@pytest.fixture(scope="module")
def mnist(mnist_dir):
    return load_mnist(mnist_dir)


@pytest.mark.mnist
@pytest.mark.slow
def test_short_real_run_loss_falls_and_accuracy_beats_chance(mnist):
    torch.set_num_threads(2)
    config = TrainConfig(epochs=3, batch_size=64, lr=5e-3, subset=6400, test_limit=2000, device="cpu")
    seen = []
    result = fit(build("seed_dsconv"), config, mnist, on_progress=seen.append)
    assert result.steps == 300 and len(result.history) == 3 and not result.stopped
    steps = [p for p in seen if p.phase == "step"]
    assert [p.step for p in steps] == sorted(p.step for p in steps)
    assert steps[0].loss > 1.5  # near ln(10) = 2.30 at the start
    assert result.history[-1].loss < steps[0].loss / 3
    assert result.test_accuracy > 0.85  # chance is 0.10
    assert result.device == "cpu" and "CPU" in result.device_name
    # milestones: the first time each accuracy was reached (per-epoch tests), never for one not reached
    best = max(h.test_acc for h in result.history)
    assert {level for level in config.milestones if best >= level} == set(result.time_to)
    assert all(0 < t <= result.seconds for t in result.time_to.values())


@pytest.mark.mnist
def test_milestones_record_reached_accuracies_only(mnist):
    config = TrainConfig(epochs=1, batch_size=64, subset=640, test_limit=200, device="cpu", milestones=(0.05, 0.9999))
    result = fit(build("seed_dsconv"), config, mnist)
    assert set(result.time_to) == {0.05} and 0 < result.time_to[0.05] <= result.seconds


@pytest.mark.mnist
def test_should_stop_ends_training_early(mnist):
    config = TrainConfig(epochs=5, batch_size=32, subset=640, test_limit=200, progress_every=2, device="cpu")
    result = fit(build("seed_dsconv"), config, mnist, should_stop=lambda: True)
    assert result.stopped and result.steps == 2 and len(result.history) == 1


@pytest.mark.mnist
def test_fit_trains_a_custom_sequential(mnist):
    net = nn.Sequential(OrderedDict(conv=nn.Conv2d(1, 4, 5), relu=nn.ReLU(), flatten=nn.Flatten(), fc=nn.Linear(4 * 24 * 24, 10)))
    before = net.fc.weight.detach().clone()
    config = TrainConfig(epochs=1, batch_size=64, subset=640, test_limit=500, device="cpu")
    result = fit(net, config, mnist)
    assert not torch.equal(before, net.fc.weight) and 0 <= result.test_accuracy <= 1


def test_augment_keeps_shape_and_ink_and_moves_pixels():
    x = torch.zeros(8, 1, 28, 28)
    x[:, :, 10:18, 12:16] = 1.0
    out = augment(x, torch.Generator().manual_seed(0), max_shift=2.0, max_rotate=10.0)
    assert out.shape == x.shape and 0 <= float(out.min()) and float(out.max()) <= 1
    assert not torch.allclose(out, x)
    assert float(out.sum()) == pytest.approx(float(x.sum()), rel=0.1)


def test_evaluate_confusion_matrix_agrees_with_argmax():
    torch.manual_seed(0)
    model = build("seed_dsconv")
    images, labels = torch.rand(50, 1, 28, 28), torch.randint(0, 10, (50,))
    result = evaluate(model, images, labels, batch_size=16)
    pred = model.eval()(((images - 0.1307) / 0.3081)).argmax(1)
    assert result.accuracy == pytest.approx(float((pred == labels).float().mean()))
    assert int(result.confusion.sum()) == 50 and int(result.confusion.diag().sum()) == int((pred == labels).sum())


def test_bad_config_is_refused_with_the_rule():
    with pytest.raises(ValueError, match="epochs must be >= 1"):
        TrainConfig(epochs=0).validate()
    with pytest.raises(ValueError, match="optimizer"):
        TrainConfig(optimizer="adam").validate()


@pytest.mark.mnist
@pytest.mark.slow
def test_cli_saves_weights_and_card_then_evaluate_reports_accuracy(mnist_dir, tmp_path, capsys):
    args = ["--model", "seed_dsconv", "--epochs", "1", "--subset", "1280", "--batch-size", "64",
            "--data", str(mnist_dir), "--out", str(tmp_path), "--device", "cpu"]
    assert train_cli.main(args) == 0
    out = capsys.readouterr().out
    assert "epoch 1/1" in out and "test acc" in out
    card = json.loads((tmp_path / "models.json").read_text())["models"]
    entry = card[0]
    assert entry["name"] == "seed_dsconv" and entry["params"] == count_params(build("seed_dsconv"))
    assert entry["train_images"] == 1280 and entry["torch"] == torch.__version__ and entry["device"] == "cpu"
    assert evaluate_cli.main(["--weights", str(tmp_path / "seed_dsconv.pt"), "--data", str(mnist_dir)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"accuracy: {entry['test_accuracy']:.4f}"


def test_evaluate_cli_reports_a_bad_weights_file(tmp_path, capsys):
    (tmp_path / "seed_dsconv.pt").write_bytes(b"junk")
    assert evaluate_cli.main(["--weights", str(tmp_path / "seed_dsconv.pt"), "--data", str(tmp_path)]) == 2
    assert "seed_dsconv.pt" in capsys.readouterr().err


def test_model_card_update_replaces_an_entry_by_name(tmp_path):
    card = tmp_path / "models.json"
    train.update_card(card, {"name": "seed_dsconv", "test_accuracy": 0.5})
    train.update_card(card, {"name": "seed_standard", "test_accuracy": 0.6})
    train.update_card(card, {"name": "seed_dsconv", "test_accuracy": 0.9})
    assert train.read_card(tmp_path)["seed_dsconv"]["test_accuracy"] == 0.9
    assert [m["name"] for m in json.loads(card.read_text())["models"]] == ["seed_dsconv", "seed_standard"]
    markdown = (tmp_path / train.CARD_MD_NAME).read_text()
    assert "| seed_dsconv |" in markdown and "90.00%" in markdown and "50.00%" not in markdown


def test_shipped_markdown_card_is_rendered_from_models_json():
    models = json.loads((ASSETS_DIR / train.CARD_NAME).read_text())["models"]
    assert (ASSETS_DIR / train.CARD_MD_NAME).read_text() == train.render_card(models)


@pytest.mark.mnist
@pytest.mark.slow
def test_shipped_weights_reach_the_accuracy_in_the_model_card(mnist):
    card = train.read_card(ASSETS_DIR)
    assert set(card) >= {"seed_dsconv", "seed_standard", "dsconv_plus"}
    images, labels = to_input(mnist.test_images), mnist.test_labels
    for name, entry in card.items():
        accuracy = evaluate(load_weights(ASSETS_DIR / entry["weights"]), images, labels).accuracy  # *_book too
        assert accuracy == pytest.approx(entry["test_accuracy"], abs=1e-4)


def test_ema_warms_up_then_keeps_its_decay():
    from dsconv.mnist.training import ema_step

    update = ema_step(0.99)
    avg, cur = torch.zeros(3), torch.ones(3)
    assert torch.allclose(update(avg, cur, torch.tensor(0)), torch.full((3,), 0.9))  # decay 1/10 at the start
    assert torch.allclose(update(avg, cur, torch.tensor(10_000)), torch.full((3,), 0.01))  # then the set decay
    counts = torch.tensor([5]), torch.tensor([7])  # integer buffers (BatchNorm's batch count) take the new value
    assert update(*counts, torch.tensor(50)).item() == 7


def test_averaged_weights_are_the_mean_of_the_checkpoints():
    from dsconv.average import average_state_dicts

    torch.manual_seed(0)
    a, b = build("dsconv_plus").state_dict(), build("dsconv_plus").state_dict()
    b["stem_bn.num_batches_tracked"] = torch.tensor(7)
    mean = average_state_dicts([a, b])
    assert torch.allclose(mean["fc.weight"], (a["fc.weight"] + b["fc.weight"]) / 2)
    assert mean["stem_bn.num_batches_tracked"].item() == 7 and mean["stem_bn.num_batches_tracked"].dtype == torch.long
    with pytest.raises(ValueError, match="same keys"):
        average_state_dicts([a, build("seed_dsconv").state_dict()])
