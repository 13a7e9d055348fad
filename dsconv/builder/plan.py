"""Plan a stack of blocks: the exact torch layers, and each layer's shape, params, MACs and receptive field.

A :class:`NetSpec` is a tuple of :class:`dsconv.builder.blocks.Block` s; :func:`plan` turns it into a
:class:`Plan`, a ledger (:mod:`dsconv.conv.ledger`) of :class:`LayerPlan` rows (class name + arguments, output
shape, params, MACs through :func:`dsconv.conv.arithmetic.conv_cost`, receptive field) for one 1x28x28 image.
``build()``, the page's table and :mod:`dsconv.builder.code` all read the same plan, so they agree.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from torch import nn

from dsconv.builder.blocks import MAX_BLOCKS, MAX_MACS, MAX_PARAMS, NUM_CLASSES, Block, BlockError, check_block
from dsconv.builder.presets import STACKS
from dsconv.conv.arithmetic import ConvSpec, SpecError, conv_cost, conv_out_len
from dsconv.conv.ledger import Ledger, Row
from dsconv.mnist.models import INPUT_SHAPE
from dsconv.receptive.field import rf_size, whole_map


@dataclass(frozen=True, kw_only=True)
class LayerPlan(Row):
    """One torch layer: ``getattr(nn, cls)(*args, **kwargs)`` named ``name``, its block and its cost for one image."""

    block: int
    args: tuple = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    spec: ConvSpec | None = None  # the convolution, for code in other frameworks

    @property
    def cls(self) -> str:
        """The torch class name (``Conv2d``)."""
        return self.type.removeprefix("nn.")

    def module(self) -> nn.Module:
        """The real torch layer."""
        return getattr(nn, self.cls)(*self.args, **dict(self.kwargs))


@dataclass(frozen=True)
class Plan(Ledger[LayerPlan]):
    """The layers of a stack as far as it is valid (with their totals) and the first problem, if any."""

    input_shape: tuple[int, ...] = INPUT_SHAPE
    error: SpecError | None = None

    @property
    def layers(self) -> tuple[LayerPlan, ...]:
        return self.rows


def _layer(block: int, name: str, cls: str, args: tuple, shape: tuple[int, ...], rf: int, params: int = 0,
           macs: int = 0, **kw: Any) -> LayerPlan:
    return LayerPlan(name, f"nn.{cls}", shape, params, macs, rf, block=block, args=args, **kw)


def _conv_layer(block: int, name: str, spec: ConvSpec, shape: tuple[int, ...], rfs: list[ConvSpec]) -> LayerPlan:
    """A Conv2d layer (validated and costed by conv_cost); only non-default arguments are written."""
    cost = conv_cost(spec, shape[1], shape[2])
    rfs.append(spec)
    defaults = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "bias": True}
    kwargs = [("kernel_size", spec.kernel_size)]
    kwargs += [(k, getattr(spec, k)) for k, d in defaults.items() if getattr(spec, k) != d]
    return _layer(block, name, "Conv2d", (spec.in_channels, spec.out_channels), cost.out_shape, rf_size(rfs),
                  cost.params, cost.macs, kwargs=tuple(kwargs), spec=spec)


def _after(block: int, prefix: str, b: Block, shape: tuple[int, ...], rf: int, relu: bool) -> list[LayerPlan]:
    """BatchNorm (when ``b.bn``) and ReLU (when ``relu``) after a layer of output ``shape``."""
    layers = []
    if b.bn:
        cls = "BatchNorm2d" if len(shape) == 3 else "BatchNorm1d"
        layers.append(_layer(block, f"{prefix}_bn", cls, (shape[0],), shape, rf, params=2 * shape[0]))
    if relu:
        layers.append(_layer(block, f"{prefix}_relu", "ReLU", (), shape, rf))
    return layers


def _block_layers(i: int, b: Block, shape: tuple[int, ...], rfs: list[ConvSpec]) -> list[LayerPlan]:
    """The torch layers of block ``i`` (1-based) on an input of ``shape``; raises SpecError."""
    check_block(b)
    p = f"b{i}"
    if b.kind != "linear" and len(shape) != 3:
        raise SpecError("builder.err.after_linear")
    if b.kind in ("conv", "gconv", "dil"):
        spec = ConvSpec(shape[0], b.out_channels, b.kernel_size, b.stride, b.padding, b.dilation, b.groups, bias=not b.bn)
        conv = _conv_layer(i, f"{p}_conv", spec, shape, rfs)
        return [conv, *_after(i, p, b, conv.out_shape, conv.rf, b.relu)]
    if b.kind == "ds":
        c_in = shape[0]
        groups = c_in if b.groups == 0 else b.groups
        dw_spec = ConvSpec(c_in, c_in, b.kernel_size, b.stride, b.padding, b.dilation, groups, bias=not b.bn)
        dw = _conv_layer(i, f"{p}_dw", dw_spec, shape, rfs)
        layers = [dw, *_after(i, f"{p}_dw", b, dw.out_shape, dw.rf, b.relu and b.bn)]
        pw = _conv_layer(i, f"{p}_pw", ConvSpec(c_in, b.out_channels, 1, bias=not b.bn), dw.out_shape, rfs)
        return layers + [pw, *_after(i, f"{p}_pw", b, pw.out_shape, pw.rf, b.relu)]
    if b.kind == "maxpool":
        k, s, pad = b.kernel_size, b.stride, b.padding
        if 2 * pad > k:
            raise SpecError("builder.err.pool_padding", padding=pad, kernel_size=k)
        h, w = (conv_out_len(n, k, s, pad) for n in shape[1:])
        if h < 1 or w < 1:
            raise SpecError("err.output_empty", h_out=h, w_out=w)
        window = ConvSpec(shape[0], shape[0], k, s, pad)
        rfs.append(window)
        out = (shape[0], h, w)
        kwargs = tuple({"stride": s, "padding": pad}.items()) if (s, pad) != (k, 0) else ()
        pool = _layer(i, f"{p}_pool", "MaxPool2d", (k,), out, rf_size(rfs), kwargs=kwargs, spec=window)
        return [pool, *_after(i, p, b, out, pool.rf, b.relu)]
    if b.kind == "gap":
        rfs.append(whole_map(*shape))  # one output sees the whole map
        out = (shape[0], 1, 1)
        gap = _layer(i, f"{p}_gap", "AdaptiveAvgPool2d", (1,), out, rf_size(rfs))
        return [gap, *_after(i, p, b, out, gap.rf, b.relu)]
    layers = []
    if len(shape) == 3:  # flatten first; every output of the linear layer sees the whole map
        if shape[1] > 1 or shape[2] > 1:
            rfs.append(whole_map(*shape))
        shape = (shape[0] * shape[1] * shape[2],)
        layers.append(_layer(i, f"{p}_flatten", "Flatten", (), shape, rf_size(rfs)))
    fc = _layer(i, f"{p}_fc", "Linear", (shape[0], b.out_channels), (b.out_channels,), rf_size(rfs),
                shape[0] * b.out_channels + b.out_channels, shape[0] * b.out_channels)
    return layers + [fc, *_after(i, p, b, fc.out_shape, fc.rf, b.relu)]


def plan(blocks: Iterable[Block], input_shape: tuple[int, ...] = INPUT_SHAPE) -> Plan:
    """Layers of ``blocks`` up to the first broken rule, then the whole-net rules (head, size bounds)."""
    blocks = tuple(blocks)
    layers: list[LayerPlan] = []
    shape, rfs = tuple(input_shape), []
    if not blocks:
        return Plan((), shape, SpecError("builder.err.empty"))
    if len(blocks) > MAX_BLOCKS:
        return Plan((), shape, SpecError("builder.err.too_many_blocks", n=len(blocks), max=MAX_BLOCKS))
    for i, b in enumerate(blocks, start=1):
        try:
            new = _block_layers(i, b, shape, rfs)
        except SpecError as rule:
            return Plan(tuple(layers), tuple(input_shape), BlockError(i, b.kind, rule))
        layers += new
        shape = new[-1].out_shape
    result = Plan(tuple(layers), tuple(input_shape))
    if blocks[-1].kind != "linear" or blocks[-1].out_channels != NUM_CLASSES:
        return replace(result, error=BlockError(len(blocks), blocks[-1].kind, SpecError("builder.err.head", n=NUM_CLASSES)))
    if result.params > MAX_PARAMS:
        return replace(result, error=SpecError("builder.err.too_many_params", params=result.params, max=MAX_PARAMS))
    if result.macs > MAX_MACS:
        return replace(result, error=SpecError("builder.err.too_many_macs", macs=result.macs, max=MAX_MACS))
    return result


@dataclass(frozen=True)
class NetSpec:
    """A stack of blocks for 1x28x28 MNIST input; ``.build()`` gives the real ``nn.Sequential``."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def plan(self) -> Plan:
        """Layers, costs and the first problem (see :func:`plan`)."""
        return plan(self.blocks)

    def problem(self) -> SpecError | None:
        """The first broken rule, or None when the stack can be built and trained."""
        return self.plan().error

    def validate(self) -> None:
        """Raise the first broken rule (a :class:`SpecError`, :class:`BlockError` when one block is at fault)."""
        error = self.problem()
        if error is not None:
            raise error

    def build(self) -> nn.Sequential:
        """A freshly initialised ``nn.Sequential`` with named children; validates first."""
        result = self.plan()
        if result.error is not None:
            raise result.error
        return nn.Sequential(OrderedDict((layer.name, layer.module()) for layer in result.layers))

    def encode(self) -> str:
        """Compact URL form, e.g. ``conv:12:7:1:0:1:1:r,ds:24:3:1:0:2:6:r,...`` (see :mod:`dsconv.builder.codec`)."""
        return ",".join(b.code() for b in self.blocks)

    @property
    def preset(self) -> str | None:
        """The name of the preset this stack equals, if any."""
        return next((name for name, blocks in STACKS.items() if blocks == self.blocks), None)

    @property
    def label(self) -> str:
        """A short stable name for model lists: the preset's name, else a hash of the stack."""
        name = self.preset
        if name is None:
            name = "custom-" + hashlib.sha1(self.encode().encode()).hexdigest()[:6]
        return f"builder: {name}"


PRESETS: dict[str, NetSpec] = {name: NetSpec(blocks) for name, blocks in STACKS.items()}
