"""Cost of one layer's alternatives: standard vs grouped vs depthwise-separable vs dilated convolution.

Counts come from :func:`dsconv.conv.arithmetic.conv_cost` (PyTorch's shapes; MACs as FlopCounterMode counts
them). Arithmetic intensity = MACs per byte moved in float32, bytes = 4 * (input + weights + output
elements) of every stage (Williams et al., "Roofline", CACM 2009), so it is a property of the layer. A chain of
layers is a ledger (:mod:`dsconv.conv.ledger`): one row per layer, the totals written there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from math import prod
from typing import Sequence

from dsconv.conv.arithmetic import ConvSpec, SpecError, conv_cost, depthwise_separable, separable_ratio
from dsconv.conv.ledger import Ledger, Row, shape_text
from dsconv.receptive.field import rf_size, whole_map

BYTES_PER_ELEMENT = 4  # float32
VARIANTS: tuple[str, ...] = ("standard", "grouped", "dw_separable", "dilated")
PRESET_NAMES: tuple[str, ...] = ("seed_book", "course", "mobilenet", "seed_mnist")


@dataclass(frozen=True)
class CompareConfig:
    """The page's controls (padding is 0 everywhere, as in the seed book and the course exercise)."""

    in_channels: int = 256
    out_channels: int = 256
    kernel_size: int = 3
    size: int = 14
    groups: int = 8
    dilation: int = 2
    stride: int = 1
    bias: bool = True

    @classmethod
    def from_controls(cls, cin: int, cout: int, k: int, size: int, g: int, d: int, s: int) -> "CompareConfig":
        """Build from the page's short URL names."""
        return cls(cin, cout, k, size, g, d, s)

    def controls(self) -> dict[str, int]:
        """The page's short URL names -> values (what a preset button sets)."""
        return {
            "cin": self.in_channels,
            "cout": self.out_channels,
            "k": self.kernel_size,
            "size": self.size,
            "g": self.groups,
            "d": self.dilation,
            "s": self.stride,
        }


def variant_specs(variant: str, cfg: CompareConfig) -> tuple[ConvSpec, ...]:
    """The convolution(s) one variant is made of, in order (DW+PW is two layers)."""
    base = ConvSpec(cfg.in_channels, cfg.out_channels, cfg.kernel_size, stride=cfg.stride, bias=cfg.bias)
    if variant == "standard":
        return (base,)
    if variant == "grouped":
        return (replace(base, groups=cfg.groups),)
    if variant == "dw_separable":
        return depthwise_separable(base)
    if variant == "dilated":
        return (replace(base, dilation=cfg.dilation),)
    raise KeyError(variant)


@dataclass(frozen=True)
class StackCost(Ledger[Row]):
    """A chain of convolutions applied to one ``C x size x size`` input (batch 1): its ledger and memory traffic."""

    @property
    def activations(self) -> int:
        """Activation memory: output elements written by every stage (DW+PW also writes its middle tensor)."""
        return sum(row.out_elements for row in self.rows)

    @property
    def bytes_moved(self) -> int:
        """float32 bytes read and written: each stage's input + weights + output, once each."""
        elements, shape = 0, self.input_shape
        for row in self.rows:
            elements += prod(shape) + row.params + row.out_elements
            shape = row.out_shape
        return BYTES_PER_ELEMENT * elements

    @property
    def intensity(self) -> float:
        """Arithmetic intensity: MACs per byte moved (low = memory-bound)."""
        return self.macs / self.bytes_moved

    def stage(self, index: int) -> "StackCost":
        """One stage on its own (e.g. the depthwise half of DW+PW), with its own input shape."""
        in_shape = self.input_shape if index == 0 else self.rows[index - 1].out_shape
        return StackCost((self.rows[index],), in_shape)


def stack_cost(specs: tuple[ConvSpec, ...], in_channels: int, size: int) -> StackCost:
    """Cost of ``specs`` applied one after another; raises :class:`SpecError` for the first illegal stage."""
    in_shape = (in_channels, size, size)
    return StackCost(chain_rows(specs, in_shape), in_shape)


@dataclass(frozen=True)
class VariantResult:
    """One variant: its cost, or the error that makes it illegal (never both)."""

    variant: str
    specs: tuple[ConvSpec, ...]
    cost: StackCost | None = None
    error: SpecError | None = None

    @property
    def ok(self) -> bool:
        return self.cost is not None


def evaluate(variant: str, cfg: CompareConfig) -> VariantResult:
    """Cost of one variant; an illegal variant returns its error instead of raising."""
    specs = variant_specs(variant, cfg)
    try:
        return VariantResult(variant, specs, cost=stack_cost(specs, cfg.in_channels, cfg.size))
    except SpecError as err:
        return VariantResult(variant, specs, error=err)


def compare(cfg: CompareConfig) -> dict[str, VariantResult]:
    """Every variant, each computed independently."""
    return {v: evaluate(v, cfg) for v in VARIANTS}


def ratio(results: dict[str, VariantResult], variant: str, attr: str) -> float | None:
    """``variant``'s ``attr`` divided by the standard conv's, or None when either is illegal."""
    std, other = results["standard"], results[variant]
    if not (std.ok and other.ok):
        return None
    return getattr(other.cost, attr) / getattr(std.cost, attr)


def formula_ratio(cfg: CompareConfig) -> float:
    """MobileNet's predicted DW+PW / standard cost, ``1/N + 1/k^2`` with N = out_channels."""
    return separable_ratio(cfg.out_channels, cfg.kernel_size)


# --- sweeps -------------------------------------------------------------------------------------

SWEEP_OUT_CHANNELS: tuple[int, ...] = (1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
SWEEP_KERNELS: tuple[int, ...] = tuple(range(1, 10))


@dataclass(frozen=True)
class Sweep:
    """MAC ratios to standard along one control; None where a variant is illegal at that point."""

    param: str
    xs: tuple[int, ...]
    ratios: dict[str, tuple[float | None, ...]]
    formula: tuple[float, ...]
    current: int


def sweep(cfg: CompareConfig, param: str) -> Sweep:
    """MAC ratio of each non-standard variant vs ``out_channels`` or ``kernel_size`` (counted, not predicted)."""
    xs = SWEEP_OUT_CHANNELS if param == "out_channels" else SWEEP_KERNELS
    current = getattr(cfg, param)
    xs = tuple(sorted(set(xs) | {current}))
    ratios: dict[str, list[float | None]] = {v: [] for v in VARIANTS[1:]}
    formula = []
    for x in xs:
        point = replace(cfg, **{param: x})
        results = compare(point)
        for v in ratios:
            ratios[v].append(ratio(results, v, "macs"))
        formula.append(formula_ratio(point))
    return Sweep(param, xs, {v: tuple(r) for v, r in ratios.items()}, tuple(formula), current)


# --- presets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinearSpec:
    """A ``torch.nn.Linear`` (the seed book compares a fully connected layer with convolutions)."""

    in_features: int
    out_features: int
    bias: bool = True

    @property
    def params(self) -> int:
        """``weight`` (out x in) plus ``bias`` (out), as ``nn.Linear`` allocates them."""
        return self.out_features * self.in_features + (self.out_features if self.bias else 0)

    @property
    def macs(self) -> int:
        """One multiply-add per weight for one input vector (FlopCounterMode's count / 2)."""
        return self.out_features * self.in_features


Layer = ConvSpec | LinearSpec


def layer_repr(layer: Layer) -> str:
    """How the layer is written in PyTorch, e.g. ``Conv2d(12, 12, 3, dilation=2, groups=6)``."""
    if isinstance(layer, LinearSpec):
        return f"Linear({layer.in_features}, {layer.out_features})"
    extra = [f"{name}={getattr(layer, name)}" for name, default in (("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1))
             if getattr(layer, name) != default]
    extra += [] if layer.bias else ["bias=False"]
    return "Conv2d(" + ", ".join([str(layer.in_channels), str(layer.out_channels), str(layer.kernel_size), *extra]) + ")"


def chain_rows(layers: Sequence[Layer], in_shape: tuple[int, int, int]) -> tuple[Row, ...]:
    """One ledger row per layer of ``layers`` applied in turn to one input of ``in_shape`` (a Linear flattens it).

    Raises :class:`SpecError` (from :func:`conv_cost`) for the first illegal convolution.
    """
    rows: list[Row] = []
    specs: list[ConvSpec] = []
    shape: tuple[int, ...] = in_shape
    for layer in layers:
        if isinstance(layer, LinearSpec):
            if len(shape) == 3:
                specs.append(whole_map(*shape))
            rows.append(Row(layer_repr(layer), "nn.Linear", (layer.out_features,), layer.params, layer.macs,
                            rf_size(specs)))
        else:
            cost = conv_cost(layer, shape[1], shape[2])
            specs.append(layer)
            rows.append(Row(layer_repr(layer), "nn.Conv2d", cost.out_shape, cost.params, cost.macs, rf_size(specs)))
        shape = rows[-1].out_shape
    return tuple(rows)


@dataclass(frozen=True, kw_only=True)
class LayerRow(Ledger[Row]):
    """One named alternative in a preset's exact comparison: its layers and their ledger (params, MACs, output)."""

    label_key: str
    layers: tuple[Layer, ...]


def layer_row(label_key: str, layers: tuple[Layer, ...], in_shape: tuple[int, int, int]) -> LayerRow:
    """Params, MACs and output shape of ``layers`` on one input of ``in_shape`` (a Linear flattens it)."""
    return LayerRow(chain_rows(layers, in_shape), in_shape, label_key=label_key, layers=tuple(layers))


@dataclass(frozen=True)
class Preset:
    """A named starting point: control values plus the exact layers of the source it reproduces."""

    name: str
    config: CompareConfig
    in_shape: tuple[int, int, int]
    rows: tuple[tuple[str, tuple[Layer, ...]], ...]

    def table(self) -> list[LayerRow]:
        """The preset's exact comparison, one row per alternative."""
        return [layer_row(key, layers, self.in_shape) for key, layers in self.rows]


_FLAT = 3 * 28 * 28
PRESETS: dict[str, Preset] = {
    # Seed book: a fully connected layer on a 3x28x28 image vs a conv vs depthwise + pointwise.
    "seed_book": Preset(
        "seed_book",
        CompareConfig(3, 3, 3, 28, groups=3, dilation=2, stride=1),
        (3, 28, 28),
        (
            ("cost.row.linear", (LinearSpec(_FLAT, _FLAT),)),
            ("cost.row.standard", (ConvSpec(3, 3, 3),)),
            ("cost.row.dw_pw", (ConvSpec(3, 3, 3, groups=3), ConvSpec(3, 3, 1))),
        ),
    ),
    # Course exercise: 3x128x128, depthwise 3x3 then pointwise to 10 channels -> 10x126x126.
    "course": Preset(
        "course",
        CompareConfig(3, 10, 3, 128, groups=1, dilation=2, stride=1),
        (3, 128, 128),
        (
            ("cost.row.standard", (ConvSpec(3, 10, 3),)),
            ("cost.row.dw_pw", (ConvSpec(3, 3, 3, groups=3), ConvSpec(3, 10, 1))),
        ),
    ),
    # MobileNet v1 block at 14x14 (Howard et al. 2017, Table 1), padding 0 here.
    "mobilenet": Preset(
        "mobilenet",
        CompareConfig(256, 256, 3, 14, groups=8, dilation=2, stride=1),
        (256, 14, 14),
        (
            ("cost.row.standard", (ConvSpec(256, 256, 3),)),
            ("cost.row.dw_pw", (ConvSpec(256, 256, 3, groups=256), ConvSpec(256, 256, 1))),
        ),
    ),
    # Seed MNIST net, middle layer on 12x22x22: the book's Conv2d(12, 24, 5) vs its "DW" (groups=6,
    # dilation=2: each filter sees 2 channels, so it is grouped, not truly depthwise) + PW,
    # next to a true depthwise (groups=12) with the same dilation.
    "seed_mnist": Preset(
        "seed_mnist",
        CompareConfig(12, 24, 3, 22, groups=6, dilation=2, stride=1),
        (12, 22, 22),
        (
            ("cost.row.book_standard", (ConvSpec(12, 24, 5),)),
            ("cost.row.book_dw", (ConvSpec(12, 12, 3, dilation=2, groups=6), ConvSpec(12, 24, 1))),
            ("cost.row.true_dw", (ConvSpec(12, 12, 3, dilation=2, groups=12), ConvSpec(12, 24, 1))),
        ),
    ),
}
DEFAULT_PRESET = "mobilenet"


# --- tables for the page and the CLI ------------------------------------------------------------


def comparison_rows(results: dict[str, VariantResult], cfg: CompareConfig, lang: str) -> list[dict[str, object]]:
    """One row per variant with translated column names; an illegal variant's cells read "—"."""
    from dsconv.i18n import t

    rows = []
    for variant, res in results.items():
        c = res.cost
        pr, mr = ratio(results, variant, "params"), ratio(results, variant, "macs")
        rows.append(
            {
                t("cost.col.variant", lang): t(f"cost.variant.{variant}", lang, g=cfg.groups, d=cfg.dilation),
                t("cost.col.params", lang): f"{c.params:,}" if c is not None else "—",
                t("cost.col.params_ratio", lang): f"{pr:.4f}" if pr is not None else "—",
                t("cost.col.macs", lang): f"{c.macs:,}" if c is not None else "—",
                t("cost.col.macs_ratio", lang): f"{mr:.4f}" if mr is not None else "—",
                t("cost.col.activations", lang): f"{c.activations:,}" if c is not None else "—",
                t("cost.col.intensity", lang): f"{c.intensity:.2f}" if c is not None else "—",
                t("cost.col.out_shape", lang): shape_text(c.out_shape) if c is not None else "—",
                t("cost.col.rf", lang): f"{res.specs[0].effective_kernel}×{res.specs[0].effective_kernel}",
                t("cost.col.layers", lang): " → ".join(layer_repr(s) for s in res.specs),
            }
        )
    return rows
