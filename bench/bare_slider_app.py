"""The floor for bench/stage.py: a bare Streamlit slider and the text it drives (run with ``streamlit run``)."""

import streamlit as st

value = st.slider("bare", 0, 100, 50, key="bare")
st.write(f"value = {value}")
