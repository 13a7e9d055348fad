"""dsconv: the library behind dsconv explorer (grouped, depthwise-separable and dilated convolutions).

Pure Python + torch; never imports streamlit. Pages in ``pages/`` call into it.
"""

from dsconv.conv.arithmetic import ConvCost, ConvSpec, SpecError, conv_cost, depthwise_separable, output_size
from dsconv.receptive.field import RFLayer, receptive_field

__all__ = [
    "ConvCost",
    "ConvSpec",
    "RFLayer",
    "SpecError",
    "conv_cost",
    "depthwise_separable",
    "output_size",
    "receptive_field",
]
