"""Shared links carrying Markdown and HTML: every page that echoes URL or pasted text shows it as text.

A student shares ``/playground?k=[Teacher: click here](https://…) ![](https://…/k.png)``: before issue 23 the
warning showed a clickable link and every browser that opened the link fetched the outside image. Here each
page is opened with such values; the message must show the text, contain no link or image element, and the
browser must request nothing outside localhost.
"""

from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest

from conftest import ARTIFACTS, open_page
from dsconv.paste import urlcode

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EVIL = "evil.example"
PAYLOAD = (f"[Teacher: click here](https://{EVIL}/login) ![](https://{EVIL}/k.png) "
           f"<img src=https://{EVIL}/i.png> <a href=https://{EVIL}/a>a</a> https://{EVIL}/auto www.{EVIL} **bold**")
LAYER = f"[Session expired: log in again](https://{EVIL}/login) ![](https://{EVIL}/p.png)"
PASTE = ("import torch.nn as nn\nfrom collections import OrderedDict\n"
         f"net = nn.Sequential(OrderedDict([({LAYER!r}, nn.Conv2d(3, 8, 3, groups=2))]))\n")

# (page path, query, text the page must echo in a message or None): one control per page whose URL value is
# echoed in a warning, and the paste page (a layer name in a shared ?code=, the shape, junk code)
ECHO = f"[Teacher: click here](https://{EVIL}/"
LINKS = [
    ("", f"lang={quote(PAYLOAD)}", ECHO),
    ("playground", f"k={quote(PAYLOAD)}", ECHO),
    ("receptive_field", f"size={quote(PAYLOAD)}", ECHO),
    ("cost", f"cin={quote(PAYLOAD)}", ECHO),
    ("faq", f"topic={quote(PAYLOAD)}", ECHO),
    ("train", f"epochs={quote(PAYLOAD)}", ECHO),
    ("draw", f"stroke={quote(PAYLOAD)}", ECHO),
    ("builder", f"net={quote(PAYLOAD)}", ECHO),
    ("builder", f"preset={quote(PAYLOAD)}", "[Teacher: click here](https://evil.examp"),
    ("paste", f"code={urlcode.encode(PASTE)}", f"[Session expired: log in again](https://{EVIL}/login)"),
    ("paste", f"shape={quote(PAYLOAD[:60])}", "[Teacher: click here]"),
    ("paste", f"code={quote(PAYLOAD)}", None),  # junk code: the warning names the reason, not the text
]
MESSAGES = '[data-testid="stAlert"], [data-testid="stCaptionContainer"], [data-testid="stExpander"]'


@pytest.mark.parametrize("path,query,echo", LINKS, ids=[f"{i}-{p or 'home'}-{q.split('=')[0]}" for i, (p, q, _) in enumerate(LINKS)])
def test_markdown_and_html_in_a_shared_link_stay_text(page, app_url, path, query, echo):
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if urlparse(url).scheme in ("data", "blob") or urlparse(url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.context.route("**/*", route)
    page.set_viewport_size({"width": 1440, "height": 2400})
    open_page(page, f"{app_url}/{path}?{query}", ready='[data-testid="stMain"] h1')
    for expander in page.locator('[data-testid="stExpander"] summary').all():  # the paste notes are folded
        expander.click()
    page.wait_for_timeout(500)
    name = f"links_{path or 'home'}_{query.split('=')[0]}{'_junk' if echo is None else ''}"
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    if echo is not None:
        texts = [t.replace("\u2060", "") for t in page.locator(MESSAGES).all_inner_texts()]  # joiners end autolinks
        assert any(echo in t for t in texts), f"{name}: {echo!r} is not shown as text in any message: {texts}"
    for selector in ("a", "img"):
        hits = page.locator(MESSAGES).locator(selector)
        hrefs = [hits.nth(i).get_attribute("href") or hits.nth(i).get_attribute("src") for i in range(hits.count())]
        assert not [h for h in hrefs if h and EVIL in h], f"{name}: {selector} elements {hrefs}"
    assert page.locator(f'a[href*="{EVIL}"], img[src*="{EVIL}"]').count() == 0, name
    assert outside == [], name
