"""dsconv explorer: entry point. Builds the navigation and the shared sidebar (language, presentation)."""

from pathlib import Path

import streamlit as st

import ui
import ui.browser

HERE = Path(__file__).parent

# (file, i18n title key, icon, section)
PAGES = [
    ("pages/home.py", "nav.home", ":material/school:", "nav.section.learn"),
    ("pages/playground.py", "nav.playground", ":material/grid_on:", "nav.section.learn"),
    ("pages/receptive_field.py", "nav.receptive", ":material/center_focus_strong:", "nav.section.learn"),
    ("pages/cost.py", "nav.cost", ":material/speed:", "nav.section.learn"),
    ("pages/faq.py", "nav.faq", ":material/quiz:", "nav.section.learn"),
    ("pages/train.py", "nav.train", ":material/model_training:", "nav.section.models"),
    ("pages/draw.py", "nav.draw", ":material/draw:", "nav.section.models"),
    ("pages/builder.py", "nav.builder", ":material/construction:", "nav.section.models"),
    ("pages/paste.py", "nav.paste", ":material/content_paste:", "nav.section.models"),
]


def run() -> None:
    # An emoji favicon is drawn locally (a data: SVG); a ":material/..." favicon is fetched from fonts.gstatic.com.
    st.set_page_config(page_title="dsconv explorer", page_icon="🔳", layout="wide")
    tr = ui.app_chrome()
    sections: dict[str, list] = {}
    for path, title, icon, section in PAGES:
        page = st.Page(HERE / path, title=tr(title), icon=icon, default=path.endswith("home.py"))
        sections.setdefault(tr(section), []).append(page)
    current = st.navigation(sections)
    if not ui.browser.picture_view():
        ui.phone_nav([p for pages in sections.values() for p in pages])
    ui.browser.collapse_sidebar_on_change(current.url_path, ui.presenting())
    current.run()


if __name__ == "__main__":
    run()
