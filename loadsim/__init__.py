"""Simulated students for load tests: Streamlit's websocket protocol spoken from Python (no browser).

Not part of the teaching library (``dsconv``): a test and benchmark tool. ``loadsim.protocol.Tab`` is one
browser tab; ``loadsim.students.run_class`` is a class of them. See ``bench/students.py``.
"""
