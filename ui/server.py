"""Everything that leans on Streamlit internals, in one place (no widgets, nothing a learner sees).

``tests/unit/test_streamlit_internals.py`` fails loudly when an upgrade moves what these rely on.
"""

from __future__ import annotations

import streamlit as st
from streamlit import config
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def honour_no_file_watcher() -> None:
    """Keep ``server.fileWatcherType = "none"`` true for reconnected sessions too.

    Streamlit 1.67 skips file watchers when a session is created, but
    ``WebsocketSessionManager.connect_session`` calls ``register_file_watchers()`` unconditionally when a
    client reconnects to its stored session (a tablet after a network blip). From then on every finished
    rerun of that session walks all of ``sys.modules`` (torch, plotly, pandas: thousands of realpath calls)
    and a polling watcher is started for every module file; under a class that was ~12 % of the server's
    CPU and the cause of the p95 tail (bench/students.py). Idempotent; a no-op when watching is wanted.
    """
    if getattr(AppSession.register_file_watchers, "_dsconv_guarded", False):
        return
    original = AppSession.register_file_watchers

    def register_file_watchers(self: AppSession) -> None:
        if config.get_option("server.fileWatcherType") == "none":
            return
        original(self)

    register_file_watchers._dsconv_guarded = True  # type: ignore[attr-defined]
    AppSession.register_file_watchers = register_file_watchers  # type: ignore[method-assign]


def leave_legacy_pages_mode() -> None:
    """Make app.py's navigation (sidebar, language switch) apply on every page from the first request.

    Streamlit runs ``pages/*.py`` directly (legacy multipage mode, no app.py) until some session has run
    app.py's ``st.navigation`` once per process, so a fresh server whose first request was a shared
    link such as ``/playground?k=5`` showed that page without the app's sidebar and settings. Turn the
    legacy mode off and rerun, so app.py always builds the page.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        ctx = get_script_run_ctx()
        if ctx is not None and ctx.page_script_hash not in ("", ctx.pages_manager.main_script_hash):
            st.rerun()  # a page other than app.py was started directly: start over through app.py


def session_id() -> str | None:
    """This browser session's id (None outside a script run)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def session_exists(session_id: str) -> bool:
    """False once a session is gone for good: neither connected nor kept for a reconnect
    (``server.disconnectedSessionTTL``). True when no server runs (AppTest)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return True
    manager = getattr(Runtime.instance(), "_session_mgr", None)  # AppTest's runtime is a mock without one
    if manager is None or not hasattr(type(manager), "get_session_info"):
        return True
    return manager.get_session_info(session_id) is not None
