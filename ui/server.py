"""Server-side workarounds for Streamlit itself (no widgets, nothing a learner sees)."""

from __future__ import annotations

from streamlit import config
from streamlit.runtime.app_session import AppSession


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
