"""Weights: round trip through weights_only=True, and every bad file refused with one WeightsError."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch

from dsconv.mnist.models import MODEL_NAMES, build
from dsconv.datadirs import ASSETS_DIR
from dsconv.mnist.weights import WeightsError, load_weights, save_weights

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_state_dict_round_trip_gives_identical_outputs(name, tmp_path):
    torch.manual_seed(1)
    model = build(name).eval()
    path = save_weights(model, tmp_path / f"{name}.pt")
    loaded = load_weights(name, tmp_path)
    assert not loaded.training
    x = torch.randn(4, 1, 28, 28)
    torch.testing.assert_close(loaded(x), model(x), rtol=0, atol=0)
    assert torch.load(path, weights_only=True).keys() == model.state_dict().keys()


def test_architecture_comes_from_the_file_name_or_model_argument(tmp_path):
    save_weights(build("seed_dsconv"), tmp_path / "seed_dsconv_run3.pt")
    assert len(load_weights(tmp_path / "seed_dsconv_run3.pt")) == len(build("seed_dsconv"))
    save_weights(build("seed_dsconv"), tmp_path / "mine.pt")
    with pytest.raises(WeightsError, match="mine.pt"):
        load_weights(tmp_path / "mine.pt")
    assert load_weights(tmp_path / "mine.pt", model="seed_dsconv") is not None


class _Payload:
    """Unpickling this would run code (create a marker file)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_malicious_pickle_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "seed_dsconv.pt"
    torch.save({"conv1.weight": _Payload(marker)}, path)
    with pytest.raises(WeightsError, match="seed_dsconv.pt.*unsafe pickle") as info:
        load_weights(path)
    assert not marker.exists()
    assert "不安全" in info.value.message("zh")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(WeightsError, match=r"not found: .*dsconv_plus\.pt"):
        load_weights("dsconv_plus", tmp_path)


def test_truncated_file_is_refused(tmp_path):
    path = save_weights(build("seed_standard"), tmp_path / "seed_standard.pt")
    path.write_bytes(path.read_bytes()[: os.path.getsize(path) // 2])
    with pytest.raises(WeightsError, match="seed_standard.pt"):
        load_weights(path)


def test_garbage_and_non_state_dict_files_are_refused(tmp_path):
    (tmp_path / "seed_dsconv.pt").write_bytes(b"\x00" * 100)
    with pytest.raises(WeightsError, match="Cannot read"):
        load_weights("seed_dsconv", tmp_path)
    torch.save(torch.zeros(3), tmp_path / "seed_standard.pt")
    with pytest.raises(WeightsError, match="holds a Tensor"):
        load_weights("seed_standard", tmp_path)


def test_weights_of_another_architecture_are_refused(tmp_path):
    save_weights(build("seed_standard"), tmp_path / "x.pt")
    with pytest.raises(WeightsError, match="does not fit the model dsconv_plus"):
        load_weights(tmp_path / "x.pt", model="dsconv_plus")


def test_nan_weights_are_refused(tmp_path):
    model = build("seed_dsconv")
    with torch.no_grad():
        model.fc.bias[0] = float("nan")
    save_weights(model, tmp_path / "seed_dsconv.pt")
    with pytest.raises(WeightsError, match="NaN"):
        load_weights("seed_dsconv", tmp_path)


def test_shipped_weights_load_and_are_small():
    for name in MODEL_NAMES:
        path = ASSETS_DIR / f"{name}.pt"
        if not path.exists():
            pytest.fail(f"{path} is not shipped")
        assert path.stat().st_size < 400_000
        load_weights(name)
