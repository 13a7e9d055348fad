"""Shared by the page benchmarks: an AppTest wrapper page that times only a page's own script."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMER_KEY = "_bench_s"  # session_state key holding the last script time in seconds


def timed_page(page: str) -> str:
    """Source of a page that runs ``pages/<page>`` with ``runpy`` between two clocks (AppTest start-up excluded)."""
    return f"""
import runpy, sys, time
import streamlit as st
sys.path.insert(0, {str(ROOT)!r})
start = time.perf_counter()
try:
    runpy.run_path({str(ROOT / "pages" / page)!r}, run_name="__main__")
finally:
    st.session_state[{TIMER_KEY!r}] = time.perf_counter() - start
"""
