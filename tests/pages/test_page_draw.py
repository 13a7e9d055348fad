"""Draw-a-digit page in AppTest: hint when empty, prediction for an injected drawing, clear errors for bad weights."""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from dsconv.mnist import inference
from dsconv.handwriting.preprocess import preprocess
from dsconv.mnist.models import MODEL_NAMES, build
from dsconv.handwriting import nondigits
from dsconv.handwriting.render import place
from dsconv.mnist.weights import load_weights, save_weights
from ui.sketchpad import canvas_image, to_value

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages/draw.py")


ZERO = [[(140 + 50 * math.sin(2 * math.pi * i / 36), 140 - 100 * math.cos(2 * math.pi * i / 36)) for i in range(37)]]


def drawn_zero_value() -> dict:
    """What the sketchpad sends after a hand-drawn "0" (one closed stroke, 20 px pen, 280 px canvas)."""
    return to_value(ZERO, 20)


def drawn_zero() -> np.ndarray:
    """The same "0" as the server redraws it (RGBA, white on black)."""
    return canvas_image(drawn_zero_value())


def canvas_state(value: dict) -> dict:
    """The component's state after a stroke, injected under the canvas key."""
    return {"strokes": value}


@pytest.fixture
def assets(tmp_path, monkeypatch) -> Path:
    """A weights folder with seeded, freshly initialised models (the page must not depend on shipped files)."""
    torch.manual_seed(0)
    for name in MODEL_NAMES:
        save_weights(build(name), tmp_path / f"{name}.pt")
    monkeypatch.setenv("DSCONV_ASSETS", str(tmp_path))
    return tmp_path


def run_page(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_empty_canvas_shows_a_hint_and_no_prediction(assets):
    at = run_page()
    assert not at.exception
    assert not at.error
    assert len(at.metric) == 0
    assert any("Draw a digit" in info.value for info in at.info)
    assert at.selectbox(key="model").value == "seed_dsconv"


def test_injected_drawing_gives_the_models_prediction_as_the_metric(assets):
    at = run_page()
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception
    model = load_weights("seed_dsconv", assets)
    want = inference.predict(model, preprocess(drawn_zero()).tensor())
    assert at.metric[0].value == str(want.digit)
    assert at.metric[1].value == f"{want.confidence:.1%}"
    assert want.low_confidence  # an untrained model is unsure, and the page says so
    assert any("Low confidence" in w.value for w in at.warning)
    probs = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    if isinstance(probs, dict):  # plotly 7 sends numpy arrays as base64
        probs = np.frombuffer(base64.b64decode(probs["bdata"]), dtype=probs["dtype"])
    np.testing.assert_allclose(probs, want.probs, rtol=1e-6)
    assert len(at.get("plotly_chart")) == 3  # probabilities, saliency, activations
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0]) == list(MODEL_NAMES)
    assert "dl_activations" in [b.key for b in at.get("download_button")]


def test_choosing_another_model_changes_the_url_and_the_activation_layers(assets):
    at = run_page(model="dsconv_plus")
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception
    assert at.query_params["model"] == ["dsconv_plus"] or at.query_params["model"] == "dsconv_plus"
    spec = json.loads(at.get("plotly_chart")[2].proto.spec)
    titles = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "b2_dw" in titles and "b2_pw" in titles


def test_a_model_trained_this_session_is_offered_like_the_built_ins(assets):
    torch.manual_seed(3)
    trained = build("seed_standard").eval()
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["session_models"] = {"my net": {"model": trained, "accuracy": 0.5, "arch": "seed_standard"}}
    at.run()
    at.selectbox(key="model").set_value("my net")
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception
    want = inference.predict(trained, preprocess(drawn_zero()).tensor())
    assert at.metric[0].value == str(want.digit)
    assert "my net" in list(at.dataframe[0].value.iloc[:, 0])


def test_clear_and_undo_to_nothing_remove_the_prediction(assets):
    at = run_page()
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert len(at.metric) == 2
    at.session_state["canvas"] = canvas_state(to_value([], 20))  # what Clear (or undoing every stroke) sends
    at.run()
    assert not at.exception
    assert len(at.metric) == 0
    assert at.info


def test_not_a_digit_gets_a_message_instead_of_a_prediction(assets):
    """A dot, a stray horizontal line and a scribble: a warning naming what it is, no metric."""
    cases = {
        "a dot": (nondigits.dot(), 20),
        "a straight line": (nondigits.line(80, 200), 20),
        "a scribble": (nondigits.scribble(0), 8),
    }
    for words, (paths, pen) in cases.items():
        at = run_page()
        at.session_state["canvas"] = canvas_state(to_value(paths, pen))
        at.run()
        assert not at.exception
        assert len(at.metric) == 0, words
        assert any("not a digit" in w.value and words in w.value for w in at.warning), (words, [w.value for w in at.warning])


def test_a_real_pen_digit_replayed_is_read_by_the_shipped_model(monkeypatch, pendigits_dir):
    """Shipped weights (assets/): a test-writer "8" replayed as strokes on the page is read as 8."""
    from dsconv.handwriting.pendigits import load_pendigits

    monkeypatch.delenv("DSCONV_ASSETS", raising=False)
    digit = next(d for d in load_pendigits(pendigits_dir, "test") if d.label == 8)
    at = run_page()
    at.session_state["canvas"] = canvas_state(to_value(place(digit.strokes, 200), 20))
    at.run()
    assert not at.exception
    assert at.metric[0].value == "8"


def test_thick_pen_for_a_small_digit_gets_a_hint(assets):
    digit = [[(115, 110), (165, 110), (135, 180)]]  # a small 7: 70 px tall with a 44 px pen
    at = run_page()
    at.session_state["canvas"] = canvas_state(to_value(digit, 44))
    at.run()
    assert not at.exception
    assert any("very thick" in i.value for i in at.info)


def test_missing_weights_show_an_error_naming_the_file_and_the_page_still_works(tmp_path, monkeypatch):
    monkeypatch.setenv("DSCONV_ASSETS", str(tmp_path))
    at = run_page()
    assert not at.exception
    assert len(at.error) == len(MODEL_NAMES)
    assert str(tmp_path / "seed_dsconv.pt") in at.error[0].value
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception
    assert len(at.metric) == 0
    assert at.warning  # "no model could be loaded"
    assert len(at.image) == 5  # preprocessing steps still shown


def test_corrupt_weights_are_reported_and_other_models_still_predict(assets):
    (assets / "seed_dsconv.pt").write_bytes(b"not a torch file")
    at = run_page(model="seed_standard")
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception
    assert len(at.error) == 1 and "seed_dsconv.pt" in at.error[0].value
    assert len(at.metric) == 2
    assert "seed_dsconv" not in list(at.dataframe[0].value.iloc[:, 0])


def test_page_speaks_chinese(assets):
    at = run_page(lang="zh")
    assert not at.exception
    assert at.title[0].value == "手写数字识别"
    assert any("请在画板上写" in info.value for info in at.info)


def test_a_session_model_that_cannot_take_the_input_gets_an_error_not_a_traceback(assets):
    broken = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(10, 10))  # expects 10 inputs, gets 784
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["session_models"] = {"broken": {"model": broken, "accuracy": 0.0, "arch": "?"}}
    at.query_params["model"] = "broken"
    at.run()
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception
    assert any("broken" in e.value for e in at.error)
    assert len(at.metric) == 0
    assert len(at.image) == 5  # the preprocessing steps are still shown


def test_presentation_mode_enlarges_figure_text(assets):
    sizes = {}
    for present in ("0", "1"):
        at = run_page(present=present)
        at.session_state["canvas"] = canvas_state(drawn_zero_value())
        at.run()
        assert not at.exception
        spec = json.loads(at.get("plotly_chart")[2].proto.spec)
        sizes[present] = spec["layout"]["annotations"][0]["font"]["size"]
    assert sizes["1"] > sizes["0"]


def test_fully_inked_canvas_gets_a_warning_not_a_traceback(assets):
    at = run_page()
    # the smallest canvas scribbled over with the widest pen a value may carry (dsconv.handwriting.strokes.LIMITS)
    inked = to_value([[(0.0, y), (120.0, y)] for y in range(0, 121, 30)], 60, side=120)
    at.session_state["canvas"] = canvas_state(inked)
    at.run()
    assert not at.exception
    assert len(at.warning) >= 1
    assert any("ink" in w.value.lower() for w in at.warning)


def test_presentation_mode_compares_the_models_in_an_html_table(assets):
    at = run_page(present="1")
    at.session_state["canvas"] = canvas_state(drawn_zero_value())
    at.run()
    assert not at.exception and not at.dataframe
    compare = at.table[0].value
    assert list(compare.iloc[:, 0]) == list(MODEL_NAMES)
    want = inference.predict(load_weights("seed_dsconv", assets), preprocess(drawn_zero()).tensor())
    assert str(want.digit) in compare.iloc[0].astype(str).tolist()
