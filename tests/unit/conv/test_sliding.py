"""Kernel-sliding frames: taps land where PyTorch reads, and every frame's sum is F.conv2d's output."""

from __future__ import annotations

import io

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from dsconv import ConvSpec, SpecError
from dsconv.conv.sliding import MAX_FRAMES, sliding, sliding_gif


def reference(sl):
    spec = sl.spec
    kw = dict(stride=spec.stride, padding=spec.padding, dilation=spec.dilation, groups=spec.groups)
    return F.conv2d(sl.x.unsqueeze(0).float(), sl.weight.float(), None if sl.bias is None else sl.bias.float(), **kw)[0]


@st.composite
def small_specs(draw):
    g = draw(st.integers(1, 3))
    cin, cout = g * draw(st.integers(1, 3)), g * draw(st.integers(1, 3))
    k, d, s, p = draw(st.integers(1, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(0, 2))
    size = draw(st.integers(max(3, d * (k - 1) + 1 - 2 * p), 12))
    return ConvSpec(cin, cout, k, stride=s, padding=p, dilation=d, groups=g, bias=draw(st.booleans())), size


@settings(max_examples=60, deadline=None)
@given(small_specs(), st.data())
def test_every_frame_sum_equals_conv2d(case, data):
    spec, size = case
    oc = data.draw(st.integers(0, spec.out_channels - 1))
    sl = sliding(spec, size, out_channel=oc)
    ref = reference(sl)
    for frame in sl.frames:
        assert frame.value == pytest.approx(float(ref[oc, frame.row, frame.col]), abs=1e-4)
        assert sum(t.product for t in frame.taps) + frame.bias == pytest.approx(frame.value)


def test_taps_follow_stride_dilation_and_padding():
    spec = ConvSpec(2, 2, 3, stride=2, padding=1, dilation=2)
    sl = sliding(spec, 7)
    frame = sl.frames[1]  # output (0, 1)
    taps = [t for t in frame.taps if t.channel == 0]
    assert {(t.row, t.col) for t in taps} == {(i * 2, 2 + j * 2) for i in range(3) for j in range(3)}
    for t in taps:  # padding cells hold 0, real cells hold the input value
        inside = 1 <= t.row < 8 and 1 <= t.col < 8
        assert t.in_padding is not inside
        assert t.x == (float(sl.x[0, t.row - 1, t.col - 1]) if inside else 0.0)
    assert len(frame.taps) == 2 * 9  # both input channels of the (single) group


def test_grouped_frames_only_read_their_group():
    sl = sliding(ConvSpec(6, 4, 3, groups=2), 5, out_channel=3)
    assert list(sl.group_channels) == [3, 4, 5]
    assert {t.channel for f in sl.frames for t in f.taps} == {3, 4, 5}


def test_frames_are_capped_and_say_so():
    sl = sliding(ConvSpec(1, 1, 3, padding=1), 20)
    assert sl.total_cells == 400 and len(sl.frames) == MAX_FRAMES and sl.truncated
    assert (sl.frames[-1].row, sl.frames[-1].col) == divmod(MAX_FRAMES - 1, 20)


def test_invalid_spec_raises_spec_error():
    with pytest.raises(SpecError):
        sliding(ConvSpec(3, 4, 3, groups=4), 8)


def test_gif_has_one_frame_per_output_cell():
    gif = sliding_gif(ConvSpec(2, 3, 3, stride=2, padding=1), 6)
    im = Image.open(io.BytesIO(gif))
    assert im.format == "GIF" and im.n_frames == 9


def test_gif_is_slide_sized_with_the_whole_title():
    title = "nn.Conv2d(3, 8, kernel_size=3, stride=1, padding=1, dilation=1, groups=1) on an 8×8 input"
    im = Image.open(io.BytesIO(sliding_gif(ConvSpec(3, 8, 3, padding=1), 8, title=title)))
    assert im.size[0] >= 2 * 596 and im.size[1] >= 2 * 340  # twice the first version (596×376)
    plain = Image.open(io.BytesIO(sliding_gif(ConvSpec(3, 8, 3, padding=1), 8)))
    assert im.size[1] > plain.size[1]  # the title line takes room of its own
