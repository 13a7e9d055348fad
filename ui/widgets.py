"""URL-bound widgets: every control a page shows lives in ``st.query_params``, so copying the URL reproduces
the view; junk URL values fall back to defaults with a translated warning (never rendered as Markdown)."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import streamlit as st

from dsconv.plaintext import plain
from dsconv.urlstate import Parsed, parse_bool, parse_choice, parse_int
from ui import session
from ui.chrome import lang

_PROBLEMS = "_url_problems"


def _init(name: str, parsed: Parsed) -> None:
    """Seed widget state from the URL once per visit of the page (the widget owns it afterwards)."""
    session.own(name)
    if name in st.session_state:
        return
    st.session_state[name] = parsed.value
    if parsed.problem is not None:
        st.session_state.setdefault(_PROBLEMS, {})[name] = parsed.problem


def _after(name: str, value: Any, url_value: str, container: Any) -> None:
    """Write the value back to the URL (only when it differs: each write is a message and a history update in
    the browser, 13 per Playground rerun otherwise) and show a pending URL warning for this control."""
    if st.query_params.get(name) != url_value:
        st.query_params[name] = url_value
    problems = st.session_state.get(_PROBLEMS, {})
    problem = problems.get(name)
    if problem is not None:
        # select() keeps the default as its URL text; toggle()'s default is 0/1 and its value a bool
        if value == problem.default or str(value) == str(problem.default):
            container.warning(plain(problem.message(lang())), icon="⚠️")
        else:
            problems.pop(name, None)


def slider(name: str, label: str, lo: int, hi: int, default: int, *, container: Any = st, **kw: Any) -> int:
    """An int slider whose value lives in ``?name=``."""
    _init(name, parse_int(name, st.query_params.get(name), lo, hi, default))
    if not lo <= st.session_state[name] <= hi:  # range shrank since the value was set
        st.session_state[name] = min(max(st.session_state[name], lo), hi)
    value = container.slider(label, lo, hi, key=name, **kw)
    _after(name, value, str(value), container)
    return value


def number(name: str, label: str, lo: int, hi: int, default: int, *, container: Any = st, **kw: Any) -> int:
    """An int number input whose value lives in ``?name=`` (for values a learner types)."""
    _init(name, parse_int(name, st.query_params.get(name), lo, hi, default))
    value = container.number_input(label, min_value=lo, max_value=hi, step=1, key=name, **kw)
    _after(name, int(value), str(int(value)), container)
    return int(value)


def select(
    name: str,
    label: str,
    options: Sequence[Any],
    default: Any,
    *,
    container: Any = st,
    format_func: Callable[[Any], str] = str,
    widget: str = "selectbox",
    **kw: Any,
) -> Any:
    """A selectbox (or radio / segmented_control / select_slider) whose value lives in ``?name=``."""
    by_text = {str(o): o for o in options}
    parsed = parse_choice(name, st.query_params.get(name), list(by_text), str(default))
    _init(name, Parsed(by_text[parsed.value], parsed.problem))
    _restore_choice(name, options, default)
    on_change = kw.pop("on_change", None)
    if on_change is not None:
        kw["on_change"] = _unless_only_relabelled(name, options, default, on_change)
    labels = _resend_if_relabelled(name, options, format_func)
    make = getattr(container, widget)
    if widget == "select_slider":
        value = make(label, options=list(options), key=name, format_func=format_func, **kw)
    else:
        value = make(label, list(options), key=name, format_func=format_func, **kw)
    st.session_state.setdefault(_LABELS, {})[name] = (labels, value)
    _after(name, value, str(value), container)
    return value


def choice(name: str, label: str, options: Sequence[Any], *, container: Any = st,
           format_func: Callable[[Any], str] = str, **kw: Any) -> Any:
    """A selectbox kept in the session only (not the URL) that survives its labels changing (language, edits)."""
    options = list(options)
    session.own(name)
    if name in st.session_state:
        _restore_choice(name, options, options[0])
    labels = _resend_if_relabelled(name, options, format_func)
    value = container.selectbox(label, options, key=name, format_func=format_func, **kw)
    st.session_state.setdefault(_LABELS, {})[name] = (labels, value)
    return value


_LABELS = "_choice_labels"  # per select(): {label shown last run: option index}, and the value shown


def _resend_if_relabelled(name: str, options: Sequence[Any], format_func: Callable[[Any], str]) -> dict[str, int]:
    """This run's {label: option index}; when the labels changed (language, edits), re-send the value to the browser."""
    labels = {format_func(o): i for i, o in enumerate(options)}
    if name in st.session_state and labels != st.session_state.get(_LABELS, {}).get(name, (labels, None))[0]:
        st.session_state[name] = st.session_state[name]
    return labels


def _restore_choice(name: str, options: Sequence[Any], default: Any) -> bool:
    """Map a stale label back to its option; True if the value was only relabelled (same option as before).

    Streamlit's selectbox/radio send their value as the *label*: after a language switch the browser
    sends the old language's label, which no longer matches and arrives as a plain string (a traceback
    in any page that indexes with it). The labels shown last run turn it back into the option.
    """
    value = st.session_state.get(name)
    if value in options:
        return False
    labels, shown = st.session_state.get(_LABELS, {}).get(name, ({}, None))
    index = labels.get(value) if isinstance(value, str) else None
    restored = options[index] if index is not None and index < len(options) else default
    st.session_state[name] = restored
    return restored == shown


def _unless_only_relabelled(name: str, options: Sequence[Any], default: Any, callback: Callable) -> Callable:
    """``callback`` for on_change, skipped when the "change" was only the labels changing language."""

    def changed(*args: Any, **kwargs: Any) -> None:
        if not _restore_choice(name, options, default):
            callback(*args, **kwargs)

    return changed


def toggle(name: str, label: str, default: bool, *, container: Any = st, **kw: Any) -> bool:
    """A toggle whose value lives in ``?name=1|0``."""
    _init(name, parse_bool(name, st.query_params.get(name), default))
    value = container.toggle(label, key=name, **kw)
    _after(name, value, "1" if value else "0", container)
    return value


def set_state(**values: Any) -> None:
    """Callback for preset buttons: set several controls at once (before their widgets are drawn)."""
    for name, value in values.items():
        st.session_state[name] = value
        st.session_state.get(_PROBLEMS, {}).pop(name, None)
