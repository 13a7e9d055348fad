"""Hostile pastes: never executed, never a traceback, always a message naming the line and the construct.

Also the URL packing of a paste (size bounds, zip bombs, junk) and a fuzz test over random text.
"""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dsconv.paste import limits as L
from dsconv.paste import urlcode
from dsconv.paste.checks import analyse, parse_shape
from dsconv.paste.hostile import HOSTILE, NORMAL_50

PWNED = Path("/tmp/dsconv_paste_pwned")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_paste_is_read_not_run(name):
    PWNED.unlink(missing_ok=True)
    report = analyse(HOSTILE[name], "1×3×28×28")
    assert not PWNED.exists()
    assert report.findings, name
    for f in report.findings:
        for lang in ("en", "zh"):
            text = f.message(lang)
            assert text and "{" not in text and "Traceback" not in text, text


EXPECTED = {  # hostile paste -> words its first error or note must contain
    "imports_and_system_calls": ("Line 3", "os.system(…)` skipped"),
    "dunder_escape": ("__class__",),
    "deep_parentheses": ("Line 1", "nested more than 16"),
    "deep_unary_chain": ("Line 1", "too complex"),
    "long_attribute_chain": ("Line 1", "too complex"),
    "deep_fstring": ("f-string longer than",),
    "huge_number_literal": ("Line 1", "longer than 12"),
    "huge_power": ("Line 3", "'k' comes from"),
    "huge_kernel": ("Line 2", "9999999"),
    "huge_input_tensor": ("Line 3", "too large"),
    "deep_indentation": ("Line 14", "nested more than 12 deep"),
    "too_many_layers": ("more than 120 layers",),
    "lambda_call": ("Line 3", "f(…)"),
    "too_long": ("characters",),
    "nul_byte": ("Line 1", "NUL"),
    "non_utf8_bytes": ("not UTF-8", "0xff"),
    "syntax_error": ("Line 2", "never closed"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_paste_message_names_line_and_construct(name):
    report = analyse(HOSTILE[name], "1×3×28×28")
    texts = [f.message() for f in report.findings]
    assert any(all(w in t for w in EXPECTED[name]) for t in texts), texts


def test_limits_are_what_the_messages_say():
    assert L.MAX_DEPTH == 16 and L.MAX_NUMBER_CHARS == 12 and L.MAX_LAYERS == 120


def test_normal_paste_has_fifty_lines_and_reads_cleanly():
    assert len(NORMAL_50.splitlines()) == 50
    report = analyse(NORMAL_50)
    assert report.complete and not report.errors
    assert report.input_shape == (8, 1, 28, 28) and report.out_shape == (8, 10)


def test_indented_snippet_from_inside_a_class_is_read():
    report = analyse("        conv = nn.Conv2d(1, 8, 3)\n        pool = nn.MaxPool2d(2)\n")
    assert [r.out_shape for r in report.rows] == [(1, 8, 26, 26), (1, 8, 13, 13)]


def test_an_unclosed_bracket_is_named_where_it_opens():
    report = analyse("import torch.nn as nn\nbad = (\nconv = nn.Conv2d(1, 8, 3)\n")
    (err,) = report.errors
    assert err.line == 2 and "never closed" in err.message()


def test_every_broken_statement_is_named():
    report = analyse("import torch.nn as nn\nx = = 1\nconv = nn.Conv2d(1, 8, 3)\ny = = 2\n")
    assert [e.line for e in report.errors] == [2, 4]
    assert all("syntax error" in e.message() for e in report.errors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("nn.Conv2d(3, 8, kernel_size=3)\n x=[]{}'\"#:-+*_@\\é中\t")), max_size=300))
def test_random_text_never_raises(text):
    report = analyse(text, "1×3×28×28")
    assert report.findings or report.rows


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise(data):
    report = analyse(data)
    assert report.findings or report.rows


# ---------------------------------------------------------------- the input shape field


@pytest.mark.parametrize("text,shape", [("1×3×128×128", (1, 3, 128, 128)), ("1x1x28x28", (1, 1, 28, 28)),
                                        ("(2, 3, 32, 32)", (2, 3, 32, 32)), ("[1,3,5,5]", (1, 3, 5, 5))])
def test_shape_field_forms(text, shape):
    assert parse_shape(text) == (shape, None)


@pytest.mark.parametrize("text,words", [("abc", ("'abc'", "1×3×128×128")), ("1×0×28×28", ("≥ 1",)),
                                        ("1×3×99999×28", ("too large", "4,096")), ("1", ("2, 3 or 4",)),
                                        ("9" * 80, ("is not a shape",))])
def test_shape_field_junk_is_named(text, words):
    shape, problem = parse_shape(text)
    assert shape is None and all(w in problem.message() for w in words), problem.message()


# ---------------------------------------------------------------- URL packing


def test_url_round_trip_and_size():
    packed = urlcode.encode(NORMAL_50)
    assert urlcode.decode(packed).code == NORMAL_50
    assert len(packed) < len(NORMAL_50)
    assert set(packed) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert urlcode.decode(urlcode.encode("x = '中文'")).code == "x = '中文'"


@pytest.mark.parametrize("param,why", [
    ("%%%", "paste.url_why.base64"),
    ("aGVsbG8", "paste.url_why.zlib"),  # base64 of "hello": not zlib
    ("A" * (urlcode.MAX_PARAM + 1), "paste.url_why.too_long"),
    (base64.urlsafe_b64encode(zlib.compress(b"\xff\xfe bad")).decode(), "paste.url_why.utf8"),
    (base64.urlsafe_b64encode(zlib.compress(b" " * 4_000_000, 9)).decode(), "paste.url_why.too_big"),  # zip bomb
    (base64.urlsafe_b64encode(zlib.compress(b"x = 1\n" * 10)[:-6]).decode(), "paste.url_why.zlib"),  # truncated
])
def test_url_junk_is_refused_with_a_reason(param, why):
    decoded = urlcode.decode(param)
    assert decoded.code is None and decoded.why == why
