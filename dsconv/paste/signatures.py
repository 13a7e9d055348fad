"""The torch layers the paste reader knows: constructor signatures (torch.nn's own order and defaults)."""

from __future__ import annotations

from typing import Any

REQUIRED = object()
_ACT = (("inplace", False),)
_BN = (("num_features", REQUIRED), ("eps", 1e-5), ("momentum", 0.1), ("affine", True),
       ("track_running_stats", True), ("device", None), ("dtype", None))
# constructor signatures of the layers the reader knows (torch.nn's own argument order and defaults)
SIGNATURES: dict[str, tuple[tuple[str, Any], ...]] = {
    "Conv2d": (("in_channels", REQUIRED), ("out_channels", REQUIRED), ("kernel_size", REQUIRED), ("stride", 1),
               ("padding", 0), ("dilation", 1), ("groups", 1), ("bias", True), ("padding_mode", "zeros"),
               ("device", None), ("dtype", None)),
    "Linear": (("in_features", REQUIRED), ("out_features", REQUIRED), ("bias", True), ("device", None), ("dtype", None)),
    "BatchNorm2d": _BN,
    "BatchNorm1d": _BN,
    "MaxPool2d": (("kernel_size", REQUIRED), ("stride", None), ("padding", 0), ("dilation", 1),
                  ("return_indices", False), ("ceil_mode", False)),
    "AvgPool2d": (("kernel_size", REQUIRED), ("stride", None), ("padding", 0), ("ceil_mode", False),
                  ("count_include_pad", True), ("divisor_override", None)),
    "AdaptiveAvgPool2d": (("output_size", REQUIRED),),
    "AdaptiveMaxPool2d": (("output_size", REQUIRED), ("return_indices", False)),
    "Flatten": (("start_dim", 1), ("end_dim", -1)),
    "ReLU": _ACT, "ReLU6": _ACT, "SiLU": _ACT, "Hardswish": _ACT, "Hardsigmoid": _ACT, "Mish": _ACT,
    "LeakyReLU": (("negative_slope", 0.01), ("inplace", False)),
    "ELU": (("alpha", 1.0), ("inplace", False)),
    "GELU": (("approximate", "none"),),
    "Sigmoid": (), "Tanh": (), "Identity": (),
    "Dropout": (("p", 0.5), ("inplace", False)),
    "Dropout2d": (("p", 0.5), ("inplace", False)),
    "Softmax": (("dim", None),),
    "LogSoftmax": (("dim", None),),
    "Rearrange": (("pattern", REQUIRED),),  # einops.layers.torch.Rearrange
}
SHAPE_KEEPING = frozenset({"ReLU", "ReLU6", "SiLU", "Hardswish", "Hardsigmoid", "Mish", "LeakyReLU", "ELU", "GELU",
                           "Sigmoid", "Tanh", "Identity", "Dropout", "Dropout2d", "Softmax", "LogSoftmax"})
FUNCTIONAL_ACTS = frozenset({"relu", "relu6", "gelu", "silu", "sigmoid", "tanh", "leaky_relu", "hardswish", "elu",
                             "dropout", "softmax", "log_softmax", "mish"})
TENSOR_MAKERS = frozenset({"rand", "randn", "zeros", "ones", "empty"})
KNOWN_MODULES = ("torch", "einops", "collections", "numpy", "typing", "__future__", "math", "functools")
DEFAULT_ALIASES = {"torch": "torch", "nn": "torch.nn", "F": "torch.nn.functional", "OrderedDict": "collections.OrderedDict"}
