"""Paste your code: PyTorch model code in, layer table and line-named mistakes out. Read with ast, never run."""

import streamlit as st

from ui import chrome, session, tables
import dsconv.builder as B
from dsconv.conv.ledger import shape_text as shape_str
from dsconv.paste import urlcode
from dsconv.paste.checks import analyse
from dsconv.paste.examples import DEFAULT_EXAMPLE, EXAMPLES
from dsconv.paste.limits import MAX_CHARS
from dsconv.plaintext import plain
from dsconv.paste.tobuilder import to_builder

tr, lang = chrome.tr(), chrome.lang()
S = st.session_state
SHAPE_CHARS = 60


def load_example(name: str) -> None:
    """Callback: put an example's code and input shape into the editor."""
    S["paste_code"], S["paste_shape"] = EXAMPLES[name]
    S.pop("paste_url_warning", None)


session.own("paste_code")  # the editor's text is this page's own (kept while the learner visits other pages)
session.own("paste_shape")
if "paste_code" not in S:  # first run: the code and the shape come from the URL
    decoded = urlcode.decode(st.query_params.get("code"))
    default_code, default_shape = EXAMPLES[DEFAULT_EXAMPLE]
    S["paste_code"] = decoded.code if decoded.code is not None else default_code
    if decoded.why is not None:
        S["paste_url_warning"] = plain(tr("paste.url_bad", why=tr(decoded.why, **decoded.params)))
    S["paste_shape"] = str(st.query_params.get("shape", default_shape))[:SHAPE_CHARS]

st.title(tr("paste.title"))
st.caption(tr("paste.intro"))
if "paste_url_warning" in S:
    st.warning(S["paste_url_warning"], icon="⚠️")

cols = st.columns(len(EXAMPLES) + 1, vertical_alignment="bottom")
cols[0].markdown(f"**{tr('paste.examples')}**")
for col, name in zip(cols[1:], EXAMPLES):
    col.button(tr(f"paste.example.{name}"), key=f"paste_example_{name}", on_click=load_example, args=(name,),
               width="stretch")

st.html("<style>.st-key-paste_code textarea { font-family: ui-monospace, 'Source Code Pro', monospace; }"
        + (".st-key-paste_code textarea { font-size: 1.5rem !important; line-height: 1.4 !important; }"  # a projector
           if chrome.presenting() else "") + "</style>")
code = st.text_area(tr("paste.code"), key="paste_code", height=620 if chrome.presenting() else 360, max_chars=MAX_CHARS,
                    help=tr("paste.code_help", max=MAX_CHARS))
shape_text = st.text_input(tr("paste.shape"), key="paste_shape", max_chars=SHAPE_CHARS, help=tr("paste.shape_help"))

# ---- the shareable URL
packed = urlcode.encode(code)
if len(packed) <= urlcode.MAX_PARAM:
    st.query_params["code"] = packed
else:
    st.query_params.pop("code", None)
    st.warning(tr("paste.url_too_long", n=len(packed), max=urlcode.MAX_PARAM), icon="⚠️")
st.query_params["shape"] = shape_text

# ---- read it
report = analyse(code, shape_text)
st.caption(tr("paste.read_as", source=tr(f"paste.source.{report.source}")))
if report.input_from_code:
    st.info(tr("paste.input_from_code", shape=shape_str(report.input_shape), line=report.input_from_code))

st.subheader(tr("paste.mistakes"))
for f in report.level("error"):
    st.error(plain(f.message(lang)), icon=":material/error:")
for f in report.level("warning"):
    st.warning(plain(f.message(lang)), icon="⚠️")
if not report.errors and not report.level("warning"):
    st.success(tr("paste.no_mistakes"), icon=":material/check_circle:")

if report.rows:
    totals = [tr(k) for k in ("term.params", "term.macs", "paste.col.rf", "term.output_shape")]
    tables.ledger(report, "paste", "line", totals, sortable=True)
    st.caption(tr("paste.macs_note"))

notes = report.level("note")
if notes:
    with st.expander(tr("paste.notes", n=len(notes))):
        st.markdown("\n".join(f"- {plain(f.message(lang))}" for f in notes))

# ---- carry it over to the Builder
carry = to_builder(report)
if carry.spec is not None:
    if st.button(tr("paste.to_builder"), type="primary", icon=":material/construction:", key="paste_to_builder"):
        session.hand_to_builder(B.to_rows(carry.spec))
        S.pop("builder_warning", None)
        st.switch_page("pages/builder.py")
else:
    st.button(tr("paste.to_builder"), disabled=True, icon=":material/construction:", key="paste_to_builder")
    st.caption(tr("paste.to_builder_no", why=plain(carry.why.message(lang))))
