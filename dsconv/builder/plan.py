"""Compose a small MNIST CNN from the blocks this app teaches, and account for every layer of it.

A :class:`NetSpec` is a tuple of :class:`Block` s; :func:`plan` turns it into the exact torch layers
(``LayerPlan``: class name + arguments) together with each layer's output shape, params, MACs
(convolutions through :func:`dsconv.conv.arithmetic.conv_cost`) and receptive field
(:func:`dsconv.receptive.field.receptive_field`), for one 1x28x28 image. ``build()`` and
:mod:`dsconv.builder.code` both read the same plan, so the model, the table and the code agree.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from torch import nn

from dsconv.conv.arithmetic import ConvSpec, SpecError, conv_cost, conv_out_len
from dsconv.i18n import t
from dsconv.mnist.models import INPUT_SHAPE
from dsconv.receptive.field import receptive_field

CONV_KINDS: tuple[str, ...] = ("conv", "gconv", "ds", "dil")
KINDS: tuple[str, ...] = (*CONV_KINDS, "maxpool", "gap", "linear")
NUM_CLASSES = 10
MAX_BLOCKS = 16
MAX_PARAMS = 200_000
MAX_MACS = 20_000_000
# (lo, hi) of every numeric field: what the editor and the URL accept
LIMITS: dict[str, tuple[int, int]] = {
    "out_channels": (1, 256),
    "kernel_size": (1, 11),
    "stride": (1, 4),
    "padding": (0, 10),
    "dilation": (1, 6),
    "groups": (0, 256),
}
FIELDS: tuple[str, ...] = tuple(LIMITS)
# the fields each kind reads (the others are ignored), in URL order
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    **{kind: FIELDS for kind in CONV_KINDS},
    "maxpool": ("kernel_size", "stride", "padding"),
    "gap": (),
    "linear": ("out_channels",),
}


@dataclass(frozen=True)
class Block:
    """One block of the stack, with ``torch.nn.Conv2d``'s argument names.

    ``ds`` is a depthwise conv (``groups`` of the depthwise part; 0 means ``groups = in_channels``)
    followed by a 1x1 pointwise conv to ``out_channels``. ``bn`` adds BatchNorm (and drops the
    conv bias, which BatchNorm's shift makes redundant); ``relu`` adds a ReLU. In a ``ds`` block
    with ``bn`` both halves get BatchNorm (+ReLU), MobileNet-style; without ``bn`` the ReLU follows
    the pointwise conv only, as in the book.
    """

    kind: str
    out_channels: int = 0
    kernel_size: int = 3
    stride: int = 1
    padding: int = 0
    dilation: int = 1
    groups: int = 1
    bn: bool = False
    relu: bool = False


@dataclass(frozen=True)
class LayerPlan:
    """One torch layer: ``getattr(nn, cls)(*args, **kwargs)`` named ``name``, and its cost for one image."""

    block: int
    name: str
    cls: str
    args: tuple
    kwargs: tuple[tuple[str, Any], ...]
    out_shape: tuple[int, ...]
    params: int
    macs: int
    rf: int

    def module(self) -> nn.Module:
        """The real torch layer."""
        return getattr(nn, self.cls)(*self.args, **dict(self.kwargs))


class BlockError(SpecError):
    """A rule broken by one block: "Block 3 (grouped conv): <rule>" in either language."""

    def __init__(self, block: int, kind: str, rule: SpecError) -> None:
        self.block, self.kind, self.rule = block, kind, rule
        self.key, self.params = rule.key, rule.params
        ValueError.__init__(self, self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, naming the block number, its kind and the rule."""
        kind = t(f"builder.kind.{self.kind}", lang) if self.kind in KINDS else self.kind
        return t("builder.err.in_block", lang, block=self.block, kind=kind, rule=self.rule.message(lang))


@dataclass(frozen=True)
class Plan:
    """The layers of a stack as far as it is valid, the first problem (if any) and the totals."""

    layers: tuple[LayerPlan, ...]
    error: SpecError | None

    @property
    def params(self) -> int:
        return sum(layer.params for layer in self.layers)

    @property
    def macs(self) -> int:
        return sum(layer.macs for layer in self.layers)

    @property
    def out_shape(self) -> tuple[int, ...]:
        return self.layers[-1].out_shape if self.layers else INPUT_SHAPE

    @property
    def rf(self) -> int:
        return self.layers[-1].rf if self.layers else 1


def _kw(**values: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(values.items())


def _conv_layer(block: int, name: str, spec: ConvSpec, shape: tuple[int, int, int], rfs: list[ConvSpec]) -> LayerPlan:
    """A Conv2d layer (validated and costed by conv_cost); only non-default arguments are written."""
    cost = conv_cost(spec, shape[1], shape[2])
    rfs.append(spec)
    defaults = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "bias": True}
    kwargs = [("kernel_size", spec.kernel_size)]
    kwargs += [(k, getattr(spec, k)) for k, d in defaults.items() if getattr(spec, k) != d]
    return LayerPlan(
        block, name, "Conv2d", (spec.in_channels, spec.out_channels), tuple(kwargs),
        cost.out_shape, cost.params, cost.macs, receptive_field(rfs)[-1].size,
    )


def _simple(block: int, name: str, cls: str, args: tuple, shape: tuple[int, ...], rf: int, params: int = 0) -> LayerPlan:
    return LayerPlan(block, name, cls, args, (), shape, params, 0, rf)


def _after(block: int, prefix: str, b: Block, shape: tuple[int, ...], rf: int, relu: bool) -> list[LayerPlan]:
    """BatchNorm (when ``b.bn``) and ReLU (when ``relu``) after a layer of output ``shape``."""
    layers = []
    if b.bn:
        cls = "BatchNorm2d" if len(shape) == 3 else "BatchNorm1d"
        layers.append(_simple(block, f"{prefix}_bn", cls, (shape[0],), shape, rf, params=2 * shape[0]))
    if relu:
        layers.append(_simple(block, f"{prefix}_relu", "ReLU", (), shape, rf))
    return layers


def _check_kind(b: Block) -> None:
    """The rules that make a block's kind mean what its name says."""
    if b.kind not in KINDS:
        raise SpecError("builder.err.unknown_kind", kind=b.kind, kinds=", ".join(KINDS))
    for name in KIND_FIELDS[b.kind]:
        lo, hi = LIMITS[name]
        value = getattr(b, name)
        if not lo <= value <= hi:
            raise SpecError("builder.err.range", name=name, value=value, lo=lo, hi=hi)
    if b.kind == "conv" and b.groups != 1:
        raise SpecError("builder.err.conv_groups", groups=b.groups)
    if b.kind == "conv" and b.dilation != 1:
        raise SpecError("builder.err.conv_dilation", dilation=b.dilation)
    if b.kind in ("conv", "gconv", "dil") and b.groups == 0:
        raise SpecError("err.must_be_positive", name="groups", value=0)
    if b.kind == "gconv" and b.groups < 2:
        raise SpecError("builder.err.gconv_groups", groups=b.groups)
    if b.kind == "dil" and b.dilation < 2:
        raise SpecError("builder.err.dil_dilation", dilation=b.dilation)
    if b.kind == "ds" and b.groups == 1:
        raise SpecError("builder.err.ds_groups")


def _block_layers(i: int, b: Block, shape: tuple[int, ...], rfs: list[ConvSpec]) -> list[LayerPlan]:
    """The torch layers of block ``i`` (1-based) on an input of ``shape``; raises SpecError."""
    _check_kind(b)
    p = f"b{i}"
    rf = receptive_field(rfs)[-1].size if rfs else 1
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
        rfs.append(ConvSpec(shape[0], shape[0], k, s, pad))
        out = (shape[0], h, w)
        pool = LayerPlan(i, f"{p}_pool", "MaxPool2d", (k,), _kw(stride=s, padding=pad) if (s, pad) != (k, 0) else (),
                         out, 0, 0, receptive_field(rfs)[-1].size)
        return [pool, *_after(i, p, b, out, pool.rf, b.relu)]
    if b.kind == "gap":
        rfs.append(ConvSpec(shape[0], shape[0], shape[1]))  # one output sees the whole map
        out = (shape[0], 1, 1)
        gap = _simple(i, f"{p}_gap", "AdaptiveAvgPool2d", (1,), out, receptive_field(rfs)[-1].size)
        return [gap, *_after(i, p, b, out, gap.rf, b.relu)]
    layers = []
    if len(shape) == 3:  # flatten first; every output of the linear layer sees the whole map
        if shape[1] > 1 or shape[2] > 1:
            rfs.append(ConvSpec(shape[0], shape[0], shape[1]))
            rf = receptive_field(rfs)[-1].size
        shape = (shape[0] * shape[1] * shape[2],)
        layers.append(_simple(i, f"{p}_flatten", "Flatten", (), shape, rf))
    fc = LayerPlan(i, f"{p}_fc", "Linear", (shape[0], b.out_channels), (), (b.out_channels,),
                   shape[0] * b.out_channels + b.out_channels, shape[0] * b.out_channels, rf)
    return layers + [fc, *_after(i, p, b, fc.out_shape, rf, b.relu)]


def plan(blocks: Iterable[Block], input_shape: tuple[int, ...] = INPUT_SHAPE) -> Plan:
    """Layers of ``blocks`` up to the first broken rule, then the whole-net rules (head, size bounds)."""
    blocks = tuple(blocks)
    layers: list[LayerPlan] = []
    shape, rfs = tuple(input_shape), []
    if not blocks:
        return Plan((), SpecError("builder.err.empty"))
    if len(blocks) > MAX_BLOCKS:
        return Plan((), SpecError("builder.err.too_many_blocks", n=len(blocks), max=MAX_BLOCKS))
    for i, b in enumerate(blocks, start=1):
        try:
            new = _block_layers(i, b, shape, rfs)
        except SpecError as rule:
            return Plan(tuple(layers), BlockError(i, b.kind, rule))
        layers += new
        shape = new[-1].out_shape
    result = Plan(tuple(layers), None)
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
        """Compact URL form, e.g. ``conv:12:7:1:0:1:1:r,ds:24:3:1:0:2:6:r,...`` (see :func:`decode`)."""
        return encode(self)

    @property
    def preset(self) -> str | None:
        """The name of the preset this stack equals, if any."""
        return next((name for name, spec in PRESETS.items() if spec == self), None)

    @property
    def label(self) -> str:
        """A short stable name for model lists: the preset's name, else a hash of the stack."""
        name = self.preset
        if name is None:
            name = "custom-" + hashlib.sha1(self.encode().encode()).hexdigest()[:6]
        return f"builder: {name}"


def table_rows(result: Plan) -> list[dict[str, Any]]:
    """One row per torch layer plus a totals row, with language-neutral keys (block, layer, type, ...)."""
    rows = [
        {"block": layer.block, "layer": layer.name, "type": f"nn.{layer.cls}",
         "out_shape": "×".join(map(str, layer.out_shape)), "params": layer.params, "macs": layer.macs, "rf": layer.rf}
        for layer in result.layers
    ]
    out = "×".join(map(str, result.out_shape))
    rows.append({"block": None, "layer": "", "type": "", "out_shape": out, "params": result.params,
                 "macs": result.macs, "rf": result.rf})
    return rows


# ---------------------------------------------------------------- URL encoding

def _flags(b: Block) -> str:
    return ("b" if b.bn else "") + ("r" if b.relu else "") or "-"


def encode(spec: NetSpec) -> str:
    """``kind:field:...:flags`` per block, comma-separated; fields in :data:`KIND_FIELDS` order."""
    parts = []
    for b in spec.blocks:
        fields = [str(getattr(b, name)) for name in KIND_FIELDS.get(b.kind, FIELDS)]
        parts.append(":".join([b.kind, *fields, _flags(b)]))
    return ",".join(parts)


class DecodeError(ValueError):
    """Why a ``net=`` string is not a stack (junk, not an invalid-but-readable stack)."""


def decode(text: str) -> NetSpec:
    """Parse :func:`encode`'s form; trailing fields may be omitted (defaults). Raises DecodeError on junk."""
    text = (text or "").strip()
    if not text or len(text) > 1200:
        raise DecodeError("empty or too long")
    parts = text.split(",")
    if len(parts) > MAX_BLOCKS:
        raise DecodeError(f"more than {MAX_BLOCKS} blocks")
    blocks = []
    for n, part in enumerate(parts, start=1):
        tokens = part.strip().split(":")
        kind, rest = tokens[0], tokens[1:]
        if kind not in KINDS:
            raise DecodeError(f"block {n}: unknown kind {kind!r}")
        names = KIND_FIELDS[kind]
        flags = ""
        if len(rest) == len(names) + 1 or (rest and not rest[-1].lstrip("-").isdigit()):
            flags = rest.pop()
        if len(rest) > len(names) or (names and not rest and kind != "linear") or (kind == "linear" and not rest):
            raise DecodeError(f"block {n}: wrong number of fields")
        if flags not in ("", "-", "b", "r", "br", "rb"):
            raise DecodeError(f"block {n}: bad flags {flags!r}")
        values: dict[str, Any] = {"bn": "b" in flags, "relu": "r" in flags}
        for name, raw in zip(names, rest):
            if not raw.isdigit() or len(raw) > 4:
                raise DecodeError(f"block {n}: {name}={raw!r} is not a number")
            lo, hi = LIMITS[name]
            if not lo <= int(raw) <= hi:
                raise DecodeError(f"block {n}: {name}={raw} outside {lo}..{hi}")
            values[name] = int(raw)
        if kind == "maxpool" and "stride" not in values:
            values["stride"] = values.get("kernel_size", 2)
            values.setdefault("kernel_size", 2)
        blocks.append(Block(kind, **values))
    return NetSpec(tuple(blocks))


# ---------------------------------------------------------------- editor rows

ROW_FIELDS: tuple[str, ...] = ("kind", *FIELDS, "bn", "relu")


def to_rows(spec: NetSpec) -> list[dict[str, Any]]:
    """One dict per block for a table editor; fields a kind ignores are None."""
    rows = []
    for b in spec.blocks:
        used = KIND_FIELDS.get(b.kind, FIELDS)
        row: dict[str, Any] = {"kind": b.kind}
        row.update({name: (getattr(b, name) if name in used else None) for name in FIELDS})
        row.update(bn=b.bn, relu=b.relu)
        rows.append(row)
    return rows


def from_rows(rows: Iterable[Mapping[str, Any]]) -> NetSpec:
    """The inverse of :func:`to_rows`; a field the kind needs but left empty raises BlockError."""
    blocks = []
    for i, row in enumerate(rows, start=1):
        kind = row.get("kind")
        if kind not in KINDS:
            raise BlockError(i, str(kind), SpecError("builder.err.unknown_kind", kind=kind, kinds=", ".join(KINDS)))
        values: dict[str, Any] = {"bn": bool(_clean(row.get("bn"))), "relu": bool(_clean(row.get("relu")))}
        for name in KIND_FIELDS[kind]:
            value = _clean(row.get(name))
            if value is None:
                raise BlockError(i, kind, SpecError("builder.err.empty_field", name=name))
            values[name] = int(value)
        blocks.append(Block(kind, **values))
    return NetSpec(tuple(blocks))


def _clean(value: Any) -> Any:
    """pandas' missing values (NaN, NA) as None."""
    try:
        return None if value is None or value != value else value
    except TypeError:  # pd.NA
        return None


# ---------------------------------------------------------------- presets

def _conv(out: int, k: int, p: int = 0, **kw: Any) -> Block:
    return Block("conv", out, k, padding=p, relu=True, **kw)


def _ds(out: int, p: int = 1, d: int = 1, s: int = 1) -> Block:
    return Block("ds", out, 3, stride=s, padding=p, dilation=d, groups=0, bn=True, relu=True)


HEAD = Block("linear", NUM_CLASSES)
PRESETS: dict[str, NetSpec] = {
    # book 5.2: Conv(1,12,7) -> Conv(12,24,5) -> Conv(24,6,3) -> Linear(1536,10)
    "book_standard": NetSpec((_conv(12, 7), _conv(24, 5), _conv(6, 3), HEAD)),
    # book 5.3.4: the middle conv becomes DW(3x3, dilation 2, groups 6) + PW(1x1)
    "book_dsconv": NetSpec((_conv(12, 7), Block("ds", 24, 3, dilation=2, groups=6, relu=True), _conv(6, 3), HEAD)),
    # MobileNet v1 pattern: BN-ReLU conv stem, strided depthwise-separable blocks, global pooling
    "mobilenet": NetSpec((
        _conv(16, 3, 1, bn=True), _ds(32, s=2), _ds(64, s=2), _ds(64), _ds(128), Block("gap"), HEAD,
    )),
    # dsconv.mnist.models.dsconv_plus without its Dropout(0.1) (same params and MACs)
    "dsconv_plus": NetSpec((
        _conv(32, 3, 1, bn=True), Block("maxpool", 0, 2, stride=2), _ds(64), _ds(96, p=2, d=2),
        Block("maxpool", 0, 2, stride=2), _ds(128), _ds(128, p=2, d=2), Block("gap"), HEAD,
    )),
}
PRESET_NAMES: tuple[str, ...] = tuple(PRESETS)
DEFAULT_PRESET = "book_dsconv"


@dataclass(frozen=True)
class Loaded:
    """A stack read from the URL, and the warning to show when the URL held junk."""

    spec: NetSpec
    warning: str | None = None  # i18n key
    params: dict = field(default_factory=dict)


def from_url(net: str | None, preset: str | None) -> Loaded:
    """``net=`` when it parses, else ``preset=``, else the default preset; junk gives a warning."""
    if net is not None:
        try:
            return Loaded(decode(net))
        except DecodeError as exc:
            fallback = preset if preset in PRESETS else DEFAULT_PRESET
            return Loaded(PRESETS[fallback], "builder.warn.bad_net", {"raw": net[:80], "why": str(exc), "preset": fallback})
    if preset is not None and preset not in PRESETS:
        return Loaded(PRESETS[DEFAULT_PRESET], "builder.warn.bad_preset",
                      {"raw": preset[:40], "choices": ", ".join(PRESET_NAMES), "preset": DEFAULT_PRESET})
    return Loaded(PRESETS[preset or DEFAULT_PRESET])
