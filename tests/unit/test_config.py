"""The classroom server config is valid for the installed Streamlit and keeps the classroom settings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import streamlit.config as st_config

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())


def options() -> dict[str, object]:
    return {f"{section}.{name}": value for section, table in CONFIG.items() for name, value in table.items()}


def test_every_option_exists_in_this_streamlit():
    known = st_config.get_config_options()
    unknown = sorted(set(options()) - set(known))
    assert unknown == []


def test_values_have_the_type_streamlit_expects():
    known = st_config.get_config_options()
    for key, value in options().items():
        default = known[key].default_val
        if default is not None and key != "server.fileWatcherType":
            assert isinstance(value, type(default)), (key, value, default)


def test_classroom_settings():
    opts = options()
    assert opts["server.runOnSave"] is False
    assert opts["server.fileWatcherType"] == "none"
    assert opts["browser.gatherUsageStats"] is False
    assert opts["server.headless"] is True
    assert opts["server.enableXsrfProtection"] is True
    assert 1 <= opts["server.maxUploadSize"] <= 10
    assert 10 <= opts["server.maxMessageSize"] <= 200
    assert opts["client.showErrorDetails"] in ("type", "none")
    assert opts["server.disconnectedSessionTTL"] >= 120


def test_reconnected_session_gets_no_file_watcher():
    """Streamlit re-registers file watchers on reconnect even with fileWatcherType "none"; ui.server stops it."""
    from streamlit.runtime.app_session import AppSession

    import ui.server

    ui.server.honour_no_file_watcher()
    ui.server.honour_no_file_watcher()  # idempotent: wrapped once

    class Session:  # what a reconnected AppSession looks like before the call
        _local_sources_watcher = None

    session = Session()
    before = st_config.get_option("server.fileWatcherType")
    st_config.set_option("server.fileWatcherType", "none")
    try:
        AppSession.register_file_watchers(session)  # unguarded, this builds a LocalSourcesWatcher
    finally:
        st_config.set_option("server.fileWatcherType", before)
    assert session._local_sources_watcher is None


def test_session_liveness_relies_on_what_streamlit_still_has():
    """A training run stops when its session is gone for good (ui.server.session_exists): Streamlit's session
    manager must still answer get_session_info for connected and kept-for-reconnect sessions alike."""
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

    import ui.server

    assert callable(getattr(WebsocketSessionManager, "get_session_info", None))
    assert ui.server.session_exists("no such session")  # no server running here (AppTest, tests): treated as alive
