"""Every lesson of the Home page, in teaching order: the book and course first, then the posts and the FAQ."""

from __future__ import annotations

from functools import lru_cache

from dsconv.lessons.book import (
    book_dwpw, book_figures, book_params, course_exercise, course_rf, dilation_1248, seed_mnist,
)
from dsconv.lessons.cards import Lesson
from dsconv.lessons.posts import extra_lessons


@lru_cache(maxsize=1)
def lessons() -> tuple[Lesson, ...]:
    """All lessons, in teaching order (computed once per process)."""
    return (book_figures(), book_dwpw(), book_params(), course_exercise(), course_rf(), dilation_1248(), seed_mnist(),
            *extra_lessons())
