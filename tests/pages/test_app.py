"""AppTest of the whole app (app.py): navigation and sidebar render in English and Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.mark.parametrize("lang, home", [("en", "Home"), ("zh", "首页")])
def test_app_renders_without_exception(lang, home):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert at.sidebar.radio(key="lang").value == lang
    at.switch_page("pages/playground.py").run()
    assert not at.exception
    assert at.slider(key="k").value == 3
