"""Which input pixels reach one output, and how strongly: exact path counts and the effective receptive field.

Counts: back-propagate one output through the real ``Conv2d`` stack with all-ones weights in float64;
each input pixel's gradient is then exactly the number of paths from it to the output.
Effective RF: Luo, Li, Urtasun, Zemel, "Understanding the Effective Receptive Field in Deep
Convolutional Neural Networks", NeurIPS 2016 — |d output / d input| with random weights, averaged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from dsconv.receptive.field import RFLayer, receptive_field
from dsconv.receptive.stacks import Stack, output_sizes


def conv_stack(stack: Stack, channels: int = 1, groups: int = 1, dtype: torch.dtype = torch.float64) -> nn.Sequential:
    """Real bias-free ``nn.Conv2d`` layers for ``stack`` (``channels`` per layer, ``groups`` independent copies)."""
    convs = []
    for i, layer in enumerate(stack.layers):
        in_c = groups if i == 0 else channels * groups
        convs.append(
            nn.Conv2d(
                in_c,
                channels * groups,
                layer.kernel_size,
                stride=layer.stride,
                padding=layer.padding,
                dilation=layer.dilation,
                groups=groups,
                bias=False,
                dtype=dtype,
            )
        )
    net = nn.Sequential(*convs)
    net.requires_grad_(False)  # only d output / d input is needed, never the weights' gradients
    return net


def coverage_map(stack: Stack, oy: int, ox: int) -> np.ndarray:
    """``size x size`` float64 array: number of paths from each input pixel to output ``(oy, ox)`` of the last layer.

    An all-ones square kernel is separable (the k x k ones = ones(k) x ones(k), with the same stride, padding
    and dilation on both axes), so the 2-D counts are exactly the outer product of the 1-D counts along the
    rows and along the columns: two backward passes through real ``nn.Conv1d`` layers instead of one through
    ``nn.Conv2d`` (a 32-layer, 32 px, k 11 stack: 1.2 s -> ~20 ms for all its growth frames)."""
    output_sizes(stack)  # raises LayerError for an invalid stack
    rows, cols = paths_1d(stack, oy), paths_1d(stack, ox)
    return np.outer(rows, cols)


def paths_1d(stack: Stack, o: int) -> np.ndarray:
    """Number of paths from each input position to output position ``o`` along one axis (float64, exact)."""
    convs = [nn.Conv1d(1, 1, layer.kernel_size, stride=layer.stride, padding=layer.padding, dilation=layer.dilation,
                       bias=False, dtype=torch.float64) for layer in stack.layers]
    net = nn.Sequential(*convs)
    net.requires_grad_(False)
    with torch.no_grad():
        for conv in convs:
            conv.weight.fill_(1.0)
    x = torch.zeros(1, 1, stack.size, dtype=torch.float64, requires_grad=True)
    net(x)[0, 0, o].backward()
    return x.grad[0, 0].numpy()


@dataclass(frozen=True)
class GrowthFrame:
    """After ``layers`` layers: the unit ``(oy, ox)`` aligned with the chosen output, its counts and RF."""

    layers: int
    oy: int
    ox: int
    counts: np.ndarray
    rf: RFLayer


def aligned_unit(rf: RFLayer, out_size: int, centre: tuple[float, float]) -> tuple[int, int]:
    """Index of the unit whose RF centre is nearest to the input point ``centre`` (clamped to the map)."""
    idx = [int(round((c - rf.start) / rf.jump)) for c in centre]
    return tuple(min(max(i, 0), out_size - 1) for i in idx)  # type: ignore[return-value]


def growth_frames(stack: Stack, oy: int, ox: int) -> list[GrowthFrame]:
    """Coverage after 1, 2, ... layers of the unit that sits under the chosen final output ``(oy, ox)``."""
    sizes = output_sizes(stack)
    rfs = receptive_field(stack.specs())
    last = rfs[-1]
    centre = (last.start + oy * last.jump, last.start + ox * last.jump)
    frames = []
    for n, (rf, size) in enumerate(zip(rfs, sizes), start=1):
        uy, ux = (oy, ox) if n == len(rfs) else aligned_unit(rf, size, centre)
        frames.append(GrowthFrame(n, uy, ux, coverage_map(stack.prefix(n), uy, ux), rf))
    return frames


ERF_MACS = 400_000_000  # multiply-accumulates one effective-RF estimate may cost (~0.1-0.2 s on one core)


def erf_seeds(stack: Stack, channels: int, most: int = 32, least: int = 4) -> int:
    """How many random seeds the effective RF averages: ``most`` for ordinary stacks, fewer for heavy ones
    (a 32-layer, 32 px, k 11 stack costs ~63 M MACs per seed per layer), never under ``least``."""
    per_seed = sum(channels * channels * layer.kernel_size ** 2 for layer in stack.layers) * stack.size ** 2
    return int(min(most, max(least, ERF_MACS // max(per_seed, 1))))


def effective_rf(stack: Stack, seeds: int = 8, channels: int = 4) -> np.ndarray:
    """Mean over ``seeds`` random-weight stacks of |d centre output / d input|, scaled to max 1 (Luo et al. 2016).

    The seeds run at once as ``groups`` of one grouped stack; weights ~ N(0, 1/fan_in), linear layers.
    """
    sizes = output_sizes(stack)
    net = conv_stack(stack, channels=channels, groups=seeds, dtype=torch.float32)
    with torch.no_grad():
        for s in range(seeds):
            g = torch.Generator().manual_seed(s)
            for conv in net:
                block = conv.weight[s * channels : (s + 1) * channels]
                block.copy_(torch.randn(block.shape, generator=g) / block[0].numel() ** 0.5)
    x = torch.zeros(1, seeds, stack.size, stack.size, requires_grad=True)
    c = (sizes[-1] - 1) // 2
    y = net(x)
    y[0, ::channels, c, c].sum().backward()
    grad = x.grad[0].abs().mean(dim=0).numpy().astype(np.float64)
    top = grad.max()
    return grad / top if top > 0 else grad


def rf_box(rf: RFLayer, oy: int, ox: int) -> tuple[float, float, float, float]:
    """``(y0, y1, x0, x1)``: first and last input row and column of output ``(oy, ox)``'s theoretical RF."""
    return (*rf.span(oy), *rf.span(ox))


def holes_inside(counts: np.ndarray, rf: RFLayer, oy: int, ox: int) -> int:
    """Input pixels inside the theoretical RF (clipped to the input) that no path reaches: the gridding holes."""
    y0, y1, x0, x1 = rf_box(rf, oy, ox)
    n = counts.shape[0]
    rows = slice(max(int(np.ceil(y0)), 0), min(int(np.floor(y1)), n - 1) + 1)
    cols = slice(max(int(np.ceil(x0)), 0), min(int(np.floor(x1)), n - 1) + 1)
    return int((counts[rows, cols] == 0).sum())
