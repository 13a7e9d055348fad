"""The Receptive Field page in AppTest: presets, layer edits, URL state, invalid stacks, both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dsconv.receptive.field import receptive_field
from dsconv.receptive.stacks import PRESETS, Layer, Stack, output_sizes

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages/receptive_field.py")


def open_page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest) -> list[list]:
    """Rows of the RF table: layer, output size, RF size, RF size with dilation 1, jump, start."""
    return at.dataframe[0].value.values.tolist()


def rf_column(at: AppTest) -> list[int]:
    return [int(row[2]) for row in table(at)]


def expected_rows(stack: Stack) -> list[tuple]:
    rfs = receptive_field(stack.specs())
    return [(out, rf.size, rf.jump, rf.start) for out, rf in zip(output_sizes(stack), rfs)]


@pytest.mark.parametrize("preset", list(PRESETS))
def test_each_preset_renders_its_table_and_all_figures(preset):
    at = open_page(preset=preset)
    stack = PRESETS[preset]
    rows = table(at)[1:]
    assert [(int(r[1]), int(r[2]), int(r[4]), float(r[5])) for r in rows] == expected_rows(stack)
    assert len(at.get("plotly_chart")) == 4 and not at.error
    assert at.number_input(key=f"k{len(stack.layers)}").value == stack.layers[-1].kernel_size


def test_course_example_from_url_gives_rf_3_then_5():
    at = open_page(size="6", n="2", k1="3", k2="3")
    assert rf_column(at) == [1, 3, 5]
    assert [int(r[1]) for r in table(at)] == [6, 4, 2]
    assert at.segmented_control(key="preset").value == "custom"
    assert not at.warning


def test_changing_a_layers_dilation_changes_the_rf_table():
    at = open_page(preset="std3x4")
    assert rf_column(at) == [1, 3, 5, 7, 9]
    at.number_input(key="d2").set_value(3).run()
    assert not at.exception
    stack = Stack(32, (Layer(3), Layer(3, 1, 3, 0), Layer(3), Layer(3)))
    assert rf_column(at) == [1] + [rf.size for rf in receptive_field(stack.specs())] == [1, 3, 9, 11, 13]
    assert at.segmented_control(key="preset").value == "custom"
    assert at.query_params["d2"] in ("3", ["3"])


def test_preset_control_loads_all_layer_controls():
    at = open_page()
    at.segmented_control(key="preset").set_value("dil1248").run()
    assert [at.number_input(key=f"d{i}").value for i in range(1, 5)] == [1, 2, 4, 8]
    assert rf_column(at) == [1, 3, 7, 15, 31]
    at.segmented_control(key="preset").set_value("seed_mnist").run()
    assert at.slider(key="size").value == 28 and rf_column(at) == [1, 7, 11, 11, 13]


def test_invalid_stack_names_the_layer_and_the_rule_and_stays_editable():
    at = open_page(size="8", n="3", k1="3", k2="3", k3="5")
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.startswith("Layer 3:") and "effective kernel" in message and "5" in message
    assert not at.get("plotly_chart")
    at.number_input(key="k3").set_value(3).run()
    assert not at.error and rf_column(at) == [1, 3, 5, 7]


def test_invalid_stack_error_in_chinese():
    at = open_page(lang="zh", size="8", n="2", k1="3", d2="4")
    assert at.error[0].value.startswith("第 2 层：") and "等效卷积核" in at.error[0].value


def test_junk_url_values_fall_back_with_a_warning():
    at = open_page(preset="nope", k1="banana")
    assert len(at.warning) == 2 and not at.error
    assert rf_column(at) == [1, 3, 5, 7, 9]


def test_coverage_map_shows_gridding_holes_for_2222_and_none_for_hdc():
    holes = {}
    for preset in ("dil2222", "hdc125"):
        at = open_page(preset=preset)
        holes[preset] = int(at.metric[2].value)
        coverage = json.loads(at.get("plotly_chart")[1].proto.spec)
        assert coverage["data"][0]["type"] == "heatmap"
    assert holes == {"dil2222": 289 - 81, "hdc125": 0}


def test_chosen_output_position_moves_the_coverage_map():
    at = open_page(preset="std3x4")
    before = at.get("plotly_chart")[1].proto.spec
    at.slider(key="ox").set_value(0).run()
    assert "(11, 0)" in json.loads(at.get("plotly_chart")[1].proto.spec)["layout"]["title"]["text"]
    assert at.get("plotly_chart")[1].proto.spec != before


def test_growth_animation_has_one_frame_per_layer():
    at = open_page(preset="stride2")
    spec = json.loads(at.get("plotly_chart")[2].proto.spec)
    assert [f["name"] for f in spec["frames"]] == [str(i) for i in range(1, 9)]
    assert spec["layout"]["sliders"][0]["steps"][-1]["args"][0] == ["8"]


def test_chinese_and_presentation_mode_render():
    at = open_page(lang="zh", present="1", preset="hdc125")
    assert at.title[0].value == "感受野"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["height"] > 330


def test_presentation_mode_shows_the_rf_table_as_an_enlargeable_html_table():
    """On a projector the canvas-drawn dataframe cannot grow; the page shows the same rows as an HTML table."""
    normal = open_page(size="6", n="2", k1="3", k2="3")
    at = open_page(size="6", n="2", k1="3", k2="3", present="1")
    assert not at.dataframe and len(at.table) == 1
    shown = at.table[0].value
    assert [int(v) for v in shown.iloc[:, 2]] == rf_column(normal) == [1, 3, 5]
    assert list(shown.columns) == list(normal.dataframe[0].value.columns)


def test_presentation_mode_famous_network_tables_are_html_tables_too():
    at = open_page(preset="vgg16", present="1")
    assert not at.dataframe and len(at.table) == 3  # the RF table, the net's layers, its end points
    assert "212" in at.table[-1].value.to_string()  # VGG16's published receptive field at stride 32
