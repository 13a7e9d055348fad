"""Tables: read-only HTML tables that grow with the projector font, sortable ones for learners, and layer ledgers."""

from __future__ import annotations

from typing import Any, Sequence

import streamlit as st

from dsconv.conv.ledger import COLUMNS, Ledger, shape_text
from ui import chrome
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


def ledger(book: Ledger, area: str, first: str, metrics: Sequence[str] | None, *, sortable: bool = False) -> None:
    """A ledger of layers as the Builder and Paste pages show it: four totals, then the layer table with a total row.

    ``metrics`` labels params, MACs, receptive field and output (None: no totals, e.g. for a stack broken part way);
    ``area`` finds the title and column names (``{area}.table``, ``{area}.col.{first|layer|type|rf}``,
    ``{area}.total``); ``first`` is the first column (``block``, ``line``). ``sortable``: a table learners can sort,
    the enlarged HTML table on a projector.
    """
    import pandas as pd

    tr = chrome.tr()
    if metrics is not None:
        for col, label, value in zip(st.columns(4), metrics, (f"{book.params:,}", f"{book.macs:,}",
                                                              f"{book.rf}×{book.rf}", shape_text(book.out_shape))):
            col.metric(label, value)
    st.subheader(tr(f"{area}.table"))
    df = pd.DataFrame(book.table(first), columns=[first, *COLUMNS])
    df[first] = df[first].map(lambda n: "" if n is None or n != n else str(int(n)))
    df.loc[df.index[-1], "layer"] = tr(f"{area}.total")
    names = {first: tr(f"{area}.col.{first}"), "layer": tr(f"{area}.col.layer"), "type": tr(f"{area}.col.type"),
             "out_shape": tr("term.output_shape"), "params": tr("term.params"), "macs": tr("term.macs"),
             "rf": tr(f"{area}.col.rf")}
    if not sortable:
        table(df.rename(columns=names))
    elif presenting():
        table(df.rename(columns=names), index=True)  # indexed by the first column; numbers with separators
    else:
        with st.container(key=f"ui_wide_table_ledger_{area}"):
            st.dataframe(df, hide_index=True, width="stretch", height=min(35 * len(df) + 40, 900), column_config={
                "params": st.column_config.NumberColumn(names["params"], format="localized"),
                "macs": st.column_config.NumberColumn(names["macs"], format="localized"),
                **{k: names[k] for k in (first, "layer", "type", "out_shape", "rf")},
            })
        with st.container(key=f"ui_narrow_table_ledger_{area}"):  # shown under 900 px instead (it wraps: ui.layout)
            table(df.rename(columns=names), index=True)
