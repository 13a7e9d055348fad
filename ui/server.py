"""Everything that leans on Streamlit internals, in one place (no widgets, nothing a learner sees).

``tests/unit/test_streamlit_internals.py`` fails loudly when an upgrade moves what these rely on.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import json
import logging
import threading
from dataclasses import dataclass, field
from typing import Callable

import streamlit as st
from streamlit import config
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
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


# ---------------------------------------------------------------- bounded work per session
DEVELOPER_MESSAGES = frozenset({"clear_cache", "set_run_on_save", "load_git_info"})  # a developer's menu sends these
RERUN_BURST = 6  # reruns a session may start back to back (a quick series of clicks)
RERUN_RATE = 3.0  # reruns per second after that; faster requests are merged into the newest one
WAIT_STEP = 0.05  # s between looks at a session whose interrupted run is still winding down
TRIGGERS = ("trigger_value", "string_trigger_value", "json_trigger_value", "chat_input_value")
MAX_JSON_CHARS = 1_000_000  # a JSON widget value longer than this is refused (server.maxWidgetStateSize is 1 MB)
MAX_EDITOR_ROWS = 64  # rows a data editor may add, edit or delete in one message (the Builder takes 16 blocks)
EDITOR_KEYS = frozenset({"edited_rows", "added_rows", "deleted_rows"})
REJECTED = "dsconv_rejected"  # a refused JSON value arrives as {REJECTED: {"chars", "limit"}} (ui/sketchpad.py says why)
_LOGGER = logging.getLogger(__name__)


@dataclass
class TokenBucket:
    """``burst`` actions at once, then ``rate`` per second: :meth:`wait` says how long until the next one."""

    rate: float
    burst: float
    tokens: float = -1.0
    stamp: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until an action is allowed (0: allowed now; the token is then spent)."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


def merge_rerun(older: ClientState, newer: ClientState) -> ClientState:
    """One rerun request standing for two: the newer widget values, plus the older one's button clicks.

    A browser sends every widget's value with each request, so the newest one is the page the student
    wants; only one-shot values (a button press, a chat message) would be lost, so they are carried over.
    A whole-page run wins over a fragment run."""
    merged = ClientState()
    merged.CopyFrom(newer)
    seen = {w.id for w in newer.widget_states.widgets}
    for widget in older.widget_states.widgets:
        if widget.id not in seen and widget.WhichOneof("value") in TRIGGERS:
            merged.widget_states.widgets.append(widget)
    if not older.fragment_id:
        merged.fragment_id = ""
    return merged


def refuse_unreadable_json(state: ClientState) -> int:
    """Replace JSON widget values that are too long or too deep to parse (or not JSON) by a small marker, and cut
    data editor edits (sent as a JSON *string* value) to MAX_EDITOR_ROWS rows.

    Streamlit parses JSON values in the script thread and catches only JSONDecodeError: 50,000 nested brackets
    raised RecursionError on the sender's page. Parsing here (C speed, at most MAX_JSON_CHARS) is cheap.
    Returns how many values were replaced."""
    replaced = 0
    for widget in state.widget_states.widgets:
        kind = widget.WhichOneof("value")
        if kind == "string_value" and widget.string_value.startswith("{") and '"added_rows"' in widget.string_value[:200]:
            replaced += _cut_editor_string(widget)
            continue
        if kind not in ("json_value", "json_trigger_value"):
            continue
        text = getattr(widget, kind)
        try:
            if len(text) > MAX_JSON_CHARS:
                raise ValueError("too long")
            json.loads(text)
            continue
        except (ValueError, RecursionError):
            setattr(widget, kind, json.dumps({REJECTED: {"chars": f"{len(text):,}", "limit": f"{MAX_JSON_CHARS:,}"}}))
            replaced += 1
    return replaced


def _cut_editor_string(widget) -> int:
    """A data editor's edits (``{"edited_rows", "added_rows", "deleted_rows"}`` as a string): keep the first rows."""
    try:
        value = json.loads(widget.string_value) if len(widget.string_value) <= MAX_JSON_CHARS else None
    except (ValueError, RecursionError):
        value = None
    if value is None:  # unreadable: no edits at all (Streamlit would raise on the sender's page)
        widget.string_value = json.dumps({"edited_rows": {}, "added_rows": [], "deleted_rows": []})
        return 1
    if isinstance(value, dict) and set(value) <= EDITOR_KEYS and _cut_editor_rows(value):
        widget.string_value = json.dumps(value)
        return 1
    return 0


def _cut_editor_rows(edits: dict) -> bool:
    """Keep the first MAX_EDITOR_ROWS added/edited/deleted rows of a data editor's edits; True if any were cut.

    Streamlit applies every added row to a DataFrame before the page runs: 20,000 rows in one message cost
    39 s of CPU. The page then sees too many rows and says so (the Builder: "at most 16 blocks")."""
    cut = False
    for name in ("added_rows", "deleted_rows"):
        rows = edits.get(name)
        if isinstance(rows, list) and len(rows) > MAX_EDITOR_ROWS:
            edits[name], cut = rows[:MAX_EDITOR_ROWS], True
    edited = edits.get("edited_rows")
    if isinstance(edited, dict) and len(edited) > MAX_EDITOR_ROWS:
        edits["edited_rows"], cut = dict(list(edited.items())[:MAX_EDITOR_ROWS]), True
    return cut


@dataclass
class RerunGate:
    """One session's rerun requests: a token bucket, and at most one request waiting (the newest)."""

    bucket: TokenBucket = field(default_factory=lambda: TokenBucket(RERUN_RATE, RERUN_BURST))
    pending: ClientState | None = None
    runners: list = field(default_factory=list)  # ScriptRunners this session started (to see stopping ones)
    merged: int = 0  # requests folded into a newer one (for tests and benchmarks)

    def winding_down(self, current: object) -> bool:
        """True while a run this session interrupted still holds a thread (a long step between st calls)."""
        self.runners = [r for r in self.runners if _alive(r)]
        return any(r is not current for r in self.runners)


def _alive(runner: object) -> bool:
    thread = getattr(runner, "_script_thread", None)
    return thread is not None and thread.is_alive()


def classroom() -> bool:
    """The classroom configuration: learners get no developer menu (``client.toolbarMode = "viewer"``)."""
    return config.get_option("client.toolbarMode") == "viewer"


def bound_sessions() -> None:
    """However fast one browser sends, its session starts at most a fair share of runs; developer messages
    (``clear_cache`` drops every cached model, data set and semaphore for the whole class) are ignored in the
    classroom configuration.

    Patches ``AppSession.handle_backmsg`` (Streamlit 1.67: called on the event loop thread for every
    ``BackMsg``). A ``rerun_script`` runs at once while the session has tokens (RERUN_BURST, refilled at
    RERUN_RATE per second) and no interrupted run of its own still winding down; otherwise it waits, and a
    newer request replaces it (:func:`merge_rerun`). With ``runner.fastReruns`` every request used to start a
    new script thread at once: 10,000 messages from one tab stalled the whole class for 38 s.
    """
    if getattr(AppSession.handle_backmsg, "_dsconv_guarded", False):
        return
    original = AppSession.handle_backmsg

    def handle_backmsg(self: AppSession, msg: BackMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind in DEVELOPER_MESSAGES and classroom():
            _LOGGER.warning("Ignored %s from a browser (classroom configuration: client.toolbarMode = viewer)", kind)
            return
        if kind != "rerun_script":
            original(self, msg)
            return
        refuse_unreadable_json(msg.rerun_script)
        gate = _gate(self)
        if gate.pending is not None:  # already waiting: keep only the newest request
            gate.pending = merge_rerun(gate.pending, msg.rerun_script)
            gate.merged += 1
            return
        gate.pending = msg.rerun_script
        _release(self, gate, original)

    handle_backmsg._dsconv_guarded = True  # type: ignore[attr-defined]
    handle_backmsg.__wrapped__ = original  # type: ignore[attr-defined]
    AppSession.handle_backmsg = handle_backmsg  # type: ignore[method-assign]


def _gate(session: AppSession) -> RerunGate:
    gate = getattr(session, "_dsconv_gate", None)
    if gate is None:
        gate = RerunGate()
        session._dsconv_gate = gate  # type: ignore[attr-defined]
    return gate


def _release(session: AppSession, gate: RerunGate, original: Callable) -> None:
    """Start the waiting request now if the session may, else look again when it may."""
    if gate.pending is None:
        return
    loop = asyncio.get_running_loop()
    delay = WAIT_STEP if gate.winding_down(session._scriptrunner) else gate.bucket.wait(loop.time())
    if delay > 0:
        loop.call_later(delay, _release, session, gate, original)
        return
    msg = BackMsg()
    msg.rerun_script.CopyFrom(gate.pending)
    gate.pending = None
    original(session, msg)
    if session._scriptrunner is not None and session._scriptrunner not in gate.runners:
        gate.runners.append(session._scriptrunner)


# ---------------------------------------------------------------- memory back after sessions end
TRIM_DELAY = 10.0  # s after a session ends (several ending together share one trim)
MMAP_THRESHOLD = 256 * 1024  # bytes: larger blocks (tensors, activations) get their own mapping, unmapped on free
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)
_trim_timer: threading.Timer | None = None
_trim_lock = threading.Lock()
trims = 0  # how many trims ran (tests and benchmarks read it)


def trim_memory() -> bool:
    """Collect cyclic garbage, then hand freed heap pages back to the OS (glibc ``malloc_trim``).

    Sessions that end leave their models, figures and tensors to the garbage collector (``runner.postScriptGC``
    is off), and glibc keeps freed memory in its arenas: after 8 training runs and every session closed, RSS
    stayed at 1.41 GB (535 MB warm). True when ``malloc_trim`` exists here (Linux with glibc)."""
    global trims
    gc.collect()
    trims += 1
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim(0)
        return True
    except (OSError, AttributeError):  # musl, macOS, Windows: the allocator keeps its own counsel
        return False


def _schedule_trim() -> None:
    global _trim_timer
    with _trim_lock:
        if _trim_timer is not None and _trim_timer.is_alive():
            return
        _trim_timer = threading.Timer(TRIM_DELAY, trim_memory)
        _trim_timer.daemon = True
        _trim_timer.start()


def fixed_mmap_threshold() -> bool:
    """Keep large blocks out of the heap: glibc raises its mmap threshold (up to 32 MB) each time a mapped block
    is freed, after which torch's training tensors come from the heap, interleave with page objects and can
    never be given back. A fixed threshold maps every block over MMAP_THRESHOLD and unmaps it when freed.
    True when set (Linux with glibc)."""
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):
        return False


def give_memory_back() -> None:
    """After a session shuts down (its tab closed and ``server.disconnectedSessionTTL`` passed), trim memory;
    and from now on map large blocks (:func:`fixed_mmap_threshold`).

    Patches ``AppSession.shutdown`` (Streamlit 1.67: called once when the session manager drops a session)."""
    if getattr(AppSession.shutdown, "_dsconv_guarded", False):
        return
    fixed_mmap_threshold()
    original = AppSession.shutdown

    def shutdown(self: AppSession) -> None:
        original(self)
        _schedule_trim()

    shutdown._dsconv_guarded = True  # type: ignore[attr-defined]
    shutdown.__wrapped__ = original  # type: ignore[attr-defined]
    AppSession.shutdown = shutdown  # type: ignore[method-assign]


# ---------------------------------------------------------------- sessions
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


# ---------------------------------------------------------------- a refused download says why
DOWNLOAD_FAILED = "Failed to generate file for download"  # Streamlit 1.67's text for any failing deferred download


class DownloadRefused(Exception):
    """Raised by a download button's deferred data with a message for the person who pressed it (translated)."""


def explain_refused_downloads() -> None:
    """A download whose data raises :class:`DownloadRefused` shows that message under the button.

    Streamlit 1.67 answers any failing deferred download with one fixed text ("Failed to generate file for
    download"); the button shows the answer's ``error_msg`` for 5 s. Patches ``DeferredFileHandler.handle`` to
    put our message there; any other error is logged and answered with Streamlit's fixed text, as before (the
    callable is not run a second time)."""
    from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse, DeferredFileResponsePayload
    from streamlit.runtime.backend_operation_handler import DeferredFileHandler

    if getattr(DeferredFileHandler.handle, "_dsconv_explained", False):
        return
    original = DeferredFileHandler.handle

    async def handle(self: DeferredFileHandler, request, session_id: str):
        try:
            url = await asyncio.to_thread(self._get_media_file_mgr().execute_deferred, request.deferred_file.file_id)
        except DownloadRefused as refused:
            return BackendOperationResponse(request_id=request.request_id, error_msg=str(refused))
        except Exception:  # noqa: BLE001 - as Streamlit does: logged, and only its fixed text reaches the browser
            _LOGGER.exception("Error executing deferred callable for file_id %s", request.deferred_file.file_id)
            return BackendOperationResponse(request_id=request.request_id, error_msg=DOWNLOAD_FAILED)
        return BackendOperationResponse(request_id=request.request_id, deferred_file=DeferredFileResponsePayload(url=url))

    handle._dsconv_explained = True  # type: ignore[attr-defined]
    handle.__wrapped__ = original  # type: ignore[attr-defined]
    DeferredFileHandler.handle = handle  # type: ignore[method-assign]
