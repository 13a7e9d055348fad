"""FAQ page ("Seeds & FAQ" in the menu): the token DWConv, the 4x4x3 example in PyTorch and Keras, and the learners' questions."""

import streamlit as st

from ui import chrome, widgets
from dsconv.conv.arithmetic import ConvSpec
from dsconv.lessons.cards import sequence, shape
from dsconv.lessons import faq, keras_example as keras_code, tokens
from dsconv.figures.tokens import tokens_figure
from ui.faq import keras_run, page_link_keep

tr, lang = chrome.tr(), chrome.lang()
TOPICS = ("tokens", "example", *faq.QUESTIONS)

st.title(tr("faq.title"))
st.caption(tr("faq.intro"))
topic = widgets.select("topic", tr("faq.topic"), TOPICS, "tokens", widget="segmented_control", required=True,
                  format_func=lambda t: tr(f"faq.topic.{t}"))
a = faq.answers()

if topic == "tokens":
    c1, c2, c3 = st.columns(3)
    b = widgets.slider("B", "B", 1, 8, tokens.POST["B"], container=c1)
    c = widgets.select("C", "C", (64, 96, 128, 256, 320, 512, 666, 768), tokens.POST["C"], container=c2)
    hw = widgets.slider("H", "H = W", 2, 16, tokens.POST["H"], container=c3)
    t = tokens.token_lesson(b, hw * hw, c, hw, hw)
    st.table({tr("faq.col.step"): [s.code for s in t.steps], tr("faq.col.shape"): [str(s.shape) for s in t.steps]})
    st.plotly_chart(tokens_figure(t, lang, chrome.fig_height(300)), key="faq_tokens_fig")
    st.markdown(tr("faq.tokens.explain", weight=t.weight_shape, params=t.params, formula=t.params_formula, macs=t.macs,
                   pw=t.pointwise_params_if_added, code_dim=t.code_default_dim, text_dim=t.text_dim))
    st.code(tokens.token_code(b, hw * hw, c, hw, hw), language="python")
elif topic == "example":
    s = keras_code.example_shapes()
    torch_sep, keras_sep = keras_code.separable_params(ConvSpec(3, 2, 3))
    st.markdown(tr("faq.example.explain", keras_sep=keras_sep, torch_sep=torch_sep))
    left, right = st.columns(2)
    left.markdown(f"**{tr('faq.pytorch')}**")
    left.code(keras_code.example_pytorch_code(), language="python")
    left.caption(tr("faq.shapes", shapes=" → ".join(shape(*s[k]) for k in ("input", "depthwise", "pointwise"))))
    right.markdown(f"**{tr('faq.keras')}**")
    right.code(keras_code.example_keras_code(), language="python")
    st.markdown(tr("faq.example.batch_fix"))
    st.code(keras_code.example_keras_code(fixed=False), language="python")
    message = keras_run(keras_code.example_keras_code(fixed=False))
    if message is None:
        st.info(tr("faq.keras_missing"))
    else:
        st.error(tr("faq.keras_error", message=message), icon=":material/block:")
elif topic == "batch":
    x = a.batch
    st.markdown(tr("faq.batch.answer", image=x.image, batched=x.batched, channels=x.channels_batched,
                   second=x.second_dim_unbatched, unbatched=x.out_unbatched, batched_out=x.out_batched))
elif topic == "groups":
    g = a.groups
    st.markdown(tr("faq.groups.answer", error=g.error, cin=g.in_channels, cout=g.out_channels, groups=g.groups,
                   weight=g.weight_shape, per_group=g.weight_shape[1]))
    st.markdown("\n".join(f"- {tr('faq.groups.row', o=o, seen=list(seen))}" for o, seen in enumerate(g.seen)))
elif topic == "pw_k3":
    p = a.pw_k3
    st.markdown(tr("faq.pw_k3.answer", dw=shape(*p.dw_out), k1=shape(*p.pw_k1), k3=shape(*p.pw_k3), p1=p.params_k1,
                   p3=p.params_k3))
    page_link_keep("pages/cost.py", tr("faq.open_cost"), {"preset": "course"})
elif topic == "dw_stride3":
    st.markdown(tr("faq.dw_stride3.answer", formula=a.dw_stride3.formula, out=shape(*a.dw_stride3.out)))
elif topic == "dilation_size":
    st.markdown(tr("faq.dilation_size.answer"))
    st.markdown("\n".join(f"- {tr('faq.dilation_size.row', d=d, p=p, out=o, rf=rf)}" for d, p, o, rf in a.dilation_size.rows))
    page_link_keep("pages/playground.py", tr("faq.open_playground_dil"),
                      {"size": "8", "cin": "1", "cout": "1", "k": "3", "s": "1", "p": "2", "d": "2"})
elif topic == "rf_figure":
    r = a.rf_figure
    st.markdown(tr("faq.rf_figure.answer", sizes=sequence(list(r.sizes)), first=r.top_left_span[0],
                   last=r.top_left_span[1], rf=r.rf[-1], counted=r.counted_pixels, per_layer=sequence(list(r.rf))))
    page_link_keep("pages/receptive_field.py", tr("faq.open_rf"),
                      {"size": "6", "n": "2", "k1": "3", "s1": "1", "d1": "1", "p1": "0", "k2": "3", "s2": "1", "d2": "1",
                       "p2": "0"})
else:
    st.markdown(tr("faq.flops.answer"))
    st.markdown("\n".join(f"- {tr('faq.flops.row', layer=f.layer, flops=f.flops, macs=f.macs)}" for f in a.flops))
    st.code(faq.FLOPS_CODE, language="python")
