"""The Playground's PyTorch code runs and builds exactly the layer the page describes."""

from __future__ import annotations

import contextlib
import io

import pytest
import torch
from torch import nn

from dsconv import ConvSpec
from dsconv.conv.arithmetic import depthwise_separable
from dsconv.conv.code import conv_code, conv_snippet

SPECS = [
    ConvSpec(3, 8, 3),
    ConvSpec(3, 8, 3, stride=2, padding=1, dilation=2),
    ConvSpec(12, 24, 5, padding=2, groups=4, bias=False),
    ConvSpec(16, 32, 1),
]


def same_conv(layer: nn.Conv2d, spec: ConvSpec) -> None:
    ref = nn.Conv2d(**spec.torch_kwargs())
    assert layer.weight.shape == ref.weight.shape
    for attr in ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups"):
        assert getattr(layer, attr) == getattr(ref, attr)
    assert (layer.bias is None) == (ref.bias is None)


@pytest.mark.parametrize("spec", SPECS)
def test_conv_code_builds_the_same_conv2d(spec):
    code = conv_code(spec)
    assert code.startswith(f"nn.Conv2d({spec.in_channels}, {spec.out_channels}, kernel_size={spec.kernel_size}")
    same_conv(eval(code, {"nn": nn}), spec)


@pytest.mark.parametrize("spec", SPECS)
def test_separable_code_is_depthwise_then_pointwise(spec):
    seq = eval(conv_code(spec, separable=True), {"nn": nn})
    assert isinstance(seq, nn.Sequential) and len(seq) == 2
    dw, pw = depthwise_separable(spec)
    same_conv(seq[0], dw)
    same_conv(seq[1], pw)


@pytest.mark.parametrize("separable", [False, True])
def test_snippet_runs_and_prints_the_shape_it_claims(separable):
    spec = ConvSpec(3, 8, 3, stride=2, padding=1)
    code = conv_snippet(spec, 9, separable)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    claimed = code.strip().splitlines()[-1].split("# ")[-1]
    assert out.getvalue().strip() == claimed == str(torch.Size([1, 8, 5, 5]))
