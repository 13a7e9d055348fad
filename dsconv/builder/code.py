"""The exact source of a builder stack: PyTorch as an ``nn.Sequential`` or an ``nn.Module`` class, and Keras 3.

All are written from the same :class:`dsconv.builder.plan.LayerPlan` list that ``NetSpec.build()`` uses,
so running the code gives a model with the builder table's parameters and output shape (Keras: channels-last,
see :mod:`dsconv.conv.code`).
"""

from __future__ import annotations

from dsconv.builder.plan import LayerPlan, NetSpec
from dsconv.conv.ledger import shape_text
from dsconv.conv.code import KERAS_HEADER, conv_layers

HEADER = "import torch\nfrom torch import nn\n"


def layer_expr(layer: LayerPlan) -> str:
    """``nn.Conv2d(12, 24, kernel_size=3, groups=6)`` for one planned layer."""
    args = [repr(a) for a in layer.args] + [f"{k}={v!r}" for k, v in layer.kwargs]
    return f"nn.{layer.cls}({', '.join(args)})"


def _layers(spec: NetSpec) -> tuple[LayerPlan, ...]:
    result = spec.plan()
    if result.error is not None:
        raise result.error
    return result.layers


def _comment(layer: LayerPlan) -> str:
    return f"  # -> {shape_text(layer.out_shape)}"


def sequential_code(spec: NetSpec, var: str = "model") -> str:
    """``model = nn.Sequential(OrderedDict(...))`` with the builder's layer names and output shapes."""
    lines = [f"    ({layer.name!r}, {layer_expr(layer)}),{_comment(layer)}" for layer in _layers(spec)]
    body = "\n".join(lines)
    return (
        f"from collections import OrderedDict\n\n{HEADER}\n"
        f"{var} = nn.Sequential(OrderedDict([\n{body}\n]))\n"
        f"print({var}(torch.zeros(2, 1, 28, 28)).shape)  # torch.Size([2, 10]): a batch of 2 images\n"
    )


def module_code(spec: NetSpec, class_name: str = "BuiltNet") -> str:
    """A ``class BuiltNet(nn.Module)`` with one attribute per layer and a plain ``forward``."""
    layers = _layers(spec)
    init = "\n".join(f"        self.{layer.name} = {layer_expr(layer)}" for layer in layers)
    forward = "\n".join(f"        x = self.{layer.name}(x){_comment(layer)}" for layer in layers)
    return (
        f"{HEADER}\n\nclass {class_name}(nn.Module):\n"
        f"    def __init__(self):\n        super().__init__()\n{init}\n\n"
        f"    def forward(self, x):  # x: N×1×28×28\n{forward}\n        return x\n\n\n"
        f"model = {class_name}()\n"
    )


def _keras_lines(layer: LayerPlan, in_shape: tuple[int, ...]) -> list[str]:
    """Keras lines for one builder layer (``in_shape``: its PyTorch input shape, C×H×W or features)."""
    kw = dict(layer.kwargs)
    if layer.cls == "Conv2d":
        lines = conv_layers(layer.spec)
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
        lines += _keras_lines(layer, shape)
        shape = layer.out_shape
    trainable = sum(layer.params for layer in result.layers)
    out = result.layers[-1].out_shape
    keras_out = (out[1], out[2], out[0]) if len(out) == 3 else out
    return (
        KERAS_HEADER + "\n"
        "model = keras.Sequential([\n"
        "    keras.Input(shape=(28, 28, 1)),  # NHWC\n" + "\n".join(lines) + "\n])\n"
        "x = np.zeros((2, 28, 28, 1), dtype=\"float32\")  # a batch of 2 images\n"
        f"print(model(x).shape)  # (2, {', '.join(map(str, keras_out))})\n"
        "trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)\n"
        f"print(trainable)  # {trainable}, as PyTorch's sum(p.numel() for p in model.parameters())\n"
    )
