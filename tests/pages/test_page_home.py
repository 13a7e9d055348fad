"""AppTest of the home page (through app.py, where it is the default page): lessons, links, language."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dsconv.i18n import t
from dsconv.lessons.cards import format_value
from dsconv.lessons.catalog import lessons

ROOT = Path(__file__).resolve().parents[2]


def run_home(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def page_text(at: AppTest) -> str:
    parts = [e.value for e in at.title] + [e.value for e in at.header] + [e.value for e in at.subheader]
    parts += [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


def test_home_renders_every_lessons_computed_numbers():
    at = run_home()
    assert not at.exception
    assert at.title[0].value == t("home.title", "en")
    text = page_text(at)
    for lesson in lessons():
        assert t(lesson.title, "en") in [s.value for s in at.subheader]
        for fact in lesson.facts:
            assert f"| {t(fact.label, 'en')} | **{format_value(fact.value)}** |" in text
    for number in ("5,534,256", "84", "42", "10×126×126", "3 → 5", "3 → 7 → 15 → 31"):
        assert f"**{number}**" in text


def test_home_explains_why_groups_4_is_illegal_with_the_library_message():
    at = run_home()
    error = next(lesson.error for lesson in lessons() if lesson.error is not None)
    assert [e.value for e in at.error] == [error.message("en")]


def test_home_links_open_lessons_and_keep_the_language():
    at = run_home(lang="zh")
    links = [(p.proto.page, p.proto.label, p.proto.query_string) for p in at.get("page_link")]
    for lesson in lessons():
        for link in lesson.links:
            query = "&".join(f"{k}={v}" for k, v in link.query_params("zh").items())
            assert (link.url_path, t(link.label, "zh"), query) in links
    map_pages = {page for page, _, query in links if query == "lang=zh"}
    assert map_pages == {"playground", "receptive_field", "faq", "cost", "train", "draw", "builder", "paste"}


def test_home_in_chinese_uses_textbook_terms():
    at = run_home(lang="zh")
    assert not at.exception
    assert at.title[0].value == t("home.title", "zh")
    text = page_text(at)
    for term in ("深度可分离卷积", "逐点卷积", "分组卷积", "空洞", "感受野", "参数量"):
        assert term in text
    assert "Lessons" not in [h.value for h in at.header]


def test_presentation_mode_shows_lessons_first_in_one_column():
    normal, present = run_home(), run_home(present="1")
    assert not present.exception
    assert present.toggle(key="present").value is True
    assert len(normal.columns) == 3 + 2  # the page map's three columns, then two lesson columns
    assert len(present.columns) == 1 and t("home.map.title", "en") not in [h.value for h in present.header]
    assert {s.value for s in present.subheader} == {s.value for s in normal.subheader}  # every lesson still shown
