"""dsconv explorer: entry point. Builds the navigation and the shared sidebar (language, presentation)."""

from pathlib import Path

import streamlit as st

from ui import browser, chrome, nav, server, session

HERE = Path(__file__).parent


def run() -> None:
    server.honour_no_file_watcher()
    server.bound_sessions()
    server.give_memory_back()
    server.explain_refused_downloads()
    # An emoji favicon is drawn locally (a data: SVG); a ":material/..." favicon is fetched from fonts.gstatic.com.
    st.set_page_config(page_title="dsconv explorer", page_icon="🔳", layout="wide")
    tr = nav.app_chrome()
    sections: dict[str, list] = {}
    for path, title, icon, section in nav.PAGES:
        page = st.Page(HERE / path, title=tr(title), icon=icon, default=path.endswith("home.py"))
        sections.setdefault(tr(section), []).append(page)
    current = st.navigation(sections)
    session.enter_page(current.url_path)  # each page keeps its own settings; only language and mode travel
    if not browser.picture_view():
        nav.phone_nav([p for pages in sections.values() for p in pages])
    browser.collapse_sidebar_on_change(current.url_path, chrome.presenting())
    try:
        current.run()
    finally:
        session.snapshot_page()  # what the page shows now is what it shows when the learner comes back


if __name__ == "__main__":
    run()
