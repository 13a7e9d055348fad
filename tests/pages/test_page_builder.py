"""AppTest of the Model builder page: presets, live table, rule errors, URL state, both languages, train hand-off."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dsconv.i18n import t
from dsconv.builder import DEFAULT_PRESET, PRESETS, Block, NetSpec, HEAD, decode
from dsconv.plaintext import shown as as_read

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages/builder.py")


def page(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def layer_table(at: AppTest):
    """The layer table (an HTML table, headers translated) with language-neutral column names."""
    from dsconv.i18n import t

    names = {t("builder.col.block"): "block", t("builder.col.layer"): "layer", t("builder.col.type"): "type",
             t("term.output_shape"): "out_shape", t("term.params"): "params", t("term.macs"): "macs",
             t("builder.col.rf"): "rf"}
    return at.table[-1].value.rename(columns=names)


def edit(at: AppTest, **state) -> AppTest:
    """Apply edits to the block editor the way the browser reports them, then rerun."""
    key = f"builder_editor_{at.session_state['builder_gen']}"
    at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **state}
    return at.run()


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_renders_with_its_counts(name):
    at = page()
    at.button(key=f"builder_preset_{name}").click().run()
    plan = PRESETS[name].plan()
    assert not at.exception and not at.error
    assert metrics(at)[:2] == [f"{plan.params:,}", f"{plan.macs:,}"]
    table = layer_table(at)
    assert list(table["layer"][:-1]) == [layer.name for layer in plan.layers]
    assert int(table["params"].iloc[-1].replace(",", "")) == plan.params
    assert at.query_params["preset"] == name and decode(at.query_params["net"]) == PRESETS[name]
    assert "nn.Sequential" in at.code[0].value
    assert not at.button(key="builder_train").disabled


def test_default_is_the_book_dsconv_net():
    at = page()
    assert metrics(at)[0] == f"{PRESETS[DEFAULT_PRESET].plan().params:,}"


def test_table_changes_when_a_block_changes():
    at = page(preset="book_standard")
    before = layer_table(at)
    at = edit(at, edited_rows={0: {"out_channels": 16}})
    after = layer_table(at)
    assert after.loc[0, "out_shape"] == "16×22×22" != before.loc[0, "out_shape"]
    expected = NetSpec((Block("conv", 16, 7, relu=True), *PRESETS["book_standard"].blocks[1:])).plan()
    assert metrics(at)[0] == f"{expected.params:,}" != f"{PRESETS['book_standard'].plan().params:,}"
    assert "preset" not in at.query_params and decode(at.query_params["net"]).blocks[0].out_channels == 16


def test_invalid_stack_shows_the_block_and_the_rule():
    at = page(preset="book_standard")
    at = edit(at, edited_rows={1: {"kind": "gconv", "groups": 5}})
    assert not at.exception
    assert len(at.error) == 1
    message = as_read(at.error[0].value)
    assert "Block 2" in message and "groups must divide in_channels (12) and out_channels (24)" in message
    assert at.button(key="builder_train").disabled
    assert len(at.code) == 0


def test_invalid_stack_in_chinese():
    at = page(preset="book_standard", lang="zh")
    at = edit(at, edited_rows={1: {"dilation": 2}})
    assert "第 2 个模块" in as_read(at.error[0].value) and "空洞卷积" in as_read(at.error[0].value)
    assert at.title[0].value == "模型搭建"


def test_size_bound_is_shown_not_raised():
    at = page(net="conv:128:3:1:1:1:1:r,conv:128:3:1:1:1:1:r,gap,linear:10")
    assert not at.exception and "20,000,000" in as_read(at.error[0].value)


def test_add_and_delete_blocks():
    at = page(preset="book_standard")
    at = edit(at, deleted_rows=[2])  # drop Conv(24, 6, 3)
    assert len(layer_table(at)) == len(PRESETS["book_standard"].plan().layers) - 2 + 1
    assert not at.error
    at = edit(at, deleted_rows=[2, 3])  # the edit state is cumulative: now the head is gone too
    assert "Block 2" in as_read(at.error[0].value) and "linear head" in as_read(at.error[0].value)
    at = edit(at, deleted_rows=[2, 3], added_rows=[{"kind": "gap", "bn": False, "relu": False},
                                                   {"kind": "linear", "out_channels": 10, "relu": False}])
    assert not at.error
    assert decode(at.query_params["net"]).blocks[-2:] == (Block("gap"), HEAD)


def test_move_block_up_reorders_the_stack():
    at = page(net="conv:8:3:1:1:1:1:r,maxpool:2:2:0:-,linear:10")
    at.selectbox(key="builder_move").set_value(2).run()
    at.button[[b.label for b in at.button].index("Up")].click().run()
    assert decode(at.query_params["net"]).blocks[0].kind == "maxpool"
    assert not at.error


def test_url_net_round_trip():
    net = "conv:8:5:1:2:1:1:br,ds:16:3:2:2:2:0:r,gap:-,linear:10:-"
    at = page(net=net)
    assert not at.warning and at.query_params["net"] == net
    assert metrics(at)[0] == f"{decode(net).plan().params:,}"
    assert layer_table(at)["layer"].iloc[0] == "b1_conv"


@pytest.mark.parametrize("junk", ["hello", "conv:12:x", "conv:12:3:1:0:1:1:r:" + "9" * 50])
def test_junk_net_shows_a_warning_and_the_preset(junk):
    at = page(net=junk)
    assert not at.exception
    assert len(at.warning) == 1 and "net=" in as_read(at.warning[0].value)
    assert metrics(at)[0] == f"{PRESETS[DEFAULT_PRESET].plan().params:,}"


def test_train_button_hands_the_net_to_the_train_page():
    at = page(preset="mobilenet")
    at.button(key="builder_train").click().run()
    net = at.session_state["builder_net"]
    assert net == PRESETS["mobilenet"] and net.label == "builder: mobilenet"
    assert sum(p.numel() for p in net.build().parameters()) == PRESETS["mobilenet"].plan().params


@pytest.mark.parametrize("name", ["mobilenet", "dsconv_plus"])
def test_a_built_model_is_a_choice_on_the_draw_page(name):
    """What the Train page stores for a built net works on the Draw page (BatchNorm, pools, GAP included)."""
    spec = PRESETS[name]
    at = AppTest.from_file(str(ROOT / "pages/draw.py"), default_timeout=60)
    at.session_state["session_models"] = {spec.label: {"model": spec.build().eval(), "accuracy": 0.0,
                                                        "arch": spec.encode()}}
    at.query_params["model"] = spec.label
    at.run()
    assert not at.exception
    assert at.selectbox(key="model").value == spec.label
    assert not at.warning


@pytest.mark.browser
def test_browser_preset_link_and_train_hand_off(app_url, page):
    """A teacher's link opens the stack; a preset button changes the table; Train opens the Train page."""
    from conftest import wait_for_app

    bad = "conv:12:7:1:0:1:1:r,gconv:24:3:1:0:1:5:r,conv:6:3,linear:10"
    page.goto(f"{app_url}/builder?net={bad}")
    page.get_by_text("Block 2 (grouped conv)").wait_for(timeout=60_000)
    page.get_by_role("button", name="MobileNet-style").click()
    page.get_by_text(f"{PRESETS['mobilenet'].plan().params:,}").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert "preset=mobilenet" in page.url
    page.get_by_role("button", name="Train this model").click()
    page.wait_for_url("**/train**", timeout=30_000)


@pytest.mark.mnist
def test_train_this_model_selects_the_built_net_on_the_train_page(mnist_dir, monkeypatch):
    """Builder → "Train this model" opens the Train page with the built network chosen, even after a visit
    to the Train page that left seed_dsconv selected."""
    from dsconv.mnist import data

    monkeypatch.setattr(data, "candidate_dirs", lambda: [Path(mnist_dir)])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/train.py").run()
    assert at.selectbox(key="model").value == "seed_dsconv"
    at.switch_page("pages/builder.py").run()
    at.button(key="builder_preset_mobilenet").click().run()
    at.button(key="builder_train").click().run()
    assert not at.exception
    assert at.selectbox(key="model").value == "builder"
    assert "builder: mobilenet" in at.selectbox(key="model").format_func("builder")
    assert at.query_params["model"] == "builder"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_cells_are_blank_not_none(lang):
    """The totals row has no block, layer type or kernel: those cells read blank, in both languages."""
    at = page(preset="mobilenet", lang=lang)
    table = at.table[-1].value
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>", "NaT")], cells
    assert "" in cells  # the totals row's empty cells exist, shown blank
    assert f"{PRESETS['mobilenet'].plan().params:,}" in cells


def test_presentation_shows_the_blocks_as_a_large_table_and_folds_the_editor():
    at = page(preset="mobilenet", present="1")
    assert not at.exception
    blocks = at.table[0].value
    assert len(blocks) == len(PRESETS["mobilenet"].blocks)
    cells = [str(v) for v in blocks.to_numpy().ravel()]
    assert "None" not in cells and "<NA>" not in cells
    assert [e.label for e in at.expander] == [t("builder.edit")]
    assert at.expander[0].children[0].key == f"builder_editor_{at.session_state['builder_gen']}"  # the editor is folded
