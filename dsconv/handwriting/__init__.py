"""Digits as people draw them: real pen trajectories (UCI pen digits), the page's brush, pen-width-free preprocessing."""
