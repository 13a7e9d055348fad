"""One student cannot break the class (issue 23): protocol-level abuses beside a small class of simulated students.

Each test runs the class on the idle server, then again while one tab abuses it, in the same run, and
compares the others' latencies. Short versions (seconds, bounded loops, localhost only); the full-size
figures come from ``bench/abuse.py``. The bound checked here is loose (this machine is shared): an abuse
that stalls the class (the issue measured 8-39 s) fails it; the 1.5 s target is the bench's figure.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from loadsim import abuse
from loadsim.protocol import Tab
from loadsim.students import pct

pytestmark = pytest.mark.slow
STUDENTS, SECONDS = 3, 6.0


def in_thread(fn, *args, **kwargs):
    """Run fn in its own thread: an earlier sync-Playwright test can leave an asyncio loop running in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def measured(app_url, attack) -> abuse.Measured:
    result = in_thread(asyncio.run, abuse.measure(app_url, attack, students=STUDENTS, seconds=SECONDS))
    print("\n" + result.line(getattr(attack, "__qualname__", "abuse")))
    assert result.errors == []
    assert result.idle and result.during
    return result


def others_were_not_stalled(result: abuse.Measured) -> None:
    """Others' p95 during the abuse stays within a few seconds of the idle one (a stall was 8-39 s)."""
    assert pct(result.during, 95) <= max(3.0, 3 * pct(result.idle, 95)), result.line("stalled")


def test_a_rerun_flood_does_not_stall_the_others(app_url):
    result = measured(app_url, abuse.rerun_flood(app_url, 2_000))
    others_were_not_stalled(result)
    assert result.facts["runs_finished"] <= 30  # 2,000 requests became a handful of runs
    assert result.facts["flooder_sees_k5"]  # and the flooder's own next action still works


def test_an_oversized_drawing_is_refused_without_work(app_url):
    """Under the 1 MB frame limit but far beyond a hand: one clear message, at once; over it: the socket closes."""
    under = measured(app_url, abuse.oversized_canvas(app_url, strokes=20, points=1_800, pen=400, side=2000))
    others_were_not_stalled(under)
    assert under.facts["exceptions"] == [] and "not read" in under.facts["errors"][0]
    assert under.facts["answer_s"] < 5
    over = in_thread(asyncio.run, abuse.oversized_canvas(app_url)())  # the 1.7 MB message
    assert over.get("closed"), over


def test_values_no_browser_sends_get_a_message_not_a_traceback(app_url):
    facts = in_thread(asyncio.run, abuse.deep_json(app_url)())
    for case in ("deep", "infinity"):
        assert facts[case]["exceptions"] == [], facts
        assert facts[case]["errors"] and "not read" in facts[case]["errors"][0], facts


def test_clear_cache_from_a_browser_changes_nothing_for_the_others(app_url):
    result = measured(app_url, abuse.clear_cache_spam(app_url, 10))
    others_were_not_stalled(result)


def test_export_spam_runs_one_renderer_at_a_time(app_url):
    """12 PNG and 40 HTML export requests at once: one Chromium at a time (before: 62 processes, 7.1 GB)."""
    from conftest import server_pid

    result = measured(app_url, abuse.export_spam(app_url, 12, 40, server_pid=server_pid(app_url)))
    others_were_not_stalled(result)
    answers = result.facts["answers"]
    assert sum(answers.values()) == 52, answers  # every request was answered (files or "busy")
    assert 0 < result.facts["peak_chromium"] <= 12, result.facts  # one Chromium is ~5-8 processes


def test_twenty_thousand_builder_rows_cost_nothing(app_url):
    over = in_thread(asyncio.run, abuse.builder_rows(app_url, 20_000)())  # 1.9 MB: over the frame limit
    assert over.get("closed"), over
    result = measured(app_url, abuse.builder_rows(app_url, 6_000))  # under it: cut to 64 rows, then a message
    others_were_not_stalled(result)
    assert result.facts["exceptions"] == [] and "at most 16" in result.facts["errors"][0], result.facts
    assert result.facts["answer_s"] < 10


def test_clear_cache_cannot_reset_the_training_cap(app_url):
    """Two runs in progress hold the cap (2); after clear_cache messages, more presses still get 'busy'.

    Before issue 23 the cap was an st.cache_resource semaphore: clear_cache made a new one, and 8 presses gave
    4 concurrent runs. (Written against the current semaphore; the session-owned worker of the ``flow``
    branch must pass it too.)"""

    async def scenario() -> dict:
        query = "model=seed_dsconv&epochs=2&subset=10000"  # ~20k images: the two holders outlast the later presses
        tabs = [Tab(app_url, "train", query, timeout=300) for _ in range(7)]
        for tab in tabs:
            await tab.connect()

        def press(tab: Tab) -> asyncio.Task:
            return asyncio.create_task(tab.rerun({"train_run": {"trigger_value": True}}))

        t0 = time.perf_counter()
        holders = [press(tabs[0]), press(tabs[1])]
        await asyncio.sleep(2.0)
        clear = BackMsg()
        clear.clear_cache = True
        outcomes, pressed_at = [], []
        for round_ in range(2):  # clear_cache, then two more presses, twice
            for _ in range(3):
                await tabs[6].send(clear)
            await asyncio.sleep(0.3)
            pair = tabs[2 + 2 * round_: 4 + 2 * round_]
            pressed_at.append(time.perf_counter() - t0)
            outcomes += await asyncio.gather(*(tab.rerun({"train_run": {"trigger_value": True}}) for tab in pair))
        held = await asyncio.gather(*holders)
        finished_at = time.perf_counter() - t0
        for tab in tabs:
            await tab.close()
        return {"busy": [any("already training" in w for w in run.warnings) for run in outcomes],
                "holders_busy": [any("already training" in w for w in run.warnings) for run in held],
                "last_press": max(pressed_at), "holders_done": finished_at,
                "exceptions": [e for run in outcomes + held for e in run.exceptions]}

    facts = in_thread(asyncio.run, scenario())
    print("\n", facts)
    assert facts["exceptions"] == []
    assert facts["holders_busy"] == [False, False]  # the two first presses trained
    assert facts["last_press"] < facts["holders_done"], "the runs ended before the later presses: too short to tell"
    assert facts["busy"] == [True] * 4  # never more than the cap of 2 concurrent runs
