"""Draw a digit: canvas -> MNIST-style preprocessing -> prediction, feature maps of every conv layer, saliency."""

import streamlit as st

from ui import browser, chrome, session, tables, widgets
from dsconv.datadirs import assets_dir
from dsconv.mnist import inference
from dsconv.handwriting.preprocess import preprocess
from dsconv.handwriting import checks
from dsconv.figures import digits as figs
from dsconv.mnist.models import MODEL_NAMES
from dsconv.mnist.weights import WeightsError, load_weights
from ui.export import download_figure
from ui.sketchpad import canvas_image, sketchpad

tr = chrome.tr()


@st.cache_resource(show_spinner=False)
def builtin_model(name: str, assets_dir: str):
    """A shipped model, loaded once per process (failures are not cached, so files that appear later are picked up)."""
    return load_weights(name, assets_dir)


def available_models() -> tuple[dict, dict, list[str]]:
    """label -> model and label -> cost for every usable model, and one error message per unusable one."""
    models, costs, errors = {}, {}, []
    for name in MODEL_NAMES:
        try:
            models[name] = builtin_model(name, str(assets_dir()))
        except WeightsError as exc:
            errors.append(tr("draw.weights_error", model=name, reason=exc.message(chrome.lang())))
    for label, entry in session.session_models().items():
        models[label] = entry.model
    for label, model in list(models.items()):
        try:
            costs[label] = inference.model_cost(model)  # memoised per model object
        except RuntimeError as exc:  # e.g. a session model that does not take 1x28x28 input
            errors.append(tr("draw.model_failed", model=label, reason=str(exc).splitlines()[0]))
            del models[label]
    return models, costs, errors


_run = session.current_run()


@st.fragment(run_every=2.0 if _run is not None and _run.running else None)
def training_note() -> None:
    """While this learner's run trains on the Train page, say so; redraw the page the moment it is done."""
    run = session.current_run()
    if run is None:
        return
    if run.running:
        seen = list(run.progress)
        pct = seen[-1].step / seen[-1].total_steps if seen else 0.0
        st.info(tr("draw.run_in_progress", label=run.label, pct=pct), icon=":material/model_training:")
        st.session_state["_draw_waiting"] = run.label
    elif st.session_state.pop("_draw_waiting", None) == run.label:
        st.rerun()  # finished while this page was open: offer its model now
    elif run.state == "done" and st.session_state.get("model") != run.label:
        st.success(tr("draw.run_ready", label=run.label), icon=":material/model_training:")


st.title(tr("draw.title"))
st.caption(tr("draw.intro"))
models, costs, errors = available_models()
for message in errors:
    st.error(message, icon=":material/error:")

session_labels = list(session.session_models())
present = chrome.presenting()
canvas_col, result_col = st.columns([3, 2], gap="medium")
with canvas_col:  # on a phone the canvas comes right under the title; the controls follow it
    pad = st.container()
    st.caption(tr("draw.canvas_help"))
    left, mid = st.columns([1, 1])
choice = widgets.select(
    "model",
    tr("draw.model"),
    list(MODEL_NAMES) + session_labels,
    "seed_dsconv",
    container=left,
    format_func=lambda o: tr("draw.model_session", label=o) if o in session_labels else o,
)
stroke = widgets.slider("stroke", tr("draw.stroke_width"), 6, 40, 20, container=mid)

# The canvas never moves under the finger: nothing above it changes while drawing. The prediction and any warning
# go beside it (wide screens) or below it (phones stack the columns); a run in progress is reported there too.
with pad:
    # phones: the columns stack, so the prediction is also written on one line of fixed height above the canvas
    st.html("<style>.st-key-draw_phone_verdict { display: none !important; } @media (max-width: 640px) {"
            " .st-key-draw_phone_verdict { display: block !important; height: 2.2rem; overflow: hidden; } }</style>")
    phone_line = st.empty()
    strokes = sketchpad("canvas", stroke, tr("draw.undo"), tr("draw.clear"), max_side=900 if present else 280,
                        initial=session.drawing(), screen=0.62 if present else 0.0, big=present)
session.keep_drawing(strokes)  # kept while the learner visits other pages
verdict_box = result_col.container()

image = canvas_image(strokes)
pre = preprocess(image) if image is not None else None
model = models.get(choice)
reason = pre.not_digit if pre is not None and not pre.empty and not pre.overfull else None
ready = pre is not None and not pre.empty and model is not None and reason is None

analysis = None
if ready:
    try:
        analysis = inference.analyse(model, pre.tensor(), models, costs)
    except RuntimeError as exc:  # e.g. a session model that does not take 1x28x28 input
        st.error(tr("draw.model_failed", model=choice, reason=str(exc).splitlines()[0]), icon=":material/error:")

with verdict_box:
    if pre is None or pre.empty:
        st.info(tr("draw.hint"), icon=":material/draw:")
    elif reason is not None:
        shape = pre.shape
        detail = {
            "too_little": {"side": shape.side, "limit": checks.MIN_SIDE_FRACTION},
            "dot": {"ratio": shape.side / shape.pen, "limit": checks.DOT_RATIO},
            "line": {"tilt": shape.tilt, "limit": checks.LINE_MAX_TILT},
            "scribble": {"ratio": shape.length / max(shape.side, 1e-9), "limit": checks.SCRIBBLE_LENGTH},
        }[reason]
        st.warning(tr(f"draw.not_digit.{reason}", **detail), icon=":material/block:")
    elif model is None:
        st.warning(tr("draw.no_model"), icon=":material/block:")
    elif analysis is not None:
        pred = analysis.prediction
        verdict_line = f"**{tr('draw.prediction')}: {pred.digit}** · {tr('draw.confidence')} {pred.confidence:.1%}"
        m1, m2 = st.columns(2)
        m1.metric(tr("draw.prediction"), str(pred.digit))
        m2.metric(tr("draw.confidence"), f"{pred.confidence:.1%}")
        if pre.overfull:
            st.warning(tr("draw.too_much_ink", ink=pre.ink), icon=":material/format_color_fill:")
        if pred.low_confidence:
            st.warning(tr("draw.low_confidence", confidence=pred.confidence, threshold=inference.LOW_CONFIDENCE))
    if pre is not None and not pre.empty and reason is None and pre.pen_hint is not None:
        st.info(tr(f"draw.pen_{pre.pen_hint}", ratio=pre.shape.pen_ratio), icon=":material/edit:")

with phone_line.container(key="draw_phone_verdict"):  # always one line, so its height never changes
    st.markdown(verdict_line if analysis is not None else f"**{tr('draw.prediction')}:** —")
with result_col:
    training_note()
    if analysis is not None:
        st.plotly_chart(figs.probability_bars(analysis.prediction, chrome.lang(), chrome.fig_height(260), chrome.fig_font(13)),
                        key="probs")

if pre is not None and not pre.empty:
    st.subheader(tr("draw.steps"))
    steps = figs.step_images(pre)
    st.html("<style>.st-key-draw_steps img { max-width: 100% !important; height: auto !important; }</style>")
    with st.container(key="draw_steps"):  # the strip fits a tablet: each picture shrinks to its column
        for col, (key, img) in zip(st.columns(len(steps)), steps):
            col.image(img, caption=tr(key), width=chrome.fig_height(112))
    st.caption(tr("draw.steps_explain"))

if analysis is not None:
    # On a projector the enlarged comparison table needs the full width (side by side it scrolled sideways).
    sal_col, cmp_col = (st.container(), st.container()) if chrome.presenting() else st.columns([1, 1], gap="large")
    with sal_col:
        st.subheader(tr("draw.saliency"))
        st.plotly_chart(figs.saliency_overlay(pre.centred, analysis.saliency, chrome.lang(), chrome.fig_height(280), chrome.fig_font(12)), key="saliency")
        st.caption(tr("draw.saliency_explain"))
    with cmp_col:
        st.subheader(tr("draw.compare"))
        tables.data(figs.comparison_frame(analysis.comparison, chrome.lang()), key="draw_compare")
        st.caption(tr("draw.compare_explain"))

    st.subheader(tr("draw.activations"))
    act_fig = figs.activation_grid(analysis.activations, chrome.lang(), font=chrome.fig_font(12))
    st.plotly_chart(act_fig, key="activations")
    download_figure(act_fig, f"activations_{choice}", key="dl_activations")
    browser.share(act_fig, key="draw")
    st.caption(tr("draw.activations_explain"))
    st.markdown(tr("draw.formula"))
