"""Locale modules: one per area of the app, each a ``STRINGS`` dict of ``key -> {"en": ..., "zh": ...}``."""
