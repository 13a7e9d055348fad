"""The Cost Compare page renders every preset, isolates illegal variants and measures on click (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dsconv.cost.variants import PRESET_NAMES, PRESETS, CompareConfig, compare
from dsconv.i18n import t
from dsconv.plaintext import shown as as_read

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages/cost.py")


def run_page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table(at: AppTest, index: int = 0):
    """The page's tables are HTML tables (st.table) with the variant as their index."""
    return at.table[index].value.reset_index()


@pytest.mark.slow
@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_each_preset_renders_without_exception_and_loads_its_values(preset):
    at = run_page(preset=preset)
    assert not at.exception
    expected = PRESETS[preset].config.controls()
    assert {name: int(at.session_state[name]) for name in expected} == expected
    assert len(at.get("plotly_chart")) == 3  # comparison bars + two sweeps
    assert not at.error


def test_seed_book_preset_shows_5534256_84_42():
    at = run_page(preset="seed_book")
    values = [m.value for m in at.metric]
    assert values[:3] == ["5,534,256", "84", "42"]


def test_course_preset_dw_pw_outputs_10x126x126():
    at = run_page(preset="course")
    df = table(at)
    row = df[df[t("cost.col.variant", "en")] == t("cost.variant.dw_separable", "en")]
    assert row[t("cost.col.out_shape", "en")].item() == "10×126×126"


def test_url_values_win_over_the_preset_and_the_preset_radio_applies_values():
    at = run_page(preset="course", cout="20")
    assert at.slider(key="cout").value == 20 and at.slider(key="size").value == 128
    at.radio(key="preset").set_value("mobilenet").run()
    assert at.slider(key="cin").value == 256 and at.slider(key="size").value == 14
    assert (at.query_params["preset"], at.query_params["cin"]) == ("mobilenet", "256")  # shareable URL


def test_illegal_groups_shows_one_error_and_the_other_variants_still_render():
    at = run_page(cin="12", cout="24", k="3", size="22", g="5", d="2")
    assert not at.exception
    assert len(at.error) == 1
    assert "groups must divide in_channels (12) and out_channels (24)" in as_read(at.error[0].value)
    assert t("cost.variant.grouped", "en", g=5) in as_read(at.error[0].value)
    df = table(at)
    params = df[t("cost.col.params", "en")].tolist()
    results = compare(CompareConfig(12, 24, 3, 22, groups=5, dilation=2))
    assert params == [f"{r.cost.params:,}" if r.ok else "—" for r in results.values()]
    assert params[1] == "—" and params.count("—") == 1
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(bars["data"]) == 4


def test_illegal_message_is_translated():
    at = run_page(cin="12", cout="24", g="5", lang="zh")
    assert not at.exception
    assert "groups 必须同时整除" in as_read(at.error[0].value)


def test_clicking_measure_shows_timings_and_a_verdict():
    at = run_page(preset="seed_book")
    n = len(at.table)  # the comparison and the counters tables
    assert n == 2
    at.button(key="measure").click().run()
    assert not at.exception
    timings = table(at, n)
    medians = [float(v) for v in timings[t("cost.measure.median", "en")]]
    assert len(medians) == 4 and all(m > 0 for m in medians)
    assert at.info or at.warning  # one sentence comparing predicted and measured speed-up
    at.run()  # the result stays for this configuration
    assert len(at.table) == n + 1


def test_presentation_mode_makes_figures_taller():
    """On a projector the sweeps grow; the ratio bars keep to what fits under the folded controls at 1280×720,
    with larger text."""
    def layouts(**params):
        return {i: json.loads(c.proto.spec)["layout"]
                for i, c in enumerate(run_page(**params).get("plotly_chart"))}
    normal, big = layouts(), layouts(present="1")
    assert len(normal) == len(big) == 3
    assert all(big[i]["height"] > normal[i]["height"] for i in (1, 2))  # the two sweeps
    assert big[0]["height"] <= 400 and big[0]["font"]["size"] > normal[0]["font"]["size"]  # bars: fit, bigger text


def test_junk_preset_warns_and_falls_back():
    at = run_page(preset="<script>")
    assert not at.exception
    assert any("preset=" in as_read(w.value) for w in at.warning)
    assert at.radio(key="preset").value == "mobilenet"
