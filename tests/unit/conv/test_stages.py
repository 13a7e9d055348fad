"""Every frame of every stage (standard, grouped, depthwise, pointwise; dilated, strided, padded) equals torch."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from dsconv import ConvSpec, SpecError
from dsconv.conv.arithmetic import depthwise_separable
from dsconv.conv import MAX_LANES, conv_stage, dw_pw_stages
from dsconv.conv.stages import depthwise_stage


def torch_reference(spec: ConvSpec, x: np.ndarray, weight: np.ndarray, bias) -> torch.Tensor:
    """A real nn.Conv2d loaded with the stage's weights (float64)."""
    conv = torch.nn.Conv2d(**spec.torch_kwargs(), dtype=torch.float64)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(weight))
        if bias is not None:
            conv.bias.copy_(torch.from_numpy(bias))
        return conv(torch.from_numpy(x)[None])[0]


def check_frames(stage) -> None:
    ref = torch_reference(stage.spec, stage.x, stage.weight, stage.bias)
    assert np.allclose(stage.out, ref.numpy())
    for f, (r, c) in enumerate(stage.cells):
        for o in stage.watched:
            assert stage.value(f, o) == pytest.approx(float(ref[o, r, c]), abs=1e-9)
    # the taps read exactly what unfold reads (padding, stride, dilation)
    spec = stage.spec
    cols = F.unfold(torch.from_numpy(stage.x)[None], spec.kernel_size, dilation=spec.dilation,
                    padding=spec.padding, stride=spec.stride)[0]  # (C*k*k, L)
    k = spec.kernel_size
    w_out = stage.out.shape[2]
    for f, (r, c) in enumerate(stage.cells):
        for j, ch in enumerate(stage.lanes):
            expect = cols[ch * k * k : (ch + 1) * k * k, r * w_out + c].reshape(k, k).numpy()
            assert np.array_equal(stage.patch[f, j], expect)


@st.composite
def specs(draw, kind: str = "any"):
    g = draw(st.integers(1, 4))
    cin = g * draw(st.integers(1, 4))
    cout = g * draw(st.integers(1, 3))
    if kind == "standard":
        g = 1
    elif kind == "depthwise":
        g, cout = cin, cin * draw(st.integers(1, 2))
    elif kind == "pointwise":
        g = 1
    k = 1 if kind == "pointwise" else draw(st.integers(1, 5))
    d, s, p = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(0, 2))
    size = draw(st.integers(max(2, d * (k - 1) + 1 - 2 * p), 14))
    return ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g, bias=draw(st.booleans())), size


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["any", "standard", "depthwise", "pointwise"]).flatmap(specs), st.data())
def test_every_frame_of_a_conv_stage_equals_torch(case, data):
    spec, size = case
    o = data.draw(st.integers(0, spec.out_channels - 1))
    check_frames(conv_stage(spec, size, o))


@settings(max_examples=25, deadline=None)
@given(specs("any"), st.data())
def test_every_frame_of_both_dw_pw_stages_equals_torch(case, data):
    spec, size = case
    o = data.draw(st.integers(0, spec.out_channels - 1))
    dw, pw = dw_pw_stages(spec, size, o)
    check_frames(dw)
    check_frames(pw)
    assert dw.kind == "dw" and pw.kind == "pw" and pw.spec.kernel_size == 1
    assert np.array_equal(pw.x, dw.out)  # the pointwise stage reads the depthwise output
    dws, pws = depthwise_separable(spec)
    assert dw.spec == dws and pw.spec == pws
    # DW + PW composed equals the two real layers one after the other
    ref = torch_reference(pws, torch_reference(dws, dw.x, dw.weight, dw.bias).numpy(), pw.weight, pw.bias)
    assert np.allclose(pw.out, ref.numpy())


def test_many_channels_show_eight_and_sum_the_rest_exactly():
    spec = ConvSpec(16, 4, 3, padding=1)
    stage = conv_stage(spec, 6, 2)
    assert stage.lanes == tuple(range(MAX_LANES)) and stage.hidden == tuple(range(8, 16))
    check_frames(stage)
    assert not np.allclose(stage.hidden_sum, 0)


def test_grouped_stage_reads_only_its_group():
    stage = conv_stage(ConvSpec(6, 4, 3, groups=2), 5, out_channel=3)
    assert stage.lanes == (3, 4, 5) and stage.group_of_output(3) == 1
    assert [stage.group_of_input(c) for c in range(6)] == [0, 0, 0, 1, 1, 1]


def test_depthwise_watches_every_channel_and_rejects_non_depthwise():
    stage = depthwise_stage(ConvSpec(12, 12, 3, groups=12, padding=1), 6)
    assert stage.lanes == stage.lane_out == tuple(range(8)) and stage.watched == tuple(range(8))
    with pytest.raises(ValueError):
        depthwise_stage(ConvSpec(12, 12, 3, groups=6), 6)


def test_frames_capped_by_the_byte_budget_and_invalid_specs_raise():
    small = conv_stage(ConvSpec(3, 8, 3, padding=1), 8)
    assert small.frames == 64 and not small.truncated
    big = conv_stage(ConvSpec(16, 16, 5, padding=2), 16)
    assert 16 <= big.frames < 64 and big.truncated and big.total_cells == 256
    with pytest.raises(SpecError):
        conv_stage(ConvSpec(3, 4, 3, groups=4), 8)
    with pytest.raises(ValueError):
        conv_stage(ConvSpec(3, 4, 3), 8, out_channel=4)
