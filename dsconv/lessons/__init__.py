"""Lessons: one-click links that open a page on a textbook, course or blog example."""
