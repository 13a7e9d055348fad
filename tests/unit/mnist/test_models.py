"""Models: sizes and per-layer counts from the library agree with PyTorch itself."""

from __future__ import annotations

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

from dsconv.mnist.models import INPUT_SHAPE, MODEL_NAMES, build, count_params, layer_table


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_layer_table_params_and_shapes_match_torch(name):
    model = build(name)
    rows = layer_table(model)
    assert sum(r.params for r in rows) == sum(p.numel() for p in model.parameters())
    x = torch.zeros(1, *INPUT_SHAPE)
    for (child_name, layer), row in zip(model.named_children(), rows):
        x = layer(x)
        assert row.name == child_name
        assert row.out_shape == tuple(x.shape[1:])
        assert row.params == sum(p.numel() for p in layer.parameters())
    assert rows[-1].out_shape == (10,)


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_layer_table_macs_match_torch_flop_counter(name):
    model = build(name).eval()
    counter = FlopCounterMode(display=False)
    with counter, torch.no_grad():
        model(torch.zeros(1, *INPUT_SHAPE))
    assert sum(r.macs for r in layer_table(model)) == counter.get_total_flops() // 2


def test_seed_models_have_the_book_sizes_and_dsconv_plus_stays_small():
    assert count_params(build("seed_standard")) == 24_496
    assert count_params(build("seed_dsconv")) == 17_812
    assert count_params(build("dsconv_plus")) <= 50_000


def test_seed_dsconv_is_smaller_and_cheaper_than_seed_standard():
    std, ds = layer_table(build("seed_standard")), layer_table(build("seed_dsconv"))
    assert sum(r.params for r in ds) < sum(r.params for r in std)
    assert sum(r.macs for r in ds) < sum(r.macs for r in std)


def test_unknown_model_name_is_refused():
    with pytest.raises(ValueError, match="unknown model"):
        build("resnet50")
