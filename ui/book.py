"""The Train page's book-recipe parts: a short run with the book's loop, and the recorded runs side by side."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import chrome
from dsconv.figures.tokens import recipe_curves
from dsconv.mnist.book_recipe import BOOK_SUFFIX, is_book_entry


def comparison(card: dict[str, dict]) -> None:
    """The book's runs next to the app's recipe for the same two nets: table, curves, the one-sentence why."""
    tr = chrome.tr()
    st.subheader(tr("train.book.title"))
    pairs = [(name, card.get(name + BOOK_SUFFIX)) for name in ("seed_standard", "seed_dsconv")]
    rows, entries = [], []
    for name, book in pairs:
        for entry in (card.get(name), book):
            if entry is None:
                continue
            entries.append(entry)
            history = entry.get("history") or [{}]
            last = history[-1].get("last_batch_acc")
            rows.append({
                tr("train.col.model"): entry["name"],
                tr("train.book.col.recipe"): tr("train.book.recipe_book" if is_book_entry(entry) else "train.book.recipe_app"),
                tr("train.col.epochs"): entry["epochs"],
                tr("train.col.accuracy"): f"{entry['test_accuracy']:.2%}",
                tr("train.book.col.last_batch"): "—" if last is None else f"{last:.2%}",
                tr("train.col.time"): f"{entry['wall_time_s']:.0f} s",
            })
    if not any(book for _, book in pairs):
        st.info(tr("train.book.missing"))
    if rows:
        st.table(pd.DataFrame(rows).set_index(tr("train.col.model")))
        st.plotly_chart(recipe_curves(entries, chrome.lang(), chrome.fig_height(360)), key="train_book_curves")
    st.markdown(tr("train.book.why"))
