"""AppTest of issue 14: Home shows the new lessons' numbers, and every link opens its page with the same numbers."""

from __future__ import annotations

import time

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dsconv.builder import PRESETS
from dsconv.i18n import t
from dsconv.lessons.cards import format_value
from dsconv.builder import code as keras_code
from dsconv.lessons import faq
from dsconv.receptive.famous import analyse, end_point_name, networks
from dsconv.lessons.posts import extra_lessons

ROOT = Path(__file__).resolve().parents[2]


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.subheader]
    parts += [str(e.value) for e in at.table] + [e.value for e in at.code] + [e.value for e in at.info]
    parts += [e.value.to_string() for e in at.dataframe]
    return "\n".join(parts)


def test_home_shows_the_new_lessons_numbers():
    at = open_page("app.py")
    assert not at.exception
    text = "\n".join(e.value for e in at.markdown)
    for number in ("6,912", "(2, 64, 768)", "2×2×2", "195", "212", "315", "483", "10×124×124", "3×42×42", "468"):
        assert f"**{number}**" in text, number


LINKS = [(lesson, link) for lesson in extra_lessons() for link in lesson.links]


@pytest.mark.parametrize("lesson,link", LINKS, ids=[f"{l.key}-{k.url()}" for l, k in LINKS])
def test_each_link_opens_its_page_with_the_same_numbers_and_no_warning(lesson, link):
    at = open_page(link.page, **link.query_params("en"))
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    text = texts(at)
    params = dict(link.params)
    if lesson.key == "tokens":
        for label in ("home.fact.tokens_in", "home.fact.tokens_map", "home.fact.tokens_out"):
            assert str(lesson.fact(label)) in text
        assert format_value(lesson.fact("home.fact.dw_params")) in text
        assert format_value(lesson.fact("home.fact.tokens_macs")) in text
    elif lesson.key == "example443":
        assert "depthwise → " not in text  # the caption lists shapes only
        assert "3×2×2 → 2×2×2" in text and "DepthwiseConv2D(3, depth_multiplier=1" in text
    elif lesson.key == "famous_rf":
        net = networks()[params["preset"]]
        ends = at.dataframe[-1].value
        expected = [(end_point_name(net, r.layer), r.rf, r.stride, r.padding) for r in analyse(net, 224) if r.layer.end_point]
        assert [tuple(row) for row in ends.itertuples(index=False)] == expected
        assert int(at.dataframe[0].value.iloc[-1, 2]) == lesson.fact(f"home.fact.rf_{params['preset']}")
    elif lesson.key == "book_recipe":
        assert at.radio(key="recipe").value == "book" and at.selectbox(key="model").value == "seed_standard"
    elif lesson.key == "faq":
        topic = params["topic"]
        a = faq.answers()
        expected = {"batch": str(a.batch.batched), "groups": str(list(a.groups.seen[-1])), "pw_k3": "10×124×124",
                    "dw_stride3": "3×42×42", "dilation_size": "output 128×128", "rf_figure": "**5×5**",
                    "flops": f"{a.flops[0].flops:,} FLOPs = 2 × {a.flops[0].macs:,} MACs"}[topic]
        assert expected in text
        for fact in lesson.facts:
            if (topic, fact.label) in (("pw_k3", "home.fact.faq_pw_k3"), ("dw_stride3", "home.fact.faq_stride3")):
                assert format_value(fact.value) in text


def test_faq_page_in_chinese_and_a_bad_topic_falls_back_with_a_warning():
    at = open_page("pages/faq.py", topic="nope", lang="zh")
    assert not at.exception and at.warning and at.title[0].value == t("faq.title", "zh")


def test_faq_token_controls_change_the_shapes():
    at = open_page("pages/faq.py", topic="tokens", B="1", C="64", H="4")
    assert "(1, 16, 64)" in texts(at) and "(1, 64, 4, 4)" in texts(at) and not at.warning


def test_rf_page_famous_preset_in_chinese_and_at_321():
    at = open_page("pages/receptive_field.py", preset="mobilenet_v1", size="321", lang="zh")
    assert not at.exception and not at.warning
    ends = at.dataframe[-1].value
    assert list(ends.iloc[-1])[1:] == [315, 32, 157]  # the published 321 row
    assert at.info  # coverage limited, with its message


def _run_keras(code: str) -> dict:
    os.environ.setdefault("KERAS_BACKEND", "torch")
    namespace: dict = {}
    exec(code, namespace)
    return namespace


def test_playground_and_builder_show_keras_code_that_matches_the_page():
    pytest.importorskip("keras")
    at = open_page("pages/playground.py", cin="4", cout="8", k="3", s="2", p="1", d="2", g="2", size="12")
    code = next(c.value for c in at.code if "keras" in c.value)
    ns = _run_keras(code)
    out = ns["model"](ns["x"])
    torch_code = next(c.value for c in at.code if "nn.Conv2d" in c.value)
    tns = _run_keras(torch_code)
    ref = tns["conv"](tns["x"])
    assert tuple(out.shape) == (1, ref.shape[2], ref.shape[3], ref.shape[1])
    assert ns["model"].count_params() == sum(p.numel() for p in tns["conv"].parameters())
    b = open_page("pages/builder.py", preset="mobilenet")
    code = next(c.value for c in b.code if "keras" in c.value)
    assert code.rstrip() == keras_code.net_keras_code(PRESETS["mobilenet"]).rstrip()


@pytest.mark.mnist
def test_train_page_runs_the_books_recipe_and_shows_the_last_batch_accuracy(mnist_dir, monkeypatch):
    from dsconv.mnist import data

    monkeypatch.setattr(data, "candidate_dirs", lambda: [mnist_dir])
    at = open_page("pages/train.py", recipe="book", model="seed_standard", subset="1000", epochs="1")
    assert not at.exception and not at.warning
    at.button(key="train_run").click().run()
    for _ in range(240):  # the run trains on its own thread: rerun (as the page's timer does) until it is done
        if any(b.key == "train_stop_idle" for b in at.button):
            break
        time.sleep(0.5)
        at.run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "last batch of 128" in c.value)
    assert "%" in caption and "· book" in next(s.value for s in at.success)
