"""Kernel-sliding frames: where each tap of a (strided, padded, dilated, grouped) kernel lands.

A small seeded example (integer-valued inputs, one-decimal weights) so a learner can check the
arithmetic; every frame's sum equals ``torch.nn.functional.conv2d`` at that output cell.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from dsconv.conv.arithmetic import ConvSpec, output_size

MAX_FRAMES = 64
SEED = 0


@dataclass(frozen=True)
class Tap:
    """One kernel tap at one output cell: its position in the padded input and what it multiplies."""

    channel: int  # input channel (absolute index)
    i: int  # kernel row
    j: int  # kernel column
    row: int  # row in the padded input
    col: int  # column in the padded input
    x: float  # input value there (0 in the padding)
    w: float  # weight[out_channel, channel within group, i, j]
    in_padding: bool = False  # True when the tap lands on a padding cell (x is 0 there)

    @property
    def product(self) -> float:
        return self.x * self.w


@dataclass(frozen=True)
class Frame:
    """One output cell ``y[out_channel, row, col]`` with all its taps and the sum."""

    row: int
    col: int
    taps: tuple[Tap, ...]
    bias: float
    value: float  # sum of products + bias

    def channel_sums(self) -> dict[int, float]:
        """Partial sum of products per input channel (for the multi-channel explanation)."""
        sums: dict[int, float] = {}
        for tap in self.taps:
            sums[tap.channel] = sums.get(tap.channel, 0.0) + tap.product
        return sums


@dataclass(frozen=True)
class Sliding:
    """The example's tensors and the first ``MAX_FRAMES`` output cells of ``out_channel``."""

    spec: ConvSpec
    size: int
    x: torch.Tensor  # (in_channels, size, size), float64
    weight: torch.Tensor  # (out, in/groups, k, k), float64
    bias: torch.Tensor | None
    out: torch.Tensor  # (out, h_out, w_out) = F.conv2d(x, weight, bias, ...)
    out_channel: int
    frames: tuple[Frame, ...]
    total_cells: int  # h_out * w_out

    @property
    def padded_size(self) -> int:
        return self.size + 2 * self.spec.padding

    @property
    def group_channels(self) -> range:
        """Input channels that feed ``out_channel`` (its group)."""
        per = self.spec.in_channels // self.spec.groups
        group = self.out_channel // (self.spec.out_channels // self.spec.groups)
        return range(group * per, (group + 1) * per)

    @property
    def truncated(self) -> bool:
        return len(self.frames) < self.total_cells


def example_tensors(spec: ConvSpec, size: int, seed: int = SEED):
    """Seeded input (integers 0..9) and weights/bias (one decimal in [-1, 1]) as float64."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randint(0, 10, (spec.in_channels, size, size), generator=gen).double()
    weight = torch.randint(-10, 11, spec.weight_shape, generator=gen).double() / 10
    bias = torch.randint(-10, 11, (spec.out_channels,), generator=gen).double() / 10 if spec.bias else None
    return x, weight, bias


def sliding(spec: ConvSpec, size: int, out_channel: int = 0, max_frames: int = MAX_FRAMES, seed: int = SEED) -> Sliding:
    """Frames for the first ``max_frames`` cells (row-major) of ``out_channel``; validates ``spec`` first."""
    spec.validate(size, size)
    x, weight, bias = example_tensors(spec, size, seed)
    kw = dict(stride=spec.stride, padding=spec.padding, dilation=spec.dilation, groups=spec.groups)
    out = F.conv2d(x.unsqueeze(0), weight, bias, **kw)[0]
    h_out, w_out = output_size(spec, size, size)
    p, s, d, k = spec.padding, spec.stride, spec.dilation, spec.kernel_size
    padded = F.pad(x, (p, p, p, p))
    per = spec.in_channels // spec.groups
    group = out_channel // (spec.out_channels // spec.groups)
    b = float(bias[out_channel]) if bias is not None else 0.0
    frames = []
    for cell in range(min(max_frames, h_out * w_out)):
        r, c = divmod(cell, w_out)
        taps = []
        for ci in range(per):
            channel = group * per + ci
            for i in range(k):
                for j in range(k):
                    row, col = r * s + i * d, c * s + j * d
                    pad = not (p <= row < p + size and p <= col < p + size)
                    taps.append(
                        Tap(channel, i, j, row, col, float(padded[channel, row, col]),
                            float(weight[out_channel, ci, i, j]), pad)
                    )
        value = sum(t.product for t in taps) + b
        frames.append(Frame(r, c, tuple(taps), b, value))
    return Sliding(spec, size, x, weight, bias, out, out_channel, tuple(frames), h_out * w_out)


def fmt(v: float) -> str:
    """Short number text: integers without decimals, else up to two decimals."""
    v = round(v, 2) + 0.0
    return str(int(v)) if v == int(v) else f"{v:g}"


_PALETTE = {"white": (255, 255, 255), "input": (238, 244, 251), "pad": (200, 200, 200), "line": (150, 150, 150),
            "text": (0, 0, 0), "tap": (214, 39, 40), "done": (253, 212, 158)}
_INDEX = {name: i for i, name in enumerate(_PALETTE)}


GIF_WIDTH = 1200  # about twice the first version's 596 px: numbers readable on a projected slide


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def sliding_gif(spec: ConvSpec, size: int, duration_ms: int = 400, title: str = "") -> bytes:
    """The kernel sliding over the padded input (first channel of the group) and the output filling, as a GIF.

    About ``GIF_WIDTH`` px wide with a title line (the layer), so it can go on a slide as it is.
    """
    from PIL import Image, ImageDraw

    sl = sliding(spec, size)
    n, p = sl.padded_size, spec.padding
    h_out, w_out = sl.out.shape[1:]
    cell = max(16, min(64, (GIF_WIDTH - 40) // (n + w_out + 2)))
    font, small = _font(max(14, cell * 9 // 20)), _font(max(12, cell * 7 // 20))
    margin = 20
    head = _font(34)
    while head.size > 14 and head.getlength(title) > GIF_WIDTH - 2 * margin:  # the whole title, on one line
        head = _font(head.size - 2)
    top = margin + (head.size + 16 if title else 0)
    ox = margin + (n + 2) * cell
    width, height = max(ox + w_out * cell + margin, 2 * margin + int(head.getlength(title))), top + max(n, h_out) * cell + font.size + 30
    ch = sl.group_channels.start

    def box(x0: int, r: int, c: int) -> tuple[int, int, int, int]:
        return (x0 + c * cell, top + r * cell, x0 + (c + 1) * cell, top + (r + 1) * cell)

    def label(draw, xy_box, value: float, face=font) -> None:
        draw.text(((xy_box[0] + xy_box[2]) / 2, (xy_box[1] + xy_box[3]) / 2), fmt(value),
                  fill=_INDEX["text"], anchor="mm", font=face)

    base = Image.new("P", (width, height), _INDEX["white"])
    base.putpalette([v for rgb in _PALETTE.values() for v in rgb])
    dr = ImageDraw.Draw(base)
    if title:
        dr.text((margin, margin), title, fill=_INDEX["text"], font=head)
    for r in range(n):
        for c in range(n):
            pad = not (p <= r < p + size and p <= c < p + size)
            dr.rectangle(box(margin, r, c), fill=_INDEX["pad" if pad else "input"], outline=_INDEX["line"])
            if not pad:
                label(dr, box(margin, r, c), float(sl.x[ch, r - p, c - p]))
    for r in range(h_out):
        for c in range(w_out):
            dr.rectangle(box(ox, r, c), fill=_INDEX["white"], outline=_INDEX["line"])
    images = []
    for frame in sl.frames:
        b = box(ox, frame.row, frame.col)
        dr.rectangle(b, fill=_INDEX["done"], outline=_INDEX["line"])  # the output fills up on ``base``
        label(dr, b, round(float(sl.out[sl.out_channel, frame.row, frame.col]), 1), small)
        im = base.copy()
        fr = ImageDraw.Draw(im)
        for tap in frame.taps:
            if tap.channel == ch:
                fr.rectangle(box(margin, tap.row, tap.col), outline=_INDEX["tap"], width=max(3, cell // 8))
        fr.rectangle(b, outline=_INDEX["tap"], width=max(3, cell // 8))
        fr.text((margin, height - font.size - 16), f"y[{sl.out_channel},{frame.row},{frame.col}] = {fmt(frame.value)}",
                fill=_INDEX["text"], font=font)
        images.append(im)
    buf = io.BytesIO()
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=duration_ms, loop=0)
    return buf.getvalue()
