"""ConvSpec arithmetic against real torch.nn.Conv2d: shapes, params, FlopCounterMode MACs, validation rules."""

from __future__ import annotations

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch.utils.flop_counter import FlopCounterMode

from dsconv import ConvSpec, SpecError, conv_cost, output_size
from dsconv.conv.arithmetic import depthwise_separable, separable_ratio, standard_counterpart, valid_groups

torch.set_num_threads(1)


@st.composite
def valid_specs(draw):
    """A random legal (spec, h, w): groups divides both channel counts and the kernel fits."""
    g = draw(st.integers(1, 4))
    cin = g * draw(st.integers(1, 4))
    cout = g * draw(st.integers(1, 4))
    k = draw(st.integers(1, 5))
    d = draw(st.integers(1, 3))
    s = draw(st.integers(1, 3))
    p = draw(st.integers(0, 3))
    eff = d * (k - 1) + 1
    h = draw(st.integers(max(1, eff - 2 * p), 16))
    w = draw(st.integers(max(1, eff - 2 * p), 16))
    bias = draw(st.booleans())
    return ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g, bias=bias), h, w


def torch_flops(conv: torch.nn.Conv2d, x: torch.Tensor) -> int:
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        conv(x)
    return counter.get_total_flops()


@pytest.mark.slow
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_specs())
def test_conv_cost_matches_torch_params_flops_and_shape(case):
    spec, h, w = case
    conv = torch.nn.Conv2d(**spec.torch_kwargs())
    x = torch.zeros(1, spec.in_channels, h, w)
    cost = conv_cost(spec, h, w)
    out = conv(x)
    assert cost.params == sum(p.numel() for p in conv.parameters())
    assert cost.flops == torch_flops(conv, x) == 2 * cost.macs
    assert cost.out_shape == tuple(out.shape[1:])
    assert output_size(spec, h, w) == tuple(out.shape[2:])
    assert cost.weight_shape == tuple(conv.weight.shape) == spec.weight_shape


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    st.integers(-1, 6), st.integers(-1, 6), st.integers(-1, 5), st.integers(-1, 3),
    st.integers(-2, 3), st.integers(-1, 3), st.integers(-1, 4), st.integers(1, 8),
)
def test_illegal_specs_are_exactly_those_torch_rejects(cin, cout, k, s, p, d, g, h):
    spec = ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g)
    try:
        spec.validate(h, h)
        ours = None
    except SpecError as err:
        ours = err
    try:
        conv = torch.nn.Conv2d(**spec.torch_kwargs())
        conv(torch.zeros(1, cin, h, h))
        theirs = None
    except (ValueError, RuntimeError, ZeroDivisionError) as err:
        theirs = err
    if ours is None:
        assert theirs is None, f"torch rejects {spec} on {h}x{h} but validate accepts it: {theirs}"
    elif theirs is None:
        # torch lets a few degenerate zero-sized layers through (0 channels, kernel 0, dilation 0);
        # we reject every value < 1 on purpose. Every other rule must agree with torch.
        assert ours.key == "err.must_be_positive", f"validate rejects {spec} on {h}x{h} ({ours}); torch accepts it"
        assert 0 in (cin, cout, k, d), (spec, ours)


@pytest.mark.parametrize(
    "kwargs, h, key, words",
    [
        (dict(in_channels=3, out_channels=4, kernel_size=3, groups=4), 8, "err.groups_divide", ["groups", "3", "4"]),
        (dict(in_channels=12, out_channels=18, kernel_size=3, groups=4), 8, "err.groups_divide", ["12", "18"]),
        (dict(in_channels=3, out_channels=4, kernel_size=7), 5, "err.kernel_too_big", ["7", "5"]),
        (dict(in_channels=3, out_channels=4, kernel_size=3, dilation=4), 5, "err.kernel_too_big", ["9", "5"]),
        (dict(in_channels=0, out_channels=4, kernel_size=3), 8, "err.must_be_positive", ["in_channels", "0"]),
        (dict(in_channels=3, out_channels=4, kernel_size=3, stride=0), 8, "err.must_be_positive", ["stride"]),
        (dict(in_channels=3, out_channels=4, kernel_size=3, groups=0), 8, "err.must_be_positive", ["groups"]),
        (dict(in_channels=3, out_channels=4, kernel_size=3, padding=-1), 8, "err.padding_negative", ["padding", "-1"]),
    ],
)
def test_validate_names_the_broken_rule(kwargs, h, key, words):
    with pytest.raises(SpecError) as info:
        ConvSpec(**kwargs).validate(h, h)
    assert info.value.key == key
    for word in words:
        assert word in str(info.value)
    assert info.value.message("zh") != str(info.value)  # translated


def test_depthwise_separable_cost_ratio_is_mobilenet_formula():
    spec = ConvSpec(16, 32, 3, padding=1, bias=False)
    dw, pw = depthwise_separable(spec)
    h_mid = output_size(dw, 10)[0]
    macs = conv_cost(dw, 10).macs + conv_cost(pw, h_mid).macs
    assert macs / conv_cost(spec, 10).macs == pytest.approx(separable_ratio(32, 3))
    seq = torch.nn.Sequential(torch.nn.Conv2d(**dw.torch_kwargs()), torch.nn.Conv2d(**pw.torch_kwargs()))
    assert seq(torch.zeros(1, 16, 10, 10)).shape == torch.nn.Conv2d(**spec.torch_kwargs())(torch.zeros(1, 16, 10, 10)).shape


@settings(max_examples=100, deadline=None)
@given(valid_specs())
def test_standard_counterpart_keeps_output_shape_without_groups_or_dilation(case):
    spec, h, w = case
    std = standard_counterpart(spec)
    assert (std.groups, std.dilation) == (1, 1)
    assert conv_cost(std, h, w).out_shape[1:] == conv_cost(spec, h, w).out_shape[1:]


def test_valid_groups_are_those_torch_accepts():
    for cin, cout in [(3, 4), (12, 18), (16, 32), (1, 7)]:
        accepted = []
        for g in range(1, 20):
            try:
                torch.nn.Conv2d(cin, cout, 1, groups=g)
                accepted.append(g)
            except ValueError:
                pass
        assert valid_groups(cin, cout) == accepted
