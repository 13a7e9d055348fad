"""AppTest of the Playground page: renders, reacts to sliders, shows rule errors, reproduces URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dsconv import ConvSpec, conv_cost
from dsconv.arithmetic import depthwise_separable, output_size

PAGE = str(Path(__file__).resolve().parents[1] / "pages" / "playground.py")


def run(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_page_renders_numbers_from_conv_cost():
    at = run()
    assert not at.exception and not at.error
    cost = conv_cost(ConvSpec(3, 8, 3, padding=1), 8)
    shown = metrics(at)
    assert shown["output shape"] == str(cost.out_shape)
    assert shown["params"] == f"{cost.params:,}" and shown["MACs"] == f"{cost.macs:,}"
    assert len(at.get("plotly_chart")) == 2
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["frames"]) == 64 and spec["layout"]["updatemenus"][0]["buttons"]
    assert any("nn.Conv2d(3, 8, kernel_size=3" in c.value for c in at.code)


def test_changing_a_slider_changes_the_numbers():
    at = run()
    before = metrics(at)
    at.slider(key="k").set_value(5).run()
    after = metrics(at)
    assert not at.exception
    cost = conv_cost(ConvSpec(3, 8, 5, padding=1), 8)
    assert after["params"] == f"{cost.params:,}" != before["params"]
    assert after["output shape"] == str(cost.out_shape)
    assert at.query_params["k"] == ["5"] or at.query_params["k"] == "5"


def test_illegal_groups_in_free_mode_shows_the_rule_and_keeps_the_page():
    at = run(cin="3", cout="4", k="3", gfree="1", gtyped="4")
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "groups" in message and "3" in message and "4" in message
    assert at.number_input(key="gtyped").value == 4
    assert at.slider(key="k").value == 3  # controls still there
    assert at.info  # explanation still rendered
    at.number_input(key="gtyped").set_value(1).run()
    assert not at.error and not at.exception and metrics(at)["params"] == f"{conv_cost(ConvSpec(3, 4, 3, padding=1), 8).params:,}"


def test_groups_zero_and_kernel_too_big_are_errors_not_tracebacks():
    at = run(gfree="1", gtyped="0")
    assert not at.exception and "groups" in at.error[0].value
    at = run(size="3", k="7", p="0")
    assert not at.exception and "7" in at.error[0].value


def test_url_reproduces_the_depthwise_separable_numbers():
    at = run(cin="3", cout="4", k="3", dws="1", size="10", s="2", p="1", d="2")
    assert not at.exception and not at.error
    spec = ConvSpec(3, 4, 3, stride=2, padding=1, dilation=2)
    dw, pw = depthwise_separable(spec)
    mid = output_size(dw, 10)[0]
    params = conv_cost(dw, 10).params + conv_cost(pw, mid).params
    shown = metrics(at)
    assert shown["params"] == f"{params:,}"
    assert shown["output shape"] == str(conv_cost(pw, mid).out_shape)
    assert any("1/N + 1/k²" in m.value for m in at.markdown)
    assert any("nn.Sequential(" in c.value for c in at.code)


def test_junk_url_values_warn_and_fall_back():
    at = run(k="abc", size="99", g="5")
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "k=" in warnings and "size=" in warnings and "g=" in warnings
    assert at.slider(key="k").value == 3 and at.slider(key="size").value == 8


def test_chinese_page_has_no_untranslated_keys():
    at = run(lang="zh")
    assert not at.exception
    assert at.title[0].value == "卷积演练场"
    texts = [e.value for e in list(at.markdown) + list(at.caption) + list(at.subheader)]
    assert not [t for t in texts if t.startswith("pg.")]


@pytest.mark.slow
def test_extreme_settings_render():
    at = run(size="32", cin="16", cout="32", k="7", d="4", p="3", s="1")
    assert not at.exception and not at.error
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(spec["frames"]) == 64


def wiring_spec(at: AppTest) -> dict:
    """The wiring chart the page sent (the one whose traces include node columns)."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if any(tr.get("mode") == "markers+text" for tr in spec["data"]):
            return spec
    raise AssertionError("no wiring chart on the page")


def test_dw_pw_wiring_shows_the_pointwise_outputs_and_weight_the_page_states():
    at = run(cin="3", cout="8", dws="1")
    assert not at.exception and not at.error
    spec = wiring_spec(at)
    columns = [tr for tr in spec["data"] if tr.get("mode") == "markers+text"]
    counts = [tr["x"]["shape"][0] if isinstance(tr["x"], dict) else len(tr["x"]) for tr in columns]
    assert counts == [3, 3, 8]  # input -> depthwise -> pointwise
    titles = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "(8, 3, 1, 1)" in titles and "(3, 1, 3, 3)" in titles
    assert "(3, 3, 1, 1)" not in titles
    shown = metrics(at)
    assert "(8, 3, 1, 1)" in shown["weight shape"] and shown["output shape"] == "(8, 8, 8)"
