"""The Model builder: a stack of blocks, its plan (shapes, params, MACs, RF), URL codec and code."""
