"""Tables: read-only HTML tables that grow with the projector font, sortable ones for learners."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.chrome import presenting

def blank_missing(df: "pd.DataFrame") -> "pd.DataFrame":
    """Empty cells read blank, not "None"/"nan"/"<NA>" (in every language); numbers get thousands separators."""
    import pandas as pd

    def cell(v: Any) -> Any:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return ""
        if isinstance(v, bool):
            return v
        if isinstance(v, int) or (hasattr(v, "dtype") and getattr(v.dtype, "kind", "") in "iu"):
            return f"{int(v):,}"
        return v

    return df.astype(object).map(cell)


def table(df: "pd.DataFrame", *, index: bool = False, container: Any = st) -> None:
    """A read-only table as HTML (``st.table``): it wraps instead of scrolling, grows with the presentation
    font (a canvas-drawn ``st.dataframe`` does not) and shows empty cells blank."""
    shown = blank_missing(df)
    if index:
        shown = shown.set_index(shown.columns[0])
    container.table(shown, hide_index=not index)


def data(df: "pd.DataFrame", *, key: str | None = None, container: Any = st, **kwargs: Any) -> None:
    """A table learners can sort and scroll (``st.dataframe``); on a projector the enlarged HTML :func:`table`."""
    if presenting():
        table(df, container=container)
        return
    tag = key or f"t{id(df)}"
    with container.container(key=f"ui_wide_table_{tag}"):
        st.dataframe(df, hide_index=True, key=key, **kwargs)
    with container.container(key=f"ui_narrow_table_{tag}"):  # shown under 900 px instead (it wraps: ui.layout)
        table(df)
