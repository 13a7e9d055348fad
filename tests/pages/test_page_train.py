"""AppTest of the Train page: a tiny real run, the work cap, the custom network, and no MNIST on disk."""

from __future__ import annotations

import time
import urllib.error
from collections import OrderedDict
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest
from torch import nn

from dsconv.mnist import data
from dsconv.i18n import t

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages/train.py")


def _finish(at: AppTest, limit_s: float = 120) -> AppTest:
    """A run trains on its own thread: rerun (as the page's timer does) until the idle Stop is back."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        at.run()
        if at.exception or any(b.key == "train_stop_idle" for b in at.button):
            return at
        time.sleep(0.5)
    raise AssertionError("the run did not finish")


def _page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at


class _TinyNet:
    label = "tiny"

    def build(self) -> nn.Sequential:
        return nn.Sequential(OrderedDict(flatten=nn.Flatten(), fc=nn.Linear(784, 10)))


class _BrokenNet:
    label = "broken"

    def build(self) -> nn.Sequential:
        raise ValueError("groups must divide in_channels (12) and out_channels (25)")


@pytest.fixture
def with_mnist(mnist_dir, monkeypatch):
    monkeypatch.setattr(data, "candidate_dirs", lambda: [Path(mnist_dir)])


@pytest.mark.mnist
@pytest.mark.slow
def test_tiny_run_trains_and_hands_the_model_to_the_draw_page(with_mnist):
    at = _page(subset="1000", epochs="1", model="seed_dsconv").run()
    assert not at.exception
    at.button(key="train_run").click().run()
    _finish(at)
    assert not at.exception
    models = at.session_state["session_models"]
    (label, entry), = models.items()
    assert "seed_dsconv" in label and entry["arch"] == "seed_dsconv"
    assert 0.3 < entry["accuracy"] <= 1.0  # 8 steps on 1,000 images: well above chance (0.1)
    assert not entry["model"].training
    assert [c.key for c in at.get("plotly_chart")] == ["train_curves", "train_book_curves"]  # + the recipes beside
    assert any(m.label == t("train.test_acc") for m in at.metric)
    device, = [m for m in at.metric if m.label == t("train.device_used")]
    assert device.value == "CPU" and device.proto.help.startswith("CPU ")  # short on a projector; the full name on hover


@pytest.mark.mnist
def test_default_run_is_the_live_recipe(with_mnist):
    """The page's defaults are the run bench/live_training.py times: seed_dsconv, 6 epochs of all 60,000 images."""
    from dsconv.mnist.training import CLASSROOM_LR, CLASSROOM_MAX_IMAGES, classroom_config

    at = _page().run()
    assert not at.exception
    assert at.selectbox(key="model").value == "seed_dsconv"
    assert at.slider(key="epochs").value == 6 and at.select_slider(key="subset").value == 60_000
    assert not at.button(key="train_run").disabled and 6 * 60_000 <= CLASSROOM_MAX_IMAGES
    config = classroom_config()
    assert (config.epochs, config.subset, config.lr) == (6, 60_000, CLASSROOM_LR)
    if not torch.cuda.is_available():  # the caption names the threads a run will use, not torch's current count
        n = config.threads
        assert any(f"({n} thread{'s' if n != 1 else ''})" in c.value for c in at.caption), [c.value for c in at.caption]


@pytest.mark.mnist
def test_shipped_table_marks_weights_refined_from_earlier_runs(with_mnist):
    """A fine-tune's card record covers its last step only; the table says so instead of passing it off as the whole run."""
    from dsconv.mnist.card import is_refined, read_card

    card = read_card()
    at = _page().run()
    assert not at.exception
    shown = at.table[0].value
    epochs = dict(zip(shown.iloc[:, 0], shown.iloc[:, 4]))
    for name, entry in card.items():
        assert epochs[name] == f"{entry['epochs']}" + (" ⁺" if is_refined(entry) else "")
    assert is_refined({"command": "python -m dsconv.train --init a.pt"}) and not is_refined({"command": "python -m dsconv.train"})
    assert any("last step only" in c.value for c in at.caption) == any(is_refined(m) for m in card.values())


@pytest.mark.mnist
def test_shipped_table_says_how_each_model_was_made_with_validation_and_test(with_mnist):
    """Issue 24/25: from-scratch epochs, time and device, validation and test accuracy, read off the page."""
    from dsconv.mnist.card import device_label, read_card

    card = read_card()
    at = _page().run()
    assert not at.exception
    shown = at.table[0].value.set_index(t("train.col.model", "en"))
    for name in ("seed_dsconv", "seed_standard", "dsconv_plus"):
        entry, row = card[name], shown.loc[name]
        made = row[t("train.col.made", "en")]
        assert made.startswith("from scratch in one run") and f"{entry['epochs']} epochs" in made
        assert device_label(entry) in made and f"{entry['wall_time_s'] / 60:.0f} min" in made
        val = entry["validation"]
        assert row[t("train.col.validation", "en")] == f"{val['mnist_accuracy']:.2%} / {val['pen_accuracy']:.2%}"
        assert row[t("train.col.accuracy", "en")] == f"{entry['test_accuracy']:.2%}"
    assert any("read once" in c.value for c in at.caption)


@pytest.mark.mnist
def test_too_much_work_is_explained_and_blocked(with_mnist):
    at = _page(subset="60000", epochs="7").run()
    assert not at.exception
    assert any("420,000" in w.value and "360,000" in w.value for w in at.warning)
    assert at.button(key="train_run").disabled


@pytest.mark.mnist
@pytest.mark.slow
def test_builder_network_is_offered_and_trains(with_mnist):
    at = _page(subset="1000", epochs="1")
    at.session_state["builder_net"] = _TinyNet()
    at.run()
    assert t("train.builder_model", label="tiny") in at.selectbox(key="model").options
    at.selectbox(key="model").set_value("builder").run()
    at.button(key="train_run").click().run()
    _finish(at)
    assert not at.exception
    (label, entry), = at.session_state["session_models"].items()
    assert "tiny" in label and entry["arch"] == "custom"


@pytest.mark.mnist
def test_broken_builder_network_gives_a_message(with_mnist):
    at = _page(model="builder")
    at.session_state["builder_net"] = _BrokenNet()
    at.run()
    at.selectbox(key="model").set_value("builder").run()
    assert not at.exception
    assert any("groups must divide" in e.value for e in at.error)


@pytest.mark.mnist
def test_page_speaks_chinese(with_mnist):
    at = _page(lang="zh").run()
    assert not at.exception
    assert at.title[0].value == t("nav.train", "zh")
    assert at.button(key="train_run").label == "开始训练"


def test_without_mnist_the_page_explains_where_to_put_the_files(tmp_path, monkeypatch):
    empty = tmp_path / "mnist"
    monkeypatch.setattr(data, "candidate_dirs", lambda: [empty])
    monkeypatch.setattr(data, "DEFAULT_DIR", empty)
    monkeypatch.setattr(data, "fetch", lambda *a, **k: (_ for _ in ()).throw(urllib.error.URLError("offline")))
    at = _page().run()
    assert not at.exception
    assert str(empty) in at.warning[0].value
    assert all(name in at.code[0].value for name in data.FILE_NAMES)
    at.button(key="train_download").click().run()
    assert not at.exception
    assert "offline" in at.error[0].value and str(empty) in at.error[0].value


@pytest.mark.mnist
@pytest.mark.slow
def test_stop_is_enabled_only_while_a_run_is_going(with_mnist):
    """Idle: one Stop, disabled. After a finished run: still disabled and no "discarded" note next to the kept
    model (the old page said "discarded" whenever Stop was clicked, even after a run had finished)."""
    at = _page(subset="1000", epochs="1").run()
    stops = [b for b in at.button if b.label == t("train.stop")]
    assert len(stops) == 1 and stops[0].disabled
    at.button(key="train_run").click().run()
    assert not at.exception
    stops = [b for b in at.button if b.label == t("train.stop")]
    assert len(stops) == 1 and not stops[0].disabled  # the run trains on its own thread: Stop is live meanwhile
    _finish(at)
    stops = [b for b in at.button if b.label == t("train.stop")]
    assert len(stops) == 1 and stops[0].disabled
    assert at.success and not [i for i in at.info if "discarded" in i.value]


@pytest.mark.mnist
def test_a_cut_short_run_is_reported_once(with_mnist):
    """A run that Stop cut short is reported once (its model discarded); the next rerun no longer says so."""
    from dsconv.mnist.runs import RUNS

    at = _page(subset="10000", epochs="1").run()
    at.button(key="train_run").click().run()
    at.button(key="train_stop").click().run()
    run = RUNS.current(at.session_state["_run_owner"])
    assert [i.value for i in at.info] == [t("train.stopped", label=run.label)]  # at once, while the thread winds down
    deadline = time.monotonic() + 60
    while run.running and time.monotonic() < deadline:
        time.sleep(0.2)
    assert run.state == "stopped" and run.stop_seen - run.stop_asked < 1.0  # Stop is noticed within a second
    _finish(at)
    assert "session_models" not in at.session_state or not at.session_state["session_models"]
    assert not at.info and not at.button(key="train_run").disabled


@pytest.mark.mnist
@pytest.mark.slow
def test_a_run_outlives_reruns_and_language_switches(with_mnist):
    """Reruns (a page change, the language switch) no longer cut a run: it trains on, and its model is kept."""
    at = _page(subset="2000", epochs="1").run()
    at.button(key="train_run").click().run()
    at.run()
    at.query_params["lang"] = "zh"
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception and any(b.key == "train_stop" for b in at.button)
    _finish(at)
    (label, entry), = at.session_state["session_models"].items()
    assert "2,000" in label and 0.3 < entry["accuracy"] <= 1.0
