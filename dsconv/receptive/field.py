"""Receptive field of a stack of convolutions, layer by layer.

Recurrences from Araujo, Norris & Sim, "Computing Receptive Fields of Convolutional Neural
Networks", Distill 2019 (https://distill.pub/2019/computing-receptive-fields/), with the
dilated kernel's extent ``d(k-1)+1`` in place of ``k``:
``r_l = r_{l-1} + (k_eff_l - 1) * j_{l-1}``, ``j_l = j_{l-1} * s_l``,
``start_l = start_{l-1} + ((k_eff_l - 1) / 2 - p_l) * j_{l-1}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from dsconv.conv.arithmetic import ConvSpec


@dataclass(frozen=True)
class RFLayer:
    """Receptive field after one layer, in input pixels.

    ``size``: side of the square RF; ``jump``: input pixels between neighbouring outputs
    (cumulative stride); ``start``: input coordinate of the centre of output 0's RF.
    """

    size: int
    jump: int
    start: float

    def span(self, index: int) -> tuple[float, float]:
        """First and last input coordinate covered by output ``index`` (may lie in the padding)."""
        centre = self.start + index * self.jump
        half = (self.size - 1) / 2
        return centre - half, centre + half


def receptive_field(specs: Sequence[ConvSpec]) -> list[RFLayer]:
    """Receptive field size, jump and start after each layer of ``specs`` (input first)."""
    size, jump, start = 1, 1, 0.0
    layers: list[RFLayer] = []
    for spec in specs:
        k_eff = spec.effective_kernel
        size = size + (k_eff - 1) * jump
        start = start + ((k_eff - 1) / 2 - spec.padding) * jump
        jump = jump * spec.stride
        layers.append(RFLayer(size=size, jump=jump, start=start))
    return layers


def rf_size(specs: Sequence[ConvSpec]) -> int:
    """Side of the receptive field after the last of ``specs`` (1 before any layer: a pixel sees itself)."""
    return receptive_field(specs)[-1].size if specs else 1


def whole_map(channels: int, height: int, width: int) -> ConvSpec:
    """A window over the whole map: after global pooling, a flatten or a linear layer every output sees all of it."""
    return ConvSpec(channels, channels, max(height, width))
