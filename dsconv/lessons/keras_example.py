"""The blog post's 4x4x3 worked example in PyTorch and Keras 3: depthwise 3x3, then pointwise 1x1 to 2 channels.

The post's Keras version forgets the batch dimension (``example_keras_code(fixed=False)``); Keras' conventions
(channels-last, no numeric padding) are explained in :mod:`dsconv.conv.code`, which writes the Playground's and
(through :mod:`dsconv.builder.code`) the Builder's Keras code.
"""

from __future__ import annotations

from dsconv.conv.arithmetic import ConvSpec, conv_cost, depthwise_separable
from dsconv.conv.code import KERAS_HEADER

# --- the blog post's 4x4x3 worked example ---------------------------------------------------------------------

EXAMPLE = {"size": 4, "in_channels": 3, "kernel_size": 3, "out_channels": 2}


def example_specs() -> tuple[ConvSpec, ConvSpec]:
    """Depthwise 3x3 on 3 channels (valid), then pointwise 1x1 from 3 to 2 channels."""
    c, k, o = EXAMPLE["in_channels"], EXAMPLE["kernel_size"], EXAMPLE["out_channels"]
    return ConvSpec(c, c, k, groups=c), ConvSpec(c, o, 1)


def example_pytorch_code() -> str:
    """The example in PyTorch (NCHW, with the batch dimension)."""
    dw, pw = example_specs()
    n = EXAMPLE["size"]
    return (
        "import torch\nfrom torch import nn\n\n"
        f"x = torch.randn(1, {dw.in_channels}, {n}, {n})  # NCHW: (batch, channels, H, W)\n"
        f"depthwise = nn.Conv2d({dw.in_channels}, {dw.out_channels}, kernel_size={dw.kernel_size}, groups={dw.groups})"
        "  # one 3x3 filter per channel\n"
        f"pointwise = nn.Conv2d({pw.in_channels}, {pw.out_channels}, kernel_size=1)\n"
        "y = depthwise(x)\n"
        "z = pointwise(y)\n"
        "print(x.shape, y.shape, z.shape)\n"
    )


def example_keras_code(fixed: bool = True) -> str:
    """The example in Keras (NHWC). ``fixed=False`` is the post's version: no batch dimension (it fails)."""
    dw, pw = example_specs()
    n = EXAMPLE["size"]
    shape = f"(1, {n}, {n}, {dw.in_channels})" if fixed else f"({n}, {n}, {dw.in_channels})"
    note = "NHWC: (batch, H, W, channels)" if fixed else "no batch dimension: Conv layers expect 4-D input"
    return (
        KERAS_HEADER + "\n"
        f"x = np.random.rand{shape}.astype(\"float32\")  # {note}\n"
        f"depthwise = layers.DepthwiseConv2D({dw.kernel_size}, depth_multiplier=1, padding=\"valid\")\n"
        f"pointwise = layers.Conv2D({pw.out_channels}, 1)\n"
        "y = depthwise(x)\n"
        "z = pointwise(y)\n"
        "print(x.shape, y.shape, z.shape)\n"
    )


def example_shapes() -> dict[str, tuple[int, ...]]:
    """NCHW shapes of input, depthwise output and pointwise output (from the library's arithmetic)."""
    dw, pw = example_specs()
    n = EXAMPLE["size"]
    d = conv_cost(dw, n)
    p = conv_cost(pw, *d.out_shape[1:])
    return {"input": (dw.in_channels, n, n), "depthwise": d.out_shape, "pointwise": p.out_shape,
            "params_dw": d.params, "params_pw": p.params}


def separable_params(spec: ConvSpec) -> tuple[int, int]:
    """(PyTorch DW + PW params, Keras ``SeparableConv2D`` params): Keras has no bias between DW and PW."""
    dw, pw = depthwise_separable(spec)
    torch_params = dw.in_channels * spec.kernel_size ** 2 + pw.in_channels * pw.out_channels
    if spec.bias:
        torch_params += dw.out_channels + pw.out_channels
    keras = dw.in_channels * spec.kernel_size ** 2 + pw.in_channels * pw.out_channels + (pw.out_channels if spec.bias else 0)
    return torch_params, keras
