"""Groups wiring against torch: an input channel feeds an output channel exactly when the mask says so."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from dsconv import ConvSpec
from dsconv.figures.playground import wiring_figure
from dsconv.conv.wiring import connection_mask, dense_weight, edges, groups_of

CASES = [(4, 8, 1), (4, 8, 2), (4, 8, 4), (6, 3, 3), (16, 32, 16), (3, 4, 1)]


@pytest.mark.parametrize("cin, cout, g", CASES)
def test_mask_matches_which_outputs_an_input_channel_changes(cin, cout, g):
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(cin, cout, 3, padding=1, groups=g, bias=False)
    torch.nn.init.uniform_(conv.weight, 0.1, 1.0)  # no weight is zero: a wire always carries signal
    mask = connection_mask(ConvSpec(cin, cout, 3, padding=1, groups=g))
    x = torch.zeros(1, cin, 5, 5)
    for i in range(cin):
        probe = x.clone()
        probe[0, i] = 1.0
        with torch.no_grad():
            touched = conv(probe)[0].abs().sum(dim=(1, 2)) > 0
        assert touched.tolist() == mask[:, i].tolist()


@pytest.mark.parametrize("cin, cout, g", CASES)
def test_block_diagonal_dense_weight_equals_grouped_conv(cin, cout, g):
    torch.manual_seed(1)
    w = torch.randn(cout, cin // g, 3, 3, dtype=torch.float64)
    x = torch.randn(1, cin, 6, 6, dtype=torch.float64)
    dense = dense_weight(w, g)
    assert dense.shape == (cout, cin, 3, 3)
    assert torch.allclose(F.conv2d(x, dense), F.conv2d(x, w, groups=g))
    assert torch.equal(dense.abs().sum(dim=(2, 3)) > 0, connection_mask(ConvSpec(cin, cout, 3, groups=g)))


def test_edges_count_is_weight_rows_times_group_inputs():
    spec = ConvSpec(12, 18, 3, groups=3)
    assert len(edges(spec)) == spec.out_channels * spec.in_channels // spec.groups
    assert [(list(g.in_channels), list(g.out_channels)) for g in groups_of(spec)][1] == (
        list(range(4, 8)), list(range(6, 12)))


def test_groups_must_divide_channels():
    with pytest.raises(ValueError):
        groups_of(ConvSpec(3, 4, 3, groups=4))


def test_wiring_figure_draws_one_wire_per_connection_and_dw_pw_as_two_stages():
    spec = ConvSpec(4, 6, 3, groups=2)
    fig = wiring_figure(spec)
    wires = sum(sum(1 for v in tr.x if v is None) for tr in fig.data if tr.type == "scatter" and tr.mode == "lines")
    assert wires == len(edges(spec)) == 12
    sep = wiring_figure(spec, separable=True)
    node_columns = [tr for tr in sep.data if tr.type == "scatter" and tr.mode == "markers+text"]
    assert [len(tr.x) for tr in node_columns] == [4, 4, 6]  # input -> depthwise -> pointwise
    wires = sum(sum(1 for v in tr.x if v is None) for tr in sep.data if tr.type == "scatter" and tr.mode == "lines")
    assert wires == 4 + 4 * 6
