"""Bring your own layer: read pasted PyTorch model code with ``ast`` (never executed) and account for it.

``parser`` turns the text into a chain of layer operations, ``checks`` computes the layer table
(output shape, params, MACs, receptive field) and names every mistake with its line, ``tobuilder``
carries a network made of the Builder's blocks over to the Builder, ``urlcode`` packs the paste into
a shareable URL parameter. ``analyse`` runs them in order.
"""

from dsconv.paste.checks import Report, analyse, parse_shape

__all__ = ["Report", "analyse", "parse_shape"]
