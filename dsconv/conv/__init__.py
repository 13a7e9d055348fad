"""Convolution stages you can see: every input channel, its products and partial sums, per output cell."""

from dsconv.conv.stages import MAX_LANES, Stage, conv_stage, dw_pw_stages, frame_budget

__all__ = ["MAX_LANES", "Stage", "conv_stage", "dw_pw_stages", "frame_budget"]
