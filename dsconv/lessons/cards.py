"""A lesson card: its computed facts, its one-click links, and how a fact is written (shapes, sequences)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from dsconv.conv.arithmetic import SpecError
from dsconv.conv.ledger import shape_text

Value = int | float | tuple[int, ...] | str


@dataclass(frozen=True)
class Fact:
    """One number on a lesson card: an i18n label key and the computed value."""

    label: str
    value: Value


@dataclass(frozen=True)
class LessonLink:
    """A link to one page (its file path, as ``st.page_link`` wants it) with the lesson's query params."""

    page: str
    label: str
    params: tuple[tuple[str, str], ...]

    @property
    def url_path(self) -> str:
        """The page's URL path: its file stem (``pages/cost.py`` -> ``cost``)."""
        return self.page.rsplit("/", 1)[-1].removesuffix(".py")

    def query_params(self, lang: str | None = None) -> dict[str, str]:
        """The query params to open the page with (``lang`` added so the language is kept)."""
        params = dict(self.params)
        if lang:
            params["lang"] = lang
        return params

    def url(self, lang: str | None = None) -> str:
        """Relative URL, e.g. ``/cost?preset=seed_book`` (what a teacher copies into slides)."""
        return f"/{self.url_path}?{urlencode(self.query_params(lang))}"


@dataclass(frozen=True)
class Lesson:
    """A lesson: where it comes from, its computed key numbers, links, and optionally an illegal variant's error."""

    key: str
    source: str
    facts: tuple[Fact, ...]
    links: tuple[LessonLink, ...]
    error: SpecError | None = None

    @property
    def title(self) -> str:
        """i18n key of the lesson's title."""
        return f"home.lesson.{self.key}.title"

    @property
    def text(self) -> str:
        """i18n key of the lesson's one-line explanation."""
        return f"home.lesson.{self.key}.text"

    def fact(self, label: str) -> Value:
        """The value of the fact labelled ``label`` (for tests and pages)."""
        return next(f.value for f in self.facts if f.label == label)


def format_value(value: Value) -> str:
    """A fact as text: ``5,534,256``, ``10×126×126`` for shapes, ``3 → 5`` for per-layer sequences."""
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def shape(*dims: int) -> str:
    """A shape as the books print it: ``10×126×126``."""
    return shape_text(dims)


def sequence(values: list[int]) -> str:
    """Per-layer values as ``3 → 7 → 15``."""
    return " → ".join(str(v) for v in values)


def link(page: str, label: str, **params: object) -> LessonLink:
    """A link to ``pages/<page>.py`` with ``params`` as its query (values turned into text)."""
    return LessonLink(f"pages/{page}.py", label, tuple((k, str(v)) for k, v in params.items()))
