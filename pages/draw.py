"""Placeholder: this page is being built."""

import streamlit as st

import ui

tr = ui.tr()
st.title("draw")
