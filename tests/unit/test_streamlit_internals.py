"""What ui/server.py relies on inside Streamlit still exists and still behaves so; and what it does with it.

If a Streamlit upgrade breaks one of these, ui/server.py's patches silently stop protecting the class
(a rerun flood or a browser's clear_cache stalls everyone again): this file is meant to fail loudly first.
"""

from __future__ import annotations

import asyncio
import threading
import inspect

import pytest
from streamlit import config
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime import runtime
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.web.server.starlette import starlette_websocket

from ui import server


# ---------------------------------------------------------------- the internals themselves

def run_in_own_loop(coro):
    """``asyncio.run`` on a thread of its own: earlier browser tests (Playwright's sync API) can leave an event
    loop running in the main thread, where ``asyncio.run`` refuses to start."""
    out: dict = {}

    def target() -> None:
        try:
            out["value"] = asyncio.run(coro)
        except BaseException as exc:  # re-raised in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    if "error" in out:
        raise out["error"]
    return out.get("value")


def test_every_backmsg_reaches_the_session_through_handle_backmsg():
    """The websocket hands each parsed BackMsg to Runtime.handle_backmsg, which calls session.handle_backmsg."""
    assert "runtime.handle_backmsg(" in inspect.getsource(starlette_websocket)
    assert "session_info.session.handle_backmsg(msg)" in inspect.getsource(runtime.Runtime.handle_backmsg)
    source = inspect.getsource(_original_handle_backmsg())
    for kind in ("rerun_script", "clear_cache", "set_run_on_save", "load_git_info", "stop_script"):
        assert f'"{kind}"' in source, kind


def _original_handle_backmsg():
    """AppSession.handle_backmsg as Streamlit ships it (this process may have patched it already)."""
    return getattr(AppSession.handle_backmsg, "__wrapped__", AppSession.handle_backmsg)


def server_patched() -> bool:
    return getattr(AppSession.handle_backmsg, "_dsconv_guarded", False)


def test_the_messages_and_values_we_name_exist():
    kinds = {f.name for f in BackMsg.DESCRIPTOR.oneofs_by_name["type"].fields}
    assert server.DEVELOPER_MESSAGES | {"rerun_script", "stop_script", "app_heartbeat"} <= kinds
    values = {f.name for f in WidgetState.DESCRIPTOR.oneofs_by_name["value"].fields}
    assert set(server.TRIGGERS) <= values
    assert {"fragment_id", "widget_states", "query_string", "page_script_hash"} <= set(ClientState.DESCRIPTOR.fields_by_name)


def test_session_and_runner_attributes_we_read():
    """The current ScriptRunner is AppSession._scriptrunner; its thread is ScriptRunner._script_thread;
    fastReruns drops the old runner (request_stop) and starts a new one for every request."""
    assert "self._scriptrunner: ScriptRunner | None = None" in inspect.getsource(AppSession.__init__)
    assert "self._script_thread" in inspect.getsource(ScriptRunner.start)
    request_rerun = inspect.getsource(AppSession.request_rerun)
    assert 'config.get_option("runner.fastReruns")' in request_rerun and "self._scriptrunner.request_stop()" in request_rerun
    clear = inspect.getsource(AppSession._handle_clear_cache_request)
    assert "cache_resource.clear()" in clear  # what a browser's clear_cache would do to the whole class
    assert config.get_option("client.toolbarMode") in ("auto", "developer", "viewer", "minimal")


def test_file_watcher_and_pages_internals():
    assert callable(AppSession.register_file_watchers)
    assert isinstance(PagesManager.uses_pages_directory, (bool, type(None)))


# ---------------------------------------------------------------- what ui/server.py does with them
class FakeRunner:
    """Stands for a ScriptRunner: a thread that is alive until the test says it finished."""

    def __init__(self):
        self.alive = True
        self._script_thread = self

    def is_alive(self) -> bool:
        return self.alive


class FakeSession:
    """Just what Streamlit's own handle_backmsg touches for these messages; records what reached it."""

    def __init__(self):
        self.runs: list[ClientState] = []
        self.cleared = 0
        self._scriptrunner = None

    def _handle_rerun_script_request(self, state):
        if self._scriptrunner is not None:
            self._scriptrunner.alive = False  # an interrupted run stops at once (the common case)
        self.runs.append(state)
        self._scriptrunner = FakeRunner()

    def _handle_clear_cache_request(self):
        self.cleared += 1

    def _handle_app_heartbeat_request(self):
        pass


def rerun(value: int, click: bool = False) -> BackMsg:
    msg = BackMsg()
    slider = msg.rerun_script.widget_states.widgets.add()
    slider.id, slider.int_value = "$$ID-a-k", value
    if click:
        button = msg.rerun_script.widget_states.widgets.add()
        button.id, button.trigger_value = "$$ID-b-train_run", True
    return msg


@pytest.fixture
def patched(monkeypatch):
    monkeypatch.setattr(AppSession, "handle_backmsg", _original_handle_backmsg())
    server.bound_sessions()
    assert server_patched()
    return AppSession.handle_backmsg


def test_a_flood_of_reruns_becomes_a_few_runs_with_the_newest_values(patched):
    session = FakeSession()

    async def flood() -> None:
        for i in range(10_000):
            patched(session, rerun(i, click=(i == 5_000)))
        await asyncio.sleep(1.2)

    run_in_own_loop(flood())
    # a burst, then RERUN_RATE per second: the 10,000 requests became a handful of runs
    assert server.RERUN_BURST <= len(session.runs) <= server.RERUN_BURST + 1.2 * server.RERUN_RATE + 1
    last = session.runs[-1].widget_states.widgets
    assert [w.int_value for w in last if w.id == "$$ID-a-k"] == [9_999]  # the newest value wins
    assert any(w.id == "$$ID-b-train_run" and w.trigger_value for w in last)  # the click in between is kept


def test_a_run_that_is_still_winding_down_holds_the_next_one(patched):
    session = FakeSession()

    async def scenario() -> list[int]:
        patched(session, rerun(1))
        stuck = session._scriptrunner
        session._handle_rerun_script_request = lambda state: (session.runs.append(state),
                                                              setattr(session, "_scriptrunner", FakeRunner()))
        patched(session, rerun(2))  # interrupts run 1, which keeps its thread (a long step between st calls)
        patched(session, rerun(3))
        await asyncio.sleep(0.3)
        counts = [len(session.runs)]
        stuck.alive = False
        await asyncio.sleep(0.3)
        counts.append(len(session.runs))
        return counts

    assert run_in_own_loop(scenario()) == [2, 3]


def test_clear_cache_from_a_browser_is_ignored_in_the_classroom(patched, monkeypatch):
    session = FakeSession()
    monkeypatch.setattr(server, "classroom", lambda: True)
    for kind in server.DEVELOPER_MESSAGES:
        msg = BackMsg()
        setattr(msg, kind, True)
        patched(session, msg)
    assert session.cleared == 0
    monkeypatch.setattr(server, "classroom", lambda: False)  # a developer's own server still clears
    msg = BackMsg()
    msg.clear_cache = True
    patched(session, msg)
    assert session.cleared == 1


def test_classroom_means_the_viewer_toolbar(monkeypatch):
    monkeypatch.setattr(config, "get_option", lambda name: "viewer" if name == "client.toolbarMode" else None)
    assert server.classroom()


def test_token_bucket_allows_a_burst_then_the_rate():
    bucket = server.TokenBucket(rate=2.0, burst=3)
    assert [bucket.wait(0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.wait(0.0) == pytest.approx(0.5)
    assert bucket.wait(0.5) == 0.0


def test_json_values_too_long_too_deep_or_not_json_are_refused_before_streamlit_parses_them():
    import json

    state = ClientState()
    for i, text in enumerate(['{"strokes": {"w": 280}}', "[" * 50_000 + "]" * 50_000, "not json",
                              json.dumps({"paths": [[0, 0]] * 200_000})]):
        w = state.widget_states.widgets.add()
        w.id, w.json_value = f"$$ID-{i}-x", text
    assert server.refuse_unreadable_json(state) == 3
    values = [json.loads(w.json_value) for w in state.widget_states.widgets]
    assert values[0] == {"strokes": {"w": 280}}
    assert all(server.REJECTED in v for v in values[1:])
    with pytest.raises(RecursionError):  # what Streamlit itself would have met (it catches only JSONDecodeError)
        json.loads("[" * 50_000 + "]" * 50_000)


def test_widget_state_size_is_a_streamlit_option():
    from streamlit.runtime.runtime_util import get_max_widget_state_size_bytes

    assert "server.maxWidgetStateSize" in config.get_config_options()
    assert "get_max_widget_state_size_bytes()" in inspect.getsource(starlette_websocket)
    assert get_max_widget_state_size_bytes() > 0


def test_data_editor_messages_are_cut_to_a_bounded_number_of_rows():
    import json

    state = ClientState()
    w = state.widget_states.widgets.add()
    row = {"kind": "conv", "out_channels": 16, "kernel_size": 3}
    w.id, w.string_value = "$$ID-e-builder_editor_0", json.dumps({"edited_rows": {}, "added_rows": [row] * 15_000,
                                                                   "deleted_rows": []})  # as the browser sends it
    assert server.refuse_unreadable_json(state) == 1
    edits = json.loads(state.widget_states.widgets[0].string_value)
    assert len(edits["added_rows"]) == server.MAX_EDITOR_ROWS and edits["added_rows"][0] == row


def test_session_shutdown_is_where_sessions_end():
    """AppSession.shutdown is what the session manager calls when a session is dropped (TTL passed, tab closed)."""
    from streamlit.runtime import websocket_session_manager

    original = getattr(AppSession.shutdown, "__wrapped__", AppSession.shutdown)
    assert "SHUTDOWN_REQUESTED" in inspect.getsource(original)
    assert ".shutdown()" in inspect.getsource(websocket_session_manager)


def test_trim_memory_gives_freed_heap_back(monkeypatch):
    """Freed small allocations stay in glibc's arenas until malloc_trim: RSS drops after a trim."""
    import platform

    from loadsim.students import rss_mb

    import os

    if platform.system() != "Linux":
        pytest.skip("malloc_trim is glibc's")
    blocks = [bytearray(512) for _ in range(400_000)]  # ~250 MB in small blocks (below the mmap threshold)
    keep = bytearray(512)  # allocated last: keeps the top of the heap from shrinking by itself
    del blocks
    before = rss_mb(os.getpid())
    assert server.trim_memory()
    after = rss_mb(os.getpid())
    assert before - after > 100, (before, after)
    del keep


def test_ending_sessions_schedules_one_trim(monkeypatch):
    monkeypatch.setattr(server, "TRIM_DELAY", 0.05)
    ran = []
    monkeypatch.setattr(server, "trim_memory", lambda: ran.append(1))

    class Session:
        def shutdown(self):
            pass

    monkeypatch.setattr(AppSession, "shutdown", Session.shutdown)
    server.give_memory_back()
    for _ in range(5):
        AppSession.shutdown(Session())
    import time

    time.sleep(0.3)
    assert ran == [1]


def test_the_mmap_threshold_can_be_fixed_here():
    """glibc accepts the setting (its effect on a class is measured by bench/soak.py, not here)."""
    import platform

    if platform.system() != "Linux":
        pytest.skip("mallopt is glibc's")
    assert server.fixed_mmap_threshold()


def test_a_refused_download_says_why_and_other_errors_stay_streamlits(monkeypatch):
    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    monkeypatch.setattr(DeferredFileHandler, "handle", DeferredFileHandler.handle)  # restored after the test
    server.explain_refused_downloads()
    server.explain_refused_downloads()  # once is enough: a second call does not wrap it again
    assert DeferredFileHandler.handle.__wrapped__.__qualname__ == "DeferredFileHandler.handle"

    class Manager:  # MediaFileManager.execute_deferred(file_id) -> the file's URL, or what the callable raised
        calls = 0

        def execute_deferred(self, file_id: str) -> str:
            Manager.calls += 1
            if file_id == "busy":
                raise server.DownloadRefused("try again in a few seconds")
            if file_id == "broken":
                raise RuntimeError("/srv/secret/path exploded")
            return f"/media/{file_id}.png"

    handler = DeferredFileHandler(lambda: Manager())

    def ask(file_id: str):
        request = BackendOperationRequest(request_id="r1")
        request.deferred_file.file_id = file_id
        return run_in_own_loop(handler.handle(request, "session"))

    assert ask("ok").deferred_file.url == "/media/ok.png" and not ask("ok").error_msg
    assert ask("busy").error_msg == "try again in a few seconds"
    Manager.calls = 0
    broken = ask("broken").error_msg
    assert broken and "secret" not in broken  # Streamlit's own fixed text: nothing of the server reaches a browser
    assert Manager.calls == 1  # a failing export is not run twice
    request = BackendOperationRequest(request_id="r1")
    request.deferred_file.file_id = "broken"
    streamlits = run_in_own_loop(DeferredFileHandler.handle.__wrapped__(handler, request, "session")).error_msg
    assert broken == streamlits == server.DOWNLOAD_FAILED  # the same text Streamlit itself sends


def test_export_buttons_translate_a_refusal(monkeypatch):
    from dsconv.figures.export import ExportBusy, ExportError
    from ui import export

    monkeypatch.setattr(export, "tr", lambda: (lambda key, **kw: f"<{key}:{kw.get('why', '')}>"))

    def busy() -> bytes:
        raise ExportBusy("3 waiting")

    def over() -> bytes:
        raise ExportError("over 9,600,000 pixels")

    with pytest.raises(server.DownloadRefused, match="<export.busy:>"):
        export.explained(busy)()
    with pytest.raises(server.DownloadRefused, match="over 9,600,000 pixels"):
        export.explained(over)()
    assert export.explained(lambda: b"png")() == b"png"
