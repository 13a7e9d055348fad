"""dsconv.builder: the layer plan equals torch (params, MACs, shapes, receptive field), rules name the block, URL form."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from dsconv.mnist import models
from dsconv.builder import (
    HEAD, MAX_MACS, MAX_PARAMS, PRESETS, Block, BlockError, DecodeError, NetSpec, decode, from_rows, from_url, to_rows,
)
from dsconv.conv.arithmetic import SpecError
from dsconv.i18n import catalogue


def torch_counts(model: nn.Module) -> tuple[int, int, tuple[int, ...]]:
    """(sum of p.numel(), MACs from FlopCounterMode, output shape) for one 1x28x28 image."""
    model.eval()
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        y = model(torch.zeros(1, 1, 28, 28))
    return sum(p.numel() for p in model.parameters()), counter.get_total_flops() // 2, tuple(y.shape[1:])


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_table_equals_torch_counts(name):
    spec = PRESETS[name]
    plan = spec.plan()
    assert plan.error is None
    params, macs, out = torch_counts(spec.build())
    assert (plan.params, plan.macs, plan.out_shape) == (params, macs, out)


@pytest.mark.parametrize("preset, model", [("book_standard", "seed_standard"), ("book_dsconv", "seed_dsconv"),
                                           ("dsconv_plus", "dsconv_plus")])
def test_book_presets_equal_the_project_models(preset, model):
    assert torch_counts(PRESETS[preset].build()) == torch_counts(models.build(model))


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_layer_shape_and_params_equal_torch(name):
    spec = PRESETS[name]
    model = spec.build().eval()
    x = torch.zeros(1, 1, 28, 28)
    with torch.no_grad():
        for layer, (child_name, child) in zip(spec.plan().layers, model.named_children()):
            x = child(x)
            assert layer.name == child_name
            assert layer.out_shape == tuple(x.shape[1:])
            assert layer.params == sum(p.numel() for p in child.parameters())


def gradient_rf(model: nn.Sequential, upto: str) -> int:
    """Side of the input region that reaches the centre output of layer ``upto`` (all-positive weights)."""
    for p in model.parameters():
        nn.init.constant_(p, 0.01)
    x = torch.ones(1, 1, 28, 28, requires_grad=True)
    y = x
    for name, child in model.named_children():
        y = child(y)
        if name == upto:
            break
    y[0, 0, y.shape[2] // 2, y.shape[3] // 2].backward()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(dim=1)).flatten()
    return int(rows.max() - rows.min() + 1)


@pytest.mark.parametrize("spec", [
    PRESETS["book_standard"], PRESETS["book_dsconv"],
    NetSpec((Block("dil", 8, 3, dilation=3, relu=True), Block("conv", 8, 3, stride=2, relu=True),
             Block("ds", 8, 3, dilation=2, groups=0, relu=True), HEAD)),
])
def test_receptive_field_equals_gradient_support(spec):
    """The table's RF of the last conv equals the input region torch's gradient reaches."""
    last_conv = [layer for layer in spec.plan().layers if layer.cls == "Conv2d"][-1]
    assert last_conv.rf <= 28
    assert gradient_rf(spec.build(), last_conv.name) == last_conv.rf


def test_groups_must_divide_channels_names_the_block():
    spec = NetSpec((Block("conv", 12, 7, relu=True), Block("gconv", 24, 3, groups=5), HEAD))
    error = spec.problem()
    assert isinstance(error, BlockError) and error.block == 2
    assert "Block 2" in error.message("en") and "groups must divide in_channels (12) and out_channels (24)" in str(error)
    assert "第 2 个模块" in error.message("zh")
    with pytest.raises(SpecError):
        spec.build()


@pytest.mark.parametrize("block, key", [
    (Block("conv", 8, 3, groups=2), "builder.err.conv_groups"),
    (Block("conv", 8, 3, dilation=2), "builder.err.conv_dilation"),
    (Block("gconv", 8, 3, groups=1), "builder.err.gconv_groups"),
    (Block("dil", 8, 3, dilation=1), "builder.err.dil_dilation"),
    (Block("ds", 8, 3, groups=1), "builder.err.ds_groups"),
    (Block("maxpool", 0, 3, stride=2, padding=2), "builder.err.pool_padding"),
    (Block("conv", 8, 11, dilation=1, padding=0, stride=1), None),
    (Block("dil", 8, 11, dilation=4), "err.kernel_too_big"),
    (Block("conv", 999, 3), "builder.err.range"),
])
def test_kind_rules_are_reported_for_their_block(block, key):
    spec = NetSpec((Block("conv", 4, 3, relu=True), block, HEAD))
    error = spec.problem()
    if key is None:
        assert error is None
        return
    assert isinstance(error, BlockError) and error.block == 2 and error.key == key


def test_whole_net_rules():
    assert NetSpec(()).problem().key == "builder.err.empty"
    no_head = NetSpec((Block("conv", 4, 3),))
    assert no_head.problem().key == "builder.err.head" and no_head.problem().block == 1
    assert NetSpec((Block("conv", 4, 3), Block("linear", 7))).problem().key == "builder.err.head"
    after = NetSpec((Block("linear", 32, relu=True), Block("conv", 4, 3), HEAD)).problem()
    assert after.key == "builder.err.after_linear" and after.block == 2


def test_size_bounds_have_a_clear_message():
    wide = NetSpec((Block("conv", 64, 3, padding=1, relu=True), HEAD))  # 64*28*28*10 weights in the head
    error = wide.problem()
    assert error.key == "builder.err.too_many_params" and error.params["params"] > MAX_PARAMS
    assert f"{MAX_PARAMS:,}" in str(error)
    heavy = NetSpec((Block("conv", 128, 3, padding=1), Block("conv", 128, 3, padding=1), Block("gap"), HEAD))
    error = heavy.problem()
    assert error.key == "builder.err.too_many_macs" and error.params["macs"] > MAX_MACS
    assert heavy.plan().macs == torch_counts(nn.Sequential(*[layer.module() for layer in heavy.plan().layers]))[1]


@pytest.mark.parametrize("name", list(PRESETS))
def test_url_and_rows_round_trip(name):
    spec = PRESETS[name]
    assert decode(spec.encode()) == spec
    assert from_rows(to_rows(spec)) == spec
    assert spec.preset == name and spec.label == f"builder: {name}"


def test_decode_fills_omitted_fields_with_defaults():
    spec = decode("conv:8,maxpool:2,gap,linear:10")
    assert spec.blocks[0] == Block("conv", 8)
    assert spec.blocks[1] == Block("maxpool", kernel_size=2, stride=2)
    assert spec.problem() is None


@pytest.mark.parametrize("junk", ["", "junk", "conv:x:3", "conv:12:3:1:0:1:1:zz", "linear", "conv:-1",
                                  "conv:12:3:1:0:1:1:r:9:9", "conv:99999", ",".join(["gap"] * 40), "ds:24::1"])
def test_junk_net_is_rejected_and_falls_back_with_a_warning(junk):
    with pytest.raises(DecodeError):
        decode(junk)
    loaded = from_url(junk, "mobilenet")
    assert loaded.spec == PRESETS["mobilenet"] and loaded.warning == "builder.warn.bad_net"


def test_bad_preset_falls_back_to_default():
    loaded = from_url(None, "nope")
    assert loaded.warning == "builder.warn.bad_preset" and loaded.spec.problem() is None
    assert from_url(None, "dsconv_plus").spec == PRESETS["dsconv_plus"]


def test_empty_cell_names_the_field():
    rows = to_rows(PRESETS["book_standard"])
    rows[1]["kernel_size"] = float("nan")
    with pytest.raises(BlockError, match="Block 2.*kernel_size is empty"):
        from_rows(rows)


def test_custom_label_is_stable_and_distinct():
    a = NetSpec((Block("conv", 8, 3, relu=True), HEAD))
    b = NetSpec((Block("conv", 9, 3, relu=True), HEAD))
    assert a.label == NetSpec(a.blocks).label != b.label and a.label.startswith("builder: custom-")


def test_every_builder_string_has_both_languages():
    keys = [key for key in catalogue() if key.startswith("builder.")]
    assert len(keys) > 40
    assert all(catalogue()[key].get("en") and catalogue()[key].get("zh") for key in keys)


@pytest.mark.mnist
@pytest.mark.slow
def test_built_model_learns_real_mnist(mnist_dir):
    """A built conv + depthwise-separable net trained on 2,000 real MNIST images with the project's loop (CPU)."""
    from dsconv.mnist.data import load_mnist
    from dsconv.mnist.training import TrainConfig, fit

    spec = decode("conv:8:3:1:1:1:1:r,maxpool:2,ds:16:3:1:1:1:0:r,maxpool:2,linear:10")
    config = TrainConfig(epochs=2, batch_size=64, lr=1e-2, subset=2000, test_limit=1000, augment=False, device="cpu")
    result = fit(spec.build(), config, load_mnist(mnist_dir))
    first, last = result.curve[0].loss, result.history[-1].loss
    assert last < 0.5 * first
    assert result.test_accuracy > 0.8  # chance is 0.1
