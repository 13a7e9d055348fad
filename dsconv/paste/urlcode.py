"""The pasted code in a shareable URL: UTF-8, zlib-compressed, base64url without padding, with size bounds.

Decoding never inflates more than :data:`MAX_CHARS` characters (a zip bomb stops there) and never raises.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from dataclasses import dataclass, field

from dsconv.paste.limits import MAX_CHARS

_ALPHABET = re.compile(r"[A-Za-z0-9_-]+")
MAX_PARAM = 6000  # characters of the encoded parameter (links stay below common 8 KB URL limits)


def encode(code: str) -> str:
    """``code`` as a URL-safe parameter value."""
    packed = zlib.compress(code.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Decoded:
    """The code from a URL parameter, or why it could not be read (an i18n key under ``paste.url_why.``)."""

    code: str | None
    why: str | None = None
    params: dict = field(default_factory=dict)


def decode(param: str | None) -> Decoded:
    """Inverse of :func:`encode`; junk gives ``Decoded(None, why)``."""
    if param is None:
        return Decoded(None)
    if len(param) > MAX_PARAM:
        return Decoded(None, "paste.url_why.too_long", {"max": MAX_PARAM})
    text = param.strip().rstrip("=")
    if not _ALPHABET.fullmatch(text):
        return Decoded(None, "paste.url_why.base64")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return Decoded(None, "paste.url_why.base64")
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(packed, 4 * MAX_CHARS + 1)
    except zlib.error:
        return Decoded(None, "paste.url_why.zlib")
    if len(raw) > 4 * MAX_CHARS or inflater.unconsumed_tail:
        return Decoded(None, "paste.url_why.too_big", {"max": MAX_CHARS})
    if not inflater.eof:
        return Decoded(None, "paste.url_why.zlib")
    try:
        code = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Decoded(None, "paste.url_why.utf8")
    if len(code) > MAX_CHARS:
        return Decoded(None, "paste.url_why.too_big", {"max": MAX_CHARS})
    return Decoded(code)
