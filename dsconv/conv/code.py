"""PyTorch source for a convolution, exactly as the Playground shows it (a learner can paste and run it)."""

from __future__ import annotations

from dsconv.conv.arithmetic import ConvSpec, depthwise_separable, output_size


def _conv2d(spec: ConvSpec) -> str:
    """``nn.Conv2d(...)`` with positional channels and every spatial argument spelled out."""
    args = [
        str(spec.in_channels),
        str(spec.out_channels),
        f"kernel_size={spec.kernel_size}",
        f"stride={spec.stride}",
        f"padding={spec.padding}",
        f"dilation={spec.dilation}",
        f"groups={spec.groups}",
    ]
    if not spec.bias:
        args.append("bias=False")
    return f"nn.Conv2d({', '.join(args)})"


def conv_code(spec: ConvSpec, separable: bool = False) -> str:
    """A Python expression building the layer: ``nn.Conv2d(...)``, or DW + PW as ``nn.Sequential``.

    Multi-line for ``separable`` (4-space indented body); embed it with ``textwrap.indent`` if needed.
    """
    if not separable:
        return _conv2d(spec)
    dw, pw = depthwise_separable(spec)
    return (
        "nn.Sequential(\n"
        f"    {_conv2d(dw)},  # depthwise: groups = in_channels\n"
        f"    {_conv2d(pw)},  # pointwise: 1x1\n"
        ")"
    )


def conv_snippet(spec: ConvSpec, size: int, separable: bool = False) -> str:
    """A runnable script: imports, the layer, and a forward pass printing the output shape."""
    last = depthwise_separable(spec)[1] if separable else spec
    h, w = output_size(spec, size, size)
    return (
        "import torch\n"
        "from torch import nn\n\n"
        f"conv = {conv_code(spec, separable)}\n"
        f"x = torch.randn(1, {spec.in_channels}, {size}, {size})  # (batch, channels, H, W)\n"
        f"print(conv(x).shape)  # torch.Size([1, {last.out_channels}, {h}, {w}])\n"
    )
