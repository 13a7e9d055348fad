"""The Model builder: a stack of blocks, its plan (shapes, params, MACs, RF), URL codec, presets and code.

``blocks`` says what each block kind is and the rules it obeys; ``presets`` holds the named stacks; ``plan``
turns a stack (:class:`NetSpec`) into torch layers with their ledger; ``codec`` reads and writes the ``net=``
URL form and the editor's rows; ``code`` writes the PyTorch and Keras source. Import the names from here.
"""

from dsconv.builder.blocks import (
    CONV_KINDS, FIELDS, KIND_FIELDS, KINDS, LIMITS, MAX_BLOCKS, MAX_MACS, MAX_PARAMS, NUM_CLASSES, Block, BlockError,
)
from dsconv.builder.codec import ROW_FIELDS, DecodeError, Loaded, decode, encode, from_rows, from_url, to_rows
from dsconv.builder.plan import PRESETS, LayerPlan, NetSpec, Plan, plan
from dsconv.builder.presets import DEFAULT_PRESET, HEAD, PRESET_NAMES

__all__ = [
    "CONV_KINDS", "DEFAULT_PRESET", "FIELDS", "HEAD", "KINDS", "KIND_FIELDS", "LIMITS", "MAX_BLOCKS", "MAX_MACS",
    "MAX_PARAMS", "NUM_CLASSES", "PRESETS", "PRESET_NAMES", "ROW_FIELDS", "Block", "BlockError", "DecodeError",
    "LayerPlan", "Loaded", "NetSpec", "Plan", "decode", "encode", "from_rows", "from_url", "plan", "to_rows",
]
