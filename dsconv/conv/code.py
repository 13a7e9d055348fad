"""PyTorch and Keras source for a convolution, exactly as the Playground shows it (a learner can paste and run it).

Keras stores images channels-last (NHWC: batch, height, width, channels) where PyTorch uses NCHW; it has
no numeric ``padding`` (only ``"valid"`` / ``"same"``), so an explicit PyTorch padding becomes a
``ZeroPadding2D`` layer; a depthwise conv is ``DepthwiseConv2D(depth_multiplier=m)`` (PyTorch:
``groups = in_channels``, ``out_channels = m * in_channels``), other groupings are ``Conv2D(groups=g)``.
Keras refuses ``strides > 1`` together with ``dilation_rate > 1``: the code then runs the dilated conv with
stride 1 and keeps every s-th output, which gives the same outputs. The code runs on any Keras 3 backend
(tests run it with ``KERAS_BACKEND=torch``): parameter counts and output shapes equal PyTorch's.
"""

from __future__ import annotations

from dsconv.conv.arithmetic import ConvSpec, conv_cost, depthwise_separable, output_size


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


# --- Keras 3 -------------------------------------------------------------------------------------------------

KERAS_HEADER = (
    "import os\n"
    "os.environ.setdefault(\"KERAS_BACKEND\", \"torch\")  # Keras 3 runs on torch, jax or tensorflow\n"
    "import numpy as np\n"
    "import keras\n"
    "from keras import layers\n"
)


def _bias(bias: bool) -> str:
    return "" if bias else ", use_bias=False"


def conv_layers(spec: ConvSpec, indent: str = "    ") -> list[str]:
    """Keras layer expressions for one ``nn.Conv2d`` of ``spec`` (one per line, with a trailing comma)."""
    lines = []
    if spec.padding:
        lines.append(f"layers.ZeroPadding2D({spec.padding}),  # PyTorch padding={spec.padding}")
    strided_dilated = spec.stride > 1 and spec.dilation > 1
    stride = 1 if strided_dilated else spec.stride
    extra = (f", strides={stride}" if stride != 1 else "") + (f", dilation_rate={spec.dilation}" if spec.dilation != 1 else "")
    extra += _bias(spec.bias)
    k = spec.kernel_size
    if spec.groups == spec.in_channels > 1:
        m = spec.out_channels // spec.in_channels
        mult = f", depth_multiplier={m}" if m != 1 else ""
        lines.append(f"layers.DepthwiseConv2D({k}{mult}{extra}),  # PyTorch groups={spec.groups} = in_channels")
    elif spec.groups > 1:
        lines.append(f"layers.Conv2D({spec.out_channels}, {k}, groups={spec.groups}{extra}),")
    else:
        lines.append(f"layers.Conv2D({spec.out_channels}, {k}{extra}),")
    if strided_dilated:
        s = spec.stride
        lines.append(f"layers.Lambda(lambda t: t[:, ::{s}, ::{s}, :]),  # stride {s}: Keras forbids strides with dilation")
    return [indent + line for line in lines]


def conv_keras_snippet(spec: ConvSpec, size: int, separable: bool = False) -> str:
    """The Playground's configuration as a runnable Keras script (same params and output shape as PyTorch)."""
    specs = list(depthwise_separable(spec)) if separable else [spec]
    body = [line for s in specs for line in conv_layers(s)]
    h, w = output_size(spec, size, size)
    out_c = specs[-1].out_channels
    if separable:
        dw, pw = specs
        dh, dw_w = output_size(dw, size, size)
        params = conv_cost(dw, size).params + conv_cost(pw, dh, dw_w).params
    else:
        params = conv_cost(spec, size).params
    return (
        KERAS_HEADER + "\n"
        "model = keras.Sequential([\n"
        f"    keras.Input(shape=({size}, {size}, {spec.in_channels})),  # NHWC: (H, W, channels), batch left out\n"
        + "\n".join(body) + "\n])\n"
        f"x = np.random.rand(1, {size}, {size}, {spec.in_channels}).astype(\"float32\")  # (batch, H, W, channels)\n"
        f"print(model(x).shape)  # (1, {h}, {w}, {out_c}); PyTorch: (1, {out_c}, {h}, {w})\n"
        f"print(model.count_params())  # {params}\n"
    )
