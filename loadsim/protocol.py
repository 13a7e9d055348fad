"""One simulated browser tab: Streamlit's own websocket protocol, spoken from Python.

What the browser does, in order: GET the page (HTML; behind nginx this also sets the sticky-route cookie),
GET ``/_stcore/health`` (sets the ``_streamlit_xsrf`` cookie) and ``/_stcore/host-config``, then opens
``/_stcore/stream`` with the subprotocols ``["streamlit", <xsrf token>, <session id to resume>]`` and
sends ``BackMsg.rerun_script`` (a ``ClientState``: query string, page, widget states). The server answers
with ``ForwardMsg``s (``new_session``, deltas with the page's elements, ``page_info_changed`` ...) and
ends every run with ``script_finished``. Widget ids come from the first run's deltas (each widget proto has
an ``id`` of the form ``$$ID-<hash>-<user key>``); later reruns send new values for those ids.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

REPLICA_HEADER = "x-dsconv-replica"  # set by deploy/nginx/dsconv.conf: which app replica answered
FINISHED_EARLY_FOR_RERUN = 2  # ForwardMsg.ScriptFinishedStatus: a new run follows (e.g. st.navigation's first run)


class ProtocolError(RuntimeError):
    """The server closed the stream, timed out, or answered something a browser would not accept."""


@dataclass
class RunResult:
    """What one script run sent back: the part of the page a student reads."""

    seconds: float  # from sending the rerun request to script_finished
    metrics: list[tuple[str, str]] = field(default_factory=list)  # (label, value) of every st.metric, in order
    exceptions: list[str] = field(default_factory=list)  # st.exception boxes (tracebacks a learner would see)
    errors: list[str] = field(default_factory=list)  # st.error boxes
    widget_ids: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    warnings: list[str] = field(default_factory=list)  # st.warning boxes
    downloads: dict[str, str] = field(default_factory=dict)  # download button key -> deferred file id
    bytes: int = 0  # size of the ForwardMsgs of this run


def widget_key(widget_id: str) -> str:
    """The user key in a widget id ``$$ID-<hash>-<key>`` (the id itself for unkeyed widgets)."""
    parts = widget_id.split("-", 2)
    return parts[2] if widget_id.startswith("$$ID-") and len(parts) == 3 else widget_id


class Tab:
    """A browser tab on one page of the app, connected over Streamlit's websocket."""

    def __init__(self, base_url: str, page: str, query: str = "", timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.page, self.query, self.timeout = page, query, timeout
        self.cookies = http.cookiejar.CookieJar()  # kept across reconnects, like a browser's
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.ws: Any = None
        self.session_id = ""
        self.replica = ""  # value of the nginx replica header on the websocket handshake ("" without nginx)
        self.page_hash = ""
        self.query_string = query
        self.widget_ids: dict[str, str] = {}
        self.states: dict[str, WidgetState] = {}  # key -> the value this student set (sent with every rerun)

    # --- HTTP part of opening the page ---
    def _get(self, path: str) -> dict[str, str]:
        with self._opener.open(f"{self.base_url}{path}", timeout=self.timeout) as resp:
            resp.read()
            return {k.lower(): v for k, v in resp.headers.items()}

    def _http_open(self) -> None:
        self._get(f"/{self.page}" + (f"?{self.query}" if self.query else ""))
        self._get("/_stcore/health")
        self._get("/_stcore/host-config")

    def _cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")

    async def connect(self, resume: bool = False) -> RunResult:
        """Open the page (HTTP, then the websocket) and wait for its first complete run.

        ``resume``: reconnect to the same server session (as a browser does after a network blip) and
        send no widget values, so what comes back is what the *server* remembers for this student."""
        await asyncio.to_thread(self._http_open)
        xsrf = self._cookie("_streamlit_xsrf")
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        protocols = ["streamlit", xsrf] + ([self.session_id] if resume and self.session_id else [])
        ws_url = self.base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + "/_stcore/stream"
        self.ws = await asyncio.wait_for(websockets.connect(
            ws_url, subprotocols=protocols, origin=self.base_url, additional_headers={"Cookie": cookie},
            max_size=None, ping_interval=None, compression=None, open_timeout=self.timeout,
        ), self.timeout)
        self.replica = self.ws.response.headers.get(REPLICA_HEADER, "")
        # the browser names the page on a first load, and sends the page's hash once it knows it
        return await self.rerun({}, send_states=not resume, query=self.query, by_name=not resume)

    async def send(self, msg: BackMsg) -> None:
        """Send any BackMsg without waiting for an answer (what a misbehaving tab does)."""
        await self.ws.send(msg.SerializeToString())

    def rerun_message(self, changes: dict[str, dict[str, Any]]) -> BackMsg:
        """The rerun request :meth:`rerun` would send for ``changes`` (not sent)."""
        for key, value in changes.items():
            self.set_value(key, **value)
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        if self.page_hash:
            rerun.page_script_hash = self.page_hash
        else:
            rerun.page_name = self.page
        rerun.widget_states.SetInParent()
        for key, state in self.states.items():
            state.id = self.widget_ids.get(key, state.id)
            rerun.widget_states.widgets.append(state)
        return msg

    async def drain(self, quiet: float = 0.5, limit: float = 30.0, answers: int = 0) -> dict[str, int]:
        """Read until the server has been quiet for ``quiet`` s (at most ``limit`` s, and until ``answers``
        backend operation responses came): counts of message kinds."""
        counts: dict[str, int] = {}
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if answers and sum(v for k, v in counts.items() if k.startswith("backend")) >= answers:
                break
            try:
                data = await asyncio.wait_for(self.ws.recv(), quiet)
            except asyncio.TimeoutError:
                if answers and sum(v for k, v in counts.items() if k.startswith("backend")) < answers:
                    continue
                break
            except websockets.ConnectionClosed:
                counts["closed"] = 1
                break
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type") or ""
            if kind == "backend_operation_response":
                kind += ":error" if fm.backend_operation_response.error_msg else ":ok"
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    # --- reruns ---
    def set_value(self, key: str, **value: Any) -> None:
        """Remember a new widget value, e.g. ``set_value("k", double_array=[5])`` or ``set_value("k1", int_value=5)``."""
        state = WidgetState(id=self.widget_ids[key])
        for kind, v in value.items():
            if kind == "double_array":
                state.double_array_value.data.extend(float(x) for x in v)
            else:
                setattr(state, kind, v)
        self.states[key] = state

    async def rerun(self, changes: dict[str, dict[str, Any]], *, send_states: bool = True, query: str | None = None,
                    by_name: bool = False) -> RunResult:
        """Send a rerun with this student's widget values (``changes`` applied first); wait for the finished run."""
        for key, value in changes.items():
            self.set_value(key, **value)
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string if query is None else query
        if by_name or not self.page_hash:
            rerun.page_name = self.page
        else:
            rerun.page_script_hash = self.page_hash
        rerun.widget_states.SetInParent()
        if send_states:
            for key, state in self.states.items():
                state.id = self.widget_ids.get(key, state.id)  # ids can change with a widget's parameters
                rerun.widget_states.widgets.append(state)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._collect(t0)

    async def _collect(self, t0: float) -> RunResult:
        result = RunResult(seconds=0.0)
        kinds: list[str] = []  # message types received, for the error message
        deadline = t0 + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s (got {kinds[-12:]})")
            try:
                data = await asyncio.wait_for(self.ws.recv(), remaining)
            except asyncio.TimeoutError:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s (got {kinds[-12:]})") from None
            except websockets.ConnectionClosed as exc:
                raise ProtocolError(f"websocket closed: {exc}") from None
            result.bytes += len(data)
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type")
            kinds.append(kind if kind != "script_finished" else f"script_finished:{fm.script_finished}")
            if kind == "new_session":
                self.session_id = fm.new_session.initialize.session_id
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fm.page_info_changed.query_string
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._element(fm.delta.new_element, result)
            elif kind == "script_finished":
                if fm.script_finished == FINISHED_EARLY_FOR_RERUN:
                    result = RunResult(seconds=0.0, bytes=result.bytes)  # the elements of the real run follow
                    continue
                result.seconds = time.perf_counter() - t0
                self.widget_ids.update(result.widget_ids)
                return result

    @staticmethod
    def _element(element: Any, result: RunResult) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if kind == "metric":
            result.metrics.append((proto.label, proto.body))
        elif kind == "exception" and not proto.is_warning:
            result.exceptions.append(f"{proto.type}: {proto.message}"[:300])
        elif kind == "alert" and proto.format == proto.ERROR:
            result.errors.append(proto.body[:300])
        elif kind == "alert" and proto.format == proto.WARNING:
            result.warnings.append(proto.body[:300])
        elif kind == "download_button" and proto.deferred_file_id:
            result.downloads[widget_key(proto.id)] = proto.deferred_file_id
        widget_id = getattr(proto, "id", "") if kind not in ("metric", "alert", "exception") else ""
        if widget_id:
            result.widget_ids[widget_key(widget_id)] = widget_id
