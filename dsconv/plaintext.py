"""Learners' text (URL values, pasted code) inside Streamlit messages, which render Markdown: read, never rendered.

``st.warning``/``st.error``/``st.caption`` render Markdown, so a shared link whose value is
``[Teacher: click here](https://…) ![](https://…/k.png)`` would show a link and make every browser that opens
it fetch an outside image. :func:`plain` backslash-escapes every ASCII punctuation mark (CommonMark shows an
escaped mark as itself), so no link, image, HTML tag, emphasis, math or directive can start; line breaks
become spaces (no headings or lists). Streamlit also turns bare ``https://…``, ``www.…`` and ``a@b.c`` into
links *after* escapes are resolved (measured in Chromium), so an invisible WORD JOINER (U+2060) splits each
``://``, ``www.`` and ``@`` (only there: ordinary text stays findable): no address survives as one.
:func:`cut` shortens long values.
"""

from __future__ import annotations

import re

PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
JOINER = "\u2060"  # WORD JOINER: invisible, not part of a domain name, so it ends any autolink
ADDRESS = re.compile(r"\\:(?=\\/)|(?i:www)(?=\\\.)|\\@")  # escaped "://", "www" before ".", "@": a joiner follows
ECHO_CHARS = 60  # a URL value is shown up to this many characters in a message


def cut(text: str, limit: int = ECHO_CHARS) -> str:
    """``text`` shortened to ``limit`` characters, with "…" and the full length when it was longer."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,})"


def plain(text: str) -> str:
    """``text`` as Markdown that shows exactly these characters (one line)."""
    escaped = PUNCTUATION.sub(r"\\\1", CONTROL.sub(" ", str(text)))
    return ADDRESS.sub(lambda m: m.group(0) + JOINER, escaped)


def shown(markdown: str) -> str:
    """What a reader sees of :func:`plain` text: the characters without their escapes (for tests and logs)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown.replace(JOINER, ""))
