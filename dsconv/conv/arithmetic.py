"""Exact shape, parameter and compute arithmetic of ``torch.nn.Conv2d``.

Formulas: the output-size formula and parameter shapes of the PyTorch ``Conv2d`` documentation
(https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html); MACs are counted the way
``torch.utils.flop_counter.FlopCounterMode`` counts convolutions (bias excluded, FLOPs = 2 * MACs).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from dsconv.i18n import TranslatableError


class SpecError(TranslatableError, ValueError):
    """A ValueError that names the broken rule by an i18n key, so pages can show it in any language."""


@dataclass(frozen=True)
class ConvSpec:
    """One 2-D convolution, named exactly as ``torch.nn.Conv2d``'s arguments (square kernels)."""

    in_channels: int
    out_channels: int
    kernel_size: int
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    groups: int = 1
    bias: bool = True

    @property
    def effective_kernel(self) -> int:
        """Extent of the dilated kernel: ``dilation * (kernel_size - 1) + 1``."""
        return self.dilation * (self.kernel_size - 1) + 1

    @property
    def weight_shape(self) -> tuple[int, int, int, int]:
        """Shape of ``Conv2d.weight``: ``(out, in / groups, k, k)``."""
        return (self.out_channels, self.in_channels // self.groups, self.kernel_size, self.kernel_size)

    @property
    def weight_count(self) -> int:
        """Weights in ``Conv2d.weight`` (no bias): ``out · in/groups · k · k``."""
        return math.prod(self.weight_shape)

    def torch_kwargs(self) -> dict:
        """Keyword arguments for ``torch.nn.Conv2d(**spec.torch_kwargs())``."""
        return asdict(self)

    def validate(self, h: int, w: int | None = None) -> None:
        """Raise :class:`SpecError` naming the first broken rule for an ``h x w`` input."""
        w = h if w is None else w
        for name in ("in_channels", "out_channels", "kernel_size", "stride", "dilation", "groups"):
            value = getattr(self, name)
            if value < 1:
                raise SpecError("err.must_be_positive", name=name, value=value)
        if self.padding < 0:
            raise SpecError("err.padding_negative", value=self.padding)
        for name, size in (("height", h), ("width", w)):
            if size < 1:
                raise SpecError("err.input_empty", name=name, value=size)
        if self.in_channels % self.groups or self.out_channels % self.groups:
            raise SpecError(
                "err.groups_divide",
                groups=self.groups,
                in_channels=self.in_channels,
                out_channels=self.out_channels,
            )
        for size in (h, w):
            padded = size + 2 * self.padding
            if self.effective_kernel > padded:
                raise SpecError(
                    "err.kernel_too_big",
                    eff=self.effective_kernel,
                    kernel_size=self.kernel_size,
                    dilation=self.dilation,
                    padded=padded,
                    size=size,
                    padding=self.padding,
                )
        h_out, w_out = output_size(self, h, w)
        if h_out < 1 or w_out < 1:
            raise SpecError("err.output_empty", h_out=h_out, w_out=w_out)


def conv_out_len(size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """One spatial output length: ``floor((size + 2p - d(k-1) - 1) / s) + 1``."""
    return (size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


def output_size(spec: ConvSpec, h: int, w: int | None = None) -> tuple[int, int]:
    """``(h_out, w_out)`` of ``spec`` applied to an ``h x w`` input (PyTorch's formula, with dilation)."""
    w = h if w is None else w
    args = (spec.kernel_size, spec.stride, spec.padding, spec.dilation)
    return conv_out_len(h, *args), conv_out_len(w, *args)


@dataclass(frozen=True)
class ConvCost:
    """Parameters and compute of one convolution on one input (batch size 1)."""

    params: int
    macs: int
    out_shape: tuple[int, int, int]
    weight_shape: tuple[int, int, int, int]

    @property
    def flops(self) -> int:
        """FLOPs as FlopCounterMode reports them: one multiply plus one add per MAC."""
        return 2 * self.macs

    @property
    def out_elements(self) -> int:
        """Number of output activations (C * H * W)."""
        c, h, w = self.out_shape
        return c * h * w


def conv_cost(spec: ConvSpec, h: int, w: int | None = None) -> ConvCost:
    """Exact params and MACs of ``spec`` on a ``C x h x w`` input; validates first."""
    w = h if w is None else w
    spec.validate(h, w)
    h_out, w_out = output_size(spec, h, w)
    out_c = spec.out_channels
    params = spec.weight_count + (out_c if spec.bias else 0)
    macs = spec.weight_count * h_out * w_out
    return ConvCost(params=params, macs=macs, out_shape=(out_c, h_out, w_out), weight_shape=spec.weight_shape)


def depthwise_separable(spec: ConvSpec) -> tuple[ConvSpec, ConvSpec]:
    """The depthwise (groups = in_channels) + pointwise (1x1) pair with the same output shape as ``spec``."""
    dw = ConvSpec(
        spec.in_channels,
        spec.in_channels,
        spec.kernel_size,
        stride=spec.stride,
        padding=spec.padding,
        dilation=spec.dilation,
        groups=spec.in_channels,
        bias=spec.bias,
    )
    pw = ConvSpec(spec.in_channels, spec.out_channels, 1, bias=spec.bias)
    return dw, pw


def separable_ratio(out_channels: int, kernel_size: int) -> float:
    """MobileNet's cost ratio of DW+PW to a standard conv, ``1/N + 1/k^2`` (Howard et al., 2017, eq. 5)."""
    return 1 / out_channels + 1 / kernel_size**2


def divisors(n: int) -> list[int]:
    """Positive divisors of ``n`` in ascending order (the legal ``groups`` for one channel count)."""
    return [d for d in range(1, n + 1) if n % d == 0]


def valid_groups(in_channels: int, out_channels: int) -> list[int]:
    """Values of ``groups`` that divide both channel counts."""
    return [g for g in divisors(in_channels) if out_channels % g == 0]


def standard_counterpart(spec: ConvSpec) -> ConvSpec:
    """groups=1, dilation=1 conv with the same output shape: a dense kernel of the same extent (``effective_kernel``)."""
    return ConvSpec(
        spec.in_channels,
        spec.out_channels,
        spec.effective_kernel,
        stride=spec.stride,
        padding=spec.padding,
        bias=spec.bias,
    )
