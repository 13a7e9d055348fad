"""The exact PyTorch source of a builder stack, as an ``nn.Sequential`` or as an ``nn.Module`` class.

Both are written from the same :class:`dsconv.builder.plan.LayerPlan` list that ``NetSpec.build()`` uses,
so running the code gives a model with the builder table's parameters and output shape.
"""

from __future__ import annotations

from dsconv.builder.plan import LayerPlan, NetSpec

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
    shape = "×".join(str(n) for n in layer.out_shape)
    return f"  # -> {shape}"


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
