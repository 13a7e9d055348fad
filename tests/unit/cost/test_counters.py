"""Each FLOP counter's figure on the Cost page equals the library's own output, computed here independently
(real CPU tensors, the libraries' public entry points), and its documented rule gives the same number."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import pytest
import torch
from streamlit.testing.v1 import AppTest
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from dsconv.conv.arithmetic import ConvSpec, conv_cost
from dsconv.cost.variants import CompareConfig, compare
from dsconv.cost.counters import TOOLS, bias_adds, count, rule_figure
from dsconv.cost.counters.table import depthwise_bias_share
from dsconv.i18n import t

ROOT = Path(__file__).resolve().parents[3]
CHAINS = [
    ((ConvSpec(32, 32, 3, padding=1, groups=32), ConvSpec(32, 64, 1)), (32, 28, 28)),  # DW + PW
    ((ConvSpec(12, 24, 5),), (12, 22, 22)),  # the book's middle layer
    ((ConvSpec(12, 12, 3, dilation=2, groups=6), ConvSpec(12, 24, 1)), (12, 22, 22)),  # the book's "DW"
    ((ConvSpec(3, 8, 3, stride=2, bias=False),), (3, 33, 33)),  # no bias: every tool agrees
]


def library_outputs(specs, in_shape) -> dict[str, int]:
    """Every library run the way its README shows, on a real CPU model and input."""
    import thop
    import torchinfo
    from fvcore.nn import FlopCountAnalysis
    from ptflops import get_model_complexity_info

    def model():
        return nn.Sequential(*[nn.Conv2d(**s.torch_kwargs()) for s in specs]).eval()

    x = torch.zeros(1, *in_shape)
    out = {}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with FlopCounterMode(display=False) as counter:
            model()(x)
        out["flopcounter"] = counter.get_total_flops()
        out["fvcore"] = FlopCountAnalysis(model(), x).unsupported_ops_warnings(False).total()
        with contextlib.redirect_stdout(io.StringIO()):
            out["thop"] = int(thop.profile(model(), inputs=(x,), verbose=False)[0])
            out["ptflops"] = get_model_complexity_info(model(), tuple(in_shape), as_strings=False,
                                                       print_per_layer_stat=False, verbose=False)[0]
        out["torchinfo"] = torchinfo.summary(model(), input_size=(1, *in_shape), verbose=0, device="cpu").total_mult_adds
    return out


@pytest.mark.parametrize("specs,in_shape", CHAINS)
def test_each_figure_is_the_library_output_and_its_rule(specs, in_shape):
    shown = count(specs, in_shape)
    expected = library_outputs(specs, in_shape)
    assert {tool: f.value for tool, f in shown.items()} == expected
    assert all(f.source == "ran" for f in shown.values())
    assert {tool: rule_figure(tool, specs, in_shape) for tool in TOOLS} == expected


def test_rules_spell_out_x2_and_bias():
    specs, in_shape = CHAINS[0]
    macs = sum(c.macs for c in (conv_cost(specs[0], 28), conv_cost(specs[1], 28)))
    bias = 32 * 28 * 28 + 64 * 28 * 28
    assert bias_adds(specs, in_shape) == bias
    assert rule_figure("flopcounter", specs, in_shape) == 2 * macs
    assert rule_figure("fvcore", specs, in_shape) == rule_figure("thop", specs, in_shape) == macs
    assert rule_figure("ptflops", specs, in_shape) == rule_figure("torchinfo", specs, in_shape) == macs + bias


@pytest.mark.parametrize("k", [3, 5])
def test_depthwise_bias_is_one_over_k_squared_of_its_macs(k):
    results = compare(CompareConfig(16, 32, k, 20))
    assert depthwise_bias_share(results, (16, 20, 20)) == pytest.approx(1 / k**2)


def test_fvcore_above_its_limit_uses_its_rule_and_says_so():
    specs, in_shape = (ConvSpec(512, 512, 9),), (512, 224, 224)
    shown = count(specs, in_shape)
    assert shown["fvcore"].source == "rule" and shown["fvcore"].why == "too_big"
    assert shown["fvcore"].value == shown["thop"].value  # the same rule: MACs without bias
    assert all(shown[tool].source == "ran" for tool in ("flopcounter", "thop", "ptflops", "torchinfo"))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cost_page_counters_table_shows_each_library_output(lang):
    at = AppTest.from_file(str(ROOT / "pages/cost.py"), default_timeout=180)
    for key, value in {"cin": "12", "cout": "24", "k": "3", "size": "22", "g": "6", "d": "2", "lang": lang}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    tables = [tb.value.reset_index() for tb in at.table]
    table = next(df for df in tables if t("cost.counters.col.tool", lang) in df.columns)
    cfg = CompareConfig(12, 24, 3, 22, groups=6, dilation=2)
    results = compare(cfg)
    for variant, res in results.items():
        column = table[t(f"cost.variant.{variant}", lang, g=6, d=2)].tolist()
        expected = library_outputs(res.specs, (12, 22, 22))
        assert column[1:1 + len(TOOLS)] == [f"{expected[tool]:,}" for tool in TOOLS]
        assert column[0] == f"{res.cost.macs:,}"
    text = " ".join(m.value for m in at.markdown)
    assert "11.1%" in text  # the depthwise 3×3 layer's bias is 1/9 of its MACs
