"""Bad-input matrix: every page, fed broken configurations, junk URLs, odd drawings and broken files.

Each case checks three things in AppTest: no exception (no traceback in the page), an error/warning
element whose text names the problem with its numbers, and that the page still works afterwards
(another control is changed, the page reruns without exception and shows its normal output).
"""

from __future__ import annotations

import os
import time
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from ui.sketchpad import to_value

from dsconv.mnist.data import FILE_NAMES
from dsconv.mnist.models import MODEL_NAMES, build
from dsconv.receptive.stacks import DILATION_RANGE, KERNEL_RANGE, MAX_LAYERS, PADDING_RANGE, SIZE_RANGE, STRIDE_RANGE
from dsconv.mnist.weights import save_weights
from dsconv.plaintext import shown as as_read

ROOT = Path(__file__).resolve().parents[2]
PWNED = "dsconv_pickle_ran_code"  # file name the malicious pickle would create if it were unpickled


@dataclass(frozen=True)
class Case:
    """One bad input: where it goes, what the page must say, and how to show the page still works."""

    id: str
    page: str  # file under the repo root
    query: dict = field(default_factory=dict)
    expect: tuple[str, ...] = ()  # all of these in one message element's text
    kinds: tuple[str, ...] = ("error", "warning")  # element types that may carry the message
    setup: Callable[[AppTest], None] | None = None  # after the first run: inject state, then rerun
    prepare: Callable[[Path], dict] | None = None  # files in tmp_path -> environment variables
    recover: Callable[[AppTest], None] | None = None  # change another control, rerun, check normal output


# ---------------------------------------------------------------- helpers


def messages(at: AppTest, kinds: tuple[str, ...]) -> list[str]:
    return [as_read(el.value) for kind in kinds for el in getattr(at, kind)]  # as the reader sees the Markdown


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def set_slider(key: str, value: int, want_charts: int = 1) -> Callable[[AppTest], None]:
    def recover(at: AppTest) -> None:
        at.slider(key=key).set_value(value).run()
        assert not at.exception, at.exception
        assert charts(at) >= want_charts

    return recover


def set_number(key: str, value: int, want_charts: int = 1, no_error: bool = True) -> Callable[[AppTest], None]:
    def recover(at: AppTest) -> None:
        at.number_input(key=key).set_value(value).run()
        assert not at.exception, at.exception
        if no_error:
            assert not at.error, [e.value for e in at.error]
        assert charts(at) >= want_charts

    return recover


def then(*steps: Callable[[AppTest], None]) -> Callable[[AppTest], None]:
    def recover(at: AppTest) -> None:
        for step in steps:
            step(at)

    return recover


# ---------------------------------------------------------------- Playground

PG = "pages/playground.py"


def pg_clean(at: AppTest) -> None:
    """Default-sized, legal conv: the page draws its sliding, wiring and cost sections again."""
    for key, value in (("size", 8), ("k", 3), ("d", 1), ("p", 1), ("s", 1)):
        at.slider(key=key).set_value(value)
    at.run()
    assert not at.exception, at.exception


def pg_ok(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    assert charts(at) >= 1  # groups wiring
    assert any(c.proto.component_name.endswith("dsconv_stage") for c in at.get("bidi_component"))  # sliding kernel
    assert len(at.metric) >= 4


def pg_fixed(*steps: Callable[[AppTest], None]) -> Callable[[AppTest], None]:
    return then(*steps, pg_ok)


def pg_url_warning(name: str, raw: str, lo: int, hi: int, default: int, **more: str) -> Case:
    return Case(
        f"playground-url-{name}={raw[:12]}",
        PG,
        {name: raw, **more},
        (f"{name}={raw!r}", f"from {lo} to {hi}", f"using {default}"),
        kinds=("warning",),
        recover=pg_fixed(lambda at: at.slider(key="size").set_value(9).run()),
    )


PLAYGROUND = [
    Case("playground-groups-not-dividing", PG, {"cin": "3", "gfree": "1", "gtyped": "5"},
         ("groups must divide in_channels (3) and out_channels (8)", "groups = 5"),
         recover=pg_fixed(lambda at: at.number_input(key="gtyped").set_value(1).run())),
    Case("playground-groups-not-dividing-zh", PG, {"gfree": "1", "gtyped": "5", "cin": "6", "cout": "9", "lang": "zh"},
         ("groups 必须同时整除 in_channels（6）和 out_channels（9）", "groups = 5"),
         recover=pg_fixed(lambda at: at.number_input(key="gtyped").set_value(3).run())),
    Case("playground-groups-zero-typed", PG, {"gfree": "1", "gtyped": "0"}, ("groups must be ≥ 1 (got 0)",),
         recover=pg_fixed(lambda at: at.number_input(key="gtyped").set_value(1).run())),
    Case("playground-dilated-kernel-larger-than-padded-input", PG, {"size": "3", "k": "7", "d": "4", "p": "0"},
         ("4·(7−1)+1 = 25", "padded input 3 + 2·0 = 3"), recover=pg_fixed(pg_clean)),
    Case("playground-kernel-larger-than-padded-input", PG, {"size": "4", "k": "7", "p": "1"},
         ("1·(7−1)+1 = 7", "padded input 4 + 2·1 = 6"), recover=pg_fixed(lambda at: at.slider(key="k").set_value(5).run())),
    Case("playground-dws-depthwise-kernel-too-big", PG, {"dws": "1", "size": "3", "k": "5", "p": "0", "d": "2"},
         ("2·(5−1)+1 = 9", "padded input 3 + 2·0 = 3"), recover=pg_fixed(pg_clean)),
    pg_url_warning("k", "0", 1, 7, 3),
    pg_url_warning("k", "-3", 1, 7, 3),
    pg_url_warning("s", "0", 1, 3, 1),
    pg_url_warning("s", "-1", 1, 3, 1),
    pg_url_warning("d", "0", 1, 4, 1),
    pg_url_warning("d", "-2", 1, 4, 1),
    pg_url_warning("p", "-1", 0, 3, 1),
    pg_url_warning("k", "abc", 1, 7, 3),
    pg_url_warning("k", "3.5", 1, 7, 3),
    pg_url_warning("size", "NaN", 3, 32, 8),
    pg_url_warning("size", "9" * 40, 3, 32, 8),
    pg_url_warning("cin", "1e9", 1, 16, 4),
    pg_url_warning("cout", "-0x10", 1, 32, 8),
    pg_url_warning("gtyped", "99999999", 0, 64, 1, gfree="1"),
    Case("playground-url-groups-not-a-choice", PG, {"g": "5"}, ("g='5'", "one of 1", "using 1"), kinds=("warning",),
         recover=pg_fixed(lambda at: at.slider(key="cin").set_value(4).run())),
    Case("playground-url-toggle-junk", PG, {"dws": "maybe"}, ("dws='maybe'", "0 or 1"), kinds=("warning",),
         recover=pg_fixed(lambda at: at.toggle(key="dws").set_value(True).run())),
    pg_url_warning("oc", "99", 0, 7, 0),
    Case("playground-url-stage-not-a-choice", PG, {"dws": "1", "stage": "both"}, ("stage='both'", "one of dw, pw, std"),
         kinds=("warning",), recover=pg_fixed(lambda at: at.radio(key="stage").set_value("pw").run())),
    Case("playground-url-groups-not-a-divisor", PG, {"cin": "4", "g": "3"}, ("g='3'", "one of 1, 2, 4"),
         kinds=("warning",), recover=pg_fixed(lambda at: at.select_slider(key="g").set_value(4).run())),
    Case("playground-url-all-junk-at-once", PG,
         {"size": "", "cin": "x", "cout": "∞", "k": "%00", "s": "1;drop", "p": "--1", "d": "<script>"},
         ("d='<script>'", "from 1 to 4"), kinds=("warning",), recover=pg_fixed(pg_clean)),
]

# ---------------------------------------------------------------- Receptive Field

RF = "pages/receptive_field.py"


def rf_ok(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    assert charts(at) >= 3  # growth chart, coverage map, growth animation (+ ERF)


def rf_fix(**numbers: int) -> Callable[[AppTest], None]:
    def recover(at: AppTest) -> None:
        for key, value in numbers.items():
            at.number_input(key=key).set_value(value)
        at.run()
        assert not at.exception, at.exception
        rf_ok(at)

    return recover


def rf_url_warning(name: str, raw: str, lo: int, hi: int, default: int) -> Case:
    return Case(f"receptive-url-{name}={raw[:12]}", RF, {"n": "2", name: raw},
                (f"{name}={raw!r}", f"from {lo} to {hi}", f"using {default}"), kinds=("warning",),
                recover=then(lambda at: at.slider(key="size").set_value(20).run(), rf_ok))


RECEPTIVE = [
    Case("receptive-layer1-dilated-kernel-too-big", RF, {"size": "8", "n": "2", "k1": "7", "d1": "4", "p1": "0"},
         ("Layer 1", "4·(7−1)+1 = 25", "padded input 8 + 2·0 = 8"), recover=rf_fix(d1=1, k1=3)),
    Case("receptive-layer3-shrunk-input", RF,
         {"size": "8", "n": "3", "k1": "3", "s1": "2", "p1": "0", "k2": "3", "s2": "1", "p2": "0", "k3": "3", "p3": "0",
          "d3": "2"},
         ("Layer 3", "2·(3−1)+1 = 5", "padded input 1 + 2·0 = 1"), recover=rf_fix(k3=1, d3=1)),
    rf_url_warning("k1", "0", *KERNEL_RANGE, 3),
    rf_url_warning("s1", "-3", *STRIDE_RANGE, 1),
    rf_url_warning("d2", "0", *DILATION_RANGE, 1),
    rf_url_warning("p1", "-1", *PADDING_RANGE, 0),
    rf_url_warning("n", "999", 1, MAX_LAYERS, 4),
    rf_url_warning("size", "1e400", *SIZE_RANGE, 32),
    Case("receptive-url-preset-junk", RF, {"preset": "../../etc/passwd"}, ("preset='../../etc/passwd'", "one of"),
         kinds=("warning",), recover=then(lambda at: at.slider(key="n").set_value(2).run(), rf_ok)),
]

# ---------------------------------------------------------------- Cost Compare

COST = "pages/cost.py"


def cost_ok(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    assert charts(at) >= 3  # bars + two sweeps


COSTS = [
    Case("cost-groups-not-dividing", COST, {"cin": "12", "cout": "24", "g": "5"},
         ("groups = 5", "groups must divide in_channels (12) and out_channels (24)"),
         recover=then(lambda at: at.number_input(key="g").set_value(4).run(), cost_ok)),
    Case("cost-dilated-kernel-larger-than-input", COST, {"k": "9", "d": "8", "size": "8"},
         ("dilation = 8", "8·(9−1)+1 = 65", "padded input 8"),
         recover=then(lambda at: at.slider(key="size").set_value(80).run(), cost_ok)),
    Case("cost-url-groups-zero", COST, {"g": "0"}, ("g='0'", "from 1 to 512"), kinds=("warning",),
         recover=then(lambda at: at.slider(key="k").set_value(5).run(), cost_ok)),
    Case("cost-url-huge-channels", COST, {"cin": "1000000000000000"}, ("cin='1000000000000000'", "from 1 to 512"),
         kinds=("warning",), recover=then(lambda at: at.slider(key="cout").set_value(64).run(), cost_ok)),
    Case("cost-url-stride-negative", COST, {"s": "-2"}, ("s='-2'", "from 1 to 4"), kinds=("warning",),
         recover=then(lambda at: at.slider(key="d").set_value(2).run(), cost_ok)),
    Case("cost-url-preset-junk", COST, {"preset": "resnet9000"}, ("preset='resnet9000'", "one of"), kinds=("warning",),
         recover=then(lambda at: at.slider(key="k").set_value(1).run(), cost_ok)),
]

# ---------------------------------------------------------------- Model builder

BUILDER = "pages/builder.py"


def builder_preset(at: AppTest) -> None:
    """Click a preset: the stack becomes valid again and the success message shows."""
    at.button(key="builder_preset_mobilenet").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert any("Valid network" in s.value for s in at.success)


def builder_edit(**state) -> Callable[[AppTest], None]:
    """Edit the block editor the way the browser reports it."""

    def setup(at: AppTest) -> None:
        key = f"builder_editor_{at.session_state['builder_gen']}"
        at.session_state[key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **state}

    return setup


BUILDERS = [
    Case("builder-groups-in-standard-conv", BUILDER, {"net": "conv:16:3:1:1:1:5:r,linear:10"},
         ("Block 1 (standard conv)", "groups = 1 (got 5)"), recover=builder_preset),
    Case("builder-grouped-not-dividing", BUILDER, {"net": "conv:12:3:1:1:1:1:r,gconv:16:3:1:1:1:5:r,linear:10"},
         ("Block 2 (grouped conv)", "groups must divide in_channels (12) and out_channels (16)"), recover=builder_preset),
    Case("builder-kernel-larger-than-shrunk-input", BUILDER, {"net": "conv:8:11:4:0:1:1:r,conv:8:11:1:0:1:1:r,linear:10"},
         ("Block 2 (standard conv)", "1·(11−1)+1 = 11", "padded input 5 + 2·0 = 5"), recover=builder_preset),
    Case("builder-pool-output-below-one", BUILDER, {"net": "maxpool:11:4:0,maxpool:4:4:0,maxpool:2:2:0,linear:10"},
         ("Block 3 (max-pool)", "the output would be 0×0", "output size must be ≥ 1"), recover=builder_preset),
    Case("builder-last-block-not-linear", BUILDER, {"net": "conv:8:3:1:1:1:1:r"},
         ("last block must be a linear head with 10 outputs",), recover=builder_preset),
    Case("builder-over-parameter-limit", BUILDER, {"net": "conv:256:11:1:5:1:1:r,conv:256:11:1:5:1:1:r,linear:10"},
         ("over this server's limit",), recover=builder_preset),
    Case("builder-url-junk", BUILDER, {"net": "%%%;rm -rf /"}, ("could not be read", "unknown kind"),
         kinds=("warning",), recover=builder_preset),
    Case("builder-url-too-many-blocks", BUILDER, {"net": ",".join(["conv:8:3:1:1:1:1:r"] * 40)},
         ("could not be read", "more than 16 blocks"), kinds=("warning",), recover=builder_preset),
    Case("builder-url-negative-field", BUILDER, {"net": "conv:-16:3,linear:10"}, ("could not be read", "not a number"),
         kinds=("warning",), recover=builder_preset),
    Case("builder-url-huge-field", BUILDER, {"net": "conv:99999999:3,linear:10"}, ("could not be read", "not a number"),
         kinds=("warning",), recover=builder_preset),
    Case("builder-url-preset-junk", BUILDER, {"preset": "alexnet"}, ("preset='alexnet'", "book_standard"),
         kinds=("warning",), recover=builder_preset),
    Case("builder-editor-empty-field", BUILDER, {}, ("Block 1", "kernel_size is empty"),
         setup=builder_edit(edited_rows={0: {"kernel_size": None}}), recover=builder_preset),
    Case("builder-editor-all-rows-deleted", BUILDER, {}, ("stack is empty",),
         setup=builder_edit(deleted_rows=[0, 1, 2, 3]), recover=builder_preset),
]

# ---------------------------------------------------------------- Paste your code

PASTE = "pages/paste.py"


def paste_code(text: str) -> str:
    from dsconv.paste import urlcode

    return urlcode.encode(text)


def paste_recover(at: AppTest) -> None:
    """Load a clean example: the table and no error."""
    at.button(key="paste_example_course").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.dataframe and at.dataframe[0].value["out_shape"].tolist()[-1] == "1×10×126×126"


PASTES = [
    Case("paste-groups-not-dividing", PASTE, {"code": paste_code("import torch.nn as nn\nc = nn.Conv2d(3, 3, 3, groups=4)\n"),
                                              "shape": "1×3×28×28"},
         ("Line 2", "groups must divide in_channels (3) and out_channels (3)", "groups = 4"), recover=paste_recover),
    Case("paste-linear-in-features", PASTE, {}, ("Line 17", "in_features = 4704", "6·16·16 = 1536", "in_features=1536"),
         recover=paste_recover),
    Case("paste-in-channels-mismatch-zh", PASTE,
         {"code": paste_code("import torch.nn as nn\na = nn.Conv2d(3, 8, 3)\nb = nn.Conv2d(16, 8, 3)\n"),
          "shape": "1×3×28×28", "lang": "zh"}, ("第 3 行", "in_channels = 16", "8 个通道"), recover=paste_recover),
    Case("paste-pointwise-kernel-3", PASTE,
         {"code": paste_code("import torch.nn as nn\ndw = nn.Conv2d(3, 3, 3, groups=3)\npw = nn.Conv2d(3, 10, 3)\n"),
          "shape": "1×3×128×128"}, ("Line 3", "called pointwise", "kernel_size = 3"), kinds=("warning",),
         recover=paste_recover),
    Case("paste-undefined-name", PASTE,
         {"code": paste_code("import torch.nn as nn\npw = nn.Conv2d(3, 10, kernel_size_pw)\n")},
         ("Line 2", "'kernel_size_pw' is not defined"), recover=paste_recover),
    Case("paste-import-and-dunder", PASTE,
         {"code": paste_code("import os\nimport torch.nn as nn\nc = nn.Conv2d(3, 3, 3).__class__\n")},
         ("Line 3", "`.__class__` is not supported"), recover=paste_recover),
    Case("paste-deep-nesting", PASTE, {"code": paste_code("x = " + "(" * 200 + "1" + ")" * 200)},
         ("Line 1", "nested more than 16"), recover=paste_recover),
    Case("paste-huge-number", PASTE, {"code": paste_code("import torch.nn as nn\nnn.Conv2d(3, 3, 10 ** 100)\n")},
         ("Line 2", "`this arithmetic` is not supported"), recover=paste_recover),
    Case("paste-non-square-kernel", PASTE, {"code": paste_code("import torch.nn as nn\nnn.Conv2d(1, 8, (3, 5))\n")},
         ("Line 2", "(3, 5) is not square"), recover=paste_recover),
    Case("paste-url-code-junk", PASTE, {"code": "%%%;rm -rf /"}, ("could not be read", "not base64url"),
         kinds=("warning",), recover=paste_recover),
    Case("paste-url-code-not-utf8", PASTE, {"code": "eJz7_08hKTEFAA3CA0U"}, ("could not be read", "not UTF-8"),
         kinds=("warning",), recover=paste_recover),
    Case("paste-url-shape-junk", PASTE, {"shape": "1×3×abc"}, ("'1×3×abc' is not a shape",),
         recover=paste_recover),
    Case("paste-url-shape-huge", PASTE, {"shape": "1×3×99999×99999"}, ("too large", "99999 > 4,096"),
         recover=paste_recover),
]

# ---------------------------------------------------------------- Draw a digit

DRAW = "pages/draw.py"


def canvas_state(value) -> dict:
    """What the sketchpad sends after a stroke (its ``strokes`` state), injected under the canvas key."""
    return {"strokes": value}


def blank() -> dict:
    return to_value([], 20)  # what Clear sends


def one_pixel() -> dict:
    return to_value([[(140.0, 140.0)]], 1)  # a 1 px tap: below the ink threshold


def fully_inked() -> dict:
    return to_value([[(60.0, 60.0)]], 180, side=120)  # one tap with a brush wider than the canvas (within the limits)


def drawn_one() -> dict:
    return to_value([[(140.0, 40.0), (140.0, 240.0)]], 22)


def draw(value) -> Callable[[AppTest], None]:
    def setup(at: AppTest) -> None:
        at.session_state["canvas"] = canvas_state(value)

    return setup


def draw_digit_works(at: AppTest) -> None:
    """Draw a real stroke: a prediction metric appears (the page works with the remaining models)."""
    at.session_state["canvas"] = canvas_state(drawn_one())
    at.run()
    assert not at.exception, at.exception
    assert len(at.metric) == 2 and at.metric[0].value.isdigit()


def draw_recover(at: AppTest) -> None:
    at.slider(key="stroke").set_value(30).run()
    assert not at.exception, at.exception
    draw_digit_works(at)


def weights(**files: bytes | Callable[[Path], None]) -> Callable[[Path], dict]:
    """An assets dir with fresh models, then ``files`` (model name -> bytes or a writer) replacing some."""

    def prepare(tmp: Path) -> dict:
        assets = tmp / "assets"
        assets.mkdir()
        torch.manual_seed(0)
        for name in MODEL_NAMES:
            save_weights(build(name), assets / f"{name}.pt")
        for name, content in files.items():
            path = assets / f"{name}.pt"
            if content is None:
                path.unlink()
            elif callable(content):
                content(path)
            else:
                path.write_bytes(content)
        return {"DSCONV_ASSETS": str(assets)}

    return prepare


class RunsCode:
    """Unpickling this runs ``open(<path>, "w")``: weights_only=True must refuse it."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def evil_pickle(path: Path) -> None:
    target = path.parent.parent / PWNED
    torch.save({"conv.weight": RunsCode(str(target))}, path)


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:700])


def nan_weights(path: Path) -> None:
    state = torch.load(path, weights_only=True)
    first = next(k for k, v in state.items() if v.is_floating_point())
    state[first] = torch.full_like(state[first], float("nan"))
    torch.save(state, path)


def other_architecture(path: Path) -> None:
    torch.save(build("seed_standard").state_dict(), path)


def a_list(path: Path) -> None:
    torch.save([torch.zeros(3)], path)


def draw_case(cid: str, model: str, writer, expect: tuple[str, ...]) -> Case:
    return Case(f"draw-weights-{cid}", DRAW, {"model": model}, (f"Model “{model}” is unavailable", *expect),
                kinds=("error",), prepare=weights(**{model: writer}),
                recover=then(lambda at: at.selectbox(key="model").set_value(
                    next(m for m in MODEL_NAMES if m != model)).run(), draw_recover))


DRAWS = [
    Case("draw-empty-canvas", DRAW, {}, ("Draw a digit",), kinds=("info",), prepare=weights(), recover=draw_recover),
    Case("draw-injected-blank-canvas", DRAW, {}, ("Draw a digit",), kinds=("info",), prepare=weights(),
         setup=draw(blank()), recover=draw_recover),
    Case("draw-single-pixel-below-ink-threshold", DRAW, {}, ("Draw a digit",), kinds=("info",), prepare=weights(),
         setup=draw(one_pixel()),
         recover=draw_recover),
    Case("draw-fully-inked-canvas", DRAW, {}, ("100%", "ink"), kinds=("warning",), prepare=weights(),
         setup=draw(fully_inked()), recover=draw_recover),
    *[Case(f"draw-junk-strokes-{cid}", DRAW, {}, ("Draw a digit",), kinds=("info",), prepare=weights(),
           setup=draw(value), recover=draw_recover)
      for cid, value in [
          ("not-a-dict", "strokes"),
          ("missing-fields", {"paths": [[[1, 2]]]}),
          ("text-coordinates", {"w": 280, "h": 280, "pen": 20, "paths": [[["a", "b"]]]}),
          ("nan-coordinates", {"w": 280, "h": 280, "pen": 20, "paths": [[[float("nan"), 3.0], [4.0, 5.0]]]}),
          ("negative-pen", {"w": 280, "h": 280, "pen": -5, "paths": [[[10, 10], [200, 200]]]}),
          ("huge-canvas", {"w": 10**9, "h": 10**9, "pen": 20, "paths": [[[10, 10], [200, 200]]]}),
      ]],
    Case("draw-weights-dir-missing", DRAW, {}, ("Weights file not found", "seed_dsconv.pt"), kinds=("error",),
         prepare=lambda tmp: {"DSCONV_ASSETS": str(tmp / "no-such-dir")},
         recover=then(lambda at: at.slider(key="stroke").set_value(10).run(),
                      lambda at: None if not at.exception else pytest.fail(str(at.exception)),
                      lambda at: at.session_state.__setitem__("canvas", canvas_state(drawn_one())),
                      lambda at: at.run(),
                      lambda at: [pytest.fail(str(at.exception)) if at.exception else None],
                      lambda at: None if any("not available" in w.value for w in at.warning)
                      else pytest.fail("no 'model not available' warning after drawing"))),
    draw_case("missing", "seed_dsconv", None, ("Weights file not found", "seed_dsconv.pt")),
    draw_case("truncated", "seed_dsconv", truncated, ("Cannot read weights file", "seed_dsconv.pt")),
    draw_case("random-bytes", "seed_standard", np.random.default_rng(0).bytes(4096),
              ("Cannot read weights file", "seed_standard.pt")),
    draw_case("empty-file", "dsconv_plus", b"", ("Cannot read weights file", "dsconv_plus.pt")),
    draw_case("pickle-that-runs-code", "seed_dsconv", evil_pickle, ("Refused to load", "unsafe pickle")),
    draw_case("nan-values", "seed_dsconv", nan_weights, ("NaN or infinite",)),
    draw_case("other-architecture", "seed_dsconv", other_architecture, ("does not fit the model seed_dsconv",)),
    draw_case("not-a-state-dict", "dsconv_plus", a_list, ("holds a list", "not a state_dict")),
    Case("draw-url-model-junk", DRAW, {"model": "gpt5"}, ("model='gpt5'", "seed_dsconv"), kinds=("warning",),
         prepare=weights(), recover=draw_recover),
    Case("draw-url-stroke-zero", DRAW, {"stroke": "0"}, ("stroke='0'", "from 6 to 40"), kinds=("warning",),
         prepare=weights(), recover=draw_recover),
]

# ---------------------------------------------------------------- Train

TRAIN = "pages/train.py"


def real_mnist() -> Path:
    from dsconv.mnist.data import find_mnist

    found = find_mnist()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("real MNIST not found")
        pytest.skip("real MNIST not found")
    return found


def mnist_dir(**broken: bytes | None) -> Callable[[Path], dict]:
    """A MNIST folder of links to the real files, with ``broken`` ones replaced (None: left out)."""

    def prepare(tmp: Path) -> dict:
        real, folder = real_mnist(), tmp / "mnist"
        folder.mkdir()
        for name in FILE_NAMES:
            content = broken.get(name.split("-idx")[0].replace("-", "_"), "real")
            if isinstance(content, bytes):
                (folder / name).write_bytes(content)
            elif content == "real":
                (folder / name).symlink_to(real / name)
        return {"MNIST_ONLY": str(folder), "MNIST_REAL": str(real)}

    return prepare


def heal_mnist(at: AppTest) -> None:
    """Put the real files back: the same session now shows the training controls."""
    folder, real = Path(os.environ["MNIST_ONLY"]), Path(os.environ["MNIST_REAL"])
    for name in FILE_NAMES:
        target = folder / name
        if target.is_symlink() or target.exists():
            target.unlink()
        target.symlink_to(real / name)
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.slider(key="epochs").value == 6 and not at.button(key="train_run").disabled


def gz(payload: bytes) -> bytes:
    import gzip

    return gzip.compress(payload)


def train_ok(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    assert not at.button(key="train_run").disabled


def wait_for_run(at: AppTest, limit_s: float = 120) -> None:
    """A run trains on its own thread: rerun (as the page's timer does) until its idle Stop is back."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        at.run()
        assert not at.exception, at.exception
        if any(b.key == "train_stop_idle" for b in at.button):
            return
        time.sleep(0.5)
    raise AssertionError("the run did not finish")


def start_training(at: AppTest) -> None:
    """A run that Stop cuts short: Stop is enabled while it trains, disabled again once it stopped."""
    at.select_slider(key="subset").set_value(10_000)
    at.slider(key="epochs").set_value(1)
    at.button(key="train_run").click().run()
    assert not at.exception, at.exception
    assert at.button(key="train_run").disabled  # one run per learner at a time
    from dsconv.mnist.runs import RUNS

    assert any(b.key == "train_stop" for b in at.button)
    RUNS.stop(at.session_state["_run_owner"])  # what Stop does (its click: test_page_train, test_browser_flow)
    run = RUNS.current(at.session_state["_run_owner"])
    deadline = time.monotonic() + 60
    while run.running and time.monotonic() < deadline:  # the next run() then shows what the page says
        time.sleep(0.2)
    assert run.state == "stopped"


def train_again(at: AppTest) -> None:
    at.select_slider(key="subset").set_value(1000).run()
    at.button(key="train_run").click().run()
    assert not at.exception, at.exception
    assert not any("already training" in w.value for w in at.warning), "a stopped run kept its training slot"
    wait_for_run(at)
    assert any("1,000" in s.value for s in at.success), [s.value for s in at.success]


TRAINS = [
    Case("train-mnist-missing", TRAIN, {}, ("MNIST files are not on this computer", "DSCONV_MNIST_DIR"),
         kinds=("warning",), prepare=mnist_dir(**{n: None for n in ("train_images", "train_labels", "t10k_images",
                                                                  "t10k_labels")}), recover=heal_mnist),
    Case("train-mnist-one-file-missing", TRAIN, {}, ("MNIST files are not on this computer",), kinds=("warning",),
         prepare=mnist_dir(t10k_labels=None), recover=heal_mnist),
    Case("train-mnist-not-gzip", TRAIN, {}, ("train-labels-idx1-ubyte.gz", "not a complete gzip file"),
         kinds=("error",), prepare=mnist_dir(train_labels=b"this is not gzip at all" * 10), recover=heal_mnist),
    Case("train-mnist-truncated", TRAIN, {}, ("t10k-labels-idx1-ubyte.gz", "truncated"), kinds=("error",),
         prepare=mnist_dir(t10k_labels=gz((2049).to_bytes(4, "big") + (10000).to_bytes(4, "big") + bytes(500))),
         recover=heal_mnist),
    Case("train-mnist-wrong-magic", TRAIN, {}, ("t10k-images-idx3-ubyte.gz", "magic number 2049, expected 2051"),
         kinds=("error",),
         prepare=mnist_dir(t10k_images=gz((2049).to_bytes(4, "big") + (10000).to_bytes(4, "big") + bytes(10000))),
         recover=heal_mnist),
    Case("train-url-epochs-zero", TRAIN, {"epochs": "0"}, ("epochs='0'", "from 1 to 10"), kinds=("warning",),
         prepare=mnist_dir(), recover=then(lambda at: at.slider(key="epochs").set_value(2).run(), train_ok)),
    Case("train-url-epochs-huge", TRAIN, {"epochs": "10000000000000"}, ("epochs='10000000000000'", "from 1 to 10"),
         kinds=("warning",), prepare=mnist_dir(),
         recover=then(lambda at: at.select_slider(key="subset").set_value(2000).run(), train_ok)),
    Case("train-url-subset-junk", TRAIN, {"subset": "all"}, ("subset='all'", "one of 1000"), kinds=("warning",),
         prepare=mnist_dir(), recover=then(lambda at: at.slider(key="epochs").set_value(2).run(), train_ok)),
    Case("train-too-much-work", TRAIN, {"epochs": "10", "subset": "60000"}, ("at most 360,000", "10 × 60,000 = 600,000"),
         kinds=("warning",), prepare=mnist_dir(),
         recover=then(lambda at: at.slider(key="epochs").set_value(2).run(), train_ok)),
    Case("train-stop-then-train-again", TRAIN, {}, ("stopped before the end", "discarded"), kinds=("info",), prepare=mnist_dir(),
         setup=start_training, recover=train_again),
]

# ---------------------------------------------------------------- FAQ page, famous receptive fields

FAQ = "pages/faq.py"


def famous_ok(at: AppTest) -> None:
    assert not at.error, [e.value for e in at.error]
    assert charts(at) >= 1 and len(at.dataframe) == 3  # RF table, the net's layers, its end points


FAQS = [
    Case("faq-url-topic-junk", FAQ, {"topic": "<script>"}, ("topic='<script>'", "one of"), kinds=("warning",),
         recover=then(lambda at: at.segmented_control(key="topic").set_value("groups").run(),
                      lambda at: assert_(any("groups" in m.value for m in at.markdown)))),
    Case("faq-url-token-channels-junk", FAQ, {"topic": "tokens", "C": "767"}, ("C='767'", "one of"), kinds=("warning",),
         recover=then(lambda at: at.slider(key="H").set_value(4).run(),
                      lambda at: assert_("(2, 16, 768)" in str(at.table[0].value)))),
    Case("receptive-famous-input-too-small", RF, {"preset": "alexnet", "size": "8"},
         ("Layer 1", "padded input 8"), recover=then(lambda at: at.slider(key="size").set_value(224).run(), famous_ok)),
]


def assert_(condition: bool) -> None:
    assert condition


# ---------------------------------------------------------------- app shell (sidebar on every page)

APP = "app.py"
SHELL = [
    Case("app-url-lang-junk", APP, {"lang": "klingon"}, ("lang='klingon'", "en, zh"), kinds=("warning",),
         recover=lambda at: at.radio(key="lang").set_value("zh").run()),
    Case("app-url-present-junk", APP, {"present": "2"}, ("present='2'", "0 or 1"), kinds=("warning",),
         recover=lambda at: at.toggle(key="present").set_value(True).run()),
]

CASES = PLAYGROUND + RECEPTIVE + COSTS + BUILDERS + PASTES + DRAWS + TRAINS + FAQS + SHELL


def test_matrix_has_at_least_forty_cases():
    assert len(CASES) >= 40, len(CASES)
    assert len({c.id for c in CASES}) == len(CASES)
    pages = {c.page for c in CASES}
    assert {PG, RF, COST, BUILDER, PASTE, DRAW, TRAIN, APP} <= pages


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gets_a_message_and_the_page_keeps_working(case: Case, tmp_path, monkeypatch):
    if case.prepare is not None:
        for key, value in case.prepare(tmp_path).items():
            monkeypatch.setenv(key, value)
    if "MNIST_ONLY" in os.environ:  # the Train page looks only in this folder (not the shared copy)
        from dsconv.mnist import data

        monkeypatch.setattr(data, "candidate_dirs", lambda: [Path(os.environ["MNIST_ONLY"])])
    at = AppTest.from_file(str(ROOT / case.page), default_timeout=90)
    for key, value in case.query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if case.setup is not None:
        case.setup(at)
        at.run()
        assert not at.exception, at.exception
    shown = messages(at, case.kinds)
    assert any(all(word in text for word in case.expect) for text in shown), (
        f"no {'/'.join(case.kinds)} containing {case.expect!r}; shown: {shown}")
    assert not (tmp_path / PWNED).exists(), "a weights file ran code while loading"
    if case.recover is not None:
        case.recover(at)
        assert not at.exception, at.exception
