"""Learners' text inside Markdown messages is shown, never rendered: no link, image, HTML, emphasis or math."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from dsconv.paste.values import NAME_CHARS, finding
from dsconv.plaintext import ECHO_CHARS, cut, plain
from dsconv.urlstate import parse_int

HOSTILE = [
    "[Teacher: click here](https://example.org/login) ![](https://example.org/k.png)",
    "<img src=https://example.org/k.png onerror=alert(1)> <a href='https://x.org'>x</a>",
    "https://example.org/autolink www.example.org mail@example.org <https://example.org>",
    "**bold** _em_ `code` ~~del~~ $x^2$ :red[red] :material/home: # heading\n- item\n> quote",
    "[ref]: https://example.org\n[ref]",
    "x` [link](https://example.org) `y",
    "\\[escaped\\](https://example.org)",
]


def rendered(text: str) -> str:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.render(f"URL parameter k={text} is not valid")


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_renders_as_the_same_characters_and_no_element(text):
    html = rendered(plain(text))
    assert "<a" not in html and "<img" not in html and "<code" not in html and "<em" not in html
    assert "<strong" not in html and "<h1" not in html and "<li" not in html and "<blockquote" not in html
    # what the reader sees is the text itself (line breaks as spaces)
    shown = MarkdownIt("commonmark").renderInline(plain(text))
    unescaped = shown.replace("\u2060", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert unescaped == " ".join(text.replace("\n", " ").split(" "))


@pytest.mark.parametrize("text", HOSTILE)
def test_no_address_survives_for_a_linkifier(text):
    """Streamlit links bare addresses after escapes are resolved: none may remain in one piece."""
    import re

    resolved = re.sub(r"\\(.)", r"\1", plain(text))  # what a linkifier sees after the escapes
    assert not re.search(r"https?://|www\.\w|\w@\w", resolved), resolved


def test_the_same_text_unescaped_would_have_made_links_and_images():
    """The check above can fail: the raw text does render a link and an image."""
    html = rendered(HOSTILE[0])
    assert "<a href" in html and "<img" in html


def test_long_url_values_are_cut_in_warnings():
    problem = parse_int("k", "9" * 100_000, 1, 7, 3).problem
    text = problem.message()
    assert len(text) < 300 and "100,000" in text
    assert cut("short") == "short" and cut("x" * (ECHO_CHARS + 1)).startswith("x" * ECHO_CHARS + "…")


def test_long_names_in_paste_findings_are_cut():
    text = finding("error", 3, "paste.err.layer", layer="n" * 5_000, cls="Conv2d", rule="r").message()
    assert "n" * NAME_CHARS + "…" in text and "n" * (NAME_CHARS + 1) not in text
