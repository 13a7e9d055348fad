"""The kernel-sliding stage component: SVG sized to its container, playback and linking in the browser.

Built with ``st.components.v2`` (no iframe), like the sketchpad. Python sends the stage's compact data
(:func:`dsconv.figures.stage.stage_payload`); ``stage.js`` lays it out for the space it gets, and plays,
steps, scrubs and links cells with no rerun. It returns nothing to Python.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

def compact(source: str) -> str:
    """The script without its comment lines and indentation: the component's code travels with every new
    configuration (Streamlit caches only repeated messages), so it is kept small (bytes per rerun)."""
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


@st.cache_resource
def _component():
    """Register the component once per process."""
    here = Path(__file__)  # ui/stage.js and ui/stage.css beside this file
    js = compact(here.with_suffix(".js").read_text(encoding="utf-8"))
    css = here.with_suffix(".css").read_text(encoding="utf-8")
    return st.components.v2.component("dsconv_stage", js=js, css=css)


def stage(payload: dict, *, key: str, present: bool = False, picture: bool = False) -> None:
    """Mount the stage; in presentation mode and the picture view its keys work page-wide (clickers)."""
    _component()(key=key, data={**payload, "present": present, "picture": picture, "autoplay": picture},
                 height="content")
