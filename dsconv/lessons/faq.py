"""The learners' questions from the course's comment section, each answered with numbers torch computes.

Every answer runs the real layers (or the library's arithmetic, itself tested against torch): the shapes
with and without the batch dimension, which input channels each output group sees, the PW conv written
with kernel 3, a depthwise conv with stride 3, dilation with padding = dilation, the 6x6 receptive-field
figure, and FLOPs counted by ``torch.utils.flop_counter.FlopCounterMode`` against the library's MACs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from dsconv.conv.arithmetic import ConvSpec, conv_cost
from dsconv.receptive.field import receptive_field
from dsconv.threads import module_hooks_exclusive

COURSE = (3, 128, 128)  # the course exercise's input: 3 x 128 x 128, DW 3x3, PW to 10 channels
QUESTIONS = ("batch", "groups", "pw_k3", "dw_stride3", "dilation_size", "rf_figure", "flops")


def _shape(t: torch.Tensor) -> tuple[int, ...]:
    return tuple(t.shape)


@dataclass(frozen=True)
class BatchAnswer:
    """Why ``unsqueeze(0)``: NCHW wants a batch dimension; ``x.shape[1]`` is then the channel count."""

    image: tuple[int, ...]
    batched: tuple[int, ...]
    channels_batched: int  # x.unsqueeze(0).shape[1]
    second_dim_unbatched: int  # x.shape[1] without the batch dimension: the height, not the channels
    out_batched: tuple[int, ...]
    out_unbatched: tuple[int, ...]  # torch also accepts one unbatched (C, H, W) image


def batch_answer() -> BatchAnswer:
    c, h, w = COURSE
    x = torch.zeros(c, h, w)
    conv = nn.Conv2d(c, c, 3, groups=c)
    with torch.no_grad():
        return BatchAnswer(_shape(x), _shape(x.unsqueeze(0)), x.unsqueeze(0).shape[1], x.shape[1],
                           _shape(conv(x.unsqueeze(0))), _shape(conv(x)))


@dataclass(frozen=True)
class GroupsAnswer:
    """``groups``: the channels split into groups; each output channel sees only its own group's inputs."""

    in_channels: int
    out_channels: int
    groups: int
    weight_shape: tuple[int, ...]
    seen: tuple[tuple[int, ...], ...]  # input channels each output channel depends on (from gradients)
    error: str  # torch's message for groups that do not divide the channels


def groups_answer(cin: int = 4, cout: int = 6, groups: int = 2) -> GroupsAnswer:
    conv = nn.Conv2d(cin, cout, 3, groups=groups, bias=False)
    seen = []
    for o in range(cout):
        x = torch.randn(1, cin, 5, 5, requires_grad=True)
        conv(x)[0, o].sum().backward()
        seen.append(tuple(int(c) for c in (x.grad[0].abs().sum((1, 2)) > 0).nonzero().flatten()))
    try:
        nn.Conv2d(3, 4, 3, groups=4)
        error = ""
    except ValueError as exc:
        error = str(exc)
    return GroupsAnswer(cin, cout, groups, _shape(conv.weight), tuple(seen), error)


@dataclass(frozen=True)
class PwK3Answer:
    """A "pointwise" conv written with kernel 3 shrinks the map by 2 more pixels."""

    dw_out: tuple[int, ...]
    pw_k1: tuple[int, ...]
    pw_k3: tuple[int, ...]
    params_k1: int
    params_k3: int


def pw_k3_answer() -> PwK3Answer:
    c, h, w = COURSE
    x = torch.zeros(1, c, h, w)
    dw = nn.Conv2d(c, c, 3, groups=c)
    pw1, pw3 = nn.Conv2d(c, 10, 1), nn.Conv2d(c, 10, 3)
    with torch.no_grad():
        y = dw(x)
        return PwK3Answer(_shape(y)[1:], _shape(pw1(y))[1:], _shape(pw3(y))[1:],
                          sum(p.numel() for p in pw1.parameters()), sum(p.numel() for p in pw3.parameters()))


@dataclass(frozen=True)
class StrideAnswer:
    """A depthwise 3x3 conv with stride 3 on 128x128: floor((128 - 3) / 3) + 1 = 42."""

    out: tuple[int, ...]
    formula: str


def dw_stride3_answer() -> StrideAnswer:
    c, h, w = COURSE
    with torch.no_grad():
        out = nn.Conv2d(c, c, 3, stride=3, groups=c)(torch.zeros(1, c, h, w))
    return StrideAnswer(_shape(out)[1:], f"⌊({h} − 3) / 3⌋ + 1 = {out.shape[-1]}")


@dataclass(frozen=True)
class DilationAnswer:
    """Dilation enlarges the field without shrinking the map when padding = dilation (3x3 kernels)."""

    rows: tuple[tuple[int, int, int, int], ...]  # (dilation, padding, output side, receptive field)


def dilation_answer(size: int = 128) -> DilationAnswer:
    rows = []
    for d in (1, 2, 4):
        for p in (0, d):
            with torch.no_grad():
                out = nn.Conv2d(1, 1, 3, padding=p, dilation=d)(torch.zeros(1, 1, size, size))
            rf = receptive_field([ConvSpec(1, 1, 3, padding=p, dilation=d)])[-1].size
            rows.append((d, p, out.shape[-1], rf))
    return DilationAnswer(tuple(dict.fromkeys(rows)))


@dataclass(frozen=True)
class RFFigureAnswer:
    """The course figure: a 6x6 input, two 3x3 convs: 4x4 then 2x2 outputs; each final output sees 5x5."""

    sizes: tuple[int, ...]
    rf: tuple[int, ...]
    top_left_span: tuple[int, int]  # input rows (and columns) that output (0, 0) sees
    counted_pixels: int  # measured: input pixels with a non-zero gradient for output (0, 0)


def rf_figure_answer(size: int = 6) -> RFFigureAnswer:
    specs = [ConvSpec(1, 1, 3), ConvSpec(1, 1, 3)]
    net = nn.Sequential(nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3))
    nn.init.constant_(net[0].weight, 1.0)
    nn.init.constant_(net[1].weight, 1.0)
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    hidden = net[0](x)
    out = net[1](hidden)
    out[0, 0, 0, 0].backward()
    layers = receptive_field(specs)
    first, last = layers[-1].span(0)
    sizes = (size, hidden.shape[-1], out.shape[-1])
    return RFFigureAnswer(sizes, tuple(l.size for l in layers), (int(first), int(last)), int((x.grad != 0).sum()))


@dataclass(frozen=True)
class FlopsAnswer:
    """FlopCounterMode counts 2 FLOPs per multiply-accumulate (MAC) of a conv."""

    layer: str
    flops: int
    macs: int


def flops_answer() -> tuple[FlopsAnswer, ...]:
    c, h, w = COURSE
    x = torch.zeros(1, c, h, w)
    answers = []
    for label, conv in (("nn.Conv2d(3, 10, 3)", nn.Conv2d(c, 10, 3)),
                        ("nn.Conv2d(3, 3, 3, groups=3)", nn.Conv2d(c, c, 3, groups=c)),
                        ("nn.Conv2d(3, 10, 1)", nn.Conv2d(c, 10, 1))):
        counter = FlopCounterMode(display=False)
        with module_hooks_exclusive(), counter, torch.no_grad():
            conv(x if conv.kernel_size[0] == 3 else torch.zeros(1, c, h - 2, w - 2))
        spec = ConvSpec(conv.in_channels, conv.out_channels, conv.kernel_size[0], groups=conv.groups)
        size = h if conv.kernel_size[0] == 3 else h - 2
        answers.append(FlopsAnswer(label, int(counter.get_total_flops()), conv_cost(spec, size).macs))
    return tuple(answers)


FLOPS_CODE = (
    "import torch\nfrom torch import nn\nfrom torch.utils.flop_counter import FlopCounterMode\n\n"
    "conv = nn.Conv2d(3, 10, 3)\n"
    "x = torch.randn(1, 3, 128, 128)\n"
    "with FlopCounterMode(display=False) as counter:\n"
    "    conv(x)\n"
    "print(counter.get_total_flops())  # FLOPs = 2 × MACs (one multiply + one add)\n"
)


@dataclass(frozen=True)
class Answers:
    batch: BatchAnswer
    groups: GroupsAnswer
    pw_k3: PwK3Answer
    dw_stride3: StrideAnswer
    dilation_size: DilationAnswer
    rf_figure: RFFigureAnswer
    flops: tuple[FlopsAnswer, ...]


@lru_cache(maxsize=1)
def answers() -> Answers:
    """All answers, computed once per process."""
    return Answers(batch_answer(), groups_answer(), pw_k3_answer(), dw_stride3_answer(), dilation_answer(),
                   rf_figure_answer(), flops_answer())
