"""receptive_field and output_sizes agree with what a real torch conv stack does, on hundreds of random stacks."""

from __future__ import annotations

import random

import pytest
import torch
from torch import nn

from dsconv.receptive.field import receptive_field
from dsconv.receptive.stacks import PRESETS, Layer, LayerError, Stack, output_sizes, widget_values

N_STACKS = 240


def torch_stack(stack: Stack) -> nn.Sequential:
    """The stack as real Conv2d layers with all-ones weights (every tap is a non-zero path)."""
    convs = [nn.Conv2d(1, 1, l.kernel_size, stride=l.stride, padding=l.padding, dilation=l.dilation, bias=False,
                       dtype=torch.float64) for l in stack.layers]
    with torch.no_grad():
        for conv in convs:
            conv.weight.fill_(1.0)
    return nn.Sequential(*convs)


def random_stack(rng: random.Random) -> Stack:
    """A random stack with 1..5 layers, stride, padding and dilation all in play (may be invalid)."""
    layers = tuple(
        Layer(rng.randint(1, 5), rng.choice([1, 1, 2, 3]), rng.choice([1, 1, 2, 3, 4]), rng.randint(0, 3))
        for _ in range(rng.randint(1, 5))
    )
    return Stack(rng.randint(4, 40), layers)


def valid_random_stacks(n: int, seed: int = 0) -> list[Stack]:
    rng, stacks = random.Random(seed), []
    while len(stacks) < n:
        stack = random_stack(rng)
        try:
            output_sizes(stack)
        except LayerError:
            continue
        stacks.append(stack)
    return stacks


def footprint_extent(grad: torch.Tensor, axis: int) -> tuple[int, int] | None:
    """First and last input index (along ``axis``) with a non-zero gradient; None if nothing is reached."""
    nz = (grad != 0).any(dim=1 - axis).nonzero().flatten()
    return (int(nz.min()), int(nz.max())) if len(nz) else None


@pytest.mark.parametrize("chunk", range(4))
def test_receptive_field_matches_torch_gradient_footprint(chunk):
    stacks = valid_random_stacks(N_STACKS)[chunk::4]
    checked_inside = 0
    for stack in stacks:
        net, rfs = torch_stack(stack), receptive_field(stack.specs())
        rf, size = rfs[-1], stack.size
        x = torch.zeros(1, 1, size, size, dtype=torch.float64, requires_grad=True)
        y = net(x)
        last = y.shape[-1]
        for oy, ox in {(0, 0), (last // 2, last // 2), (last - 1, last - 1), (0, last - 1)}:
            (grad,) = torch.autograd.grad(y[0, 0, oy, ox], x, retain_graph=True)
            grad = grad[0, 0]
            for axis, o in ((0, oy), (1, ox)):
                lo, hi = rf.span(o)
                extent = footprint_extent(grad, axis)
                if extent is None:  # sees only padding (along some axis): its RF cannot lie inside the input
                    assert any(rf.span(v)[0] < 0 or rf.span(v)[1] > size - 1 for v in (oy, ox)), (stack, o, rf)
                    continue
                first, last_px = extent
                # Nothing outside the theoretical RF is ever reached.
                assert first >= lo and last_px <= hi, (stack, o, rf)
                # The RF's end taps are real paths: where they fall inside the input, they are reached.
                if lo >= 0:
                    assert first == lo, (stack, o, rf)
                if hi <= size - 1:
                    assert last_px == hi, (stack, o, rf)
                if lo >= 0 and hi <= size - 1:
                    assert last_px - first + 1 == rf.size
                    checked_inside += 1
    assert checked_inside > 100  # most checks see the whole RF, not a clipped one


def test_output_sizes_match_torch_and_invalid_stacks_fail_in_both():
    rng = random.Random(1)
    valid = invalid = 0
    for _ in range(200):
        stack = random_stack(rng)
        x = torch.zeros(1, 1, stack.size, stack.size, dtype=torch.float64)
        try:
            sizes = output_sizes(stack)
        except LayerError as error:
            invalid += 1
            net = torch_stack(stack.prefix(error.layer))
            with pytest.raises(RuntimeError):
                net(x)
            if error.layer > 1:  # the layers before the named one are fine
                torch_stack(stack.prefix(error.layer - 1))(x)
            continue
        valid += 1
        shapes = []
        for conv in torch_stack(stack):
            x = conv(x)
            shapes.append(x.shape[-1])
        assert shapes == sizes
    assert valid > 40 and invalid > 40


def test_layer_error_names_the_layer_and_the_rule():
    stack = Stack(8, (Layer(3), Layer(3), Layer(5)))
    with pytest.raises(LayerError) as info:
        output_sizes(stack)
    assert info.value.layer == 3
    assert info.value.error.key == "err.kernel_too_big"
    assert "第 3 层" not in str(info.value)  # the message itself is language-neutral until the page formats it


def test_undilated_keeps_everything_but_dilation():
    stack = PRESETS["dil1248"]
    flat = stack.undilated()
    assert [l.dilation for l in flat.layers] == [1, 1, 1, 1]
    assert [(l.kernel_size, l.stride, l.padding) for l in flat.layers] == [
        (l.kernel_size, l.stride, l.padding) for l in stack.layers
    ]
    assert [r.size for r in receptive_field(flat.specs())] == [3, 5, 7, 9]
    assert [r.size for r in receptive_field(stack.specs())] == [3, 7, 15, 31]


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_are_valid_and_round_trip_through_widget_values(name):
    stack = PRESETS[name]
    output_sizes(stack)
    values = widget_values(stack)
    rebuilt = Stack(values["size"], tuple(
        Layer(values[f"k{i}"], values[f"s{i}"], values[f"d{i}"], values[f"p{i}"]) for i in range(1, values["n"] + 1)
    ))
    assert rebuilt == stack
    assert Stack.from_key(stack.key()) == stack
