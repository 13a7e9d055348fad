"""URL state: junk, huge, negative and out-of-range query params fall back to defaults with a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from ui.nav import PAGES
from dsconv.plaintext import shown
from dsconv.urlstate import parse_bool, parse_choice, parse_int

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("raw", ["7", " 7 ", "+7", "1", "9"])
def test_valid_int_is_kept_without_a_problem(raw):
    parsed = parse_int("k", raw, 1, 9, 3)
    assert parsed.value == int(raw) and parsed.problem is None


def test_absent_int_gives_the_default_silently():
    assert parse_int("k", None, 1, 9, 3).value == 3
    assert parse_int("k", None, 1, 9, 3).problem is None


@pytest.mark.parametrize(
    "raw", ["abc", "", "3.5", "1e3", "0x10", "-1", "0", "10", "99999999999999999999999999", "7; DROP TABLE", "nan", "inf"]
)
def test_junk_huge_negative_or_out_of_range_int_falls_back_with_a_problem(raw):
    parsed = parse_int("k", raw, 1, 9, 3)
    assert parsed.value == 3
    problem = parsed.problem
    assert problem is not None and problem.name == "k" and problem.raw == raw and problem.default == 3
    message = problem.message("en")
    assert "k=" in message and "1 to 9" in message and "3" in message
    assert "1 到 9" in problem.message("zh")


@given(st.text(max_size=30), st.integers(-5, 5), st.integers(0, 20))
def test_parse_int_always_returns_a_value_in_range(raw, lo, span):
    hi = lo + span
    default = lo
    parsed = parse_int("x", raw, lo, hi, default)
    assert lo <= parsed.value <= hi
    assert (parsed.problem is None) == (parsed.value == _int_or_none(raw))


def _int_or_none(raw: str):
    try:
        return int(raw.strip()) if len(raw.strip()) <= 12 else None
    except ValueError:
        return None


def test_choice_keeps_valid_and_rejects_unknown_values():
    assert parse_choice("lang", "zh", ["en", "zh"], "en").value == "zh"
    parsed = parse_choice("lang", "fr", ["en", "zh"], "en")
    assert parsed.value == "en" and "en, zh" in parsed.problem.message("en")
    assert parse_choice("lang", None, ["en", "zh"], "en").problem is None


@pytest.mark.parametrize("raw,value", [("1", True), ("true", True), ("ON", True), ("0", False), ("no", False)])
def test_bool_accepts_common_spellings(raw, value):
    assert parse_bool("present", raw, False).value is value


@pytest.mark.parametrize("raw", ["2", "maybe", "", "-1"])
def test_junk_bool_falls_back_with_a_problem(raw):
    parsed = parse_bool("present", raw, False)
    assert parsed.value is False and parsed.problem is not None
    assert "0 or 1" in parsed.problem.message("en")


def run_app(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def test_junk_language_and_presentation_params_warn_and_fall_back():
    at = run_app(lang="klingon", present="banana")
    assert not at.exception
    warnings = " ".join(shown(w.value) for w in at.warning)
    assert "lang='klingon'" in warnings and "present='banana'" in warnings
    assert at.radio(key="lang").value == "en" and at.toggle(key="present").value is False


def test_valid_url_params_reproduce_language_and_presentation():
    at = run_app(lang="zh", present="1")
    assert not at.exception and not at.warning
    assert at.radio(key="lang").value == "zh" and at.toggle(key="present").value is True


def test_junk_page_param_shows_a_warning_and_no_exception():
    """A junk value for a real control of the Playground (its kernel_size slider ``k``) warns, no traceback."""
    at = AppTest.from_file(str(ROOT / "pages/playground.py"), default_timeout=60)
    at.query_params["k"] = "banana"
    at.run()
    assert not at.exception
    assert any("k='banana'" in shown(w.value) for w in at.warning)


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p, *_ in PAGES])
def test_every_page_survives_junk_url_params(path):
    at = AppTest.from_file(str(ROOT / path), default_timeout=60)
    for key in ("lang", "present", "k", "size", "preset", "model", "cin", "n", "groups"):
        at.query_params[key] = "9" * 40 if key in ("size", "n") else "<script>junk</script>"
    at.run()
    assert not at.exception
