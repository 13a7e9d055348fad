"""The Builder's preset stacks: the book's two nets, a MobileNet-style net and this app's ``dsconv_plus``.

Plain tuples of :class:`Block` here; :data:`dsconv.builder.plan.PRESETS` holds them as ``NetSpec``.
"""

from __future__ import annotations

from typing import Any

from dsconv.builder.blocks import NUM_CLASSES, Block


def _conv(out: int, k: int, p: int = 0, **kw: Any) -> Block:
    return Block("conv", out, k, padding=p, relu=True, **kw)


def _ds(out: int, p: int = 1, d: int = 1, s: int = 1) -> Block:
    return Block("ds", out, 3, stride=s, padding=p, dilation=d, groups=0, bn=True, relu=True)


HEAD = Block("linear", NUM_CLASSES)
STACKS: dict[str, tuple[Block, ...]] = {
    # book 5.2: Conv(1,12,7) -> Conv(12,24,5) -> Conv(24,6,3) -> Linear(1536,10)
    "book_standard": (_conv(12, 7), _conv(24, 5), _conv(6, 3), HEAD),
    # book 5.3.4: the middle conv becomes DW(3x3, dilation 2, groups 6) + PW(1x1)
    "book_dsconv": (_conv(12, 7), Block("ds", 24, 3, dilation=2, groups=6, relu=True), _conv(6, 3), HEAD),
    # MobileNet v1 pattern: BN-ReLU conv stem, strided depthwise-separable blocks, global pooling
    "mobilenet": (_conv(16, 3, 1, bn=True), _ds(32, s=2), _ds(64, s=2), _ds(64), _ds(128), Block("gap"), HEAD),
    # dsconv.mnist.models.dsconv_plus without its Dropout(0.1) (same params and MACs)
    "dsconv_plus": (
        _conv(32, 3, 1, bn=True), Block("maxpool", 0, 2, stride=2), _ds(64), _ds(96, p=2, d=2),
        Block("maxpool", 0, 2, stride=2), _ds(128), _ds(128, p=2, d=2), Block("gap"), HEAD,
    ),
}
PRESET_NAMES: tuple[str, ...] = tuple(STACKS)
DEFAULT_PRESET = "book_dsconv"
