"""What a convolution costs: parameter/MAC counts of the variants, measured latency, FLOP counters."""
