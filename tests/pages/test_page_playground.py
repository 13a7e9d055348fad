"""AppTest of the Playground page: renders, reacts to sliders, shows rule errors, reproduces URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dsconv import ConvSpec, conv_cost
from dsconv.conv.arithmetic import depthwise_separable, output_size
from dsconv.plaintext import shown as as_read

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "playground.py")


def run(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def stage(at: AppTest) -> dict:
    """The data the kernel-sliding stage draws (the JSON the page sends to ui/stage.js)."""
    for element in at.get("bidi_component"):
        if element.proto.component_name.endswith("dsconv_stage"):
            return json.loads(element.proto.json)
    raise AssertionError("no stage on the page")


def test_default_page_renders_numbers_from_conv_cost():
    at = run()
    assert not at.exception and not at.error
    cost = conv_cost(ConvSpec(4, 8, 3, padding=1), 8)
    shown = metrics(at)
    assert shown["output shape"] == str(cost.out_shape)
    assert shown["params"] == f"{cost.params:,}" and shown["MACs"] == f"{cost.macs:,}"
    assert len(at.get("plotly_chart")) == 1  # the wiring; the sliding kernel is the stage
    data = stage(at)
    assert data["lanes"] == [0, 1, 2, 3] and data["ho"] * data["wo"] == 64 and len(data["y"][0]) == 64
    assert any("nn.Conv2d(4, 8, kernel_size=3" in as_read(c.value) for c in at.code)


def test_first_view_lets_a_learner_step_groups():
    at = run()
    assert list(at.select_slider(key="g").options) == ["1 · standard conv", "2 · grouped conv", "4 · depthwise conv"]
    assert not at.select_slider(key="g").disabled


def test_changing_a_slider_changes_the_numbers():
    at = run()
    before = metrics(at)
    at.slider(key="k").set_value(5).run()
    after = metrics(at)
    assert not at.exception
    cost = conv_cost(ConvSpec(4, 8, 5, padding=1), 8)
    assert stage(at)["k"] == 5
    assert after["params"] == f"{cost.params:,}" != before["params"]
    assert after["output shape"] == str(cost.out_shape)
    assert at.query_params["k"] == ["5"] or at.query_params["k"] == "5"


def test_illegal_groups_in_free_mode_shows_the_rule_and_keeps_the_page():
    at = run(cin="3", cout="4", k="3", gfree="1", gtyped="4")
    assert not at.exception
    assert len(at.error) == 1
    message = as_read(at.error[0].value)
    assert "groups" in message and "3" in message and "4" in message
    assert at.number_input(key="gtyped").value == 4
    assert at.slider(key="k").value == 3  # controls still there
    assert at.info  # explanation still rendered
    at.number_input(key="gtyped").set_value(1).run()
    assert not at.error and not at.exception and metrics(at)["params"] == f"{conv_cost(ConvSpec(3, 4, 3, padding=1), 8).params:,}"


def test_groups_zero_and_kernel_too_big_are_errors_not_tracebacks():
    at = run(cin="3", gfree="1", gtyped="0")
    assert not at.exception and "groups" in as_read(at.error[0].value)
    at = run(size="3", k="7", p="0")
    assert not at.exception and "7" in as_read(at.error[0].value)


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
    assert any("nn.Sequential(" in as_read(c.value) for c in at.code)


def test_junk_url_values_warn_and_fall_back():
    at = run(k="abc", size="99", g="5")
    assert not at.exception
    warnings = " ".join(as_read(w.value) for w in at.warning)
    assert "k=" in warnings and "size=" in warnings and "g=" in warnings
    assert at.slider(key="k").value == 3 and at.slider(key="size").value == 8


def test_chinese_page_has_no_untranslated_keys():
    at = run(lang="zh")
    assert not at.exception
    assert at.title[0].value == "卷积演练场"
    texts = [e.value for e in list(at.markdown) + list(at.caption) + list(at.subheader)]
    assert not [t for t in texts if t.startswith("pg.")]


@pytest.mark.slow
def test_extreme_settings_render_and_say_how_many_cells_are_animated():
    at = run(size="32", cin="16", cout="32", k="7", d="4", p="3", s="1")
    assert not at.exception and not at.error
    data = stage(at)
    spec = ConvSpec(16, 32, 7, padding=3, dilation=4)
    h, w = output_size(spec, 32)
    assert data["lanes"] == list(range(16)) and (data["ho"], data["wo"]) == (h, w)  # every channel, every cell
    assert data["y"][0] == pytest.approx(reference(spec, 32)[0].flatten().tolist(), abs=1e-4)
    assert any(f"first 64 of the {h * w}" in as_read(c.value) for c in at.caption)  # only the GIF is capped


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
    assert "(8, 3, 1, 1)" in titles and "(3, 1, k, k)" in titles  # the wiring does not depend on k
    assert "(3, 3, 1, 1)" not in titles
    shown = metrics(at)
    assert shown["weight: pointwise conv (1x1)"] == "(8, 3, 1, 1)" and shown["output shape"] == "(8, 8, 8)"
    assert shown["weight: depthwise conv"] == "(3, 1, 3, 3)"


def partial_sums(data: dict, f: int) -> list[float]:
    """Σ x·w of each drawn channel at output cell f, from the data the stage draws (as stage.js computes it)."""
    n, p, s, d, k = data["n"], data["p"], data["s"], data["d"], data["k"]
    r, c = divmod(f, data["wo"])
    sums = []
    for x, w in zip(data["x"], data["w"]):
        total = 0.0
        for i in range(k):
            for j in range(k):
                ir, ic = r * s + i * d - p, c * s + j * d - p
                if 0 <= ir < n and 0 <= ic < n:
                    total += x[ir * n + ic] * w[i * k + j]
        sums.append(total)
    return sums


def reference(spec: ConvSpec, size: int):
    """torch's output for the page's seeded example (the same tensors the page draws)."""
    import torch.nn.functional as F

    from dsconv.conv.sliding import example_tensors

    x, w, b = example_tensors(spec, size)
    kw = dict(stride=spec.stride, padding=spec.padding, dilation=spec.dilation, groups=spec.groups)
    return F.conv2d(x[None], w, b, **kw)[0]


def test_standard_conv_draws_all_three_input_channels_and_torchs_sums():
    at = run(cin="3", cout="8", oc="5")
    assert not at.exception and not at.error
    data = stage(at)
    assert data["lanes"] == [0, 1, 2] and data["outs"] == [5]
    assert data["labels"]["tiles"] == ["input ch. 0", "input ch. 1", "input ch. 2"]
    ref = reference(ConvSpec(3, 8, 3, padding=1), 8)
    assert data["ho"] * data["wo"] == 64
    for f in (0, 9, 63):
        r, c = divmod(f, 8)
        assert data["y"][0][f] == pytest.approx(float(ref[5, r, c]), abs=1e-6)
        assert sum(partial_sums(data, f)) + data["bias"][0] == pytest.approx(float(ref[5, r, c]), abs=1e-6)


def test_groups_stepper_walks_from_standard_to_depthwise():
    at = run(cin="4", cout="8")
    stepper = at.select_slider(key="g")
    assert list(stepper.options) == ["1 · standard conv", "2 · grouped conv", "4 · depthwise conv"]
    for g in (1, 2, 4):
        at.select_slider(key="g").set_value(g).run()
        assert not at.exception and not at.error
        spec = ConvSpec(4, 8, 3, padding=1, groups=g)
        assert metrics(at)["weight shape"] == str(spec.weight_shape) == str((8, 4 // g, 3, 3))
        assert metrics(at)["params"] == f"{conv_cost(spec, 8).params:,}"
        wiring = wiring_spec(at)
        assert any(f"(8, {4 // g}, k, k)" in a["text"] for a in wiring["layout"]["annotations"])
        assert any(str(spec.weight_shape) in c.value for c in at.caption)
        data = stage(at)
        assert data["lanes"] == list(range(4 // g))  # the channels of output 0's group, each with its partial sum
        ref = reference(spec, 8)
        assert sum(partial_sums(data, 0)) + data["bias"][0] == pytest.approx(float(ref[0, 0, 0]), abs=1e-6)
    assert any("depthwise conv" in m.value for m in at.markdown)


def test_dw_pw_stages_and_the_standard_conv_are_one_click_apart():
    at = run(cin="3", cout="4", dws="1")
    assert not at.exception and not at.error
    radio = at.radio(key="stage")
    assert radio.value == "dw"
    dw = stage(at)
    assert dw["kind"] == "dw" and dw["outs"] == [0, 1, 2] and "each channel is its own group" in dw["labels"]["chips"]
    ref = reference(ConvSpec(3, 3, 3, padding=1, groups=3), 8)
    sums = partial_sums(dw, 0)
    assert [s + b for s, b in zip(sums, dw["bias"])] == pytest.approx([float(ref[c, 0, 0]) for c in range(3)], abs=1e-6)
    assert any("**108**" in m.value and "**39**" in m.value for m in at.markdown)  # beside the stage
    at.radio(key="stage").set_value("pw").run()
    pw = stage(at)
    assert pw["kind"] == "pw" and pw["k"] == 1 and pw["lanes"] == [0, 1, 2] and pw["outs"] == [0]
    assert pw["x"][0] == pytest.approx(dw["y"][0], abs=1e-4)  # the pointwise stage reads the depthwise maps
    assert any("1×1×3 kernel" in as_read(c.value) for c in at.caption)
    at.radio(key="stage").set_value("std").run()
    std = stage(at)
    assert std["kind"] == "conv" and std["lanes"] == [0, 1, 2] and std["g"] == 1
    assert any("**108**" in m.value and "**39**" in m.value for m in at.markdown)  # 3·3·3·4 vs 3·3·3 + 3·4


def test_lesson_urls_naming_every_value_keep_their_view():
    at = run(cin="3", cout="8", k="3", size="8", s="1", p="1", d="1", g="1", oc="0")
    data = stage(at)
    assert (data["cin"], data["cout"], data["k"], data["n"], data["g"]) == (3, 8, 3, 8, 1)
    assert metrics(at)["params"] == f"{conv_cost(ConvSpec(3, 8, 3, padding=1), 8).params:,}"


def test_table_cells_are_blank_not_none():
    for query in ({}, {"dws": "1"}):
        at = run(**query)
        cells = at.table[0].value.to_numpy().ravel().tolist()
        assert "None" not in cells and "nan" not in cells and "" in cells
