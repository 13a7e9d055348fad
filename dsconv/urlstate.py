"""Parsing of URL query-parameter values (always strings) into validated control values.

Pure: pages get a value plus, for junk or out-of-range input, a problem to show as a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from dsconv.i18n import t
from dsconv.plaintext import cut


@dataclass(frozen=True)
class Parsed:
    """A parsed value; ``problem`` is ``None`` when the raw value was valid or absent."""

    value: object
    problem: "ParamProblem | None" = None


@dataclass(frozen=True)
class ParamProblem:
    """Why a URL value was rejected: enough to build a translated warning."""

    name: str
    raw: str
    expected_key: str
    expected_params: dict
    default: object

    def message(self, lang: str = "en") -> str:
        expected = t(self.expected_key, lang, **self.expected_params)
        return t("warn.bad_param", lang, name=self.name, raw=cut(self.raw), expected=expected, default=self.default)


def parse_int(name: str, raw: str | None, lo: int, hi: int, default: int) -> Parsed:
    """An int in ``[lo, hi]`` from ``raw``; junk, huge or out-of-range values fall back to ``default``."""
    if raw is None:
        return Parsed(default)
    text = str(raw).strip()
    try:
        if len(text) > 12:
            raise ValueError(text)
        value = int(text)
    except ValueError:
        value = None
    if value is None or not lo <= value <= hi:
        return Parsed(default, ParamProblem(name, str(raw), "warn.expected_int", {"lo": lo, "hi": hi}, default))
    return Parsed(value)


def parse_choice(name: str, raw: str | None, choices: Sequence[str], default: str) -> Parsed:
    """One of ``choices`` from ``raw``, else ``default`` (with a problem when ``raw`` was given)."""
    if raw is None:
        return Parsed(default)
    if raw in choices:
        return Parsed(raw)
    return Parsed(default, ParamProblem(name, str(raw), "warn.expected_choice", {"choices": ", ".join(choices)}, default))


def parse_bool(name: str, raw: str | None, default: bool) -> Parsed:
    """``"1"``/``"0"`` (also true/false) from ``raw``, else ``default``."""
    if raw is None:
        return Parsed(default)
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return Parsed(True)
    if text in ("0", "false", "no", "off"):
        return Parsed(False)
    return Parsed(default, ParamProblem(name, str(raw), "warn.expected_bool", {}, int(default)))
