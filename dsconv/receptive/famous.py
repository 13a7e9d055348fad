"""Receptive fields of famous networks, layer by layer, reproducing the published table.

Reference: the table of google-research/receptive_field (RECEPTIVE_FIELD_TABLE.md; TF-Slim models), also
printed in Araujo, Norris & Sim, "Computing Receptive Fields of Convolutional Neural Networks", Distill 2019.
Each network is written as the chain of layers that decides its receptive field (for ResNet-50: the path
through the 3x3 convs; 1x1 convs and shortcuts do not enlarge it). Padding follows TF-Slim: ``"SAME"`` pads
``max((ceil(n/s)-1)s + k - n, 0)`` split with the smaller half first, ``"VALID"`` pads nothing, an int pads
explicitly on both sides (Slim's ``conv2d_same`` for strided ResNet convs). Receptive field and effective
stride do not depend on the padding; the effective padding (how far output 0's field reaches into the
padding) does, and is checked at 224 px.

The published end points below are reference data of the test (``tests/test_famous_rf.py``), not what the
page shows: the page shows what :func:`analyse` computes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from dsconv.conv import ledger
from dsconv.conv.ledger import Ledger
from dsconv.receptive.field import RFLayer

Padding = str | int  # "SAME", "VALID" or an explicit symmetric padding


@dataclass(frozen=True)
class NetLayer:
    """One layer of a chain: its TF-Slim name, kind (conv, dw, pw, pool) and spatial arguments."""

    name: str
    kind: str
    kernel_size: int
    stride: int = 1
    padding: Padding = "SAME"
    end_point: bool = False  # listed in the published table


@dataclass(frozen=True)
class Famous:
    """A network: its chain of layers and where it comes from."""

    key: str
    title: str
    slim_name: str
    layers: tuple[NetLayer, ...]
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Row(ledger.Row):
    """One layer at a given input size (a ledger row: ``out_shape`` is H x W, no channels, so no params or MACs),
    with its effective stride and padding."""

    layer: NetLayer
    size_in: int
    pad_before: int
    stride: int
    padding: int  # effective padding: input pixels of padding that output 0's field reaches on the left

    @property
    def size_out(self) -> int:
        """Side of the output map."""
        return self.out_shape[-1]


def pad_before(n: int, k: int, s: int, padding: Padding) -> tuple[int, int]:
    """(pad on the left/top, output side) of a layer on an ``n``-pixel side."""
    if padding == "VALID":
        return 0, (n - k) // s + 1
    if padding == "SAME":
        out = math.ceil(n / s)
        total = max((out - 1) * s + k - n, 0)
        return total // 2, out
    p = int(padding)
    return p, (n + 2 * p - k) // s + 1


def analyse(net: Famous, size: int = 224) -> Ledger[Row]:
    """Every layer's row at input ``size`` (Araujo et al.'s recurrences: r, j and the effective padding)."""
    rows: list[Row] = []
    r, j, p_eff, n = 1, 1, 0, size
    for layer in net.layers:
        before, out = pad_before(n, layer.kernel_size, layer.stride, layer.padding)
        r += (layer.kernel_size - 1) * j
        p_eff += before * j
        j *= layer.stride
        rows.append(Row(layer.name, layer.kind, (out, out), rf=r, layer=layer, size_in=n, pad_before=before, stride=j,
                        padding=p_eff))
        n = out
    return Ledger(tuple(rows), (size, size))


def rf_layers(rows: Iterable[Row]) -> list[RFLayer]:
    """The rows as :class:`RFLayer` (``start``: centre of output 0's field, in input pixels)."""
    return [RFLayer(row.rf, row.stride, (row.rf - 1) / 2 - row.padding) for row in rows]


def torch_padding(layer: NetLayer) -> int:
    """The symmetric PyTorch padding of the same layer (torchvision style: ``k // 2`` for SAME)."""
    if layer.padding == "VALID":
        return 0
    if layer.padding == "SAME":
        return layer.kernel_size // 2
    return int(layer.padding)


def _conv(name: str, k: int, s: int = 1, padding: Padding = "SAME", end: bool = False, kind: str = "conv") -> NetLayer:
    return NetLayer(name, kind, k, s, padding, end)


def alexnet_v2() -> Famous:
    """TF-Slim alexnet_v2: conv1 11x11/4 VALID, 3x3/2 max pools, 5x5 and 3x3 SAME convs."""
    return Famous("alexnet", "AlexNet", "alexnet_v2", (
        _conv("conv1", 11, 4, "VALID", True),
        _conv("pool1", 3, 2, "VALID", True, "pool"),
        _conv("conv2", 5, end=True),
        _conv("pool2", 3, 2, "VALID", kind="pool"),
        _conv("conv3", 3, end=True),
        _conv("conv4", 3, end=True),
        _conv("conv5", 3, end=True),
        _conv("pool5", 3, 2, "VALID", True, "pool"),
    ))


VGG16_ENDS = {"conv1_1", "pool1", "conv2_1", "pool2", "conv3_1", "conv3_2", "pool3", "conv4_1", "conv4_2", "pool4",
              "conv5_1", "conv5_2", "pool5"}


def vgg_16() -> Famous:
    """TF-Slim vgg_16: 13 3x3 SAME convs in 5 groups, each followed by a 2x2/2 max pool."""
    layers: list[NetLayer] = []
    for group, convs in enumerate((2, 2, 3, 3, 3), start=1):
        for i in range(1, convs + 1):
            name = f"conv{group}_{i}"
            layers.append(_conv(name, 3, end=name in VGG16_ENDS))
        layers.append(_conv(f"pool{group}", 2, 2, "VALID", True, "pool"))
    return Famous("vgg16", "VGG16", "vgg_16", tuple(layers))


MOBILENET_STRIDES = (1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1)  # depthwise strides of Conv2d_1 .. Conv2d_13


def mobilenet_v1() -> Famous:
    """TF-Slim mobilenet_v1: a 3x3/2 conv, then 13 depthwise 3x3 + pointwise 1x1 pairs."""
    layers = [_conv("Conv2d_0", 3, 2, end=True)]
    for i, s in enumerate(MOBILENET_STRIDES, start=1):
        layers.append(_conv(f"Conv2d_{i}_depthwise", 3, s, kind="dw"))
        layers.append(_conv(f"Conv2d_{i}_pointwise", 1, end=True, kind="pw"))
    return Famous("mobilenet_v1", "MobileNet v1", "mobilenet_v1", tuple(layers))


RESNET50_UNITS = (3, 4, 6, 3)  # bottleneck units per block; Slim v1 strides the last unit of blocks 1-3


def resnet_v1_50() -> Famous:
    """TF-Slim resnet_v1_50 along its longest path: conv1 7x7/2, max pool 3x3/2, then each unit's 3x3 conv."""
    layers = [_conv("conv1", 7, 2, 3), _conv("pool1", 3, 2, "SAME", kind="pool")]
    for b, units in enumerate(RESNET50_UNITS, start=1):
        for u in range(1, units + 1):
            strided = u == units and b < len(RESNET50_UNITS)
            layers.append(_conv(f"block{b}/unit_{u}/conv2", 3, 2 if strided else 1, 1 if strided else "SAME",
                                end=u == units))
    return Famous("resnet50", "ResNet-50", "resnet_v1_50", tuple(layers), note="longest_path")


def networks() -> dict[str, Famous]:
    """The four presets, by key."""
    return {f.key: f for f in (alexnet_v2(), vgg_16(), mobilenet_v1(), resnet_v1_50())}


def end_point_name(net: Famous, layer: NetLayer) -> str:
    """The end point's name in the published table (``vgg_16/conv1/conv1_1``, ``resnet_v1_50/block1``)."""
    if net.key == "vgg16" and layer.kind == "conv":
        return f"vgg_16/conv{layer.name[4]}/{layer.name}"
    if net.key == "resnet50":
        return f"resnet_v1_50/{layer.name.split('/')[0]}"
    if net.key == "alexnet":
        return f"alexnet_v2/{layer.name}"
    if net.key == "vgg16":
        return f"vgg_16/{layer.name}"
    return layer.name


def final(net: Famous, size: int = 224) -> Row:
    """The last row (the network's final receptive field and effective stride)."""
    return analyse(net, size)[-1]
