"""Issue 14's lessons against torch: the token DWConv, the learners' questions, the Home facts."""

from __future__ import annotations

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from dsconv.conv.arithmetic import ConvSpec, conv_cost, conv_out_len
from dsconv.lessons.catalog import lessons
from dsconv.lessons import faq, tokens
from dsconv.lessons.posts import extra_lessons
from dsconv.receptive.field import receptive_field


class PostDWConv(nn.Module):
    """The blog post's module, as printed (``dim=666`` default, ``.contiguous()`` calls)."""

    def __init__(self, dim=666):
        super().__init__()
        self.dwconv = nn.Conv2d(dim, dim, 3, 1, 1, bias=False, groups=dim)

    def forward(self, x, H, W):
        B, N, C = x.shape
        x = x.transpose(1, 2).contiguous().view(B, C, H, W).contiguous()
        x = self.dwconv(x)
        return x.flatten(2).transpose(1, 2).contiguous()


def test_token_lesson_shapes_params_and_macs_match_torch():
    lesson = tokens.token_lesson()
    assert [s.shape for s in lesson.steps] == [(2, 64, 768), (2, 768, 64), (2, 768, 8, 8), (2, 768, 8, 8),
                                               (2, 768, 64), (2, 64, 768)]
    post = PostDWConv(768)
    mine = tokens.DWConv(768)
    mine.load_state_dict(post.state_dict())
    x = torch.randn(2, 64, 768)
    with torch.no_grad():
        torch.testing.assert_close(mine(x, 8, 8), post(x, 8, 8))
    assert lesson.params == sum(p.numel() for p in post.parameters()) == 768 * 3 * 3 == 6912
    with FlopCounterMode(display=False) as counter, torch.no_grad():
        post(x, 8, 8)
    assert lesson.macs * 2 == counter.get_total_flops()
    assert lesson.weight_shape == tuple(post.dwconv.weight.shape)


def test_the_posts_default_dim_666_does_not_fit_768_channel_tokens():
    with pytest.raises(RuntimeError):
        PostDWConv()(torch.randn(2, 64, 768), 8, 8)
    assert tokens.token_lesson().code_default_dim == PostDWConv().dwconv.in_channels == 666


def test_token_grid_must_hold_every_token_and_generated_code_runs(capsys):
    with pytest.raises(ValueError, match="64"):
        tokens.token_lesson(n=64, h=8, w=7)
    exec(tokens.token_code(), {})
    assert capsys.readouterr().out.splitlines() == ["torch.Size([2, 64, 768])", "6912"]


def test_faq_answers_agree_with_the_library_and_torch():
    a = faq.answers()
    assert a.batch.batched == (1, 3, 128, 128) and a.batch.channels_batched == 3 and a.batch.second_dim_unbatched == 128
    assert a.pw_k3.pw_k1 == (10, 126, 126) == conv_cost(ConvSpec(3, 10, 1), 126).out_shape
    assert a.pw_k3.pw_k3 == (10, 124, 124) == conv_cost(ConvSpec(3, 10, 3), 126).out_shape
    assert a.dw_stride3.out == (3, 42, 42) == conv_cost(ConvSpec(3, 3, 3, stride=3, groups=3), 128).out_shape
    for d, p, out, rf in a.dilation_size.rows:
        assert out == conv_out_len(128, 3, 1, p, d) and rf == d * 2 + 1
        assert (out == 128) == (p == d)
    g = a.groups
    per_in, per_out = g.in_channels // g.groups, g.out_channels // g.groups
    assert g.seen == tuple(tuple(range(o // per_out * per_in, (o // per_out + 1) * per_in)) for o in range(g.out_channels))
    assert "divisible by groups" in g.error
    r = a.rf_figure
    assert r.sizes == (6, 4, 2) and r.rf == tuple(l.size for l in receptive_field([ConvSpec(1, 1, 3)] * 2)) == (3, 5)
    assert r.counted_pixels == r.rf[-1] ** 2 and r.top_left_span == (0, 4)
    for f in a.flops:
        assert f.flops == 2 * f.macs


def test_home_has_the_new_lessons_with_computed_numbers():
    by_key = {lesson.key: lesson for lesson in lessons()}
    assert {l.key for l in extra_lessons()} <= set(by_key)
    assert by_key["tokens"].fact("home.fact.dw_params") == 6912
    assert by_key["tokens"].fact("home.fact.tokens_out") == (2, 64, 768)
    assert by_key["example443"].fact("home.fact.output_nhwc") == "2×2×2"
    assert [by_key["famous_rf"].fact(f"home.fact.rf_{k}") for k in ("alexnet", "vgg16", "mobilenet_v1", "resnet50")] == [
        195, 212, 315, 483]
    assert by_key["faq"].fact("home.fact.faq_pw_k3") == "10×124×124"
