"""The app's MNIST models, and their ledger: per-layer shapes, params, MACs (:func:`dsconv.conv_cost`) and RF.

``seed_standard`` and ``seed_dsconv`` follow the seed book (sections 5.2 and 5.3.4); ``dsconv_plus``
is this project's stronger depthwise-separable dilated net. Every model is an ``nn.Sequential`` with
named layers and takes normalised 1x28x28 input (see :func:`normalize`).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable

import torch
from torch import nn

from dsconv.conv.arithmetic import ConvSpec, conv_cost
from dsconv.conv.ledger import Ledger, Row
from dsconv.receptive.field import rf_size, whole_map

MNIST_MEAN = 0.1307
MNIST_STD = 0.3081
INPUT_SHAPE = (1, 28, 28)


def normalize(x: torch.Tensor) -> torch.Tensor:
    """Pixels in [0, 1] -> the normalised input every model was trained on."""
    return (x - MNIST_MEAN) / MNIST_STD


def conv(spec: ConvSpec) -> nn.Conv2d:
    """A real ``nn.Conv2d`` from a :class:`ConvSpec`."""
    return nn.Conv2d(**spec.torch_kwargs())


def seed_standard() -> nn.Sequential:
    """Book 5.2: Conv(1,12,7) -> Conv(12,24,5) -> Conv(24,6,3) -> Linear(1536,10); 24,496 params."""
    return nn.Sequential(
        OrderedDict(
            conv1=conv(ConvSpec(1, 12, 7)),
            relu1=nn.ReLU(),
            conv2=conv(ConvSpec(12, 24, 5)),
            relu2=nn.ReLU(),
            conv3=conv(ConvSpec(24, 6, 3)),
            relu3=nn.ReLU(),
            flatten=nn.Flatten(),
            fc=nn.Linear(6 * 16 * 16, 10),
        )
    )


def seed_dsconv() -> nn.Sequential:
    """Book 5.3.4: the middle conv replaced by DW Conv(12,12,3,groups=6,dilation=2) + PW Conv(12,24,1); 17,812 params."""
    return nn.Sequential(
        OrderedDict(
            conv1=conv(ConvSpec(1, 12, 7)),
            relu1=nn.ReLU(),
            dw=conv(ConvSpec(12, 12, 3, dilation=2, groups=6)),
            pw=conv(ConvSpec(12, 24, 1)),
            relu2=nn.ReLU(),
            conv3=conv(ConvSpec(24, 6, 3)),
            relu3=nn.ReLU(),
            flatten=nn.Flatten(),
            fc=nn.Linear(6 * 16 * 16, 10),
        )
    )


def _ds_block(prefix: str, c_in: int, c_out: int, dilation: int = 1) -> list[tuple[str, nn.Module]]:
    """Depthwise (3x3, dilated) + BN + ReLU, then pointwise (1x1) + BN + ReLU; spatial size kept."""
    return [
        (f"{prefix}_dw", conv(ConvSpec(c_in, c_in, 3, padding=dilation, dilation=dilation, groups=c_in, bias=False))),
        (f"{prefix}_dw_bn", nn.BatchNorm2d(c_in)),
        (f"{prefix}_dw_relu", nn.ReLU()),
        (f"{prefix}_pw", conv(ConvSpec(c_in, c_out, 1, bias=False))),
        (f"{prefix}_pw_bn", nn.BatchNorm2d(c_out)),
        (f"{prefix}_pw_relu", nn.ReLU()),
    ]


def dsconv_plus() -> nn.Sequential:
    """A 3x3 stem, then depthwise-separable dilated blocks with BatchNorm at 14x14 and 7x7, global average pooling (< 50k params).

    Pooling right after the stem keeps the costly 28x28 maps to one layer, so an epoch is cheap on a CPU.
    """
    layers: list[tuple[str, nn.Module]] = [
        ("stem", conv(ConvSpec(1, 32, 3, padding=1, bias=False))),
        ("stem_bn", nn.BatchNorm2d(32)),
        ("stem_relu", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        *_ds_block("b1", 32, 64),
        *_ds_block("b2", 64, 96, dilation=2),
        ("pool2", nn.MaxPool2d(2)),
        *_ds_block("b3", 96, 128),
        *_ds_block("b4", 128, 128, dilation=2),
        ("gap", nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()),
        ("dropout", nn.Dropout(0.1)),
        ("fc", nn.Linear(128, 10)),
    ]
    return nn.Sequential(OrderedDict(layers))


BUILDERS: dict[str, Callable[[], nn.Sequential]] = {
    "seed_dsconv": seed_dsconv,
    "seed_standard": seed_standard,
    "dsconv_plus": dsconv_plus,
}
MODEL_NAMES: tuple[str, ...] = tuple(BUILDERS)


def build(name: str) -> nn.Sequential:
    """A freshly initialised model by name (one of :data:`MODEL_NAMES`)."""
    if name not in BUILDERS:
        raise ValueError(f"unknown model {name!r}; choose one of {', '.join(MODEL_NAMES)}")
    return BUILDERS[name]()


def count_params(model: nn.Module) -> int:
    """Trainable parameters, as ``sum(p.numel())``."""
    return sum(p.numel() for p in model.parameters())


def conv_spec_of(layer: nn.Conv2d) -> ConvSpec:
    """The :class:`ConvSpec` of a square ``nn.Conv2d``."""
    return ConvSpec(
        layer.in_channels,
        layer.out_channels,
        layer.kernel_size[0],
        stride=layer.stride[0],
        padding=layer.padding[0],
        dilation=layer.dilation[0],
        groups=layer.groups,
        bias=layer.bias is not None,
    )


def _window(layer: nn.Module, in_shape: tuple[int, ...]) -> ConvSpec | None:
    """What ``layer`` adds to the receptive field: a conv's kernel, a pool's window, the whole map (global pool, flatten)."""
    if isinstance(layer, nn.Conv2d):
        return conv_spec_of(layer)
    if isinstance(layer, (nn.MaxPool2d, nn.AvgPool2d)):
        k, s, p = (v if isinstance(v, int) else v[0] for v in (layer.kernel_size, layer.stride, layer.padding))
        return ConvSpec(in_shape[0], in_shape[0], k, s, p)
    if isinstance(layer, (nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d, nn.Flatten)) and len(in_shape) == 3:
        return whole_map(*in_shape)
    return None


def layer_table(model: nn.Sequential, input_shape: tuple[int, ...] = INPUT_SHAPE) -> Ledger[Row]:
    """Name, output shape, params, MACs and receptive field of every layer; conv counts come from :func:`conv_cost`.

    Only convolutions and linear layers count MACs (as FlopCounterMode does); shapes are found by
    running the real layers on a zero tensor.
    """
    rows: list[Row] = []
    specs: list[ConvSpec] = []
    x = torch.zeros(1, *input_shape)
    with torch.no_grad():
        for name, layer in model.named_children():
            in_shape = tuple(x.shape[1:])
            x = layer(x)
            params = count_params(layer)
            macs = 0
            if isinstance(layer, nn.Conv2d):
                cost = conv_cost(conv_spec_of(layer), in_shape[1], in_shape[2])
                params, macs = cost.params, cost.macs
            elif isinstance(layer, nn.Linear):
                macs = layer.in_features * layer.out_features
            window = _window(layer, in_shape)
            if window is not None:
                specs.append(window)
            rows.append(Row(name, f"nn.{type(layer).__name__}", tuple(x.shape[1:]), params, macs, rf_size(specs)))
    return Ledger(tuple(rows), tuple(input_shape))


def conv_activations(model: nn.Sequential, x: torch.Tensor) -> list[tuple[str, nn.Conv2d, torch.Tensor]]:
    """Output of every ``nn.Conv2d`` of ``model`` for input ``x`` (1xCxHxW), in order."""
    found: list[tuple[str, nn.Conv2d, torch.Tensor]] = []
    with torch.no_grad():
        for name, layer in model.named_children():
            x = layer(x)
            if isinstance(layer, nn.Conv2d):
                found.append((name, layer, x.detach().clone()))
    return found
