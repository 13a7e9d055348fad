"""The book and course lessons: one-click links that open a page with the exact configuration of an example.

Every number a lesson card shows is computed here by the library (``conv_cost``, ``receptive_field``,
``output_size``) or by torch itself, never typed in; ``tests/test_lessons.py`` checks them against torch.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from dsconv.conv.arithmetic import ConvSpec, SpecError, conv_cost, depthwise_separable, output_size
from dsconv.mnist.models import build, conv_spec_of, count_params
from dsconv.receptive.field import receptive_field
from dsconv.lessons.cards import Fact, Lesson, link, sequence, shape

def _dw_pw_params(spec: ConvSpec, size: int) -> tuple[int, int]:
    """Params of the depthwise and the pointwise conv that replace ``spec``."""
    dw, pw = depthwise_separable(spec)
    h, w = output_size(dw, size)
    return conv_cost(dw, size).params, conv_cost(pw, h, w).params


def _plain(spec: ConvSpec) -> dict[str, int]:
    """The Playground's stride / padding / dilation params (its own defaults differ: padding 1)."""
    return {"s": spec.stride, "p": spec.padding, "d": spec.dilation}


BOOK_DWPW_SIZE = 5  # a small input so the Playground's sliding animation stays readable


def book_dwpw(size: int = BOOK_DWPW_SIZE) -> Lesson:
    """Book: 3 -> 4 channels, 3x3 depthwise (groups = 3) then 1x1 pointwise; the text's groups = 4 is illegal."""
    standard = ConvSpec(3, 4, 3)
    dw, pw = depthwise_separable(standard)
    dw_params, pw_params = _dw_pw_params(standard, size)
    out = conv_cost(pw, *output_size(dw, size)).out_shape
    try:
        ConvSpec(3, 4, 3, groups=4).validate(size)
        error = None
    except SpecError as exc:
        error = exc
    return Lesson(
        key="book_dwpw",
        source="home.source.book",
        facts=(
            Fact("home.fact.dw_weight", shape(*dw.weight_shape)),
            Fact("home.fact.pw_weight", shape(*pw.weight_shape)),
            Fact("home.fact.dwpw_params", dw_params + pw_params),
            Fact("home.fact.standard_params", conv_cost(standard, size).params),
            Fact("home.fact.output_shape", shape(*out)),
        ),
        links=(
            link("playground", "home.link.open_dwpw", cin=3, cout=4, k=3, dws=1, size=size, **_plain(standard)),
            link("playground", "home.link.try_groups4", cin=3, cout=4, k=3, gfree=1, gtyped=4, size=size, **_plain(standard)),
        ),
        error=error,
    )


def linear_params(in_features: int, out_features: int) -> int:
    """Parameters of ``nn.Linear`` (built on the meta device: no memory, exact count)."""
    return count_params(nn.Linear(in_features, out_features, device="meta"))


def book_params(size: int = 28) -> Lesson:
    """Book: a fully connected layer vs Conv2d(3,3,3) vs DW(3,3,3,groups=3)+PW(3,3,1) on a 3x28x28 image."""
    features = 3 * size * size
    conv = ConvSpec(3, 3, 3)
    dw_params, pw_params = _dw_pw_params(conv, size)
    return Lesson(
        key="book_params",
        source="home.source.book",
        facts=(
            Fact("home.fact.linear_params", linear_params(features, features)),
            Fact("home.fact.conv_params", conv_cost(conv, size).params),
            Fact("home.fact.dwpw_params", dw_params + pw_params),
        ),
        links=(link("cost", "home.link.open_cost", preset="seed_book"),),
    )


def course_exercise(size: int = 128) -> Lesson:
    """Course: a 3x128x128 input, DW 3x3 then PW to 10 channels -> 10x126x126."""
    standard = ConvSpec(3, 10, 3)
    dw, pw = depthwise_separable(standard)
    dw_cost = conv_cost(dw, size)
    pw_cost = conv_cost(pw, *dw_cost.out_shape[1:])
    std_cost = conv_cost(standard, size)
    return Lesson(
        key="course",
        source="home.source.course",
        facts=(
            Fact("home.fact.input_shape", shape(3, size, size)),
            Fact("home.fact.dw_output", shape(*dw_cost.out_shape)),
            Fact("home.fact.output_shape", shape(*pw_cost.out_shape)),
            Fact("home.fact.dwpw_macs", dw_cost.macs + pw_cost.macs),
            Fact("home.fact.standard_macs", std_cost.macs),
        ),
        links=(link("cost", "home.link.open_cost", preset="course"),),
    )


def _rf_stack_params(size: int, specs: list[ConvSpec]) -> dict[str, object]:
    """The Receptive-field page's URL params for an explicit stack."""
    params: dict[str, object] = {"size": size, "n": len(specs)}
    for i, s in enumerate(specs, start=1):
        params.update({f"k{i}": s.kernel_size, f"s{i}": s.stride, f"d{i}": s.dilation, f"p{i}": s.padding})
    return params


def course_rf(size: int = 6) -> Lesson:
    """Course: two 3x3 convs on a 6x6 input: receptive field 3, then 5."""
    specs = [ConvSpec(1, 1, 3), ConvSpec(1, 1, 3)]
    outs, h = [], size
    for s in specs:
        h = output_size(s, h)[0]
        outs.append(h)
    return Lesson(
        key="course_rf",
        source="home.source.course",
        facts=(
            Fact("home.fact.input_shape", shape(size, size)),
            Fact("home.fact.output_sizes", sequence([size, *outs])),
            Fact("home.fact.rf_per_layer", sequence([layer.size for layer in receptive_field(specs)])),
        ),
        links=(link("receptive_field", "home.link.open_rf", **_rf_stack_params(size, specs)),),
    )


DILATIONS = (1, 2, 4, 8)


def dilation_1248() -> Lesson:
    """Course: 3x3 convs with dilation 1, 2, 4, 8: the receptive field grows exponentially, not linearly."""
    dilated = [ConvSpec(1, 1, 3, padding=d, dilation=d) for d in DILATIONS]
    plain = [ConvSpec(1, 1, 3, padding=1) for _ in DILATIONS]
    return Lesson(
        key="dil1248",
        source="home.source.course",
        facts=(
            Fact("home.fact.rf_dilated", sequence([layer.size for layer in receptive_field(dilated)])),
            Fact("home.fact.rf_plain", sequence([layer.size for layer in receptive_field(plain)])),
        ),
        links=(link("receptive_field", "home.link.open_rf", preset="dil1248"),),
    )


def conv_specs(model: nn.Module) -> list[ConvSpec]:
    """The :class:`ConvSpec` of every ``nn.Conv2d`` in ``model``, in order."""
    return [conv_spec_of(m) for m in model.modules() if isinstance(m, nn.Conv2d)]


def seed_mnist() -> Lesson:
    """Book 5.3.4: the MNIST net whose middle conv is a dilated depthwise (groups 6) + pointwise pair."""
    model = build("seed_dsconv")
    specs = conv_specs(model)
    with torch.no_grad():
        out = model[:-2](torch.zeros(1, 1, 28, 28))  # up to the last conv block (before flatten + fc)
    return Lesson(
        key="seed_mnist",
        source="home.source.book",
        facts=(
            Fact("home.fact.rf_per_layer", sequence([layer.size for layer in receptive_field(specs)])),
            Fact("home.fact.features", shape(*out.shape[1:])),
            Fact("home.fact.model_params", count_params(model)),
            Fact("home.fact.standard_model_params", count_params(build("seed_standard"))),
        ),
        links=(
            link("receptive_field", "home.link.open_rf", preset="seed_mnist"),
            link("draw", "home.link.open_draw", model="seed_dsconv"),
        ),
    )


BOOK_FIGS_CROP = 6  # the Playground replays the figures on a 6x6 crop with real numbers; the facts are at 28x28


def book_figures(size: int = 28, crop: int = BOOK_FIGS_CROP) -> Lesson:
    """Book figures 5-15/16/17 and the course's DW / PW diagrams: 28x28x3 -> 4 maps, standard vs DW then PW.

    5-15: a standard conv, 4 kernels of 3x3x3; 5-16: depthwise, 3 kernels of 3x3 (padding 1) -> 28x28x3;
    5-17: pointwise, 4 kernels of 1x1x3 -> 28x28x4 (the book's text says 28x28x3: one map per kernel, so 4).
    """
    standard = ConvSpec(3, 4, 3, padding=1)
    dw, pw = depthwise_separable(standard)
    dw_cost = conv_cost(dw, size)
    pw_cost = conv_cost(pw, *dw_cost.out_shape[1:])
    std_cost = conv_cost(standard, size)
    hwc = lambda c: shape(c[1], c[2], c[0])  # noqa: E731  the book writes H×W×C
    common = dict(cin=3, cout=4, k=3, size=crop, **_plain(standard))
    return Lesson(
        key="book_figs",
        source="home.source.book_course",
        facts=(
            Fact("home.fact.fig515", hwc(std_cost.out_shape)),
            Fact("home.fact.fig516", hwc(dw_cost.out_shape)),
            Fact("home.fact.fig517", hwc(pw_cost.out_shape)),
            Fact("home.fact.std_weights", math.prod(standard.weight_shape)),
            Fact("home.fact.dwpw_weights", math.prod(dw.weight_shape) + math.prod(pw.weight_shape)),
        ),
        links=(
            link("playground", "home.link.fig515", **common),
            link("playground", "home.link.fig516", **common, dws=1, stage="dw"),
            link("playground", "home.link.fig517", **common, dws=1, stage="pw"),
        ),
    )
