"""Exact path counts, gridding holes and the effective RF, checked against independent computations."""

from __future__ import annotations

import random

import numpy as np
import torch
from torch import nn

from dsconv.receptive.coverage import coverage_map, effective_rf, growth_frames, holes_inside, rf_box
from dsconv.mnist.models import seed_dsconv
from dsconv.receptive.field import receptive_field
from dsconv.receptive.stacks import PRESETS, Layer, Stack, centre_output, output_sizes
from test_receptive import valid_random_stacks


def paths_1d(stack: Stack, o: int) -> np.ndarray:
    """Paths from each input index to output ``o`` along one axis, by enumerating every tap (pure numpy)."""
    lengths = [stack.size, *output_sizes(stack)]
    cur = np.zeros(lengths[-1], dtype=np.int64)
    cur[o] = 1
    for layer, n_in in zip(reversed(stack.layers), reversed(lengths[:-1])):
        prev = np.zeros(n_in, dtype=np.int64)
        for out_idx in np.nonzero(cur)[0]:
            for tap in range(layer.kernel_size):
                i = out_idx * layer.stride - layer.padding + tap * layer.dilation
                if 0 <= i < n_in:
                    prev[i] += cur[out_idx]
        cur = prev
    return cur


def test_coverage_counts_equal_path_enumeration_on_random_stacks():
    for stack in valid_random_stacks(40, seed=7):
        last = output_sizes(stack)[-1]
        rng = random.Random(stack.size)
        oy, ox = rng.randrange(last), rng.randrange(last)
        expected = np.outer(paths_1d(stack, oy), paths_1d(stack, ox))
        np.testing.assert_array_equal(coverage_map(stack, oy, ox), expected)


def test_seed_mnist_coverage_equals_brute_force_footprint_of_the_real_model():
    stack = PRESETS["seed_mnist"]
    oy, ox = centre_output(stack)
    counts = coverage_map(stack, oy, ox)
    model = seed_dsconv()
    convs = nn.Sequential(model.conv1, model.dw, model.pw, model.conv3).double()
    with torch.no_grad():  # positive weights: no cancellation, so every path leaves a non-zero gradient
        for conv in convs:
            conv.weight.abs_().add_(0.01)
    x = torch.rand(1, 1, 28, 28, dtype=torch.float64, requires_grad=True)
    convs(x)[0, 0, oy, ox].backward()
    np.testing.assert_array_equal(counts > 0, (x.grad[0, 0] != 0).numpy())
    rf = receptive_field(stack.specs())[-1]
    assert rf.size == 13 and (counts > 0).sum() == 13 * 13


def test_gridding_holes_with_2222_and_none_with_hdc_125():
    for name, has_holes in (("dil2222", True), ("hdc125", False)):
        stack = PRESETS[name]
        oy, ox = centre_output(stack)
        counts = coverage_map(stack, oy, ox)
        rf = receptive_field(stack.specs())[-1]
        holes = holes_inside(counts, rf, oy, ox)
        assert (holes > 0) == has_holes, (name, holes)
    # 2-2-2-2 reaches only every other row and column of its 17x17 RF: 9 x 9 pixels, 289 - 81 holes.
    assert holes_inside(coverage_map(PRESETS["dil2222"], 15, 15), receptive_field(PRESETS["dil2222"].specs())[-1], 15, 15) == 289 - 81


def test_growth_frames_follow_the_rf_recurrence_and_end_at_the_chosen_output():
    stack = PRESETS["stride2"]
    oy, ox = 1, 2
    frames = growth_frames(stack, oy, ox)
    rfs = receptive_field(stack.specs())
    assert [f.rf for f in frames] == rfs
    np.testing.assert_array_equal(frames[-1].counts, coverage_map(stack, oy, ox))
    reached = [int((f.counts > 0).sum()) for f in frames]
    assert reached == sorted(reached) and reached[0] == 9
    for f in frames:  # every frame's unit sees exactly its (clipped) RF square
        y0, y1, x0, x1 = rf_box(f.rf, f.oy, f.ox)
        ys, xs = np.nonzero(f.counts)
        assert ys.min() == max(y0, 0) and ys.max() == min(y1, stack.size - 1)
        assert xs.min() == max(x0, 0) and xs.max() == min(x1, stack.size - 1)


def test_effective_rf_is_inside_the_theoretical_rf_and_concentrated_in_the_middle():
    stack = Stack(48, (Layer(3, 1, 1, 1),) * 8)
    erf = effective_rf(stack, seeds=8, channels=4)
    rf = receptive_field(stack.specs())[-1]
    c = centre_output(stack)[0]
    y0, y1, x0, x1 = (int(v) for v in rf_box(rf, c, c))
    inside = np.zeros_like(erf, dtype=bool)
    inside[y0 : y1 + 1, x0 : x1 + 1] = True
    assert erf.max() == 1.0 and (erf[~inside] == 0).all()
    profile = erf.sum(axis=0)
    idx = np.arange(len(profile))
    mean = (profile * idx).sum() / profile.sum()
    assert abs(mean - c) < 1  # centred on the output's own position
    # Luo et al.: the ERF is much smaller than the theoretical RF (17x17 here): its spread along a row is
    # well below that of a uniform square of the same size.
    std = np.sqrt((profile * (idx - mean) ** 2).sum() / profile.sum())
    uniform_std = np.sqrt((rf.size**2 - 1) / 12)
    assert std < 0.7 * uniform_std, (std, uniform_std)


def test_effective_rf_is_reproducible():
    stack = PRESETS["hdc125"]
    np.testing.assert_array_equal(effective_rf(stack), effective_rf(stack))


def test_separable_counts_equal_a_real_conv2d_backward_pass():
    """The 1-D outer product (coverage_map) equals one backward pass through the real all-ones Conv2d stack."""
    import torch

    from dsconv.receptive.coverage import conv_stack
    from dsconv.receptive.stacks import Layer, Stack

    rng = np.random.default_rng(5)
    for _ in range(12):
        layers = tuple(Layer(kernel_size=int(rng.choice([1, 3, 5])), stride=int(rng.choice([1, 2])),
                             dilation=int(rng.choice([1, 2, 3])), padding=int(rng.integers(0, 3)))
                       for _ in range(int(rng.integers(1, 4))))
        stack = Stack(24, layers)
        try:
            last = output_sizes(stack)[-1]
        except Exception:
            continue
        oy, ox = int(rng.integers(0, last)), int(rng.integers(0, last))
        net = conv_stack(stack)
        with torch.no_grad():
            for conv in net:
                conv.weight.fill_(1.0)
        x = torch.zeros(1, 1, 24, 24, dtype=torch.float64, requires_grad=True)
        net(x)[0, 0, oy, ox].backward()
        np.testing.assert_array_equal(coverage_map(stack, oy, ox), x.grad[0, 0].numpy())
