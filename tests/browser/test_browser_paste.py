"""The Paste page in real Chromium: mistakes named with their lines, and pasted code surviving a shared link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from dsconv.paste import urlcode
from dsconv.paste.examples import EXAMPLES
from conftest import ARTIFACTS, wait_for_app


@pytest.mark.browser
def test_paste_mistakes_and_shared_link(page, app_url):
    page.goto(f"{app_url}/paste?code={urlcode.encode(EXAMPLES['course_slips'][0])}")
    wait_for_app(page)
    page.get_by_text("Line 7: stride = 3 shrinks the 128×128 map to 42×42").first.wait_for()
    assert page.get_by_text("Line 9: 'pw' is called pointwise").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "paste_course_slips.png"), full_page=True)

    box = page.get_by_role("textbox", name="PyTorch code")
    new = "import torch.nn as nn\nconv = nn.Conv2d(1, 4, 3, groups=2)\n"
    box.fill(new)
    box.press("Control+Enter")
    page.wait_for_function("() => document.body.innerText.includes('groups must divide in_channels (1)')")
    wait_for_app(page)
    shared = page.url
    assert urlcode.decode(parse_qs(urlparse(shared).query)["code"][0]).code == new

    other = page.context.new_page()  # a classmate opens the shared link
    other.goto(shared)
    wait_for_app(other)
    other.get_by_text("Line 2: conv (Conv2d): groups must divide").first.wait_for()
    expect(other.get_by_role("textbox", name="PyTorch code")).to_have_value(new, timeout=30_000)
    other.screenshot(path=str(ARTIFACTS / "paste_shared_link.png"), full_page=True)
