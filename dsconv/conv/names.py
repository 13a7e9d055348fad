"""One honest name per conv, from PyTorch's arguments alone (the Playground, Home, Builder and Draw agree).

``groups = 1``: standard (pointwise when the kernel is 1x1); ``groups = in_channels`` (> 1): depthwise;
anything in between: grouped. The book's ``Conv2d(12, 12, 3, groups=6, dilation=2)`` has 12 / 6 = 2 input
channels per group, so it is a grouped conv, not a depthwise one.
"""

from __future__ import annotations


def kind(in_channels: int, groups: int, kernel_size: int) -> str:
    """``standard``, ``pointwise``, ``grouped`` or ``depthwise``."""
    if groups == 1:
        return "pointwise" if kernel_size == 1 else "standard"
    return "depthwise" if groups == in_channels else "grouped"


def kind_key(in_channels: int, groups: int, kernel_size: int) -> str:
    """The i18n key of the conv's name (``term.*`` in dsconv/locale/common.py)."""
    return f"term.{kind(in_channels, groups, kernel_size)}"
