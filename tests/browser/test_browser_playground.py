"""End-to-end in Debian Chromium: the Playground's kernel-sliding stage (ui/stage.js).

Every number the stage shows is read off the page and compared with torch.nn.functional.conv2d; keyboard,
touch and linking drive it with no rerun; nothing is cut or overlapping on projectors, a laptop, a tablet and a
phone, in English and Chinese; "Just the picture" shows it alone and animated. One server, one browser per module.
"""

from __future__ import annotations

import pytest
import torch.nn.functional as F

from conftest import ARTIFACTS, new_page, open_page
from dsconv.conv.arithmetic import ConvSpec, depthwise_separable
from dsconv.conv.sliding import example_tensors

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STAGE = ".dsstage"
PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/126.0 Mobile Safari/537.36")
IPAD = ("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.0 Mobile/15E148 Safari/604.1")

# every number the stage shows, with where it sits (role x|w|p|sum|y|eq; lane, row, column; output map)
READ = """root => [...root.querySelectorAll('svg.pic text[data-role]')]
  .filter(t => getComputedStyle(t).visibility !== 'hidden')
  .map(t => ({role: t.dataset.role, lane: +t.dataset.lane, r: +t.dataset.r, c: +t.dataset.c, out: +t.dataset.out,
              text: t.textContent, value: t.dataset.value, sum: t.dataset.sum, bias: t.dataset.bias}))"""


def count_sent(page) -> list:
    """Websocket frames the browser sends to the server (a rerun needs one)."""
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    return sent


def open_stage(page, app_url: str, query: str) -> list:
    sent = count_sent(page)
    # Open "/" first: a fresh server only switches to app.py's st.navigation after the main page ran once.
    open_page(page, app_url + "/")
    open_page(page, app_url + "/playground?" + query, ready=STAGE + " svg.pic text", timeout=60_000)
    return sent


def frame(page) -> int:
    return int(page.locator(STAGE).get_attribute("data-frame"))


def expected(query: dict) -> dict:
    """The view's tensors and torch's output, computed here from the same seeded example the page uses."""
    cin, cout, k = int(query.get("cin", 4)), int(query.get("cout", 8)), int(query.get("k", 3))
    spec = ConvSpec(cin, cout, k, stride=int(query.get("s", 1)), padding=int(query.get("p", 1)),
                    dilation=int(query.get("d", 1)), groups=int(query.get("g", 1)))
    size, o = int(query.get("size", 8)), int(query.get("oc", 0))
    if query.get("dws") == "1":
        dw, pw = depthwise_separable(spec)
        x, w, b = example_tensors(dw, size)
        mid = F.conv2d(x[None], w, b, stride=dw.stride, padding=dw.padding, dilation=dw.dilation, groups=dw.groups)[0]
        if query.get("stage", "dw") == "dw":
            return dict(spec=dw, x=x, w=w, b=b, y=mid, lanes=list(range(cin)), outs=list(range(cin)), dw=True)
        _, w2, b2 = example_tensors(pw, mid.shape[1], 1)
        return dict(spec=pw, x=mid, w=w2, b=b2, y=F.conv2d(mid[None], w2, b2)[0], lanes=list(range(cin)),
                    outs=[o], dw=False)
    x, w, b = example_tensors(spec, size)
    y = F.conv2d(x[None], w, b, stride=spec.stride, padding=spec.padding, dilation=spec.dilation,
                 groups=spec.groups)[0]
    per = cin // spec.groups
    g0 = o // (cout // spec.groups) * per
    return dict(spec=spec, x=x, w=w, b=b, y=y, lanes=list(range(g0, g0 + per)), outs=[o], dw=False)


def check_numbers(shown: list, ref: dict, f: int) -> int:
    """Compare every number on the stage at output cell f with torch; returns how many were compared."""
    spec, x, w, y = ref["spec"], ref["x"], ref["w"], ref["y"]
    per, p, s, d, k = spec.in_channels // spec.groups, spec.padding, spec.stride, spec.dilation, spec.kernel_size
    wo = y.shape[2]
    r0, c0 = divmod(f, wo)
    n = 0
    lane_sums = {}
    for t in shown:
        v = float(t["text"].replace("Σ = ", "")) if t["role"] not in ("eq", "eq1") else None
        lane = t["lane"]
        if t["role"] in ("x", "w", "p", "sum"):
            c = ref["lanes"][lane]
            o = ref["outs"][lane] if ref["dw"] else ref["outs"][0]
            wslice = w[o, c % per]
        if t["role"] == "x":
            assert v == pytest.approx(float(x[c, t["r"], t["c"]]), abs=0.006), t
        elif t["role"] == "w":
            assert v == pytest.approx(float(wslice[t["r"], t["c"]]), abs=0.006), t
        elif t["role"] == "p":
            ir, ic = r0 * s + t["r"] * d - p, c0 * s + t["c"] * d - p
            xv = float(x[c, ir, ic]) if 0 <= ir < x.shape[1] and 0 <= ic < x.shape[2] else 0.0
            assert v == pytest.approx(xv * float(wslice[t["r"], t["c"]]), abs=0.006), t
        elif t["role"] == "sum":
            lane_sums[lane] = v
        elif t["role"] == "y":
            o = ref["outs"][t["out"]]
            assert v == pytest.approx(float(y[o, t["r"], t["c"]]), abs=0.006), t
            assert t["r"] * wo + t["c"] <= f  # only cells computed so far show a value
        elif t["role"] == "eq":
            o = ref["outs"][t["out"]]
            assert float(t["value"]) == pytest.approx(float(y[o, r0, c0]), abs=0.006), t
            assert t["text"].endswith("= " + t["value"])
        n += 1
    # each partial sum is Σ x·w of its channel; the output cell is their sum plus the bias
    for lane, v in lane_sums.items():
        c = ref["lanes"][lane]
        o = ref["outs"][lane] if ref["dw"] else ref["outs"][0]
        xc = F.pad(x[c], (p, p, p, p))
        taps = xc[r0 * s: r0 * s + (k - 1) * d + 1: d, c0 * s: c0 * s + (k - 1) * d + 1: d]
        assert v == pytest.approx(float((taps * w[o, c % per]).sum()), abs=0.006)
    assert len(lane_sums) == len(ref["lanes"])
    return n


SPECS = [  # (name, query): every channel of the watched output's group is drawn
    ("standard", "cin=3&cout=8&oc=5"),
    ("grouped", "cin=4&cout=8&g=2&oc=6"),
    ("depthwise", "cin=4&cout=4&g=4&oc=2"),
    ("dws_depthwise", "cin=3&cout=4&dws=1"),
    ("dws_pointwise", "cin=3&cout=4&dws=1&stage=pw&oc=3"),
    ("dilated", "cin=2&cout=2&size=9&d=2&p=2"),
    ("strided", "cin=2&cout=2&size=9&s=2&k=3&p=1"),
    ("padded", "cin=2&cout=2&size=5&k=5&p=3"),
    ("sixteen", "cin=16&cout=16&size=6"),
]


def test_every_number_on_the_stage_equals_torch(app_url, browser):
    page = new_page(browser, 1920, 1080)
    for name, query in SPECS:
        q = dict(part.split("=") for part in query.split("&"))
        ref = expected(q)
        open_stage(page, app_url, query)
        stage = page.locator(STAGE)
        frames = ref["y"].shape[1] * ref["y"].shape[2]
        stage.focus()
        steps = [0, 1, frames // 2, frames - 1]
        at = 0
        for f in steps:
            if f == frames - 1:
                page.keyboard.press("End")
            while at < f and frame(page) < f:
                page.keyboard.press("ArrowRight")
                at += 1
            at = frame(page)
            assert at == f, (name, at, f)
            shown = stage.evaluate(READ)
            compared = check_numbers(shown, ref, f)
            assert compared >= len(ref["lanes"]) * (2 * ref["spec"].kernel_size ** 2 + 1), (name, compared)
    page.context.close()


def test_keyboard_touch_and_linking_drive_it_without_a_rerun(app_url, browser):
    page = new_page(browser, 1440, 900)
    sent = open_stage(page, app_url, "cin=3&cout=8&size=6&p=0")  # 4x4 output
    stage = page.locator(STAGE)
    page.wait_for_timeout(500)
    runs = len(sent)
    stage.focus()
    # (key, frame after it): a clicker sends PageDown / PageUp
    for key, want in (("ArrowRight", 1), ("ArrowRight", 2), ("ArrowLeft", 1), ("PageDown", 2), ("PageUp", 1),
                      ("End", 15), ("Home", 0)):
        page.keyboard.press(key)
        assert frame(page) == want, key
    page.keyboard.press(" ")
    assert stage.get_attribute("data-playing") == "1"
    page.wait_for_timeout(1200)
    page.keyboard.press(" ")
    assert stage.get_attribute("data-playing") == "0" and frame(page) >= 1
    # linking: hover output cell (2, 1): its taps light up in all three channels, with that cell's numbers
    page.locator(STAGE + ' g.oc[data-i="9"] rect').hover()
    taps = stage.evaluate("r => [...r.querySelectorAll('rect.tap.linked')].map(t => [+t.dataset.lane, +t.dataset.r, +t.dataset.c])")
    assert sorted(taps) == sorted([lane, 2 + i, 1 + j] for lane in range(3) for i in range(3) for j in range(3))
    eq = stage.locator('text[data-role="eq1"]').text_content()
    assert eq.startswith("y[0,2,1]")
    # hover input cell (1, 1) of channel 2: it feeds output cells (0..1, 0..1)
    page.locator(STAGE + ' rect.cell.in[data-lane="2"][data-r="1"][data-c="1"]').hover()
    fed = stage.evaluate("r => [...r.querySelectorAll('rect.fed')].map(t => [+t.dataset.r, +t.dataset.c])")
    assert sorted(fed) == [[0, 0], [0, 1], [1, 0], [1, 1]]
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    assert len(sent) == runs  # all of it in the browser: nothing sent, no rerun
    page.context.close()

    # touch, on an 820-px tablet: tap an output cell, then play
    tablet = new_page(browser, 820, 1180, touch=True, mobile=True, agent=IPAD)
    sent = open_stage(tablet, app_url, "cin=3&cout=4&size=6&p=0&dws=1")
    tablet.wait_for_timeout(500)
    runs = len(sent)
    cell = tablet.locator(STAGE + ' g.oc[data-out="1"][data-i="6"] rect')
    cell.scroll_into_view_if_needed()
    cell.tap()
    assert frame(tablet) == 6
    texts = tablet.locator(STAGE).evaluate(READ)
    assert any(t["role"] == "eq" and t["out"] == 1 for t in texts)
    cell = tablet.locator(STAGE + ' rect.cell.in[data-lane="0"][data-r="0"][data-c="0"]')
    cell.tap()
    fed = tablet.locator(STAGE).evaluate("r => [...r.querySelectorAll('rect.fed')].map(t => [+t.dataset.r, +t.dataset.c])")
    assert fed == [[0, 0]]
    play = tablet.locator(STAGE + " button.play")
    play.scroll_into_view_if_needed()
    play.tap()
    for _ in range(40):  # it plays: the cell moves on by itself
        if frame(tablet) > 6:
            break
        tablet.wait_for_timeout(250)
    assert frame(tablet) > 6
    play.tap()
    assert len(sent) == runs
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tablet.screenshot(path=str(ARTIFACTS / "playground_tablet_820.png"))
    tablet.context.close()


# what must never happen: a text outside the picture or its tile, two texts on top of each other
LAYOUT = """root => {
  const svg = root.querySelector('svg.pic'), box = svg.getBoundingClientRect(), host = root.getBoundingClientRect();
  const bad = [];
  if (box.right > host.right + 1 || box.left < host.left - 1) bad.push(['svg wider than its place', box.width, host.width]);
  const bar = root.querySelector('.bar').getBoundingClientRect();
  if (bar.bottom > box.top + 1) bad.push(['controls over the picture', bar.bottom, box.top]);
  const tiles = [...svg.querySelectorAll('rect.tile')].map(t => t.getBoundingClientRect());
  const texts = [...svg.querySelectorAll('text')].filter(t => getComputedStyle(t).visibility !== 'hidden');
  const rects = texts.map(t => t.getBoundingClientRect());
  const grid = new Map(), S = 40;
  rects.forEach((r, i) => {
    const t = texts[i];
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      bad.push(['outside the picture', t.textContent]);
    if (t.dataset.lane !== undefined && tiles[+t.dataset.lane]) {
      const b = tiles[+t.dataset.lane];
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1)
        bad.push(['outside its tile', t.textContent]);
    }
    for (let x = Math.floor(r.left / S); x <= Math.floor(r.right / S); x++)
      for (let y = Math.floor(r.top / S); y <= Math.floor(r.bottom / S); y++) {
        const key = x + ',' + y; if (!grid.has(key)) grid.set(key, []); grid.get(key).push(i);
      }
  });
  const seen = new Set();
  for (const ids of grid.values()) for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) {
    const i = ids[a], j = ids[b], key = i + ':' + j;
    if (seen.has(key)) continue; seen.add(key);
    const p = rects[i], q = rects[j];
    const ox = Math.min(p.right, q.right) - Math.max(p.left, q.left), oy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
    // glyph boxes include line spacing: a real overlap covers more than a sliver of the smaller box
    if (ox > 0.5 && oy > 0.25 * Math.min(p.height, q.height) && ox > 0.1 * Math.min(p.width, q.width))
      bad.push(['overlap', texts[i].textContent, texts[j].textContent]);
  }
  return {bad: bad.slice(0, 12), count: texts.length};
}"""

SCREENS = [  # (name, width, height, touch, agent, presentation)
    ("present_1920", 1920, 1080, False, None, True),
    ("present_1280", 1280, 720, False, None, True),
    ("laptop_1440", 1440, 900, False, None, False),
    ("tablet_820", 820, 1180, True, IPAD, False),
    ("phone_390", 390, 844, True, PHONE, False),
]
SETTINGS = [("default", ""), ("extreme", "cin=16&cout=32&k=7&d=4&size=32&s=3&p=3"), ("dws", "dws=1&cin=8&cout=16")]


def test_nothing_cut_or_overlapping(app_url, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    failures = []
    for name, width, height, touch, agent, present in SCREENS:
        page = new_page(browser, width, height, touch=touch, mobile=touch, agent=agent)
        for lang in ("en", "zh"):
            for setting, query in SETTINGS:
                if lang == "zh" and setting == "dws" and name != "phone_390":
                    continue
                q = "&".join(x for x in (query, f"lang={lang}", "present=1" if present else "") if x)
                open_stage(page, app_url, q)
                stage = page.locator(STAGE)
                stage.evaluate("r => r.scrollIntoView()")
                page.wait_for_timeout(300)
                result = stage.evaluate(LAYOUT)
                shot = f"playground_{name}_{lang}_{setting}.png"
                page.screenshot(path=str(ARTIFACTS / shot))
                if result["bad"]:
                    failures.append((shot, result["bad"]))
                assert result["count"] > 10
        page.context.close()
    assert not failures, failures


def test_phone_shows_the_picture_right_after_the_main_settings(app_url, browser):
    phone = new_page(browser, 390, 844, touch=True, mobile=True, agent=PHONE)
    open_stage(phone, app_url, "")
    top = phone.locator(STAGE + " svg.pic").bounding_box()["y"]
    assert top < 844 * 1.5, top  # was ~1,600 px down, after two screens of sliders
    assert phone.get_by_text("More settings").is_visible()
    assert not phone.get_by_role("slider", name="stride").is_visible()  # folded
    phone.context.close()


def test_picture_link_shows_the_stage_alone_full_screen_and_animated(app_url, browser):
    page = new_page(browser, 1920, 1080)
    open_stage(page, app_url, "view=picture&present=1")
    svg = page.locator(STAGE + " svg.pic").bounding_box()
    assert svg["height"] > 0.7 * 1080 or svg["width"] > 0.75 * 1920, svg
    assert not page.get_by_role("slider", name="in_channels").is_visible()
    first = frame(page)
    page.wait_for_timeout(2500)
    assert frame(page) > first  # it plays by itself
    page.keyboard.press("PageDown")  # a clicker works without focusing anything
    page.screenshot(path=str(ARTIFACTS / "playground_picture_1920.png"))
    page.context.close()


def test_presentation_controls_sit_beside_the_stage_and_a_change_shows_at_once(app_url, browser):
    for width, height in ((1920, 1080), (1280, 720)):
        page = new_page(browser, width, height)
        open_stage(page, app_url, "present=1")
        svg = page.locator(STAGE + " svg.pic").bounding_box()
        strip = page.locator(".st-key-pg_controls").bounding_box()
        assert page.get_by_test_id("stPopover").count() == 0  # nothing folded over the picture
        assert strip["x"] + strip["width"] <= svg["x"] and svg["y"] < 0.25 * height  # beside it, at the top
        assert svg["x"] + svg["width"] <= width and svg["y"] + svg["height"] <= height + 1  # the whole stage on screen
        before = page.locator(STAGE).evaluate("r => r.data.k")
        page.get_by_role("slider", name="kernel_size").press("ArrowRight")
        for _ in range(50):
            if page.locator(STAGE).evaluate("r => r.data.k") == before + 1:
                break
            page.wait_for_timeout(100)
        assert page.locator(STAGE).evaluate("r => r.data.k") == before + 1
        assert page.locator(".st-key-pg_controls").bounding_box()["x"] + strip["width"] <= svg["x"] + 1
        page.screenshot(path=str(ARTIFACTS / f"playground_present_{width}_k4.png"))
        page.context.close()
