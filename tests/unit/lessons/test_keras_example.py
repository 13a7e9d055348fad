"""Keras code next to PyTorch code: run the generated Keras 3 code on its torch backend and compare with torch."""

from __future__ import annotations

import os

import numpy as np
import pytest
import torch
from torch import nn

os.environ.setdefault("KERAS_BACKEND", "torch")
keras = pytest.importorskip("keras")

import dsconv.builder as B  # noqa: E402
from dsconv.builder.code import net_keras_code  # noqa: E402
from dsconv.conv.arithmetic import ConvSpec, depthwise_separable  # noqa: E402
from dsconv.conv.code import conv_keras_snippet  # noqa: E402
from dsconv.lessons import keras_example as K  # noqa: E402


def run(code: str) -> dict:
    """Execute a generated script; its namespace afterwards (``model``, ``x``, ``y``, ``z`` …)."""
    if keras.backend.backend() != "torch":
        pytest.skip("needs KERAS_BACKEND=torch")
    namespace: dict = {}
    exec(compile(code, "<generated>", "exec"), namespace)
    return namespace


def trainable(model) -> int:
    return sum(int(np.prod(w.shape)) for w in model.trainable_weights)


def test_worked_example_shapes_and_params_equal_pytorch():
    torch_ns, keras_ns = run(K.example_pytorch_code()), run(K.example_keras_code())
    shapes = K.example_shapes()
    assert tuple(torch_ns["y"].shape[1:]) == shapes["depthwise"] == (3, 2, 2)
    assert tuple(torch_ns["z"].shape[1:]) == shapes["pointwise"] == (2, 2, 2)
    assert tuple(keras_ns["y"].shape) == (1, 2, 2, 3) and tuple(keras_ns["z"].shape) == (1, 2, 2, 2)  # NHWC
    dw, pw = torch_ns["depthwise"], torch_ns["pointwise"]
    assert sum(p.numel() for p in dw.parameters()) == keras_ns["depthwise"].count_params() == shapes["params_dw"]
    assert sum(p.numel() for p in pw.parameters()) == keras_ns["pointwise"].count_params() == shapes["params_pw"]


def test_the_posts_keras_code_without_a_batch_dimension_fails_and_the_fix_works():
    with pytest.raises(ValueError, match="ndim=4"):
        run(K.example_keras_code(fixed=False))
    assert tuple(run(K.example_keras_code(fixed=True))["z"].shape) == (1, 2, 2, 2)


PLAYGROUND = [
    (ConvSpec(3, 4, 3, padding=1), 5, False),
    (ConvSpec(3, 4, 3, padding=1), 5, True),
    (ConvSpec(4, 8, 3, stride=2, padding=2, dilation=2, groups=2), 16, False),
    (ConvSpec(4, 8, 5, stride=3, padding=0, dilation=1, groups=4), 17, False),  # depth_multiplier 2
    (ConvSpec(6, 6, 3, stride=1, padding=2, dilation=2, groups=6, bias=False), 9, False),
    (ConvSpec(3, 10, 3), 32, True),
    (ConvSpec(4, 6, 3, stride=2, padding=1, dilation=3), 20, True),
]


@pytest.mark.parametrize("spec,size,separable", PLAYGROUND)
def test_playground_keras_code_matches_torch(spec, size, separable):
    layers = [nn.Conv2d(**s.torch_kwargs()) for s in (depthwise_separable(spec) if separable else [spec])]
    net = nn.Sequential(*layers)
    out = net(torch.zeros(1, spec.in_channels, size, size))
    ns = run(conv_keras_snippet(spec, size, separable))
    keras_out = ns["model"](ns["x"])
    assert tuple(keras_out.shape) == (1, out.shape[2], out.shape[3], out.shape[1])
    assert ns["model"].count_params() == sum(p.numel() for p in net.parameters())


@pytest.mark.parametrize("name", list(B.PRESETS))
def test_builder_keras_code_matches_the_builder_table(name):
    spec = B.PRESETS[name]
    result = spec.plan()
    ns = run(net_keras_code(spec))
    out = result.layers[-1].out_shape
    keras_out = tuple(ns["model"](ns["x"]).shape)
    assert keras_out[0] == 2
    assert keras_out[1:] == ((out[1], out[2], out[0]) if len(out) == 3 else out)
    assert trainable(ns["model"]) == sum(layer.params for layer in result.layers) == sum(
        p.numel() for p in spec.build().parameters())


def test_keras_separable_conv2d_has_no_bias_between_dw_and_pw():
    spec = ConvSpec(3, 10, 3)
    torch_params, keras_params = K.separable_params(spec)
    layer = keras.layers.SeparableConv2D(10, 3)
    layer.build((1, 8, 8, 3))
    assert layer.count_params() == keras_params == torch_params - 3
