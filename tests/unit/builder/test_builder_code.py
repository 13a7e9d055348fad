"""The generated PyTorch code builds the builder's model: same params, output shape, layer names and outputs."""

from __future__ import annotations

import pytest
import torch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dsconv.builder import HEAD, PRESETS, Block, NetSpec
from dsconv.conv.arithmetic import SpecError
from dsconv.builder.code import module_code, sequential_code


def run_code(code: str) -> torch.nn.Module:
    namespace: dict = {}
    exec(compile(code, "<generated>", "exec"), namespace)
    return namespace["model"]


def check_round_trip(spec: NetSpec) -> None:
    plan = spec.plan()
    reference = spec.build().eval()
    x = torch.randn(2, 1, 28, 28)
    for code in (sequential_code(spec), module_code(spec)):
        model = run_code(code).eval()
        assert sum(p.numel() for p in model.parameters()) == plan.params
        assert [name for name, _ in model.named_children()] == [layer.name for layer in plan.layers]
        model.load_state_dict(reference.state_dict())  # same architecture, strict keys and shapes
        with torch.no_grad():
            y = model(x)
            assert tuple(y.shape[1:]) == plan.out_shape
            torch.testing.assert_close(y, reference(x))


@pytest.mark.parametrize("name", list(PRESETS))
def test_generated_code_builds_the_preset(name, capsys):
    check_round_trip(PRESETS[name])


def _conv(kind: str, out: int, k: int, s: int, d: int, g: int, bn: bool, relu: bool) -> Block:
    """A conv-like block whose groups/dilation suit its kind (so most random stacks are valid)."""
    g = {"conv": 1, "dil": 1, "gconv": g or 2, "ds": g}[kind]
    d = {"conv": 1, "dil": d + 1}.get(kind, d)
    return Block(kind, out, k, s, padding=(d * (k - 1)) // 2, dilation=d, groups=g, bn=bn, relu=relu)


conv_block = st.builds(
    _conv, st.sampled_from(["conv", "gconv", "ds", "dil"]), st.sampled_from([4, 8, 12, 16]), st.sampled_from([1, 3, 5]),
    st.sampled_from([1, 2]), st.sampled_from([1, 2]), st.sampled_from([0, 2, 4]), st.booleans(), st.booleans(),
)
any_block = st.one_of(conv_block, conv_block, st.just(Block("maxpool", 0, 2, stride=2)), st.just(Block("gap")))


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(st.lists(any_block, min_size=1, max_size=5), st.booleans())
def test_generated_code_builds_random_valid_stacks(blocks, hidden):
    head = (Block("linear", 16, relu=True), HEAD) if hidden else (HEAD,)
    spec = NetSpec((*blocks, *head))
    assume(spec.problem() is None)
    VALID.append(spec)
    check_round_trip(spec)


VALID: list[NetSpec] = []


def test_random_stacks_were_mostly_valid():
    """Guard: the random test above really exercised many valid stacks (runs after it in file order)."""
    assert len(VALID) >= 20


def test_code_of_an_invalid_stack_raises_the_rule():
    spec = NetSpec((Block("gconv", 8, 3, groups=3), HEAD))
    with pytest.raises(SpecError, match="Block 1"):
        sequential_code(spec)


def test_code_uses_pytorch_argument_names():
    code = sequential_code(PRESETS["book_dsconv"])
    assert "nn.Conv2d(12, 12, kernel_size=3, dilation=2, groups=6)" in code
    assert "nn.Linear(1536, 10)" in code
    assert "bias=False" in sequential_code(PRESETS["dsconv_plus"])
