"""One ledger of layers: every chain the app accounts for is a Ledger, and the five agree where they overlap."""

from __future__ import annotations

import pytest

from dsconv.builder import PRESETS
from dsconv.conv.ledger import Ledger, Row
from dsconv.cost.variants import CompareConfig, compare
from dsconv.cost.variants import PRESETS as COST_PRESETS
from dsconv.mnist.models import build, layer_table
from dsconv.paste.checks import analyse
from dsconv.receptive.famous import analyse as famous_rows
from dsconv.receptive.famous import networks

# the Builder's presets that rebuild the app's MNIST models (dsconv_plus without its Dropout: no params, no MACs)
SAME_NET = {"book_standard": "seed_standard", "book_dsconv": "seed_dsconv", "dsconv_plus": "dsconv_plus"}


def test_every_chain_is_a_ledger_of_rows():
    chains = [
        PRESETS["mobilenet"].plan(),
        analyse("import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU())\n"),
        compare(CompareConfig())["dw_separable"].cost,
        COST_PRESETS["seed_book"].table()[0],
        layer_table(build("seed_dsconv")),
        famous_rows(networks()["vgg16"]),
    ]
    for chain in chains:
        assert isinstance(chain, Ledger) and len(chain) > 0 and all(isinstance(r, Row) for r in chain)
        assert chain.params == sum(r.params for r in chain.rows) and chain.out_shape == chain.rows[-1].out_shape


def test_an_empty_ledger_totals_to_its_input():
    empty = Ledger((), (1, 28, 28))
    assert (empty.params, empty.macs, empty.rf, empty.out_shape) == (0, 0, 1, (1, 28, 28))
    assert empty.table("line") == [{"line": None, "layer": "", "type": "", "out_shape": "1×28×28", "params": 0,
                                    "macs": 0, "rf": 1}]


@pytest.mark.parametrize("preset,model", list(SAME_NET.items()))
def test_model_layer_table_and_builder_plan_agree_on_every_conv(preset, model):
    plan, table = PRESETS[preset].plan(), layer_table(build(model))
    assert (table.params, table.macs, table.out_shape, table.rf) == (plan.params, plan.macs, plan.out_shape, plan.rf)
    convs = lambda chain: [(r.out_shape, r.params, r.macs, r.rf) for r in chain if r.type == "nn.Conv2d"]  # noqa: E731
    assert convs(table) == convs(plan)


def test_pasted_model_and_model_layer_table_agree_on_receptive_fields():
    from dsconv.builder.code import sequential_code

    report = analyse(sequential_code(PRESETS["dsconv_plus"]))
    table = layer_table(build("dsconv_plus"))
    assert [r.rf for r in report if r.type == "nn.Conv2d"] == [r.rf for r in table if r.type == "nn.Conv2d"]
    assert report.rf == table.rf
