"""The Streamlit side of the app: chrome (language, presentation), nav (pages, sidebar), widgets (URL-bound),
tables, browser (v2 components), export, and server (the one module that leans on Streamlit internals)."""

from ui import server

# A shared link may start a page script directly before any session ran app.py (Streamlit's legacy
# multipage mode); every page imports ``ui``, so this is where that is undone (see server.py).
server.leave_legacy_pages_mode()
