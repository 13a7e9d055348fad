"""Receptive field: one layer's growth, stacks of layers, coverage maps, famous networks."""
