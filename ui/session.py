"""What lives in a learner's session, declared in one place: the values that travel between pages, and the
rule that each page owns its own settings.

Travels: the language and presentation mode (the sidebar), a model trained on the Train page (offered on Draw),
a network handed from the Model builder to Train, a stack handed from Paste to the Model builder, the drawing on
Draw, and the learner's training run. Everything else belongs to one page: a page change stashes the page's
settings and restores them when the learner comes back, so Playground ``size=4`` never reaches Receptive field.
A link that carries a page's own URL parameters (a lesson, a shared link, a hand-off) opens that page fresh.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import streamlit as st
from torch import nn

from dsconv.mnist.runs import RUNS, Run, Trainer
from ui import server

# --- the keys, one line each (tests inject values under the same names) ---
SESSION_MODELS = "session_models"  # {label: {"model", "accuracy", "arch"}}: models trained in this session
BUILDER_NET = "builder_net"  # the Model builder's network, offered on the Train page
BUILDER_ROWS = "builder_base"  # the Model builder's editor rows (Paste hands a stack over here)
BUILDER_GEN = "builder_gen"  # the editor's generation: a new one redraws the editor from BUILDER_ROWS
DRAWING = "draw_strokes"  # Draw's strokes, kept while the learner visits other pages
TRAVELS = ("lang", "present")  # URL parameters every page shares; all others belong to one page

_PAGE = "_page"  # url_path of the page this session shows
_OWNED = "_page_owned"  # {page: keys its widgets drew}
_STASH = "_page_stash"  # {page: {key: value}}: settings of pages not shown now
_SHOWN = "_page_shown"  # {page: {key: value}}: the page's settings at the end of its last run
_ARRIVAL = "_page_arrival"  # (count, fresh): page arrivals so far, and whether this one started fresh


@dataclass(frozen=True)
class SessionModel:
    """A model trained in this session, as Draw offers it."""

    model: nn.Module
    accuracy: float
    arch: str


# --- pages own their settings ---

def enter_page(page: str) -> None:
    """Called by app.py before the page runs: on a page change, stash the old page's settings, then restore the
    new page's (unless its URL carries its own parameters: a lesson link, a shared link or a hand-off)."""
    S = st.session_state
    last = S.get(_PAGE)
    if last == page:
        return
    S[_PAGE] = page
    if last is not None:
        owned = S.get(_OWNED, {}).get(last, set())
        # the values at the end of the page's last run (the browser no longer sends the left page's widgets)
        S.setdefault(_STASH, {})[last] = {**S.get(_SHOWN, {}).get(last, {}), **{key: S[key] for key in owned if key in S}}
        problems = S.get("_url_problems", {})
        for key in owned:
            S.pop(key, None)
            problems.pop(key, None)
    stash = S.get(_STASH, {}).pop(page, None)
    deliberate = any(name not in TRAVELS for name in st.query_params)
    count = S.get(_ARRIVAL, (0, True))[0] + 1
    if stash and not deliberate:
        for key, value in stash.items():
            S[key] = value
        S[_ARRIVAL] = (count, False)
    else:
        S[_ARRIVAL] = (count, True)


def snapshot_page() -> None:
    """Called by app.py after every run of a page: remember its settings as they are now."""
    S = st.session_state
    page = S.get(_PAGE)
    if page is not None:
        S.setdefault(_SHOWN, {})[page] = {key: S[key] for key in S.get(_OWNED, {}).get(page, ()) if key in S}


def own(key: str) -> None:
    """Mark ``key`` as a setting of the page now shown (stashed when the learner leaves, restored on return)."""
    page = st.session_state.get(_PAGE)
    if page is not None and key not in TRAVELS:
        st.session_state.setdefault(_OWNED, {}).setdefault(page, set()).add(key)


def fresh_arrival(tag: str) -> bool:
    """True once per arrival at a page that starts fresh (first visit, a link with its own parameters);
    False on reruns and when the page's settings were restored. Pages run alone (AppTest): once per session."""
    count, fresh = st.session_state.get(_ARRIVAL, (0, True))
    seen = st.session_state.setdefault("_page_seeded", {})
    if seen.get(tag) == count:
        return False
    seen[tag] = count
    return fresh


def load_preset(tag: str, param: str, presets: Callable[[str], Mapping[str, Any]], valid: Any,
                default: str | None) -> str | None:
    """The one "load a preset from the URL": on a fresh arrival ``?param=NAME`` (else ``default``) fills every
    control the URL does not set itself. Returns the preset loaded, or None (no fresh arrival, no preset)."""
    return apply_url_preset(param, presets, valid, default) if fresh_arrival(tag) else None


def apply_url_preset(param: str, presets: Callable[[str], Mapping[str, Any]], valid: Any,
                     default: str | None) -> str | None:
    """Fill the controls the URL does not set from preset ``?param=`` (else ``default``); the name, or None."""
    raw = st.query_params.get(param)
    name = raw if raw in valid else default
    if name is None:
        return None
    for key, value in presets(name).items():
        if key not in st.query_params:
            st.session_state[key] = value
    return name


# --- values that travel ---

def session_models() -> dict[str, SessionModel]:
    """Models trained in this session (collecting a run that finished since the last look)."""
    collect_run()
    return {label: SessionModel(e["model"], e["accuracy"], e["arch"])
            for label, e in st.session_state.get(SESSION_MODELS, {}).items()}


def add_session_model(label: str, entry: SessionModel) -> None:
    st.session_state.setdefault(SESSION_MODELS, {})[label] = {"model": entry.model, "accuracy": entry.accuracy,
                                                              "arch": entry.arch}


def builder_net() -> Any:
    """The Model builder's network (a ``NetSpec``), or None."""
    return st.session_state.get(BUILDER_NET)


def hand_to_train(net: Any) -> None:
    """Model builder -> Train: the network to offer there."""
    st.session_state[BUILDER_NET] = net


def hand_to_builder(rows: list[dict]) -> None:
    """Paste -> Model builder: the stack the editor starts from."""
    st.session_state[BUILDER_ROWS] = rows
    st.session_state[BUILDER_GEN] = st.session_state.get(BUILDER_GEN, 0) + 1


def drawing() -> dict | None:
    """Draw's last strokes (as the sketchpad sends them), kept across page changes."""
    return st.session_state.get(DRAWING)


def keep_drawing(strokes: dict | None) -> None:
    st.session_state[DRAWING] = strokes


# --- the training run ---

def _owner() -> str:
    """This session's token in the run registry (its own, so tests that share a process never share a run)."""
    if "_run_owner" not in st.session_state:
        st.session_state["_run_owner"] = uuid.uuid4().hex
    return st.session_state["_run_owner"]


def current_run() -> Run | None:
    """This session's latest run (running or finished), if any."""
    RUNS.sweep()
    return RUNS.current(_owner())


def start_run(label: str, arch: str, model: nn.Module, train: Trainer) -> Run | None:
    """Start a run on a worker thread for this session; None when the server's runs are all busy."""
    sid = server.session_id()
    alive = (lambda: server.session_exists(sid)) if sid else (lambda: True)
    return RUNS.start(_owner(), label, arch, model, train, alive)


def stop_run() -> None:
    RUNS.stop(_owner())


def collect_run() -> Run | None:
    """Hand a run that finished to this session's models (once); returns the session's latest run."""
    run = RUNS.current(_owner())
    if run is not None and run.state == "done" and not run.collected:
        run.collected = True
        add_session_model(run.label, SessionModel(run.model, run.result.test_accuracy, run.arch))
    return run
