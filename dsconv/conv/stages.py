"""One animated conv stage: for each output cell, every drawn input channel's taps, products and partial sum.

A standard or grouped conv is watched through one output channel ``o``: it reads the ``in/groups`` input
channels of its group, each through its own ``k x k`` weight slice ``weight[o, c]``; the output cell is the
sum of the per-channel partial sums plus the bias. A depthwise conv (groups = in_channels) is watched on
every channel at once (each channel has its own filter and its own output). The pointwise 1x1 conv is the
same as a standard conv with k = 1, read off the depthwise output.

Everything is vectorised with numpy (a new Playground configuration must draw in well under 100 ms);
``Stage.out`` is ``torch.nn.functional.conv2d`` itself, and the tests check every frame against it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import torch
import torch.nn.functional as F

from dsconv.conv.sliding import MAX_FRAMES, example_tensors
from dsconv.conv.arithmetic import ConvSpec, depthwise_separable, output_size
from dsconv.threads import single_thread

MAX_LANES = 8  # input channels drawn; the rest are summed as "+N more"
FIGURE_BYTES = 150_000  # what the frames of one stage may cost (the page: <= 250 KB of figures per rerun)
MIN_FRAMES = 16


@dataclass(frozen=True, eq=False)
class Stage:
    """The numbers of one stage, frame by frame (frame f = output cell ``cells[f]``, row-major).

    ``lanes`` are the drawn input channels, ``lane_out[j]`` the output channel lane j feeds (all the same
    watched channel for conv/pw; the lane's own channel for depthwise). ``hidden`` feed the watched
    channel too but are not drawn: their products are summed in ``hidden_sum``.
    """

    kind: str  # "conv", "dw" or "pw"
    spec: ConvSpec
    size: int
    x: np.ndarray  # (in_channels, size, size) float64: the stage's input
    weight: np.ndarray  # (out, in/groups, k, k) float64
    bias: np.ndarray | None  # (out,)
    out: np.ndarray  # (out, h_out, w_out) = F.conv2d(x, weight, bias, ...)
    lanes: tuple[int, ...]
    lane_out: tuple[int, ...]
    hidden: tuple[int, ...]
    cells: np.ndarray  # (F, 2) int: output (row, col) of each frame
    patch: np.ndarray  # (F, L, k, k) the input values under the taps (0 on padding)
    products: np.ndarray  # (F, L, k, k) patch * weight slice
    hidden_sum: np.ndarray  # (F,) products of the hidden channels, summed
    total_cells: int

    @property
    def padded_size(self) -> int:
        return self.size + 2 * self.spec.padding

    @property
    def partial(self) -> np.ndarray:
        """(F, L) per-channel partial sums Σ x·w."""
        return self.products.sum(axis=(2, 3))

    @property
    def watched(self) -> tuple[int, ...]:
        """The output channels whose cells fill in (one for conv/pw, every lane for depthwise)."""
        return tuple(dict.fromkeys(self.lane_out))

    def bias_of(self, o: int) -> float:
        return float(self.bias[o]) if self.bias is not None else 0.0

    def value(self, f: int, o: int) -> float:
        """Output cell ``y[o, cells[f]]`` rebuilt from the partial sums: Σ partial + hidden + bias."""
        lanes = [j for j, oo in enumerate(self.lane_out) if oo == o]
        extra = float(self.hidden_sum[f]) if o == self.lane_out[0] and self.kind != "dw" else 0.0
        return float(self.partial[f, lanes].sum()) + extra + self.bias_of(o)

    def group_of_input(self, channel: int) -> int:
        return channel // (self.spec.in_channels // self.spec.groups)

    def group_of_output(self, o: int) -> int:
        return o // (self.spec.out_channels // self.spec.groups)

    @property
    def frames(self) -> int:
        return len(self.cells)

    @property
    def truncated(self) -> bool:
        return self.frames < self.total_cells


def frame_budget(lanes: int, k: int, cells: int, outputs: int = 1, budget: int = FIGURE_BYTES) -> int:
    """How many frames fit the byte budget: each frame sends the taps and products of every drawn lane,
    and a cover + a marker for every output map that fills in (one per lane for depthwise)."""
    per_frame = 420 + lanes * k * k * 16 + lanes * 40 + outputs * 260  # measured on the JSON the page sends
    return int(min(cells, MAX_FRAMES, max(MIN_FRAMES, budget // per_frame)))


def _taps(spec: ConvSpec, x: np.ndarray, weight: np.ndarray, o: int, channels: np.ndarray,
          cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(F, C, k, k) input values under the taps of output channel ``o`` for input ``channels``, and the products."""
    p, s, d, k = spec.padding, spec.stride, spec.dilation, spec.kernel_size
    padded = np.pad(x, ((0, 0), (p, p), (p, p)))
    offsets = np.arange(k) * d
    rows = cells[:, 0, None] * s + offsets  # (F, k)
    cols = cells[:, 1, None] * s + offsets
    patch = padded[channels[None, :, None, None], rows[:, None, :, None], cols[:, None, None, :]]
    per = spec.in_channels // spec.groups
    w = weight[o, channels % per]  # (C, k, k): channel c of the group is weight slice c - group start
    return patch, patch * w[None]


def _torch_out(spec: ConvSpec, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None) -> np.ndarray:
    kw = dict(stride=spec.stride, padding=spec.padding, dilation=spec.dilation, groups=spec.groups)
    b = None if bias is None else torch.from_numpy(bias)
    with single_thread():  # a tiny conv: two threads on a busy 2-core server took ~60 ms instead of 0.1 ms
        return F.conv2d(torch.from_numpy(x)[None], torch.from_numpy(weight), b, **kw)[0].numpy()


def _build(kind: str, spec: ConvSpec, x: np.ndarray, weight: np.ndarray, bias: np.ndarray | None,
           lane_sets: list[tuple[int, np.ndarray]], hidden: np.ndarray, max_frames: int | None) -> Stage:
    size = x.shape[1]
    h_out, w_out = output_size(spec, size, size)
    lanes = sum(len(ch) for _, ch in lane_sets)
    outputs = len({o for o, _ in lane_sets})
    n = (frame_budget(lanes, spec.kernel_size, h_out * w_out, outputs) if max_frames is None
         else min(max_frames, h_out * w_out))
    cells = np.stack(np.divmod(np.arange(n), w_out), axis=1)
    patches, products, lane_ch, lane_out = [], [], [], []
    for o, channels in lane_sets:
        pt, pr = _taps(spec, x, weight, o, channels, cells)
        patches.append(pt)
        products.append(pr)
        lane_ch += channels.tolist()
        lane_out += [o] * len(channels)
    o = lane_sets[0][0]
    hidden_sum = _taps(spec, x, weight, o, hidden, cells)[1].sum(axis=(1, 2, 3)) if len(hidden) else np.zeros(n)
    return Stage(kind, spec, size, x, weight, bias, _torch_out(spec, x, weight, bias), tuple(lane_ch),
                 tuple(lane_out), tuple(hidden.tolist()), cells, np.concatenate(patches, axis=1),
                 np.concatenate(products, axis=1), hidden_sum, h_out * w_out)


def _tensors(spec: ConvSpec, size: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    x, w, b = example_tensors(spec, size, seed)
    return x.numpy(), w.numpy(), None if b is None else b.numpy()


def conv_stage(spec: ConvSpec, size: int, out_channel: int = 0, *, seed: int = 0, max_frames: int | None = None,
               x: np.ndarray | None = None, kind: str = "conv", max_lanes: int = MAX_LANES) -> Stage:
    """A standard / grouped conv (or the 1x1 pointwise stage) watched through ``out_channel``; validates first.

    The first ``max_lanes`` channels of the group are drawn, the rest summed in ``hidden_sum``."""
    spec.validate(size, size)
    if not 0 <= out_channel < spec.out_channels:
        raise ValueError(f"out_channel {out_channel} is not in 0..{spec.out_channels - 1}")
    xs, weight, bias = _tensors(spec, size, seed)
    x = xs if x is None else x
    per = spec.in_channels // spec.groups
    start = (out_channel // (spec.out_channels // spec.groups)) * per
    group = np.arange(start, start + per)
    return _build(kind, spec, x, weight, bias, [(out_channel, group[:max_lanes])], group[max_lanes:], max_frames)


def depthwise_stage(spec: ConvSpec, size: int, *, seed: int = 0, max_frames: int | None = None,
                    max_lanes: int = MAX_LANES) -> Stage:
    """A depthwise conv (groups = in_channels = out_channels): every drawn channel filtered at once."""
    spec.validate(size, size)
    if not spec.groups == spec.in_channels == spec.out_channels:
        raise ValueError("a depthwise stage needs groups = in_channels = out_channels")
    x, weight, bias = _tensors(spec, size, seed)
    lane_sets = [(c, np.array([c])) for c in range(min(spec.in_channels, max_lanes))]
    return _build("dw", spec, x, weight, bias, lane_sets, np.array([], dtype=int), max_frames)


def dw_pw_stages(spec: ConvSpec, size: int, out_channel: int = 0, *, seed: int = 0,
                 max_frames: int | None = None, max_lanes: int = MAX_LANES) -> tuple[Stage, Stage]:
    """The depthwise stage of ``spec``'s DW+PW replacement, then the pointwise stage on the depthwise output."""
    dw, pw = depthwise_separable(spec)
    first = depthwise_stage(dw, size, seed=seed, max_frames=max_frames, max_lanes=max_lanes)
    mid = first.out.shape[1]
    second = conv_stage(pw, mid, out_channel, seed=seed + 1, max_frames=max_frames, x=first.out, kind="pw",
                        max_lanes=max_lanes)
    return first, second


VIEWS = ("conv", "dw", "pw", "std")  # the Playground's views: your conv; DW+PW mode: stage 1, stage 2, standard


def stage_of(spec: ConvSpec, size: int, view: str, out_channel: int = 0, **kw) -> Stage:
    """The stage a Playground view animates: ``conv`` (spec as set), ``dw`` / ``pw`` (its DW+PW replacement)
    or ``std`` (the standard conv with the same k, dilation and output shape, groups = 1)."""
    if view == "conv":
        return conv_stage(spec, size, out_channel, **kw)
    if view == "std":
        return conv_stage(replace(spec, groups=1), size, out_channel, **kw)
    dw, pw = dw_pw_stages(spec, size, out_channel, **kw)
    return dw if view == "dw" else pw
