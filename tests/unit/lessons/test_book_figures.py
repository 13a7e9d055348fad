"""The Home lesson replaying the book's figures 5-15/16/17: its numbers from torch, its links open the right views."""

from __future__ import annotations

import json
from pathlib import Path

import torch
from streamlit.testing.v1 import AppTest

from dsconv.lessons.catalog import lessons
from dsconv.lessons.book import book_figures

ROOT = Path(__file__).resolve().parents[3]


def test_shapes_and_weights_come_from_real_layers():
    lesson = book_figures()
    x = torch.zeros(1, 3, 28, 28)
    standard = torch.nn.Conv2d(3, 4, 3, padding=1, bias=False)
    dw = torch.nn.Conv2d(3, 3, 3, padding=1, groups=3, bias=False)
    pw = torch.nn.Conv2d(3, 4, 1, bias=False)
    hwc = lambda t: "×".join(str(d) for d in (t.shape[2], t.shape[3], t.shape[1]))  # noqa: E731
    assert lesson.fact("home.fact.fig515") == hwc(standard(x)) == "28×28×4"
    assert lesson.fact("home.fact.fig516") == hwc(dw(x)) == "28×28×3"
    assert lesson.fact("home.fact.fig517") == hwc(pw(dw(x))) == "28×28×4"  # not the book's 28×28×3
    assert lesson.fact("home.fact.std_weights") == standard.weight.numel()
    assert lesson.fact("home.fact.dwpw_weights") == dw.weight.numel() + pw.weight.numel()
    assert lessons()[0] == lesson


def test_links_open_the_standard_depthwise_and_pointwise_views():
    kinds = []
    for link in book_figures().links:
        at = AppTest.from_file(str(ROOT / link.page), default_timeout=60)
        for key, value in link.query_params("en").items():
            at.query_params[key] = value
        at.run()
        assert not at.exception and not at.error
        data = next(json.loads(e.proto.json) for e in at.get("bidi_component")
                    if e.proto.component_name.endswith("dsconv_stage"))
        kinds.append((data["kind"], len(data["lanes"]), len(data["outs"])))
        assert data["ho"] * data["wo"] == 36  # the 6×6 crop, padding 1: every output cell animated
    assert kinds == [("conv", 3, 1), ("dw", 3, 3), ("pw", 3, 1)]  # standard: 3 channels; DW: each alone; PW: mixes 3


def test_home_names_the_books_groups6_layer_grouped_once():
    at = AppTest.from_file(str(ROOT / "pages" / "home.py"), default_timeout=60).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert text.count("it is a grouped conv (depthwise needs groups = in_channels = 12)") == 1
    assert "28×28×4" in text
