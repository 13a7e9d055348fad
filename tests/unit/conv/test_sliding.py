"""The seeded example: integers 0-9 in, one-decimal weights and bias in [-1, 1], the same for the same seed."""

from __future__ import annotations

import torch

from dsconv import ConvSpec
from dsconv.conv.sliding import example_tensors


def test_example_is_seeded_small_and_readable():
    spec = ConvSpec(4, 8, 3, padding=1, groups=2)
    x, w, b = example_tensors(spec, 6)
    assert x.shape == (4, 6, 6) and w.shape == spec.weight_shape and b.shape == (8,)
    assert torch.equal(x, x.round()) and 0 <= x.min() and x.max() <= 9
    for t in (w, b):
        assert torch.equal((t * 10).round(), t * 10) and t.abs().max() <= 1
    again = example_tensors(spec, 6)
    assert all(torch.equal(a, c) for a, c in zip((x, w, b), again))
    assert not torch.equal(example_tensors(spec, 6, seed=1)[0], x)
    assert example_tensors(ConvSpec(4, 8, 3, bias=False), 6)[2] is None
