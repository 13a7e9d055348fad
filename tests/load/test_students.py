"""Simulated students (loadsim: Streamlit's websocket protocol from Python) against the real `streamlit run` server.

Short CI form of bench/students.py, the checks behind it (a wrong or foreign value is caught), and its
validation against a real browser: the numbers a simulated student reads are the ones Chromium shows.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import wait_for_app
from loadsim.protocol import Tab
from loadsim.students import Draw, Playground, Receptive, expected_predictions, pct, rf_size, run_class, summary

pytestmark = pytest.mark.slow


def in_thread(fn, *args, **kwargs):
    """Run fn in its own thread: an earlier sync-Playwright test can leave an asyncio loop running in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def test_twenty_students_for_thirty_seconds_without_errors(app_url):
    result = in_thread(run_class, app_url, 20, 30.0, period=5.0, ramp=5.0, timeout=120.0, reconnect_every=3)
    print("\n" + summary(result))
    assert result.errors == []
    # every student loaded its page, and the class acted on all three pages (how much depends on the
    # machine's load: figures are bench/students.py's job, not a test's)
    assert len(result.page_load) == 20
    assert all(result.latency[kind] for kind in result.latency)
    assert result.actions >= 20
    # reconnects found their own server session, which still held that student's values (checked per reply)
    assert result.resumes >= 1
    assert all(len(ids) == 1 for ids in result.sessions.values())
    assert pct(result.all_latency, 50) < 30  # finished runs, not timeouts (p95 is a bench figure, not a test)


def test_checks_catch_another_sessions_values(app_url):
    """A reply for someone else's values is an error: a fresh session (the URL's values) fails the check."""

    async def scenario() -> tuple[str | None, str | None, str | None]:
        student = Playground(7)
        tab = Tab(app_url, student.page, student.query, timeout=90)
        await tab.connect()
        run = await tab.rerun(student.act())
        while not student.changed():
            run = await tab.rerun(student.act())
        mine = student.check(run)
        stranger = Tab(app_url, student.page, student.query, timeout=90)  # another session, same first URL
        foreign = student.check(await stranger.connect())
        await stranger.close()
        rf = Receptive(3)
        rf_tab = Tab(app_url, rf.page, rf.query, timeout=90)
        await rf_tab.connect()
        changes = rf.act()
        rf.ks, rf.d2 = [9, 9, 9], 3  # expect something the page was never asked for
        wrong = rf.check(await rf_tab.rerun(changes))
        await tab.close()
        await rf_tab.close()
        return mine, foreign, wrong

    mine, foreign, wrong = in_thread(asyncio.run, scenario())
    assert mine is None
    assert foreign is not None and "not shown" in foreign
    assert wrong is not None and "not shown" in wrong


def test_drawn_digits_come_back_with_the_models_own_answer(app_url):
    """The canvas value the client sends is read by the page like a browser's: same digit and confidence."""
    Draw.expect = expected_predictions()
    assert Draw.expect[("1", 20)][0] == "1" and Draw.expect[("0", 20)][0] == "0"

    async def scenario() -> list[str | None]:
        out = []
        for student in (2, 5):  # two pen widths
            draw = Draw(student)
            tab = Tab(app_url, draw.page, timeout=90)
            out.append(draw.check(await tab.connect()))  # empty canvas: no prediction
            for _ in range(2):  # a "1", then a "0"
                out.append(draw.check(await tab.rerun(draw.act())))
            await tab.close()
        return out

    assert in_thread(asyncio.run, scenario()) == [None] * 6


@pytest.mark.browser
def test_simulated_student_reads_what_the_browser_shows(app_url, page):
    """Validation against the browser: same URL and slider values, the same numbers on the page."""
    views = [("playground", "k=5&cin=4&cout=8", {"k": {"double_array": [7]}, "cin": {"double_array": [6]}}),
             ("receptive_field", "preset=custom&size=32&n=3&k1=3&k2=5&k3=3&d2=2", {"k3": {"int_value": 5}})]

    async def simulated() -> list[list[str]]:
        out = []
        for name, query, changes in views:
            tab = Tab(app_url, name, query, timeout=90)
            await tab.connect()
            run = await tab.rerun(changes)
            out.append([value for _, value in run.metrics])
            await tab.close()
        return out

    sim = in_thread(asyncio.run, simulated())
    shown = []
    for (name, query, changes), want in zip(views, sim):
        values = "&".join(f"{k}={int(next(iter(v.values()))[0] if isinstance(next(iter(v.values())), list) else next(iter(v.values())))}"
                          for k, v in changes.items())
        page.goto(f"{app_url}/{name}?{query}&{values}")
        page.wait_for_selector('[data-testid="stMetricValue"]')
        wait_for_app(page)
        shown.append([t.strip() for t in page.locator('[data-testid="stMetricValue"]').all_inner_texts()])
    assert sim == shown
    assert "(8, 6, 7, 7)" in sim[0]
    r = rf_size(32, [3, 5, 5], 2)  # from dsconv.receptive.field
    assert r == 15 and f"{r}×{r}" in sim[1]


def test_a_class_arriving_at_once_on_a_cold_server():
    """12 students open shared links (not the home page) on a just-started server at the same moment.

    Regression: ui/__init__ used to st.rerun() in the middle of its own import (leaving legacy pages mode),
    and concurrent first sessions were handed the half-initialised module: 3-6 of 12 saw
    "module 'ui' has no attribute 'tr'"."""
    from conftest import free_port, start_streamlit, stop

    proc = start_streamlit(free_port())
    base = f"http://127.0.0.1:{proc.args[proc.args.index('--server.port') + 1]}"

    async def arrive() -> list[list[str]]:
        async def one(i: int) -> list[str]:
            tab = Tab(base, ("playground", "receptive_field", "draw")[i % 3], timeout=120)
            try:
                run = await tab.connect()
                return run.exceptions
            finally:
                await tab.close()

        return await asyncio.gather(*(one(i) for i in range(12)))

    try:
        shown = in_thread(asyncio.run, arrive())
    finally:
        stop(proc)
    assert shown == [[]] * 12
