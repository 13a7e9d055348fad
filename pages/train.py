"""Train on MNIST: pick a model, epochs and a training-set size, watch loss and accuracy live."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ui import browser, chrome, session, tables, widgets
from ui.book import comparison as book_comparison
from dsconv.mnist import data
from dsconv.plaintext import plain
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


def device_kind(name: str) -> str:
    """"CPU" for a CPU run's device name (:func:`dsconv.mnist.training.device_name`), else "GPU"."""
    return "CPU" if name.startswith("CPU") else "GPU"


def device_text(name: str) -> str:
    """A device name in the page's language: "CPU <model> (1 thread)" -> "CPU <model>（1 个线程）" in 中文."""
    cpu = re.fullmatch(r"CPU (.*) \((\d+) threads?\)", name)
    if cpu is None:
        return name
    n = int(cpu[2])
    return tr("train.device_cpu", cpu=cpu[1], n=n, threads=tr("train.thread" if n == 1 else "train.threads"))


@st.cache_resource
def mnist_at(path: str) -> data.Mnist:
    """The data set, loaded once per server process."""
    return data.load_mnist(path)


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

builder_net = session.builder_net()
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
    st.error(plain(tr("train.builder_failed", reason=str(exc)[:200])))
    st.stop()

device = pick_device("auto")
st.caption(tr("train.device", device=device_text(device_name(device, classroom_threads())), params=f"{count_params(model):,}"))  # what a run uses
too_much = epochs * subset > CLASSROOM_MAX_IMAGES
if too_much:
    st.warning(tr("train.too_much", epochs=epochs, subset=f"{subset:,}", work=f"{epochs * subset:,}",
                  limit=f"{CLASSROOM_MAX_IMAGES:,}"))

# A run trains on its own worker thread (ui.session / dsconv.mnist.runs): it keeps going while the learner visits
# other pages or switches language, and this page shows its progress whenever the learner is here.
# Default run (6 epochs of all 60,000 images): seed_dsconv from scratch passes 98% after 2 epochs, 99% at the end.
# Progress (and the Stop check) every <= 10 steps: Stop is noticed within a fraction of a second.
every = min(classroom_config(epochs, subset).progress_every, 10)
config = classroom_config(epochs, subset, lr=CLASSROOM_LR if name != BUILDER else TrainConfig.lr, progress_every=every)
label = f"{label_of[name]} · {subset:,} × {epochs}" + (" · book" if recipe == "book" else "")


def train(on_progress, should_stop, model=model, recipe=recipe, config=config):
    """The run the Train button starts (on the run's worker thread)."""
    if recipe == "book":  # the book's loop as printed (dsconv.mnist.book_recipe)
        book = BookRecipe(epochs=config.epochs, subset=config.subset, threads=config.threads,
                          progress_every=config.progress_every)
        outcome, book_epochs = fit_book(model, book, mnist, on_progress=on_progress, should_stop=should_stop)
        return outcome, book_epochs[-1].last_batch_acc if book_epochs else None
    return fit(model, config, mnist, on_progress=on_progress, should_stop=should_stop), None


def start(*args) -> None:
    """Train button callback: start the run before the page is drawn (so the page already shows it running)."""
    if session.start_run(*args) is None:
        st.session_state["train_busy"] = True


run = session.collect_run()
if run is not None and run.state == "done" and st.session_state.get("train_last", {}).get("run") != id(run):
    st.session_state["train_last"] = {"run": id(run), "label": run.label, "curve": run.result.curve,
                                      "accuracy": run.result.test_accuracy, "seconds": run.result.seconds,
                                      "device": run.result.device_name, "last_batch": run.last_batch}
running = run is not None and run.running  # its thread is at work: one run per learner at a time
phase = run.phase if run is not None else None
run_col, stop_col = st.columns([1, 6])
run_col.button(tr("train.run"), type="primary", disabled=too_much or running, key="train_run", on_click=start,
               args=(label, name if name != BUILDER else "custom", model, train))
st.html("<style>[data-testid='stStatusWidget'] button { display: none !important; }</style>")  # not a second Stop
if st.session_state.pop("train_busy", False):
    st.warning(tr("train.busy"))
if phase in ("stopping", "stopped", "failed") and st.session_state.get("_train_noted") != id(run):
    st.session_state["_train_noted"] = id(run)  # said once, not on every later rerun
    if phase == "failed":
        st.error(tr("train.failed", label=run.label, reason=run.error))
    else:
        st.info(tr("train.stopped", label=run.label))
result = st.session_state.get("train_last")


@st.fragment(run_every=1.0 if running else None)
def live() -> None:
    """Stop, the progress bar and the live curves of this session's run, redrawn every second while it trains;
    when the run's phase changes (Stop pressed, finished) the whole page is drawn again."""
    now = session.current_run()
    if (now.phase if now is not None else None) != phase:
        st.rerun()
    if phase != "training":
        return
    st.button(tr("train.stop"), key="train_stop", help=tr("train.stop_help"), on_click=session.stop_run)
    shown = list(now.progress)
    if shown:
        p = shown[-1]
        rate = p.step * TrainConfig.batch_size / max(p.seconds, 1e-9)  # images/s so far (tests included)
        eta = (p.total_steps - p.step) * p.seconds / max(p.step, 1)
        st.progress(min(p.step / p.total_steps, 1.0), tr("train.progress", epoch=p.epoch, epochs=p.epochs, step=p.step,
                                                         total=p.total_steps, loss=f"{p.loss:.3f}")
                    + " · " + tr("train.live.rate", rate=rate, eta=eta))
        st.plotly_chart(training_curves(shown, chrome.lang(), chrome.fig_height(380), chrome.fig_font(14)),
                        key="train_live")
    else:
        st.progress(0.0, tr("train.starting", label=now.label))


with stop_col:
    if phase != "training":
        st.button(tr("train.stop"), key="train_stop_idle", disabled=True, help=tr("train.stop_help"))
if running:
    live()
    if phase == "training":
        st.caption(tr("train.keeps_going"))

if result and not running:
    # the final figures first (on the projector's first screen), then the curves
    a, b, c = st.columns(3)
    a.metric(tr("train.test_acc"), f"{result['accuracy']:.2%}")
    b.metric(tr("train.seconds"), f"{result['seconds']:.1f} s")
    # the kind only ("CPU" / "GPU"): a processor's full name is cut short in a metric on a projector; it is the tooltip
    c.metric(tr("train.device_used"), device_kind(result["device"]), help=device_text(result["device"]))
    st.success(tr("train.done", label=result["label"]))
    curves = training_curves(result["curve"], chrome.lang(), chrome.fig_height(380), chrome.fig_font(14))
    st.plotly_chart(curves, key="train_curves")
    browser.share(curves, key="train")
    if result.get("last_batch") is not None:
        st.caption(tr("train.book.last_batch", acc=f"{result['last_batch']:.2%}"))

st.subheader(tr("train.shipped"))
card = read_card()
if card:
    mark = lambda m: " ⁺" if is_refined(m) else ""  # noqa: E731 - the last step of a longer history
    tables.table(pd.DataFrame([
        {tr("train.col.model"): m["name"], tr("train.col.params"): f"{m['params']:,}",
         tr("train.col.macs"): f"{m['macs']:,}", tr("train.col.accuracy"): f"{m['test_accuracy']:.2%}",
         tr("train.col.epochs"): f"{m['epochs']}{mark(m)}", tr("train.col.time"): f"{m['wall_time_s']:.0f} s{mark(m)}",
         tr("train.col.time99"): "—" if m.get("time_to_99_s") is None else f"{m['time_to_99_s']:.0f} s{mark(m)}",
         tr("train.col.device"): device_text(m["device_name"]), tr("train.col.validation"): validation_text(m),
         tr("train.col.made"): tr(how_made(m)[0], **how_made(m)[1])}
        for m in card.values()
    ]))
    if any(is_refined(m) for m in card.values()):
        st.caption(tr("train.refined"))
    if any(m.get("from_scratch") for m in card.values()):
        st.caption(tr("train.made.caption"))
book_comparison(card)
st.markdown(tr("train.explain"))
