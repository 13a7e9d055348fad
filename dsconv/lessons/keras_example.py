"""Keras 3 code next to the PyTorch code: the 4x4x3 worked example, the Playground's conv, the Builder's net.

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
from dsconv.builder.plan import LayerPlan, NetSpec

HEADER = (
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
    params = sum(conv_cost(s, size).params for s in specs[:1])
    if separable:
        dw, pw = specs
        dh, dw_w = output_size(dw, size, size)
        params = conv_cost(dw, size).params + conv_cost(pw, dh, dw_w).params
    else:
        params = conv_cost(spec, size).params
    return (
        HEADER + "\n"
        "model = keras.Sequential([\n"
        f"    keras.Input(shape=({size}, {size}, {spec.in_channels})),  # NHWC: (H, W, channels), batch left out\n"
        + "\n".join(body) + "\n])\n"
        f"x = np.random.rand(1, {size}, {size}, {spec.in_channels}).astype(\"float32\")  # (batch, H, W, channels)\n"
        f"print(model(x).shape)  # (1, {h}, {w}, {out_c}); PyTorch: (1, {out_c}, {h}, {w})\n"
        f"print(model.count_params())  # {params}\n"
    )


def _plan_layers(layer: LayerPlan, in_shape: tuple[int, ...]) -> list[str]:
    """Keras lines for one builder layer (``in_shape``: its PyTorch input shape, C×H×W or features)."""
    kw = dict(layer.kwargs)
    if layer.cls == "Conv2d":
        spec = ConvSpec(layer.args[0], layer.args[1], kw["kernel_size"], kw.get("stride", 1), kw.get("padding", 0),
                        kw.get("dilation", 1), kw.get("groups", 1), kw.get("bias", True))
        lines = conv_layers(spec)
        lines[-1] += f"  # {layer.name}"
        return lines
    if layer.cls in ("BatchNorm2d", "BatchNorm1d"):
        return [f"    layers.BatchNormalization(),  # {layer.name} (Keras also stores the 2 running statistics)"]
    if layer.cls == "ReLU":
        return [f"    layers.ReLU(),  # {layer.name}"]
    if layer.cls == "MaxPool2d":
        k = layer.args[0]
        s, p = kw.get("stride", k), kw.get("padding", 0)
        pad = [f"    layers.ZeroPadding2D({p}),  # PyTorch pads a max pool with -inf; zeros give the same shape"] if p else []
        return pad + [f"    layers.MaxPooling2D({k}, strides={s}),  # {layer.name}"]
    if layer.cls == "AdaptiveAvgPool2d":
        return [f"    layers.GlobalAveragePooling2D(keepdims=True),  # {layer.name}"]
    if layer.cls == "Flatten":
        return [f"    layers.Flatten(),  # {layer.name}: H, W, C order (PyTorch: C, H, W)"]
    if layer.cls == "Linear":
        return [f"    layers.Dense({layer.args[1]}),  # {layer.name}"]
    raise ValueError(f"no Keras counterpart written for nn.{layer.cls}")


def net_keras_code(spec: NetSpec) -> str:
    """The Builder's network as a Keras ``Sequential`` on 28×28×1 NHWC input (same params and output shape)."""
    result = spec.plan()
    if result.error is not None:
        raise result.error
    lines: list[str] = []
    shape: tuple[int, ...] = (1, 28, 28)
    for layer in result.layers:
        lines += _plan_layers(layer, shape)
        shape = layer.out_shape
    trainable = sum(layer.params for layer in result.layers)
    out = result.layers[-1].out_shape
    keras_out = (out[1], out[2], out[0]) if len(out) == 3 else out
    return (
        HEADER + "\n"
        "model = keras.Sequential([\n"
        "    keras.Input(shape=(28, 28, 1)),  # NHWC\n" + "\n".join(lines) + "\n])\n"
        "x = np.zeros((2, 28, 28, 1), dtype=\"float32\")  # a batch of 2 images\n"
        f"print(model(x).shape)  # (2, {', '.join(map(str, keras_out))})\n"
        "trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)\n"
        f"print(trainable)  # {trainable}, as PyTorch's sum(p.numel() for p in model.parameters())\n"
    )


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
        HEADER + "\n"
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
