"""The Paste page (AppTest): the numbers it shows, the mistakes with their lines, the URL state, both languages,
presentation mode, and carrying a network over to the Builder."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import dsconv.builder as B
from dsconv.paste import urlcode
from dsconv.paste.checks import analyse
from dsconv.paste.examples import DEFAULT_EXAMPLE, EXAMPLES
from dsconv.plaintext import shown as as_read

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages/paste.py")


def run_page(**params: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def table(at: AppTest):
    return at.dataframe[0].value


def test_default_example_names_the_in_features_mistake_and_shows_the_table():
    at = run_page()
    assert not at.exception
    (err,) = at.error
    assert as_read(err.value).startswith("Line 17:") and "in_features=1536" in as_read(err.value)
    df = table(at)
    report = analyse(*EXAMPLES[DEFAULT_EXAMPLE])
    assert df["params"].tolist()[:-1] == [r.params for r in report.rows]
    assert df["out_shape"].tolist()[-2] == "1×1536"
    assert urlcode.decode(at.query_params["code"]).code == EXAMPLES[DEFAULT_EXAMPLE][0]
    assert at.query_params["shape"] == "1×1×28×28"


def test_code_and_shape_from_the_url_survive_a_shared_link():
    code = "import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 3, 3, groups=3), nn.Conv2d(3, 10, 1))\n"
    at = run_page(code=urlcode.encode(code), shape="1x3x128x128")
    assert not at.exception and not at.error
    assert at.text_area(key="paste_code").value == code
    df = table(at)
    assert df["out_shape"].tolist() == ["1×3×126×126", "1×10×126×126", "1×10×126×126"]
    assert df["macs"].tolist()[-1] == 3 * 9 * 126 * 126 + 3 * 10 * 126 * 126


def test_editing_the_code_updates_the_table_and_the_url():
    at = run_page()
    new = "import torch.nn as nn\nconv = nn.Conv2d(1, 4, 5, stride=2)\n"
    at.text_area(key="paste_code").set_value(new).run()
    assert not at.exception and not at.error
    assert table(at)["out_shape"].tolist()[0] == "1×4×12×12"
    assert urlcode.decode(at.query_params["code"]).code == new
    at.text_input(key="paste_shape").set_value("2×1×32×32").run()
    assert table(at)["out_shape"].tolist()[0] == "2×4×14×14"
    assert at.query_params["shape"] == "2×1×32×32"


def test_course_slips_example_lists_each_mistake_with_its_line():
    at = run_page()
    at.button(key="paste_example_course_slips").click().run()
    warnings = [as_read(w.value) for w in at.warning]
    assert any(w.startswith("Line 4:") and "no batch dimension" in w for w in warnings)
    assert any(w.startswith("Line 7:") and "128×128 map to 42×42" in w for w in warnings)
    assert any(w.startswith("Line 8:") and "groups=3" in w for w in warnings)
    assert any(w.startswith("Line 9:") and "kernel_size=1" in w for w in warnings)
    assert any("1×3×128×128" in i.value and "line 4" in i.value for i in at.info)


def test_chinese_messages():
    at = run_page(lang="zh")
    assert not at.exception
    assert as_read(at.error[0].value).startswith("第 17 行：") and "应写 in_features=1536" in as_read(at.error[0].value)
    assert at.title[0].value == "粘贴你的代码"


def test_presentation_mode_uses_a_growing_html_table():
    at = run_page(present="1", code=urlcode.encode(EXAMPLES["course"][0]))
    assert not at.exception
    assert len(at.table) == 1 and not at.dataframe


def test_bad_url_code_falls_back_with_a_translated_warning():
    at = run_page(code="%%%not-base64")
    assert not at.exception
    assert any("could not be read" in as_read(w.value) and "not base64url" in as_read(w.value) for w in at.warning)
    at = run_page(code="%%%", lang="zh")
    assert any("无法读取" in as_read(w.value) for w in at.warning)


def test_builder_button_disabled_with_the_reason():
    at = run_page(code=urlcode.encode(EXAMPLES["course"][0]))
    assert at.button(key="paste_to_builder").disabled
    assert any("1×28×28" in as_read(c.value) for c in at.caption)


@pytest.mark.slow
def test_open_in_the_builder_carries_the_network_over():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["code"] = urlcode.encode(EXAMPLES["sequential"][0])
    at.run()
    at.switch_page("pages/paste.py").run()
    assert not at.exception
    assert not at.button(key="paste_to_builder").disabled
    at.button(key="paste_to_builder").click().run()
    assert not at.exception
    rows = at.session_state["builder_rows"]
    spec = B.from_rows(rows)
    report = analyse(*EXAMPLES["sequential"])
    assert (spec.plan().params, spec.plan().macs) == (report.params, report.macs)
    assert any("Valid network" in s.value for s in at.success)
