"""How ``groups`` wires channels: which input channels feed which output channels.

``Conv2d(groups=g)`` splits the in_channels into g equal groups and the out_channels into g equal
groups; output group j sees only input group j, so the weight is ``(out, in/g, k, k)`` (PyTorch docs).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from dsconv.conv.arithmetic import ConvSpec


@dataclass(frozen=True)
class Group:
    """One group: its input channels, its output channels and the weight slice it owns."""

    index: int
    in_channels: range
    out_channels: range

    @property
    def weight_rows(self) -> range:
        """Rows of ``Conv2d.weight`` (dim 0) that belong to this group."""
        return self.out_channels


def groups_of(spec: ConvSpec) -> list[Group]:
    """The ``groups`` blocks of ``spec`` in channel order (requires groups to divide both channel counts)."""
    g = spec.groups
    if g < 1 or spec.in_channels % g or spec.out_channels % g:
        raise ValueError(f"groups={g} does not divide {spec.in_channels} and {spec.out_channels}")
    per_in, per_out = spec.in_channels // g, spec.out_channels // g
    return [Group(i, range(i * per_in, (i + 1) * per_in), range(i * per_out, (i + 1) * per_out)) for i in range(g)]


def connection_mask(spec: ConvSpec) -> torch.Tensor:
    """Bool ``(out_channels, in_channels)``: True where an input channel feeds an output channel."""
    mask = torch.zeros(spec.out_channels, spec.in_channels, dtype=torch.bool)
    for grp in groups_of(spec):
        mask[grp.out_channels.start : grp.out_channels.stop, grp.in_channels.start : grp.in_channels.stop] = True
    return mask


def edges(spec: ConvSpec) -> list[tuple[int, int, int]]:
    """``(in_channel, out_channel, group)`` for every wire of the bipartite diagram."""
    return [(i, o, grp.index) for grp in groups_of(spec) for o in grp.out_channels for i in grp.in_channels]


def dense_weight(weight: torch.Tensor, groups: int) -> torch.Tensor:
    """The block-diagonal ``(out, in, k, k)`` weight of a groups=1 conv equal to the grouped conv ``weight``."""
    out_c, per_in, kh, kw = weight.shape
    per_out = out_c // groups
    dense = weight.new_zeros(out_c, per_in * groups, kh, kw)
    for g in range(groups):
        rows = slice(g * per_out, (g + 1) * per_out)
        dense[rows, g * per_in : (g + 1) * per_in] = weight[rows]
    return dense
