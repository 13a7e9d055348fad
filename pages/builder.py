"""Model builder: stack blocks, read the layer table and the PyTorch code, hand the net to the Train page."""

import pandas as pd
import streamlit as st

from ui import chrome, session, tables, widgets
import dsconv.builder as B
from dsconv.conv.arithmetic import SpecError
from dsconv.builder.code import module_code, net_keras_code, sequential_code
from dsconv.plaintext import plain

tr = chrome.tr()
S = st.session_state


def load(rows: list[dict]) -> None:
    """Callback: start a new editor generation from ``rows`` (presets, moves, language switch)."""
    S["builder_base"] = rows
    S["builder_gen"] = S.get("builder_gen", 0) + 1
    S.pop("builder_warning", None)


def move(delta: int) -> None:
    """Callback: move the selected block up (-1) or down (+1)."""
    rows = list(S["builder_rows"])
    chosen = S.get("builder_move")
    i = min(max((chosen if isinstance(chosen, int) else 1) - 1, 0), len(rows) - 1)
    j = min(max(i + delta, 0), len(rows) - 1)
    rows[i], rows[j] = rows[j], rows[i]
    S["builder_move"] = j + 1
    load(rows)


# arriving with ?net= or ?preset= (a lesson or a shared link), or a first visit: the stack comes from the URL;
# arriving from Paste (a hand-off) or back from another page: the stack the learner left
if session.fresh_arrival("builder") and (session.BUILDER_ROWS not in S or "net" in st.query_params
                                         or "preset" in st.query_params):
    loaded = B.from_url(st.query_params.get("net"), st.query_params.get("preset"))
    load(B.to_rows(loaded.spec))
    if loaded.warning:
        S["builder_warning"] = (loaded.warning, loaded.params, loaded.spec)
if S.get("builder_lang", chrome.lang()) != chrome.lang():  # column labels changed: rebuild the editor
    load(S["builder_rows"])
S["builder_lang"] = chrome.lang()

st.title(tr("builder.title"))
st.caption(tr("builder.intro"))
if "builder_warning" in S:
    key, params, _ = S["builder_warning"]
    st.warning(plain(tr(key, **{**params, "preset": tr(f"builder.preset.{params['preset']}")})), icon="⚠️")

cols = st.columns(len(B.PRESET_NAMES) + 1, vertical_alignment="bottom")
cols[0].markdown(f"**{tr('builder.presets')}**")
for col, name in zip(cols[1:], B.PRESET_NAMES):
    col.button(tr(f"builder.preset.{name}"), key=f"builder_preset_{name}", on_click=load,
               args=(B.to_rows(B.PRESETS[name]),), width="stretch")

# ---- the blocks


def header_width(label: str) -> int:
    """Pixels for a column whose header must show whole ("out_channels", not "out_chan…"); CJK characters are wider."""
    return 34 + sum(15 if ord(ch) > 0x2E80 else 8 for ch in label)


defaults = {"out_channels": 16, "kernel_size": 3, "stride": 1, "padding": 1, "dilation": 1, "groups": 1}
num = {name: st.column_config.NumberColumn(name, min_value=lo, max_value=hi, step=1, default=defaults[name],
                                           help=f"{tr(f'param.{name}')}: {tr(f'builder.col.{name}_help')}",
                                           width=header_width(name))
       for name, (lo, hi) in B.LIMITS.items()}
config = {
    "kind": st.column_config.SelectboxColumn(tr("builder.col.kind"), options=B.KINDS, default="conv", required=True,
                                             format_func=lambda k: tr(f"builder.kind.{k}"), width="medium"),
    **num,
    "bn": st.column_config.CheckboxColumn(tr("builder.col.bn"), default=False, width=header_width(tr("builder.col.bn"))),
    "relu": st.column_config.CheckboxColumn(tr("builder.col.relu"), default=True,
                                            width=header_width(tr("builder.col.relu"))),
}
base = pd.DataFrame(S["builder_base"], columns=list(B.ROW_FIELDS))
base = base.astype({name: "Int64" for name in B.FIELDS} | {"bn": bool, "relu": bool, "kind": object})
st.markdown(f"**{tr('builder.blocks')}**", help=tr("builder.blocks_help"))
large = st.empty()  # presentation: the class reads a large table; the (canvas-drawn, small) editor is folded
editor = st.expander(tr("builder.edit"), icon=":material/edit:") if chrome.presenting() else st.container()
edited = editor.data_editor(base, key=f"builder_editor_{S['builder_gen']}", num_rows="dynamic", column_config=config,
                        hide_index=True, width="stretch", placeholder="")
S["builder_rows"] = rows = edited.to_dict("records")
if chrome.presenting():
    tables.table(edited.assign(kind=edited["kind"].map(lambda k: tr(f"builder.kind.{k}") if isinstance(k, str) else ""),
                           bn=edited["bn"].map(lambda v: "✓" if v is True else ""),
                           relu=edited["relu"].map(lambda v: "✓" if v is True else ""))
             .rename(columns={"kind": tr("builder.col.kind"), "bn": tr("builder.col.bn"), "relu": tr("builder.col.relu")}),
             container=large)

if rows:
    m1, m2, m3, _ = st.columns([2, 1, 1, 4], vertical_alignment="bottom")
    if S.get("builder_move", 1) > len(rows):
        S["builder_move"] = len(rows)
    widgets.choice("builder_move", tr("builder.move"), range(1, len(rows) + 1), container=m1,
              format_func=lambda i: f"{i}: {tr('builder.kind.' + str(rows[i - 1]['kind']))}")
    m2.button(tr("builder.up"), icon=":material/arrow_upward:", on_click=move, args=(-1,), width="stretch")
    m3.button(tr("builder.down"), icon=":material/arrow_downward:", on_click=move, args=(1,), width="stretch")

# ---- the verdict and the table
try:
    spec = B.from_rows(rows)
    result = spec.plan()
    error = result.error
except SpecError as exc:
    spec, result, error = None, B.Plan(()), exc
if spec is not None:
    if spec.blocks:
        st.query_params["net"] = spec.encode()
    else:
        st.query_params.pop("net", None)
    if spec.preset:
        st.query_params["preset"] = spec.preset
    else:
        st.query_params.pop("preset", None)
    if "builder_warning" in S and spec != S["builder_warning"][2]:  # edited away from the fallback
        S.pop("builder_warning")

if error is not None:
    st.error(plain(error.message(chrome.lang())), icon=":material/error:")
else:
    st.success(tr("builder.valid"), icon=":material/check_circle:")
totals = None if isinstance(error, B.BlockError) else [tr(f"builder.metric.{m}") for m in ("params", "macs", "rf", "out")]
tables.ledger(result, "builder", "block", totals)  # no totals for a partial stack: they would mislead

# ---- code and training
if error is None:
    st.subheader(tr("builder.code"))
    tab_seq, tab_mod, tab_keras = st.tabs([tr("builder.code_sequential"), tr("builder.code_module"), tr("code.keras")])
    tab_seq.code(sequential_code(spec), language="python")
    tab_mod.code(module_code(spec), language="python")
    tab_keras.code(net_keras_code(spec), language="python")
    tab_keras.caption(tr("code.keras_note"))
if st.button(tr("builder.train"), type="primary", icon=":material/model_training:", disabled=error is not None,
             help=tr("builder.train_help"), key="builder_train"):
    session.hand_to_train(spec)
    st.switch_page("pages/train.py", query_params={"model": "builder"})

st.markdown(tr("builder.explain"))
st.latex(r"\text{params}_{DS} = C_{in} k^2 + C_{in} C_{out}"
         r"\quad\text{vs}\quad C_{in} C_{out} k^2")
