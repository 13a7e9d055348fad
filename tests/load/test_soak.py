"""Short soak in CI: two waves of students come and go (one trains a model each wave); memory comes back.

The long version is ``bench/soak.py`` (15-60 minutes, figures printed). Sessions end after a 3 s
``server.disconnectedSessionTTL`` here (600 s in the classroom config, for sleeping tablets).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import free_port, start_streamlit, stop
from loadsim.soak import soak

pytestmark = pytest.mark.slow


def test_memory_comes_back_after_sessions_end():
    port = free_port()
    proc = start_streamlit(port, env={"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": "3"})
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            result = pool.submit(asyncio.run, soak(f"http://127.0.0.1:{port}", proc.pid, seconds=100, students=4,
                                                   wave_seconds=8, settle=16)).result()
    finally:
        stop(proc)
    print("\n" + result.summary())
    assert result.errors == []
    assert result.waves >= 2 and result.trainings >= 2 and result.actions >= 10
    assert result.before < result.warm <= result.peak
    assert result.after <= 1.2 * result.warm, result.summary()
