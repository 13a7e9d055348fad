"""The paste reader's table equals what torch reports when the same code is executed (here, in the test only).

Every supported example: the seeds' code (the book's MnistNetword in 5.2 and 5.3.4, the course lesson and the
learners' code in its comment section), the Builder's generated code for every preset, and the page's own
examples. Executing is done HERE, under a global forward hook and FlopCounterMode; the app never executes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

import dsconv.builder as B
from dsconv.builder.code import module_code, sequential_code
from dsconv.paste.checks import Report, analyse
from dsconv.paste.examples import EXAMPLES
from dsconv.paste.tobuilder import to_builder

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"


@dataclass(frozen=True)
class Call:
    cls: str
    out_shape: tuple[int, ...]
    params: int
    macs: int


def run_in_torch(code: str, driver: str = "") -> tuple[list[Call], int]:
    """Execute ``code`` + ``driver``; every leaf module call with its output shape, params and MACs; total MACs.

    One FlopCounterMode counts the whole run; a leaf module's MACs are the growth of its total during the call.
    """
    calls: list[Call] = []
    counter = FlopCounterMode(display=False)
    started: list[int] = []

    def leaf(module: nn.Module) -> bool:
        return not any(True for _ in module.children())

    def before(module: nn.Module, args: tuple) -> None:
        if leaf(module):
            started.append(counter.get_total_flops())

    def after(module: nn.Module, args: tuple, output: torch.Tensor) -> None:
        if leaf(module):
            calls.append(Call(type(module).__name__, tuple(output.shape), sum(p.numel() for p in module.parameters()),
                              (counter.get_total_flops() - started.pop()) // 2))

    handles = [nn.modules.module.register_module_forward_pre_hook(before),
               nn.modules.module.register_module_forward_hook(after)]
    try:
        with torch.no_grad(), counter:
            exec(compile(code + "\n" + driver, "<paste>", "exec"), {"torch": torch, "nn": nn})  # noqa: S102 (test only)
    finally:
        for handle in handles:
            handle.remove()
    return calls, counter.get_total_flops() // 2


def assert_table_matches_torch(report: Report, code: str, driver: str = "") -> None:
    assert report.complete and not report.errors, [f.message() for f in report.errors]
    calls, total = run_in_torch(code, driver)
    ours = [Call(r.type.removeprefix("nn."), r.out_shape, r.params, r.macs) for r in report.rows if r.module]
    assert ours == calls
    assert report.macs == total
    assert report.out_shape == report.rows[-1].out_shape


# ---------------------------------------------------------------- the seeds' code


def seed_text(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"), None)
    if path is None:
        pytest.skip("seed texts not found")
    return path.read_text(encoding="utf-8")


def python_blocks(name: str) -> list[str]:
    return re.findall(r"```(?:python|plain)\n(.*?)```", seed_text(name), re.S)


def comment_codes() -> list[str]:
    """The learners' code in the course's comment section (HTML), Python lines only."""
    text = seed_text("002")
    codes = []
    for item in re.findall(r"<p>(.*?)</p>", text, re.S):
        body = html.unescape(item)
        if "nn.Conv2d" in body or "torch.nn.Conv2d" in body:
            lines = [ln for ln in body.splitlines() if not re.search(r"[\u3000-\u303f\uff00-\uffef]", ln.split("#")[0])]
            codes.append("\n".join(lines))
    return codes


def book_model_blocks() -> list[tuple[str, str]]:
    """(id, code) of every book block defining MnistNetword, cut before its training loop (data files)."""
    found = []
    for seed in ("000", "001"):
        for i, block in enumerate(python_blocks(seed)):
            if "class MnistNetword" in block:
                cut = block.split("device = ")[0]
                cut = "\n".join(ln for ln in cut.splitlines() if not any(s in ln for s in ("np.load", "x_train", "torch.save")))
                found.append((f"{seed}-{i}", cut))
    return found


def test_book_blocks_are_found():
    assert len(book_model_blocks()) >= 3


@pytest.mark.parametrize("index", range(4))
def test_book_mnist_networks_match_torch(index):
    blocks = book_model_blocks()
    if index >= len(blocks):
        pytest.skip("fewer book blocks")
    pytest.importorskip("einops")
    _, code = blocks[index]
    report = analyse(code, "1×1×28×28")
    assert report.source == "class"
    assert report.rows[-1].type == "nn.Linear" and report.out_shape == (1, 10)
    assert_table_matches_torch(report, code, "MnistNetword()(torch.zeros(1, 1, 28, 28))")


def test_book_in_features_1536_is_what_the_flatten_gives():
    _, code = book_model_blocks()[0]
    wrong = code.replace("in_features=1536", "in_features=1000")
    report = analyse(wrong, "1×1×28×28")
    (err,) = report.errors
    assert "in_features = 1000" in err.message() and "6·16·16 = 1536" in err.message()
    assert "in_features=1536" in err.message("zh")
    with pytest.raises(RuntimeError, match="1536"):  # torch agrees: the shapes cannot be multiplied
        run_in_torch(wrong, "MnistNetword()(torch.zeros(1, 1, 28, 28))")


def test_book_parameter_example_sequential_matches_torch():
    block = next(b for b in python_blocks("000") if "depthwise_separable_conv = torch.nn.Sequential" in b
                 and "class" not in b)
    report = analyse(block, "1×3×28×28")
    assert report.source == "sequential"
    assert_table_matches_torch(report, block, "depthwise_separable_conv(torch.zeros(1, 3, 28, 28))")


def test_course_lesson_code_matches_torch():
    dw_block = next(b for b in python_blocks("002") if "dw = nn.Conv2d" in b)
    pw_block = next(b for b in python_blocks("002") if "pw = nn.Conv2d" in b)
    code = dw_block + "\n" + pw_block
    report = analyse(code)
    assert report.source == "flow" and report.input_shape == (1, 3, 5, 5)
    assert report.out_shape == (1, 4, 3, 3)
    assert_table_matches_torch(report, code)


def test_every_comment_code_matches_torch_or_names_the_line_torch_fails_on():
    codes = comment_codes()
    assert len(codes) >= 6
    checked = 0
    for code in codes:
        report = analyse(code)
        try:
            run_in_torch(code)
        except NameError as exc:  # the learner used a name never assigned (kernel_size_pw)
            name = re.search(r"'(\w+)'", str(exc)).group(1)
            (err,) = report.errors
            line = next(i for i, ln in enumerate(code.splitlines(), 1) if name in ln and "nn.Conv2d" in ln)
            assert err.line == line and f"'{name}'" in err.message()
            continue
        assert_table_matches_torch(report, code)
        checked += 1
    assert checked >= 5


def test_course_comment_mistakes_are_named_with_their_lines():
    codes = comment_codes()
    slips = next(c for c in codes if "stride=(3,3)" in c)
    report = analyse(slips)
    line = next(i for i, ln in enumerate(slips.splitlines(), 1) if "stride=(3,3)" in ln)
    keys = {(f.key, f.line) for f in report.findings}
    assert ("paste.warn.stride_shrinks", line) in keys and ("paste.warn.stride_drops", line) in keys
    assert "128×128 map to 42×42" in next(f for f in report.findings if f.key == "paste.warn.stride_shrinks").message()
    pw3 = next(c for c in codes if "kernel_size_pw = 3" in c)
    report = analyse(pw3)
    (warn,) = [f for f in report.findings if f.key == "paste.warn.pointwise_kernel"]
    assert warn.line == next(i for i, ln in enumerate(pw3.splitlines(), 1) if ln.startswith("pw = "))
    assert report.out_shape == (1, 10, 124, 124)


# ---------------------------------------------------------------- the Builder's generated code


@pytest.mark.parametrize("preset", B.PRESET_NAMES)
def test_builder_sequential_code_matches_torch_and_carries_back(preset):
    spec = B.PRESETS[preset]
    code = sequential_code(spec)
    report = analyse(code)
    assert report.source == "flow" and report.input_shape == (2, 1, 28, 28)
    assert_table_matches_torch(report, code)
    assert to_builder(report).spec == spec
    plan = spec.plan()
    assert [r.rf for r in report.rows] == [layer.rf for layer in plan.layers]


@pytest.mark.parametrize("preset", B.PRESET_NAMES)
def test_builder_module_code_matches_torch_and_carries_back(preset):
    spec = B.PRESETS[preset]
    code = module_code(spec)
    report = analyse(code, "1×1×28×28")
    assert report.source == "class"
    assert_table_matches_torch(report, code, "model(torch.zeros(1, 1, 28, 28))")
    assert to_builder(report).spec == spec


# ---------------------------------------------------------------- the page's examples

DRIVERS = {
    "book_cnn": "model(torch.zeros(1, 1, 28, 28))",
    "course": "",
    "course_slips": "",
    "sequential": "model(torch.zeros(1, 1, 28, 28))",
}


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_page_examples_match_torch(name):
    code, shape = EXAMPLES[name]
    report = analyse(code, shape)
    if name == "course_slips":  # the unbatched input: torch drops the batch dimension, the table keeps 1
        calls, total = run_in_torch(code)
        assert [(c.cls, (1, *c.out_shape), c.params, c.macs) for c in calls] == [
            (r.type.removeprefix("nn."), r.out_shape, r.params, r.macs) for r in report.rows]
        assert report.macs == total
        return
    assert_table_matches_torch(report, code, DRIVERS[name])


def test_receptive_field_column_equals_the_gradient_footprint():
    """Ones for weights: the input pixels one output pixel depends on (nonzero gradient) span the RF column."""
    code, shape = EXAMPLES["book_cnn"]
    report = analyse(code, shape)
    ns: dict = {"torch": torch, "nn": nn}
    exec(compile(code, "<paste>", "exec"), ns)  # noqa: S102 (test only)
    features = ns["model"].features
    for m in features.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
    for depth, row in zip(range(1, len(features) + 1), report.rows):
        x = torch.ones(1, 1, 28, 28, requires_grad=True)
        out = features[:depth](x)
        out[0, 0, out.shape[2] // 2, out.shape[3] // 2].backward()
        rows_hit = (x.grad[0, 0].abs().sum(1) > 0).nonzero()
        assert rows_hit.max() - rows_hit.min() + 1 == row.rf, row


# ---------------------------------------------------------------- mistakes named with their lines


def test_groups_not_dividing_is_an_error_naming_the_line_and_the_numbers():
    code = "import torch.nn as nn\nconv = nn.Conv2d(3, 3, 3, groups=4)\n"
    report = analyse(code, "1×3×28×28")
    (err,) = report.errors
    assert err.line == 2 and "groups must divide in_channels (3) and out_channels (3)" in err.message()
    with pytest.raises(ValueError, match="groups"):
        nn.Conv2d(3, 3, 3, groups=4)


def test_depthwise_named_conv_with_wrong_groups_is_warned():
    report = analyse(EXAMPLES["course_slips"][0])
    (warn,) = [f for f in report.findings if f.key == "paste.warn.depthwise_standard"]
    assert warn.line == 8 and "groups=3" in warn.message()


def test_no_batch_dimension_is_warned_with_the_fix():
    report = analyse(EXAMPLES["course_slips"][0])
    (warn,) = [f for f in report.findings if f.key == "paste.warn.no_batch"]
    assert warn.line == 4 and "1×3×128×128" in warn.message() and ".unsqueeze(0)" in warn.message()
    report = analyse("import torch.nn as nn\nnn.Conv2d(3, 8, 3)\n", "3×32×32")
    assert any(f.key == "paste.warn.no_batch" for f in report.findings)


def test_in_channels_mismatch_names_both_numbers():
    code = "import torch.nn as nn\na = nn.Conv2d(3, 8, 3)\nb = nn.Conv2d(16, 8, 3)\n"
    (err,) = analyse(code, "1×3×28×28").errors
    assert err.line == 3 and "in_channels = 16" in err.message() and "has 8 channels" in err.message()


def test_positional_keyword_tuple_and_name_forms_agree():
    forms = [
        "nn.Conv2d(4, 8, 3, 2, 1, 1, 2, False)",
        "nn.Conv2d(in_channels=4, out_channels=8, kernel_size=(3, 3), stride=(2, 2), padding=1, groups=2, bias=False)",
        "k = 3\ns = 2\nnn.Conv2d(4, 2 * 4, k, stride=s, padding=(1, 1), dilation=1, groups=4 // 2, bias=False)",
    ]
    tables = [analyse("import torch.nn as nn\n" + f, "1×4×15×15").rows for f in forms]
    assert all(len(t) == 1 for t in tables)
    assert tables[0][0].spec == tables[1][0].spec == tables[2][0].spec
    assert tables[0][0].out_shape == tuple(nn.Conv2d(4, 8, 3, 2, 1, groups=2)(torch.zeros(1, 4, 15, 15)).shape)


def test_non_square_kernel_is_a_clear_message():
    (err,) = analyse("import torch.nn as nn\nnn.Conv2d(3, 8, (3, 5))\n", "1×3×28×28").errors
    assert err.line == 2 and "(3, 5) is not square" in err.message()


def test_builder_carry_reasons():
    report = analyse(EXAMPLES["course"][0])
    assert "1×28×28" in to_builder(report).why.message()
    report = analyse("import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(1, 8, 3), nn.Dropout(), nn.Flatten(),"
                     " nn.Linear(8 * 26 * 26, 10))\n")
    assert "nn.Dropout" in to_builder(report).why.message()
    report = analyse(EXAMPLES["book_cnn"][0])  # the book has no ReLU after its third conv (the preset does)
    spec = to_builder(report).spec
    assert spec is not None and [b.kind for b in spec.blocks] == ["conv", "conv", "conv", "linear"]
    assert not spec.blocks[2].relu and (spec.plan().params, spec.plan().macs) == (report.params, report.macs)


# ---------------------------------------------------------------- random networks: torch is the judge


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def random_net(draw):
    """An nn.Sequential of 1-4 convs (random arguments, positional or keyword), maybe a pool, a flatten, a Linear."""
    c = draw(st.integers(1, 6))
    size = draw(st.integers(3, 20))
    lines, cin = [], c
    for _ in range(draw(st.integers(1, 4))):
        groups = draw(st.sampled_from([1, 1, 2, 3, cin]))
        cout = draw(st.integers(1, 8)) * (groups if draw(st.booleans()) else 1)
        k, s, p, d = (draw(st.integers(1, 5)), draw(st.integers(1, 3)), draw(st.integers(0, 2)), draw(st.integers(1, 3)))
        bias = draw(st.booleans())
        if draw(st.booleans()):
            lines.append(f"nn.Conv2d({cin}, {cout}, {k}, {s}, {p}, {d}, {groups}, {bias})")
        else:
            lines.append(f"nn.Conv2d(in_channels={cin}, out_channels={cout}, kernel_size=({k}, {k}), "
                         f"stride=({s}, {s}), padding={p}, dilation={d}, groups={groups}, bias={bias})")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["nn.ReLU()", f"nn.BatchNorm2d({cout})", "nn.MaxPool2d(2)"])))
        cin = cout
    if draw(st.booleans()):
        lines += ["nn.Flatten()", f"nn.Linear({draw(st.integers(1, 400))}, 10)"]
    body = ",\n    ".join(lines)
    return f"import torch.nn as nn\nmodel = nn.Sequential(\n    {body},\n)\n", (1, c, size, size)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_net())
def test_random_sequentials_agree_with_torch(net):
    code, shape = net
    report = analyse(code, "×".join(map(str, shape)))
    try:
        calls, total = run_in_torch(code, f"model.eval()(torch.zeros{shape})")
    except (RuntimeError, ValueError) as exc:  # torch refuses: the reader must name an error too
        assert report.errors, (code, str(exc))
        return
    assert not report.errors, (code, [e.message() for e in report.errors])
    ours = [Call(r.type.removeprefix("nn."), r.out_shape, r.params, r.macs) for r in report.rows if r.module]
    assert ours == calls and report.macs == total


@pytest.mark.parametrize("dilation", [0, -1, -3])
def test_maxpool_dilation_below_one_is_a_clear_message(dilation):
    code = f"import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(1, 4, 3), nn.MaxPool2d(2, dilation={dilation}))"
    report = analyse(code, "1x1x28x28")
    err = report.errors[0]
    assert err.line == 2 and f"dilation must be ≥ 1 (got {dilation})" in err.message()
    with pytest.raises(RuntimeError):  # torch agrees: the layer cannot run
        import torch
        torch.nn.MaxPool2d(2, dilation=dilation)(torch.zeros(1, 4, 26, 26))
