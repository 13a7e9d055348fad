"""Every count of the Cost Compare page equals what PyTorch itself reports."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from dsconv.cost.variants import (
    PRESETS,
    VARIANTS,
    CompareConfig,
    LinearSpec,
    compare,
    comparison_rows,
    evaluate,
    formula_ratio,
    layer_repr,
    ratio,
    sweep,
)
from dsconv.i18n import t


def torch_layers(layers) -> nn.Sequential:
    """Real modules for ConvSpec / LinearSpec (a Linear gets a Flatten in front)."""
    mods: list[nn.Module] = []
    for layer in layers:
        if isinstance(layer, LinearSpec):
            mods += [nn.Flatten(), nn.Linear(layer.in_features, layer.out_features, bias=layer.bias)]
        else:
            mods.append(nn.Conv2d(**layer.torch_kwargs()))
    return nn.Sequential(*mods)


def torch_measure(layers, in_shape):
    """(params, MACs, output shape without batch, bytes of every stage's input+weights+output) from torch."""
    model = torch_layers(layers)
    x = torch.randn(1, *in_shape)
    with torch.no_grad(), FlopCounterMode(display=False) as counter:
        y = model(x)
    nbytes, h = 0, x
    with torch.no_grad():
        for m in model:
            out = m(h)
            if not isinstance(m, nn.Flatten):
                nbytes += h.nbytes + sum(p.nbytes for p in m.parameters()) + out.nbytes
            h = out
    params = sum(p.numel() for p in model.parameters())
    return params, counter.get_total_flops() // 2, tuple(y.shape[1:]), nbytes


def assert_variant_matches_torch(cfg: CompareConfig) -> None:
    for variant, res in compare(cfg).items():
        if not res.ok:
            with pytest.raises((RuntimeError, ValueError)):  # torch refuses it too
                torch_measure(res.specs, (cfg.in_channels, cfg.size, cfg.size))
            continue
        params, macs, out_shape, nbytes = torch_measure(res.specs, (cfg.in_channels, cfg.size, cfg.size))
        assert (res.cost.params, res.cost.macs, res.cost.out_shape) == (params, macs, out_shape), variant
        assert res.cost.bytes_moved == nbytes, variant
        assert res.cost.intensity == pytest.approx(macs / nbytes)


@pytest.mark.parametrize("name", PRESETS)
def test_every_variant_of_every_preset_equals_torch(name):
    assert_variant_matches_torch(PRESETS[name].config)


@pytest.mark.parametrize("name", PRESETS)
def test_preset_exact_layers_equal_torch(name):
    preset = PRESETS[name]
    for row in preset.table():
        params, macs, out_shape, _ = torch_measure(row.layers, preset.in_shape)
        assert (row.params, row.macs, row.out_shape) == (params, macs, out_shape), row.label_key


def test_seed_book_panel_is_5534256_84_42_like_torch():
    rows = {r.label_key: r.params for r in PRESETS["seed_book"].table()}
    linear = sum(p.numel() for p in nn.Linear(3 * 28 * 28, 3 * 28 * 28).parameters())
    conv = sum(p.numel() for p in nn.Conv2d(3, 3, 3).parameters())
    dwpw = sum(p.numel() for p in nn.Sequential(nn.Conv2d(3, 3, 3, groups=3), nn.Conv2d(3, 3, 1)).parameters())
    assert rows == {"cost.row.linear": linear, "cost.row.standard": conv, "cost.row.dw_pw": dwpw}
    assert (linear, conv, dwpw) == (5_534_256, 84, 42)  # the numbers the seed book prints


def test_course_exercise_outputs_10x126x126():
    res = evaluate("dw_separable", PRESETS["course"].config)
    y = torch_layers(res.specs)(torch.randn(1, 3, 128, 128))
    assert res.cost.out_shape == tuple(y.shape[1:]) == (10, 126, 126)


def test_seed_mnist_book_dw_is_grouped_not_depthwise():
    rows = {r.label_key: r for r in PRESETS["seed_mnist"].table()}
    book_dw = rows["cost.row.book_dw"].layers[0]
    assert book_dw.groups == 6 and book_dw.in_channels == 12
    assert rows["cost.row.true_dw"].layers[0].groups == 12
    # all three alternatives are drop-in replacements: same output as the book's Conv2d(12, 24, 5)
    assert len({r.out_shape for r in rows.values()}) == 1


small_configs = st.builds(
    CompareConfig,
    in_channels=st.integers(1, 12),
    out_channels=st.integers(1, 12),
    kernel_size=st.integers(1, 5),
    size=st.integers(1, 14),
    groups=st.integers(1, 6),
    dilation=st.integers(1, 4),
    stride=st.integers(1, 3),
    bias=st.booleans(),
)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(small_configs)
def test_random_configs_equal_torch(cfg):
    assert_variant_matches_torch(cfg)


@settings(max_examples=100, deadline=None)
@given(small_configs)
def test_counted_mac_ratio_equals_mobilenet_formula(cfg):
    results = compare(cfg)
    counted = ratio(results, "dw_separable", "macs")
    if counted is not None:
        assert counted == pytest.approx(formula_ratio(cfg))


def test_illegal_groups_breaks_only_the_grouped_variant():
    cfg = CompareConfig(12, 24, 3, 22, groups=5)
    results = compare(cfg)
    assert not results["grouped"].ok
    assert results["grouped"].error.key == "err.groups_divide"
    assert "groups must divide" in results["grouped"].error.message("en")
    assert all(results[v].ok for v in VARIANTS if v != "grouped")
    with pytest.raises(ValueError):
        nn.Conv2d(12, 24, 3, groups=5)  # torch agrees it is illegal
    rows = comparison_rows(results, cfg, "zh")
    assert rows[1][t("cost.col.params", "zh")] == "—" and rows[0][t("cost.col.params", "zh")] != "—"


def test_too_much_dilation_breaks_only_the_dilated_variant():
    results = compare(CompareConfig(8, 8, 3, 10, groups=2, dilation=8))
    assert [v for v, r in results.items() if not r.ok] == ["dilated"]
    assert results["dilated"].error.key == "err.kernel_too_big"


@pytest.mark.parametrize("param", ["out_channels", "kernel_size"])
def test_sweep_includes_current_point_and_matches_compare(param):
    cfg = CompareConfig(12, 20, 5, 16, groups=4, dilation=3)
    sw = sweep(cfg, param)
    i = sw.xs.index(getattr(cfg, param))
    assert sw.ratios["dw_separable"][i] == ratio(compare(cfg), "dw_separable", "macs")
    assert sw.formula[i] == pytest.approx(formula_ratio(cfg))
    if param == "kernel_size":  # k = 9 does not fit a 16x16 input with dilation 3: a gap, not an error
        assert sw.ratios["dilated"][sw.xs.index(9)] is None


def test_layer_repr_is_what_you_type_in_pytorch():
    res = evaluate("dw_separable", CompareConfig(12, 24, 3, 22, stride=2))
    text = " → ".join(layer_repr(s) for s in res.specs)
    assert text == "Conv2d(12, 12, 3, stride=2, groups=12) → Conv2d(12, 24, 1)"
    for spec in res.specs:  # and it evaluates to the same module
        built = eval("nn." + layer_repr(spec))
        assert built.weight.shape == nn.Conv2d(**spec.torch_kwargs()).weight.shape


def test_ratio_bars_plot_counted_ratios_and_leave_illegal_variants_empty():
    from dsconv.figures.cost import METRICS, ratio_bars

    cfg = CompareConfig(12, 24, 3, 22, groups=5)
    results = compare(cfg)
    fig = ratio_bars(results, cfg, "zh")
    assert [tr.name for tr in fig.data][1] == t("cost.variant.grouped", "zh", g=5)
    for trace, variant in zip(fig.data, VARIANTS):
        assert list(trace.y) == [ratio(results, variant, attr) for attr, _ in METRICS]
    assert list(fig.data[1].y) == [None] * 4 and fig.layout.yaxis.type == "log"


def test_sweep_figure_marks_the_current_point():
    from dsconv.figures.cost import sweep_figure

    cfg = CompareConfig(12, 24, 3, 22, groups=6)
    fig = sweep_figure(sweep(cfg, "kernel_size"), cfg, "en", font_size=19)
    marker = fig.data[-1]
    assert set(marker.x) == {3}
    assert ratio(compare(cfg), "dw_separable", "macs") in list(marker.y)
    assert fig.layout.font.size == 19
