"""The stage's data equals torch for every kind of conv; its PNG and GIF draw every channel (the GIF moves in each)."""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dsconv.conv.arithmetic import ConvSpec, depthwise_separable
from dsconv.conv.sliding import example_tensors
from dsconv.figures.stage import fmt, view_payload
from dsconv.figures.stage_image import GIF_FRAMES, _Painter, layout, stage_gif, stage_png

SPECS = [  # (name, spec, size, view, watched output)
    ("standard", ConvSpec(3, 8, 3, padding=1), 8, "conv", 5),
    ("grouped", ConvSpec(4, 8, 3, padding=1, groups=2), 8, "conv", 6),
    ("depthwise", ConvSpec(4, 4, 3, padding=1, groups=4), 7, "conv", 3),
    ("dilated_strided", ConvSpec(3, 4, 3, stride=2, padding=2, dilation=2), 9, "conv", 1),
    ("sixteen", ConvSpec(16, 16, 3, padding=1), 6, "conv", 0),
]


@pytest.mark.parametrize("name, spec, size, view, o", SPECS, ids=[s[0] for s in SPECS])
def test_payload_is_torchs_example_and_output(name, spec, size, view, o):
    data = view_payload(spec, size, view, o)
    x, w, b = example_tensors(spec, size)
    ref = F.conv2d(x[None], w, b, stride=spec.stride, padding=spec.padding, dilation=spec.dilation,
                   groups=spec.groups)[0]
    per = spec.in_channels // spec.groups
    group = o // (spec.out_channels // spec.groups)
    assert data["lanes"] == list(range(group * per, (group + 1) * per))  # every channel of the group
    assert np.allclose(data["x"], x[data["lanes"]].reshape(len(data["lanes"]), -1).numpy())
    assert np.allclose(data["w"], w[o].reshape(per, -1).numpy())
    assert np.allclose(data["y"][0], ref[o].flatten().numpy(), atol=1e-4)
    assert data["bias"][0] == pytest.approx(float(b[o]))


def test_pointwise_payload_reads_the_depthwise_output():
    spec = ConvSpec(3, 4, 3, padding=1)
    dw_data, pw_data = view_payload(spec, 8, "dw", 2), view_payload(spec, 8, "pw", 2)
    dw, pw = depthwise_separable(spec)
    x, w, b = example_tensors(dw, 8)
    mid = F.conv2d(x[None], w, b, padding=1, groups=3)[0]
    _, w2, b2 = example_tensors(pw, 8, 1)
    out = F.conv2d(mid[None], w2, b2)[0]
    assert np.allclose(dw_data["y"], mid.reshape(3, -1).numpy(), atol=1e-4)
    assert np.allclose(pw_data["x"], mid.reshape(3, -1).numpy(), atol=1e-4)
    assert np.allclose(pw_data["y"][0], out[2].flatten().numpy(), atol=1e-4)


def test_numbers_are_written_short():
    assert [fmt(v) for v in (3.0, -0.0, 0.30000000000000004, -2.456, 12.0)] == ["3", "0", "0.3", "-2.46", "12"]


def _image(png: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(png))


def test_png_is_slide_sized():
    data = view_payload(ConvSpec(4, 8, 3, padding=1), 8, "conv", 0)
    image = _image(stage_png(data, title="Conv2d"))
    assert image.width >= 2400 and image.height >= 1000


def test_gif_animates_every_drawn_channel():
    from PIL import Image, ImageChops

    data = view_payload(ConvSpec(3, 4, 3, padding=1), 6, "dw", 0)  # three channels, each with its own map
    gif = Image.open(io.BytesIO(stage_gif(data, frames=4)))
    assert gif.n_frames == 4
    frames = []
    for i in range(2):
        gif.seek(i)
        frames.append(gif.convert("RGB"))
    lay = layout(data, 1600 - 48, 900 - 48)
    painter = _Painter(data, lay, 24, 24)
    for j in range(len(data["lanes"])):  # the taps moved inside every channel's tile
        ox, oy = painter.tile_origin(j)
        box = tuple(int(v) for v in painter.box(ox, oy + 1.2, lay.n_pad, lay.n_pad, 0))
        assert ImageChops.difference(frames[0].crop(box), frames[1].crop(box)).getbbox() is not None


def test_gif_has_one_frame_per_output_cell_and_its_title_takes_a_line():
    from PIL import Image

    data = view_payload(ConvSpec(2, 3, 3, stride=2, padding=1), 6, "conv", 0)  # a 3x3 output: 9 cells
    titled = Image.open(io.BytesIO(stage_gif(data, title="nn.Conv2d(2, 3, kernel_size=3, stride=2, padding=1)")))
    assert titled.format == "GIF" and titled.n_frames == 9
    assert titled.size[0] >= 2 * 596  # twice the first version's width: a slide


def test_gif_is_capped():
    data = view_payload(ConvSpec(1, 1, 1, padding=0), 9, "conv", 0)
    from PIL import Image

    assert Image.open(io.BytesIO(stage_gif(data))).n_frames == GIF_FRAMES < 81
