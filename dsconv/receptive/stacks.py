"""A stack of square 2-D convolutions on a square input (the Receptive Field page's model) and its presets.

Only the spatial arguments matter for receptive fields, so every layer is a 1-channel ``Conv2d``;
presets include HDC 1-2-5 (Wang et al., "Understanding Convolution for Semantic Segmentation", 2018)
and the seed book's MNIST net (Conv k7 -> DW k3 dilation 2 -> PW 1x1 -> Conv k3 on 28x28).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dsconv.conv.arithmetic import ConvSpec, SpecError, conv_out_len
from dsconv.receptive.famous import networks, torch_padding

MAX_LAYERS = 32  # MobileNet v1 has 27 layers on its receptive-field path
SIZE_RANGE = (4, 512)  # famous networks take 224 (and 321) inputs
KERNEL_RANGE = (1, 11)  # AlexNet's first conv is 11x11 with stride 4
STRIDE_RANGE = (1, 4)
COVERAGE_BUDGET = 64 * 64 * 8  # input pixels x layers up to which the exact coverage map and ERF are drawn
DILATION_RANGE = (1, 8)
PADDING_RANGE = (0, 8)


@dataclass(frozen=True)
class Layer:
    """One convolution's spatial arguments, named as in ``torch.nn.Conv2d``."""

    kernel_size: int = 3
    stride: int = 1
    dilation: int = 1
    padding: int = 0

    def spec(self) -> ConvSpec:
        """The 1-channel, bias-free :class:`ConvSpec` of this layer."""
        return ConvSpec(1, 1, self.kernel_size, stride=self.stride, padding=self.padding, dilation=self.dilation, bias=False)


@dataclass(frozen=True)
class Stack:
    """``layers`` applied in order to a ``size x size`` input."""

    size: int
    layers: tuple[Layer, ...]

    def specs(self) -> list[ConvSpec]:
        """The layers as :class:`ConvSpec` (for :func:`dsconv.receptive.field.receptive_field`)."""
        return [layer.spec() for layer in self.layers]

    def undilated(self) -> "Stack":
        """The same stack with every dilation set to 1 (the page's comparison curve)."""
        return replace(self, layers=tuple(replace(layer, dilation=1) for layer in self.layers))

    def prefix(self, n: int) -> "Stack":
        """The first ``n`` layers."""
        return replace(self, layers=self.layers[:n])

    def key(self) -> tuple:
        """A plain hashable tuple (cache key; :meth:`from_key` rebuilds the stack)."""
        return (self.size, tuple((l.kernel_size, l.stride, l.dilation, l.padding) for l in self.layers))

    @staticmethod
    def from_key(key: tuple) -> "Stack":
        """Inverse of :meth:`key`."""
        size, layers = key
        return Stack(size, tuple(Layer(*layer) for layer in layers))


class LayerError(ValueError):
    """A layer of a stack breaks a ``Conv2d`` rule; ``layer`` is 1-based, ``error`` the :class:`SpecError`."""

    def __init__(self, layer: int, error: SpecError) -> None:
        self.layer = layer
        self.error = error
        super().__init__(f"layer {layer}: {error}")


def output_sizes(stack: Stack) -> list[int]:
    """Side of the feature map after each layer; raises :class:`LayerError` at the first invalid layer."""
    size, sizes = stack.size, []
    for i, layer in enumerate(stack.layers, start=1):
        spec = layer.spec()
        try:
            spec.validate(size)
        except SpecError as error:
            raise LayerError(i, error) from error
        size = conv_out_len(size, layer.kernel_size, layer.stride, layer.padding, layer.dilation)
        sizes.append(size)
    return sizes


def _same(dilations: list[int], size: int = 32) -> Stack:
    """3x3 layers with the given dilations and padding = dilation (spatial size kept)."""
    return Stack(size, tuple(Layer(3, 1, d, d) for d in dilations))


PRESETS: dict[str, Stack] = {
    "std3x4": Stack(32, (Layer(3),) * 4),
    "dil1248": _same([1, 2, 4, 8]),
    "dil2222": _same([2, 2, 2, 2]),
    "hdc125": _same([1, 2, 5]),
    "stride2": Stack(64, (Layer(3, 1, 1, 1), Layer(3, 2, 1, 1)) * 4),
    "seed_mnist": Stack(28, (Layer(7), Layer(3, 1, 2, 0), Layer(1), Layer(3))),
}
DEFAULT_PRESET = "std3x4"
FAMOUS_SIZE = 224


def famous_stack(key: str, size: int = FAMOUS_SIZE) -> Stack:
    """A famous network's receptive-field path as a stack (symmetric PyTorch padding; pools as k x k layers)."""
    return Stack(size, tuple(Layer(l.kernel_size, l.stride, 1, torch_padding(l)) for l in networks()[key].layers))


# Famous networks (dsconv.receptive.famous): shown read-only on the page, not through the layer editor.
FAMOUS: dict[str, Stack] = {key: famous_stack(key) for key in networks()}


def coverage_ok(stack: Stack) -> bool:
    """Whether the exact coverage map, its animation and the ERF are cheap enough to compute for ``stack``."""
    return stack.size * stack.size * len(stack.layers) <= COVERAGE_BUDGET


def widget_values(stack: Stack) -> dict[str, int]:
    """The page's control values (``size``, ``n``, ``k1..k8``, ``s1..``, ``d1..``, ``p1..``) for ``stack``."""
    values = {"size": stack.size, "n": len(stack.layers)}
    blank = Layer()
    for i in range(1, MAX_LAYERS + 1):
        layer = stack.layers[i - 1] if i <= len(stack.layers) else blank
        values.update({f"k{i}": layer.kernel_size, f"s{i}": layer.stride, f"d{i}": layer.dilation, f"p{i}": layer.padding})
    return values


def centre_output(stack: Stack) -> tuple[int, int]:
    """``(oy, ox)`` of the centre output of the last layer (0 if the stack is invalid)."""
    try:
        last = output_sizes(stack)[-1] if stack.layers else stack.size
    except LayerError:
        return 0, 0
    return (last - 1) // 2, (last - 1) // 2
