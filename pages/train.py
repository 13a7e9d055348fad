"""Train on MNIST: pick a model, epochs and a training-set size, watch loss and accuracy live."""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from ui import browser, chrome, tables, widgets
from ui.book import comparison as book_comparison
from dsconv.mnist import data
from dsconv.figures.train import training_curves
from dsconv.mnist.book_recipe import BookRecipe, fit_book
from dsconv.mnist.models import MODEL_NAMES, build, count_params
from dsconv.mnist.training import (
    CLASSROOM_EPOCHS, CLASSROOM_LR, CLASSROOM_MAX_IMAGES, SUBSET_CHOICES, TrainConfig, classroom_config, classroom_threads,
    device_name, fit, pick_device,
)
from dsconv.mnist.card import how_made, is_refined, read_card, validation_text

tr = chrome.tr()
BUILDER = "builder"


@st.cache_resource
def mnist_at(path: str) -> data.Mnist:
    """The data set, loaded once per server process."""
    return data.load_mnist(path)


@st.cache_resource
def run_slots() -> threading.Semaphore:
    """At most two training runs at a time on the whole server (the classroom shares its CPU)."""
    return threading.Semaphore(2)


st.title(tr("nav.train"))
st.caption(tr("train.intro"))
directory = data.find_mnist()
if directory is None:  # explain, offer the download, and stop here
    st.warning(tr("train.no_data", directory=str(data.DEFAULT_DIR)))
    st.code("\n".join(data.FILE_NAMES), language=None)
    if st.button(tr("train.download"), key="train_download"):
        bar = st.progress(0.0)
        try:
            data.ensure_mnist(data.DEFAULT_DIR, progress=lambda n, d, t: bar.progress(min(d / t, 1.0) if t else 0.0, n))
            st.rerun()
        except data.MnistError as exc:
            st.error(exc.message(chrome.lang()))
    st.stop()

try:
    mnist = mnist_at(str(directory))
except data.MnistError as exc:
    st.error(exc.message(chrome.lang()))
    st.stop()

builder_net = st.session_state.get("builder_net")
options = list(MODEL_NAMES) + ([BUILDER] if builder_net is not None else [])
label_of = {name: name for name in MODEL_NAMES} | {BUILDER: tr("train.builder_model", label=getattr(builder_net, "label", ""))}
left, mid, right = chrome.controls(tr("app.controls"), key="train_controls").columns(3)  # folded on a projector
name = widgets.select("model", tr("train.model"), options, "seed_dsconv", container=left, format_func=label_of.get)
epochs = widgets.slider("epochs", tr("train.epochs"), *CLASSROOM_EPOCHS, container=mid)
subset = widgets.select("subset", tr("train.subset"), SUBSET_CHOICES, 60_000, container=right, widget="select_slider",
                   format_func=lambda n: f"{n:,}")

recipe = widgets.select("recipe", tr("train.recipe"), ("app", "book"), "app", widget="radio", horizontal=True,
                   format_func=lambda r: tr(f"train.recipe.{r}"))

try:
    model = builder_net.build() if name == BUILDER else build(name)
except Exception as exc:  # a custom network that cannot be built
    st.error(tr("train.builder_failed", reason=str(exc)))
    st.stop()

device = pick_device("auto")
st.caption(tr("train.device", device=device_name(device, classroom_threads()), params=f"{count_params(model):,}"))  # what a run uses
too_much = epochs * subset > CLASSROOM_MAX_IMAGES
if too_much:
    st.warning(tr("train.too_much", epochs=epochs, subset=f"{subset:,}", work=f"{epochs * subset:,}",
                  limit=f"{CLASSROOM_MAX_IMAGES:,}"))

run_col, stop_col = st.columns([1, 6])
clicked = run_col.button(tr("train.run"), type="primary", disabled=too_much, key="train_run")
stop_slot = stop_col.empty()  # our one Stop: enabled only while this session's run is going
if not clicked:
    stop_slot.button(tr("train.stop"), key="train_stop_idle", disabled=True, help=tr("train.stop_help"))
st.html("<style>[data-testid='stStatusWidget'] button { display: none !important; }</style>")  # not a second Stop
interrupted = st.session_state.pop("train_running", None)  # a run that never finished: Stop (or any rerun) cut it
if interrupted:
    st.info(tr("train.stopped", label=interrupted))
bar, chart = st.empty(), st.empty()
result = st.session_state.get("train_last")

if clicked:
    if not run_slots().acquire(blocking=False):
        st.warning(tr("train.busy"))
        st.stop()
    # Default run (6 epochs of all 60,000 images): seed_dsconv from scratch passes 98% after 2 epochs, 99% at the end.
    config = classroom_config(epochs, subset, lr=CLASSROOM_LR if name != BUILDER else TrainConfig.lr)

    def show(p) -> None:
        rate = p.step * config.batch_size / max(p.seconds, 1e-9)  # images/s so far (tests included)
        eta = (p.total_steps - p.step) * p.seconds / max(p.step, 1)
        bar.progress(min(p.step / p.total_steps, 1.0), tr("train.progress", epoch=p.epoch, epochs=p.epochs,
                                                          step=p.step, total=p.total_steps, loss=f"{p.loss:.3f}")
                     + " · " + tr("train.live.rate", rate=rate, eta=eta))
        shown.append(p)
        if p.phase != "step" or len(shown) % 3 == 0:
            chart.plotly_chart(training_curves(shown, chrome.lang(), chrome.fig_height(380)), key=f"train_live_{len(shown)}")

    shown: list = []
    last_batch = None
    label = f"{label_of[name]} · {subset:,} × {epochs}" + (" · book" if recipe == "book" else "")
    stop_slot.button(tr("train.stop"), key="train_stop", help=tr("train.stop_help"))
    st.session_state["train_running"] = label  # left behind only if this run is cut short
    try:
        if recipe == "book":  # the book's loop as printed (dsconv.mnist.book_recipe)
            book = BookRecipe(epochs=epochs, subset=subset, threads=config.threads, progress_every=config.progress_every)
            outcome, book_epochs = fit_book(model, book, mnist, on_progress=show)
            last_batch = book_epochs[-1].last_batch_acc
        else:
            outcome = fit(model, config, mnist, on_progress=show)
    finally:
        run_slots().release()
    st.session_state.pop("train_running", None)
    stop_slot.button(tr("train.stop"), key="train_stop_idle", disabled=True, help=tr("train.stop_help"))
    st.session_state.setdefault("session_models", {})[label] = {
        "model": model.cpu().eval(), "accuracy": outcome.test_accuracy, "arch": name if name != BUILDER else "custom",
    }
    result = {"label": label, "curve": outcome.curve, "accuracy": outcome.test_accuracy,
              "seconds": outcome.seconds, "device": outcome.device_name, "last_batch": last_batch}
    st.session_state["train_last"] = result
    bar.empty()

if result:
    curves = training_curves(result["curve"], chrome.lang(), chrome.fig_height(380))
    chart.plotly_chart(curves, key="train_curves")
    browser.share(curves, key="train")
    a, b, c = st.columns(3)
    a.metric(tr("train.test_acc"), f"{result['accuracy']:.2%}")
    b.metric(tr("train.seconds"), f"{result['seconds']:.1f} s")
    c.metric(tr("train.device_used"), result["device"].split(" (")[0])
    if result.get("last_batch") is not None:
        st.caption(tr("train.book.last_batch", acc=f"{result['last_batch']:.2%}"))
    st.success(tr("train.done", label=result["label"]))

st.subheader(tr("train.shipped"))
card = read_card()
if card:
    mark = lambda m: " ⁺" if is_refined(m) else ""  # noqa: E731 - the last step of a longer history
    tables.table(pd.DataFrame([
        {tr("train.col.model"): m["name"], tr("train.col.params"): f"{m['params']:,}",
         tr("train.col.macs"): f"{m['macs']:,}", tr("train.col.accuracy"): f"{m['test_accuracy']:.2%}",
         tr("train.col.epochs"): f"{m['epochs']}{mark(m)}", tr("train.col.time"): f"{m['wall_time_s']:.0f} s{mark(m)}",
         tr("train.col.time99"): "—" if m.get("time_to_99_s") is None else f"{m['time_to_99_s']:.0f} s{mark(m)}",
         tr("train.col.device"): m["device_name"], tr("train.col.validation"): validation_text(m),
         tr("train.col.made"): tr(how_made(m)[0], **how_made(m)[1])}
        for m in card.values()
    ]))
    if any(is_refined(m) for m in card.values()):
        st.caption(tr("train.refined"))
    if any(m.get("from_scratch") for m in card.values()):
        st.caption(tr("train.made.caption"))
book_comparison(card)
st.markdown(tr("train.explain"))
