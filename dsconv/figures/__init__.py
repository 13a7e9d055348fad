"""Plotly figures, one module per page; each function returns a ``plotly.graph_objects.Figure``."""
