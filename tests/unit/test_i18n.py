"""Every user-facing string is translated: no key missing in either language, no unknown key used in the
source, textbook terminology in Chinese, no hard-coded English in page files, and every page's title
switches language with ``?lang=zh``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.nav import PAGES
from dsconv.i18n import LANGS, catalogue, missing_translations, t
from dsconv.lessons.catalog import lessons

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [p for folder in ("pages", "ui", "dsconv") for p in (ROOT / folder).rglob("*.py") if "locale" not in p.parts]
    + [ROOT / "app.py"]
)
PREFIXES = sorted({key.split(".")[0] for key in catalogue()})
LITERAL_KEY = re.compile(r"""["']((?:%s)\.[A-Za-z0-9_.]*[A-Za-z0-9_])["']""" % "|".join(PREFIXES))
CALL_KEY = re.compile(r"""\b(?:tr|tr_|t)\(\s*["']([a-z_]+\.[A-Za-z0-9_.]*[A-Za-z0-9_])["']""")
FSTRING_KEY = re.compile(r"""\b(?:tr|tr_|t)\(\s*f(?:"([^"]+)"|'([^']+)')""")


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def test_no_key_is_missing_or_empty_in_either_language():
    assert missing_translations() == []
    for key, entry in catalogue().items():
        assert set(entry) == set(LANGS), f"{key} has languages {sorted(entry)}"
        assert all(isinstance(v, str) and v.strip() for v in entry.values()), key


def test_every_literal_key_used_in_the_source_is_in_the_catalogue():
    unknown = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for key in set(LITERAL_KEY.findall(text)) | set(CALL_KEY.findall(text)):
            if not key.endswith(".py") and key not in catalogue():
                unknown.append(f"{rel(path)}: {key}")
    assert unknown == []


def test_every_computed_key_pattern_matches_catalogue_keys():
    """``tr(f"cost.preset.{name}")``: at least one key fits each f-string pattern."""
    unmatched = []
    for path in SOURCES:
        for double, single in FSTRING_KEY.findall(path.read_text(encoding="utf-8")):
            template = double or single
            pattern = re.compile("^" + re.sub(r"\\\{.*?\\\}", r"[^.]+", re.escape(template)) + "$")
            if not any(pattern.match(key) for key in catalogue()):
                unmatched.append(f"{rel(path)}: {template}")
    assert unmatched == []


def test_home_keys_built_at_run_time_exist():
    keys = {"home.map." + Path(path).stem for path, *_ in PAGES if not path.endswith("home.py")}
    for lesson in lessons():
        keys |= {lesson.title, lesson.text, lesson.source, *(f.label for f in lesson.facts)}
        keys |= {link.label for link in lesson.links}
        if lesson.error is not None:
            keys |= {f"home.lesson.{lesson.key}.illegal", lesson.error.key}
    keys |= {title for _, title, _, section in PAGES} | {section for *_, section in PAGES}
    assert sorted(keys - set(catalogue())) == []


TEXTBOOK_TERMS = {
    "term.dw_separable": "深度可分离卷积",
    "term.pointwise": "逐点卷积",
    "term.grouped": "分组卷积",
    "term.dilated": "空洞",
    "term.receptive_field": "感受野",
    "term.params": "参数量",
    "term.flops": "计算量",
}
# Other translations of the same ideas that the Chinese textbooks and the course do not use.
NOT_TEXTBOOK = re.compile(r"接受野|感受域|深度分离卷积|深度可分卷积|可分离深度卷积|扩张卷积|点态卷积|点向卷积|(?<![分])组卷积")


def test_chinese_core_terminology_is_the_textbooks():
    for key, term in TEXTBOOK_TERMS.items():
        assert term in t(key, "zh"), f"{key}: {t(key, 'zh')!r} should use {term}"
    off = [(key, entry["zh"]) for key, entry in catalogue().items() if NOT_TEXTBOOK.search(entry["zh"])]
    assert off == []


UI_HELPERS = {"slider", "number", "select", "toggle"}  # ui.<helper>(name, label, ...): label is argument 1
SHOWS_TEXT = {
    "title", "header", "subheader", "markdown", "caption", "write", "info", "warning", "error", "success",
    "button", "metric", "toggle", "slider", "selectbox", "radio", "expander", "download_button", "number_input",
    "checkbox", "text", "text_input", "select_slider", "segmented_control", "pills", "spinner", "status",
    "form_submit_button", "popover", "page_link", "tabs",
}
TEXT_KEYWORDS = {"label", "help", "placeholder", "caption", "text"}


def _english_words(node: ast.AST) -> str | None:
    """The literal text of a string (or f-string's literal parts) if it has an English word in it."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parts = [node.value]
    elif isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    else:
        return None
    text = "".join(parts)
    if "$" in text or "\\" in text:  # LaTeX formulas
        return None
    return text if re.search(r"[A-Za-z]{3,}", text) else None


def hard_coded_english(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, node.func.value
        candidates: list[ast.AST] = []
        if isinstance(owner, ast.Name) and owner.id in ("ui", "widgets") and name in UI_HELPERS:
            candidates = node.args[1:2]
        elif name in SHOWS_TEXT:
            candidates = node.args[:1]
        candidates += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for arg in candidates:
            text = _english_words(arg)
            if text is not None:
                found.append(f"{rel(path)}:{node.lineno}: {text!r}")
    return found


@pytest.mark.parametrize("path", [path for path, *_ in PAGES] + ["app.py", "ui/__init__.py", "ui/export.py"])
def test_page_files_have_no_hard_coded_english(path):
    assert hard_coded_english(ROOT / path) == []


def test_hard_coded_english_detector_catches_titles_and_labels(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text(
        'import streamlit as st\nimport ui\nst.title("Receptive field")\nui.slider("k", "Kernel size", 1, 7, 3)\n'
        'st.markdown(f"| {x} | **{y}** |")\nst.header(tr("rf.title"))\nst.button("Go", help=f"Click {n} times")\n',
        encoding="utf-8",
    )
    found = hard_coded_english(sample)
    assert len(found) == 3 and "Receptive field" in found[0] and "Kernel size" in found[1] and "Click" in found[2]


@pytest.mark.slow
@pytest.mark.parametrize("path", [path for path, *_ in PAGES])
def test_every_page_title_switches_to_chinese(path):
    titles = {}
    for lang in LANGS:
        at = AppTest.from_file(str(ROOT / path), default_timeout=120)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, f"{path} ?lang={lang}: {at.exception}"
        assert at.title, f"{path} has no st.title"
        titles[lang] = at.title[0].value
    assert titles["en"] != titles["zh"]
    assert re.search(r"[\u4e00-\u9fff]", titles["zh"]), titles["zh"]
