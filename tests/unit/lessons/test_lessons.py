"""Every number a lesson card shows equals what PyTorch computes (and what the book / course print)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from ui.nav import PAGES
from dsconv.conv.arithmetic import ConvSpec, SpecError, depthwise_separable
from dsconv.lessons.cards import format_value, sequence, shape
from dsconv.lessons.catalog import lessons
from dsconv.lessons.book import DILATIONS, conv_specs
from dsconv.mnist.models import build

LESSONS = {lesson.key: lesson for lesson in lessons()}


def torch_conv(spec: ConvSpec) -> nn.Conv2d:
    return nn.Conv2d(**spec.torch_kwargs())


def n_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def torch_macs(module: nn.Module, x: torch.Tensor) -> int:
    with FlopCounterMode(display=False) as counter:
        module(x)
    return counter.get_total_flops() // 2


def rf_by_gradient(specs: list[ConvSpec], size: int) -> list[int]:
    """Receptive field after each layer: side of the input footprint of the centre output's gradient."""
    sizes = []
    for depth in range(1, len(specs) + 1):
        stack = nn.Sequential(*[torch_conv(ConvSpec(1, 1, s.kernel_size, s.stride, s.padding, s.dilation)) for s in specs[:depth]])
        for layer in stack:
            nn.init.ones_(layer.weight)
            nn.init.zeros_(layer.bias)
        x = torch.zeros(1, 1, size, size, requires_grad=True)
        out = stack(x)
        h, w = out.shape[-2:]
        out[0, 0, h // 2, w // 2].backward()
        rows = torch.nonzero(x.grad[0, 0].abs().sum(dim=1)).flatten()
        sizes.append(int(rows.max() - rows.min() + 1))
    return sizes


def fact(key: str, label: str) -> str:
    return format_value(LESSONS[key].fact(label))


def test_book_dwpw_shapes_and_params_match_torch():
    standard = ConvSpec(3, 4, 3)
    dw, pw = (torch_conv(s) for s in depthwise_separable(standard))
    x = torch.zeros(1, 3, 5, 5)
    out = pw(dw(x))
    assert dw.groups == 3 and pw.kernel_size == (1, 1)
    assert fact("book_dwpw", "home.fact.dw_weight") == shape(*dw.weight.shape)
    assert fact("book_dwpw", "home.fact.pw_weight") == shape(*pw.weight.shape)
    assert fact("book_dwpw", "home.fact.dwpw_params") == format_value(n_params(dw) + n_params(pw))
    assert fact("book_dwpw", "home.fact.standard_params") == format_value(n_params(torch_conv(standard)))
    assert fact("book_dwpw", "home.fact.output_shape") == shape(*out.shape[1:])


def test_book_groups4_is_illegal_in_torch_and_explained_by_the_library():
    with pytest.raises(ValueError):
        nn.Conv2d(3, 4, 3, groups=4)
    error = LESSONS["book_dwpw"].error
    assert isinstance(error, SpecError) and error.key == "err.groups_divide"
    assert "3" in error.message("en") and "4" in error.message("en")
    assert "整除" in error.message("zh")


def test_book_parameter_comparison_matches_torch_and_the_book():
    side = 28
    linear = nn.Linear(3 * side * side, 3 * side * side)
    conv = nn.Conv2d(3, 3, 3)
    dwpw = nn.Sequential(nn.Conv2d(3, 3, 3, groups=3), nn.Conv2d(3, 3, 1))
    computed = [n_params(m) for m in (linear, conv, dwpw)]
    shown = [LESSONS["book_params"].fact(k) for k in ("home.fact.linear_params", "home.fact.conv_params", "home.fact.dwpw_params")]
    assert shown == computed
    assert [format_value(v) for v in shown] == ["5,534,256", "84", "42"]  # as printed in the book


def test_course_exercise_shapes_and_macs_match_torch():
    x = torch.zeros(1, 3, 128, 128)
    dw, pw = nn.Conv2d(3, 3, 3, groups=3), nn.Conv2d(3, 10, 1)
    standard = nn.Conv2d(3, 10, 3)
    mid = dw(x)
    out = pw(mid)
    assert fact("course", "home.fact.input_shape") == shape(*x.shape[1:])
    assert fact("course", "home.fact.dw_output") == shape(*mid.shape[1:])
    assert fact("course", "home.fact.output_shape") == shape(*out.shape[1:]) == "10×126×126"
    assert LESSONS["course"].fact("home.fact.dwpw_macs") == torch_macs(nn.Sequential(dw, pw), x)
    assert LESSONS["course"].fact("home.fact.standard_macs") == torch_macs(standard, x)


def test_course_receptive_field_is_3_then_5_by_gradient():
    specs = [ConvSpec(1, 1, 3), ConvSpec(1, 1, 3)]
    assert fact("course_rf", "home.fact.rf_per_layer") == sequence(rf_by_gradient(specs, 6)) == "3 → 5"
    x = torch.zeros(1, 1, 6, 6)
    sizes = [6, nn.Conv2d(1, 1, 3)(x).shape[-1], nn.Sequential(nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3))(x).shape[-1]]
    assert fact("course_rf", "home.fact.output_sizes") == sequence(sizes)


def test_dilation_1248_receptive_fields_match_gradient_footprint():
    dilated = [ConvSpec(1, 1, 3, padding=d, dilation=d) for d in DILATIONS]
    plain = [ConvSpec(1, 1, 3, padding=1) for _ in DILATIONS]
    assert fact("dil1248", "home.fact.rf_dilated") == sequence(rf_by_gradient(dilated, 64))
    assert fact("dil1248", "home.fact.rf_plain") == sequence(rf_by_gradient(plain, 64))


def test_seed_mnist_net_numbers_match_torch():
    model = build("seed_dsconv")
    specs = conv_specs(model)
    assert [s.groups for s in specs] == [1, 6, 1, 1] and specs[1].dilation == 2
    assert fact("seed_mnist", "home.fact.rf_per_layer") == sequence(rf_by_gradient(specs, 28))
    assert LESSONS["seed_mnist"].fact("home.fact.model_params") == n_params(model) == 17_812
    assert LESSONS["seed_mnist"].fact("home.fact.standard_model_params") == n_params(build("seed_standard")) == 24_496
    with torch.no_grad():
        features = model[: list(dict(model.named_children())).index("flatten")](torch.zeros(1, 1, 28, 28))
    assert fact("seed_mnist", "home.fact.features") == shape(*features.shape[1:])
    assert model.fc.in_features == features.numel()


def test_every_lesson_links_to_an_app_page_and_keeps_the_language():
    pages = {path for path, *_ in PAGES}
    for lesson in lessons():
        assert lesson.links
        for link in lesson.links:
            assert link.page in pages
            assert link.query_params("zh")["lang"] == "zh"
            assert link.url("zh").startswith(f"/{link.url_path}?") and "lang=zh" in link.url("zh")


def test_lesson_links_carry_the_requested_configurations():
    urls = {link.url() for lesson in lessons() for link in lesson.links}
    assert "/playground?cin=3&cout=4&k=3&dws=1&size=5&s=1&p=0&d=1" in urls
    assert "/playground?cin=3&cout=4&k=3&gfree=1&gtyped=4&size=5&s=1&p=0&d=1" in urls
    assert "/cost?preset=seed_book" in urls and "/cost?preset=course" in urls
    assert "/receptive_field?size=6&n=2&k1=3&s1=1&d1=1&p1=0&k2=3&s2=1&d2=1&p2=0" in urls
    assert "/receptive_field?preset=dil1248" in urls and "/receptive_field?preset=seed_mnist" in urls
    assert "/draw?model=seed_dsconv" in urls


ROOT = Path(__file__).resolve().parents[3]


def open_link(link) -> AppTest:
    at = AppTest.from_file(str(ROOT / link.page), default_timeout=120)
    for key, value in link.query_params("en").items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, f"{link.url()}: {at.exception}"
    assert not at.warning, f"{link.url()} has a URL warning: {[w.value for w in at.warning]}"
    return at


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text.replace(",", ""))]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.slow
def test_lesson_links_open_pages_that_show_the_same_numbers():
    """Each lesson's link reproduces its numbers on the target page (shareable state, no URL warning)."""
    dwpw, groups4 = LESSONS["book_dwpw"].links
    shown = metrics(open_link(dwpw))
    assert shown["params"] == fact("book_dwpw", "home.fact.dwpw_params")
    assert numbers(shown["output shape"]) == numbers(fact("book_dwpw", "home.fact.output_shape"))
    assert [e.value for e in open_link(groups4).error] == [LESSONS["book_dwpw"].error.message("en")]

    book = list(metrics(open_link(LESSONS["book_params"].links[0])).values())
    for label in ("home.fact.linear_params", "home.fact.conv_params", "home.fact.dwpw_params"):
        assert fact("book_params", label) in book

    course = " ".join(c.value for c in open_link(LESSONS["course"].links[0]).caption)
    assert f"MACs: {fact('course', 'home.fact.dwpw_macs')} · output shape: {fact('course', 'home.fact.output_shape')}" in course
    assert f"MACs: {fact('course', 'home.fact.standard_macs')}" in course

    for key in ("course_rf", "dil1248", "seed_mnist"):
        label = "home.fact.rf_dilated" if key == "dil1248" else "home.fact.rf_per_layer"
        last = numbers(fact(key, label))[-1]
        assert metrics(open_link(LESSONS[key].links[0]))["theoretical RF"] == f"{last}×{last}"

    draw = open_link(LESSONS["seed_mnist"].links[1])
    assert draw.selectbox(key="model").value == "seed_dsconv"
