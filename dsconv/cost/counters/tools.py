"""The figure each common FLOP counter reports for a chain of convolutions, and the rule behind it.

The libraries really run (they are pinned in requirements.txt): torch's ``FlopCounterMode``, thop,
ptflops and torchinfo on the ``meta`` device (shapes only, no arithmetic, so any size is instant), fvcore
on the CPU (its tracer cannot use ``meta``) up to :data:`FVCORE_MAX_MACS`. Above that, or if a library
fails, the figure comes from the library's own documented rule (``source == "rule"``), cited here:

- FlopCounterMode: ``2 * batch * prod(w_shape) * prod(out_spatial)``, bias not counted
  (torch/utils/flop_counter.py, ``conv_flop_count``: a multiply-add is two FLOPs).
- fvcore: ``batch * prod(w_shape) * prod(out_spatial)``, bias not counted
  (fvcore/nn/jit_handles.py, ``conv_flop_count``: "Note only multiplication is counted").
- thop: ``prod(output_size) * (in_c // groups) * prod(kernel)``, bias not counted
  (thop/vision/calc_func.py, ``calculate_conv2d_flops``).
- ptflops: ``prod(kernel) * in_c / groups * out_c * out_pixels`` + ``out_c * out_pixels`` for the bias
  (ptflops/pytorch_ops.py, ``conv_flops_counter_hook``).
- torchinfo: ``params * out_pixels`` for weight and bias alike, so the bias adds ``out_c * out_pixels``
  (torchinfo/layer_info.py, ``LayerInfo.calculate_macs``).
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass
from typing import Callable, Sequence

from dsconv.conv.arithmetic import ConvSpec, conv_cost

TOOLS: tuple[str, ...] = ("flopcounter", "fvcore", "thop", "ptflops", "torchinfo")
FVCORE_MAX_MACS = 300_000_000  # fvcore traces a real forward pass on the CPU: bounded to keep the page quick
COUNTS_BIAS = {"flopcounter": False, "fvcore": False, "thop": False, "ptflops": True, "torchinfo": True}
TIMES_TWO = {"flopcounter": True}


@dataclass(frozen=True)
class ToolFigure:
    """One library's figure: ``source`` "ran" (the library's own output) or "rule" (its documented formula)."""

    tool: str
    value: int
    source: str
    why: str = ""  # why the rule was used instead of running the library
    version: str = ""


def macs(specs: Sequence[ConvSpec], in_shape: tuple[int, int, int]) -> int:
    """Exact MACs of the chain for one image (what FlopCounterMode / 2 reports)."""
    total, (c, h, w) = 0, in_shape
    for spec in specs:
        cost = conv_cost(spec, h, w)
        total += cost.macs
        c, h, w = cost.out_shape
    return total


def bias_adds(specs: Sequence[ConvSpec], in_shape: tuple[int, int, int]) -> int:
    """Additions of the biases: one per output element of each conv that has a bias."""
    total, (c, h, w) = 0, in_shape
    for spec in specs:
        cost = conv_cost(spec, h, w)
        total += cost.out_elements if spec.bias else 0
        c, h, w = cost.out_shape
    return total


def rule_figure(tool: str, specs: Sequence[ConvSpec], in_shape: tuple[int, int, int]) -> int:
    """The figure ``tool``'s documented rule gives (see the module docstring for the sources)."""
    m = macs(specs, in_shape)
    value = m + (bias_adds(specs, in_shape) if COUNTS_BIAS[tool] else 0)
    return 2 * value if TIMES_TWO.get(tool) else value


def _model(specs: Sequence[ConvSpec], device: str):
    import torch
    from torch import nn

    with torch.device(device):
        return nn.Sequential(*[nn.Conv2d(**s.torch_kwargs()) for s in specs]).eval()


def _flopcounter(specs, in_shape) -> int:
    import torch
    from torch.utils.flop_counter import FlopCounterMode

    from dsconv.threads import module_hooks_exclusive

    model = _model(specs, "meta")
    with module_hooks_exclusive(), FlopCounterMode(display=False) as counter:
        model(torch.empty(1, *in_shape, device="meta"))
    return int(counter.get_total_flops())


def _fvcore(specs, in_shape) -> int:
    import torch
    from fvcore.nn import FlopCountAnalysis

    model = _model(specs, "cpu")
    with torch.no_grad():
        analysis = FlopCountAnalysis(model, torch.zeros(1, *in_shape))
        analysis.unsupported_ops_warnings(False).uncalled_modules_warnings(False).tracer_warnings("none")
        return int(analysis.total())


def _thop(specs, in_shape) -> int:
    import thop
    import torch

    with contextlib.redirect_stdout(io.StringIO()):
        value, _ = thop.profile(_model(specs, "meta"), inputs=(torch.empty(1, *in_shape, device="meta"),),
                                verbose=False)
    return int(value)


def _ptflops(specs, in_shape) -> int:
    import torch
    from ptflops import get_model_complexity_info

    x = torch.empty(1, *in_shape, device="meta")
    with contextlib.redirect_stdout(io.StringIO()):
        value, _ = get_model_complexity_info(_model(specs, "meta"), tuple(in_shape), as_strings=False,
                                             print_per_layer_stat=False, verbose=False,
                                             input_constructor=lambda _: x)
    return int(value)


def _torchinfo(specs, in_shape) -> int:
    import torch
    import torchinfo

    summary = torchinfo.summary(_model(specs, "meta"), input_data=torch.empty(1, *in_shape, device="meta"),
                                verbose=0, device="meta")
    return int(summary.total_mult_adds)


RUNNERS: dict[str, Callable] = {"flopcounter": _flopcounter, "fvcore": _fvcore, "thop": _thop,
                                "ptflops": _ptflops, "torchinfo": _torchinfo}
PACKAGES = {"flopcounter": "torch", "fvcore": "fvcore", "thop": "thop", "ptflops": "ptflops", "torchinfo": "torchinfo"}


def _version(tool: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGES[tool])
    except PackageNotFoundError:
        return ""


def figure(tool: str, specs: Sequence[ConvSpec], in_shape: tuple[int, int, int]) -> ToolFigure:
    """Run ``tool`` on the chain (one image); its documented rule when it cannot run here."""
    if tool == "fvcore" and macs(specs, in_shape) > FVCORE_MAX_MACS:
        return ToolFigure(tool, rule_figure(tool, specs, in_shape), "rule", "too_big")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = RUNNERS[tool](specs, in_shape)
    except Exception as exc:  # noqa: BLE001 - a third-party counter failing must not break the page
        return ToolFigure(tool, rule_figure(tool, specs, in_shape), "rule", type(exc).__name__)
    return ToolFigure(tool, value, "ran", version=_version(tool))


def count(specs: Sequence[ConvSpec], in_shape: tuple[int, int, int]) -> dict[str, ToolFigure]:
    """Every tool's figure for the chain ``specs`` on a ``C×H×W`` input (batch 1)."""
    return {tool: figure(tool, tuple(specs), tuple(in_shape)) for tool in TOOLS}
