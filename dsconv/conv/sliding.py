"""The seeded example every kernel-sliding view draws (the stage, its PNG/GIF and the tests that check them).

Integer-valued inputs and one-decimal weights, so a learner can check the arithmetic by hand; the frames
themselves are :mod:`dsconv.conv.stages` (the one place that walks the kernel over the input).
"""

from __future__ import annotations

import torch

from dsconv.conv.arithmetic import ConvSpec

MAX_FRAMES = 64
SEED = 0


def example_tensors(spec: ConvSpec, size: int, seed: int = SEED):
    """Seeded input (integers 0..9) and weights/bias (one decimal in [-1, 1]) as float64."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.randint(0, 10, (spec.in_channels, size, size), generator=gen).double()
    weight = torch.randint(-10, 11, spec.weight_shape, generator=gen).double() / 10
    bias = torch.randint(-10, 11, (spec.out_channels,), generator=gen).double() / 10 if spec.bias else None
    return x, weight, bias
